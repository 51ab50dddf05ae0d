"""OCR of PDF pages: 300-dpi renderings (pypdfium2) read by Tesseract (``ind``), one
subprocess per page with a timeout; scan detection; OCR percent repairs."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from functools import cache
from typing import Any

from pipeline.pdf.layout import Line, Word

__all__ = [
    "OCR_PAGE_TIMEOUT_S",
    "OCR_WORKERS",
    "fix_ocr_percents",
    "ocr_image",
    "page_has_scan",
    "render_png",
    "tesseract_available",
    "tesseract_langs",
]

SCAN_IMAGE_SHARE = 0.3
OCR_DPI = 300
MAX_RENDER_PIXELS = 40_000_000
OCR_PAGE_TIMEOUT_S = 90.0
OCR_WORKERS = int(os.environ.get("EDARAN_OCR_WORKERS", "0")) or min(2, os.cpu_count() or 1)


@cache
def tesseract_langs(cmd: str) -> frozenset[str]:
    try:
        r = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (r.stdout + r.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip() and ":" not in ln)


def tesseract_available(cmd: str | None = None) -> bool:
    """Is the Tesseract binary there (the OCR fallback)?"""
    cmd = cmd or os.environ.get("EDARAN_TESSERACT", "tesseract")
    return shutil.which(cmd) is not None


def ocr_image(png: bytes, cmd: str, lang: str, timeout: float, scale: float) -> tuple[list[Line], float | None]:
    """Run Tesseract on one page image -> lines (in points) and mean word confidence 0..1."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # 5x faster on 2 cores (stack-notes §5)
    try:
        r = subprocess.run([cmd, "stdin", "stdout", "-l", lang, "--dpi", str(OCR_DPI), "--psm", "3", "tsv"],
                           input=png, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise TimeoutError(f"Tesseract took over {timeout:.0f} s on one page") from exc
    if r.returncode != 0:
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"Tesseract failed (exit {r.returncode}): {msg[-1] if msg else ''}")
    groups: dict[tuple[int, int, int], list[Word]] = {}
    order: list[tuple[int, int, int]] = []
    confs: list[float] = []
    for row in r.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":
            continue
        text = f[11].strip()
        word_conf = float(f[10])
        if not text or word_conf < 0:
            continue
        left, top, w, h = (int(f[6]), int(f[7]), int(f[8]), int(f[9]))
        key = (int(f[2]), int(f[3]), int(f[4]))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(Word(text, left / scale, (left + w) / scale, top / scale, (top + h) / scale))
        confs.append(word_conf)
    lines = []
    for key in order:
        ln = Line(sorted(groups[key], key=lambda w: w.x0))
        fix_ocr_percents(ln.words)
        lines.append(ln)
    conf = sum(confs) / len(confs) / 100.0 if confs else None
    return lines, conf


_OCR_PCT_RE = re.compile(r"^(\d{1,3})96([.,;:)]?)$")


@cache
def _ocr_pct_context() -> tuple[frozenset[str], frozenset[str]]:
    from extractors.lexicon import load_json

    d = load_json("circular.json")["ocr_percent_context"]
    return frozenset(d["before"]), frozenset(d["after"])


def fix_ocr_percents(words: list[Word]) -> None:
    """'paling banyak 5096 dari' -> '50%': Tesseract reads '%' as '96'. Only N96 with N <= 100,
    beside a quota word (circular.json 'ocr_percent_context')."""
    before, after = _ocr_pct_context()
    for k, w in enumerate(words):
        m = _OCR_PCT_RE.match(w.text)
        if not m or int(m.group(1)) > 100:
            continue
        prev = " ".join(x.text.lower() for x in words[max(0, k - 3):k])
        nxt = words[k + 1].text.lower().strip(".,;:") if k + 1 < len(words) else ""
        if nxt in after or any(f" {b} " in f" {prev} " for b in before):
            w.text = f"{m.group(1)}%{m.group(2)}"


def render_png(page: Any) -> tuple[bytes, float]:
    w, h = page.get_size()
    scale = OCR_DPI / 72.0
    if w * h * scale * scale > MAX_RENDER_PIXELS:
        scale = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        img = bitmap.to_pil()
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        img.close()
    finally:
        bitmap.close()
    return buf.getvalue(), scale


def page_has_scan(page: Any) -> bool:
    import pypdfium2 as pdfium

    w, h = page.get_size()
    area = max(w * h, 1.0)
    for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        try:
            bounds = obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos()  # pypdfium2 5 / 4
            left, bottom, right, top = bounds
        except Exception:  # a broken image object: treat it as not a scan
            continue
        if (right - left) * (top - bottom) >= SCAN_IMAGE_SHARE * area:
            return True
    return False
