"""Accuracy on HTML equals accuracy on the same articles as plain text: the seed articles wrapped
in two different publisher layouts (navigation, ads, related lists, JSON-LD or meta tags) score the
same headline F1 as the .txt files."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.run import run
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

_NAV = "<nav><ul><li><a href='/'>Beranda</a></li><li><a href='/news'>News</a></li><li><a href='/olahraga'>Olahraga</a></li></ul></nav>"  # noqa: E501
_RELATED = (
    "<aside class='related'><h3>Berita Terkait</h3><ul><li><a href='/a'>Harga cabai naik jelang Lebaran</a></li>"
    "<li><a href='/b'>Persib menang tipis atas tamu</a></li></ul></aside>"
)
_FOOTER = "<footer><p>&copy; 2024 Warta Contoh. All rights reserved.</p><a href='/tentang'>Tentang kami</a></footer>"


def _paragraphs(text: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0], lines[1:]


def _layout_jsonld(title: str, paras: list[str], published: str | None) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "publisher": {"@type": "Organization", "name": "Warta Contoh"}}
    if published:
        ld["datePublished"] = f"{published}T10:00:00+07:00"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body>{_NAV}"
            f"<div class='ads'>Iklan: promo gadget murah</div><article><h1>{html.escape(title)}</h1>"
            f"<div class='content'>{body}</div></article>{_RELATED}{_FOOTER}</body></html>")


def _layout_meta(title: str, paras: list[str], published: str | None) -> str:
    meta = f"<meta property='article:published_time' content='{published}T08:30:00+07:00'>" if published else ""
    body = "".join(f"<div class='txt'><p>{html.escape(p)}</p></div>" for p in paras)
    return (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
            f"<meta property='og:title' content='{html.escape(title, quote=True)}'>{meta}"
            f"<title>{html.escape(title)} | Kabar Contoh</title></head><body><header>{_NAV}</header>"
            f"<main><div class='read__title'><h1>{html.escape(title)}</h1></div><div class='read__content'>{body}"
            f"</div><div class='tags'>Tag: WFH, ASN, Lebaran</div></main>{_RELATED}{_FOOTER}</body></html>")


@pytest.mark.parametrize("layout", [_layout_jsonld, _layout_meta])
def test_html_layouts_score_like_plain_text(layout, tmp_path: Path, seed_run: Path) -> None:
    gold = ROOT / "annotations" / "seeds"
    src = tmp_path / "html"
    src.mkdir()
    for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        g = json.loads((gold / f"{path.stem}.json").read_text())
        pub = g["published"]["value"] if isinstance(g["published"], dict) else g["published"]
        title, paras = _paragraphs(path.read_text(encoding="utf-8"))
        (src / f"{path.stem}.html").write_text(layout(title, paras, pub), encoding="utf-8")
    out = tmp_path / "out"
    run([str(src)], Settings(out_dir=out))
    text_score = evaluate(gold, seed_run)
    html_score = evaluate(gold, out)
    assert html_score.headline == pytest.approx(text_score.headline), {
        f: (round(text_score.fields[f].f1, 3), round(html_score.fields[f].f1, 3)) for f in text_score.fields}
