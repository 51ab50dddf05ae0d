"""The sources file (TOML): feeds, sitemaps, listing pages and pages to crawl, with their
keyword filters, rates and limits; ``load_sources`` validates it into ``Sources``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import (
    ConfigError,
    FetchFailed,
)
from pipeline.web.relevance import (
    default_keywords,
)
from pipeline.web.urls import clean_url

__all__ = ["Source", "Sources", "load_sources"]


# --- sources file -------------------------------------------------------------------------------


@dataclass
class Source:
    """One entry of the sources file."""

    name: str
    url: str
    kind: str = "auto"  # feed | sitemap | listing | page | auto (sniffed)
    keywords: tuple[str, ...] = ()  # empty: no filter
    rate: float | None = None  # seconds between requests to this host
    max_items: int = 100  # newest N entries of a feed / sitemap / listing
    max_age_days: float | None = 14.0  # entries with an older date are not fetched
    link_pattern: str | None = None  # listing: regex of article links
    detail_pattern: str | None = None  # listing: regex of detail pages that hold PDFs
    pdf_pattern: str = r"\.pdf(?:$|[?#])"  # listing/detail: regex of PDF links
    follow_pdfs: bool = True  # fetch PDFs linked inside relevant articles
    enabled: bool = True


@dataclass
class Sources:
    sources: list[Source]
    allowed_hosts: set[str] = field(default_factory=set)  # hosts of the sources + allow_hosts
    path: Path | None = None


_SOURCE_KEYS = {f for f in Source.__dataclass_fields__} - {"kind"}
_KINDS = {"feeds": "feed", "sitemaps": "sitemap", "listings": "listing", "pages": "page"}


def load_sources(path: str | Path) -> Sources:
    """Read a sources TOML file (see sources.toml); raises ConfigError with the line to fix."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror}", hint="check the path") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", hint="fix the syntax at the line shown") from exc
    unknown = set(data) - {"defaults", *_KINDS}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {sorted(unknown)}",
                          hint=f"use [defaults] and [[{']], [['.join(_KINDS)}]]")
    defaults = dict(data.get("defaults", {}))
    allow = {str(h) for h in defaults.pop("allow_hosts", [])}
    bad = set(defaults) - _SOURCE_KEYS - {"kind"}
    if bad:
        raise ConfigError(f"{path}: unknown key(s) in [defaults]: {sorted(bad)}",
                          hint=f"known keys: {sorted(_SOURCE_KEYS)}")
    sources: list[Source] = []
    for section, kind in _KINDS.items():
        entries = data.get(section, [])
        if not isinstance(entries, list):
            raise ConfigError(f"{path}: {section} must be an array of tables", hint=f"write [[{section}]]")
        for i, entry in enumerate(entries):
            where = f"{path} [[{section}]] #{i + 1}"
            merged = {**defaults, **entry}
            bad = set(merged) - _SOURCE_KEYS
            if bad:
                raise ConfigError(f"{where}: unknown key(s) {sorted(bad)}", hint=f"known keys: {sorted(_SOURCE_KEYS)}")
            if "url" not in merged:
                raise ConfigError(f"{where}: missing url", hint="every source needs url = \"https://...\"")
            try:
                clean_url(str(merged["url"]))
            except FetchFailed as exc:
                raise ConfigError(f"{where}: {exc.message}", hint="give an http(s) URL") from exc
            kw = merged.get("keywords", "default")
            merged["keywords"] = default_keywords() if kw == "default" else tuple(str(k) for k in kw or ())
            for key in ("link_pattern", "detail_pattern", "pdf_pattern"):
                if merged.get(key):
                    try:
                        re.compile(merged[key])
                    except re.error as exc:
                        raise ConfigError(f"{where}: {key} is not a valid regex: {exc}",
                                          hint="escape dots and question marks") from exc
            merged.setdefault("name", merged["url"])
            src = Source(kind=kind, **merged)
            sources.append(src)
            allow.add(clean_url(src.url))  # its scheme, host and port: not every port of the host
    if not sources:
        raise ConfigError(f"{path} lists no sources", hint="add [[feeds]], [[sitemaps]] or [[listings]] entries")
    return Sources(sources=sources, allowed_hosts=allow, path=path)
