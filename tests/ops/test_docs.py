"""The project owns its contract: docs/record.md and docs/codebook.md agree with the models
and the lexicons; every relative link of README.md and docs/*.md resolves in a clone;
prefect.yaml declares deployments of flows that exist, with parameters they accept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.codebook import (
    EXEMPTION_MEANINGS,
    REASON_MEANINGS,
    lexicon_labels,
    render,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "docs").glob("*.md"))
_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src=\"([^\"]+)\"")


def _links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # code blocks are not links
    return [a or b for a, b in _LINK_RE.findall(text)]


def _anchors(path: Path) -> set[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return out


@pytest.mark.parametrize("doc", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_relative_links_resolve_in_a_clone(doc: Path) -> None:
    bad = []
    for link in _links(doc):
        if re.match(r"[a-z]+:", link) or link.startswith("#") and not link[1:]:
            continue
        target, _, anchor = link.partition("#")
        path = (doc.parent / target).resolve() if target else doc
        if "shared" in Path(target).parts:
            bad.append(f"{link}: ../shared is not part of a clone")
        elif not path.exists() or not path.is_relative_to(ROOT):
            bad.append(f"{link}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            bad.append(f"{link}: no heading #{anchor} in {path.name}")
    assert not bad, f"{doc.name}: " + "; ".join(bad)


def test_the_link_check_can_fail(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text("[a](missing.md) [b](https://example.org) `[c](code.md)`\n```\n[d](in-block.md)\n```\n")
    assert _links(doc) == ["missing.md", "https://example.org", "code.md"]


def test_codebook_is_generated_from_the_lexicons() -> None:
    assert (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8") == render(), \
        "docs/codebook.md is stale: run `edaran codebook --out docs/codebook.md`"


def test_every_lexicon_code_has_a_meaning_and_appears_in_the_codebook() -> None:
    labels = lexicon_labels()
    assert labels["exemption"] <= set(EXEMPTION_MEANINGS)
    assert labels["reason"] <= set(REASON_MEANINGS)
    text = render()
    for kind, codes in labels.items():
        for code in codes:
            assert f"`{code}`" in text, (kind, code)
    for code in ("region:32.73", "central:kemenpanrb", "SE:MENPANRB:1/2024", "admin_support", "[E-DECODE]"):
        assert code in text


def test_a_new_lexicon_code_without_a_meaning_fails(monkeypatch) -> None:
    from pipeline import codebook

    monkeypatch.setattr(codebook, "REASON_MEANINGS", {k: v for k, v in REASON_MEANINGS.items() if k != "traffic"})
    with pytest.raises(ValueError, match="traffic"):
        codebook.render()


def _example(name: str) -> dict:
    text = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {name} -->\n```json\n(.*?)\n```", text, re.DOTALL)
    assert m, name
    return json.loads(m.group(1))


@pytest.mark.parametrize("name, schema", [("record", "record"), ("document", "document")])
def test_record_doc_describes_every_schema_field_and_its_example_validates(name: str, schema: str) -> None:
    from pipeline.models import DocumentLine, Record

    model = {"record": Record, "document": DocumentLine}[name]
    example = _example(name)
    assert model.model_validate(example).model_dump(mode="json").keys() == example.keys()
    spec = json.loads((ROOT / "schema" / f"{schema}.schema.json").read_text())
    text = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    fields = set(spec["properties"])
    for sub in spec.get("$defs", {}).values():
        fields |= set(sub.get("properties", {}))
    missing = sorted(f for f in fields if f"`{f}`" not in text)
    assert not missing, f"docs/record.md does not describe {missing}"


def test_prefect_yaml_deploys_flows_that_exist_with_parameters_they_take() -> None:
    import importlib

    import yaml
    from prefect.client.schemas.schedules import CronSchedule

    from pipeline.flows import CRAWL_CRON
    from pipeline.serve import DEPLOYMENT

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in spec["deployments"]}
    assert set(deployments) == {DEPLOYMENT, "re-extract"}
    for d in deployments.values():
        path, _, attr = d["entrypoint"].partition(":")
        fl = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), attr)
        fl.validate_parameters(d["parameters"])  # raises on an unknown or mistyped parameter
        assert d["work_pool"]["name"] == "edaran"
    crawl = deployments[DEPLOYMENT]
    assert [CronSchedule(cron=s["cron"]).cron for s in crawl["schedules"]] == [CRAWL_CRON]
    assert deployments["re-extract"]["schedules"] == []
