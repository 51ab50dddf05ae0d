"""`pip install edaran` from a built wheel works like the checkout: the classifier model, the
lexicons and every module are in the wheel; the seeds give the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_runs_the_seeds(tmp_path: Path, seed_run: Path) -> None:
    # 1. build (no network: the setuptools of this environment, no dependencies)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("edaran-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for pkg in ("pipeline", "extractors"):
        for f in (ROOT / pkg).rglob("*.py"):
            if "__pycache__" not in f.parts and f.name != "build_regions.py":
                assert str(f.relative_to(ROOT)) in names, f"{f.relative_to(ROOT)} is not in the wheel"
    for f in (ROOT / "models").rglob("*"):
        if f.is_file():
            assert f"edaran_models/{f.relative_to(ROOT / 'models')}" in names
    assert {f"extractors/lexicons/{f.name}" for f in (ROOT / "extractors/lexicons").glob("*.json*")} <= names
    assert not any(n.startswith(("tests/", "corpus/", "annotations/")) for n in names)

    # 2. a fresh venv with the wheel alone (--no-deps); the dependencies come from this
    #    environment's site-packages, appended after the venv's own (offline and fast)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "_shared_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                   check=True)

    # 3. run the seeds from somewhere that is not the checkout
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for f in (ROOT / "corpus" / "seeds").iterdir():
        (corpus / f.name).write_bytes(f.read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    code = "import pipeline, pipeline.ml.classify as c; print(pipeline.__file__); print(c.DEFAULT_MODEL_DIR)"
    where = subprocess.run([py, "-c", code],
                           check=True, capture_output=True, text=True, cwd=tmp_path, env=env).stdout.split()
    assert all(Path(p).is_relative_to(env_dir) for p in where), where  # not the checkout
    assert where[1].endswith("edaran_models/policy-textcat")
    res = subprocess.run([env_dir / "bin" / "edaran", "run", str(corpus), "--out", str(tmp_path / "out")],
                         check=False, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tmp_path / "out" / "records.jsonl").read_text() == (seed_run / "records.jsonl").read_text()
    docs = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert [d["status"] for d in docs] == ["ok"] * 5
    version = subprocess.run([env_dir / "bin" / "edaran", "--version"], check=False, capture_output=True, text=True,
                             cwd=tmp_path, env=env)
    assert version.stdout.strip().startswith("edaran ") and "unknown" not in version.stdout
    codebook = subprocess.run([env_dir / "bin" / "edaran", "codebook"], check=False, capture_output=True, text=True,
                              cwd=tmp_path, env=env)
    assert codebook.stdout == (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
