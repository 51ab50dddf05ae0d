"""``edaran plot``: one authority's timeline as a PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_plot_writes_a_png(contract_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "timeline.png"
    res = runner.invoke(
        app, ["plot", "--archive", str(contract_file), "--authority", "region:35.78", "--out", str(png)]
    )
    assert res.exit_code == 0, res.output
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000

    from matplotlib.image import imread

    img = imread(str(png))
    assert img.shape[0] > 300 and img.shape[1] > 800
    assert img[..., :3].std() > 0.05  # something is drawn, not a blank canvas


def test_plot_kabupaten_inherits_its_province(contract_file: Path, tmp_path: Path) -> None:
    # Kabupaten Pacitan has no rule of its own; Jawa Timur's Friday rule gives it a timeline
    png = tmp_path / "pacitan.png"
    res = runner.invoke(
        app, ["plot", "--archive", str(contract_file), "--authority", "region:35.01", "--out", str(png)]
    )
    assert res.exit_code == 0, res.output
    assert png.exists()


@pytest.mark.parametrize(("auth", "needle"), [
    ("region:99.99", "Kemendagri"), ("Surabaya", "region:"), ("region:94.71", "Kemendagri"),
])
def test_plot_errors_exit_2(contract_file: Path, tmp_path: Path, auth: str, needle: str) -> None:
    res = runner.invoke(app, ["plot", "--archive", str(contract_file), "--authority", auth,
                              "--out", str(tmp_path / "x.png")])
    assert res.exit_code == 2 and needle in res.output and len(res.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()
