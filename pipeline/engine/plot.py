"""``edaran plot``: one authority's timeline — the daily stringency index (GOV and TOTAL views)
over the policies that set it, each drawn as a band labelled by its instrument."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.engine.compile import OPEN_END, compile_rules
from pipeline.engine.source import open_source
from pipeline.engine.stringency import daily, day_span
from pipeline.engine.taxonomy import check_authority
from pipeline.errors import ConfigError

__all__ = ["PAD_DAYS", "plot_timeline"]

PAD_DAYS = 14  # days drawn before the first and after the last own rule, so a 2-day rule is visible
_LEVEL_COLOURS = {"own": "#1b6ca8", "province": "#7a9e3b", "national": "#b5651d"}


def _window(book: dict[str, Any], ids: list[str]) -> tuple[dt.date, dt.date]:
    span = day_span(book, ids)
    assert span is not None
    lo, hi = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    return lo - dt.timedelta(days=PAD_DAYS), hi + dt.timedelta(days=PAD_DAYS)


def plot_timeline(target: str | Path, authority: str, out: Path) -> Path:
    """Write the PNG to ``out``; raises ConfigError when no rule applies to ``authority``."""
    check_authority(authority)
    with open_source(target) as src:
        book = compile_rules(src.policies())
    if authority.startswith("region:") and authority not in book["regions"]:
        raise ConfigError(f"{authority} is not in the Kemendagri region table", hint="check --authority")
    parent = (book["regions"].get(authority) or {}).get("parent")
    layers = [("own", book["by_authority"].get(authority, []))]
    if parent:
        layers.append(("province", book["by_authority"].get(parent, [])))
    layers.append(("national", [i for i in book["national"] if i not in layers[0][1]]))
    own = layers[0][1]
    applying = [i for _, ids in layers for i in ids]
    if not applying:
        raise ConfigError(f"no policy in the archive applies to {authority}", hint="check --authority and --archive")
    lo, hi = _window(book, own or applying)
    rows = daily(book, [authority], lo.isoformat(), hi.isoformat())

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    bands = [(level, book["rules"][i]) for level, ids in layers for i in ids
             if book["rules"][i]["from"] <= hi.isoformat() and book["rules"][i]["to"] >= lo.isoformat()]
    fig, (ax, bx) = plt.subplots(2, 1, sharex=True, figsize=(11, 3.2 + 0.32 * max(len(bands), 1)),
                                 gridspec_kw={"height_ratios": [2, max(1, 0.35 * len(bands))]})
    views = (("GOV", {"color": "#1b6ca8", "linewidth": 3}),
             ("TOTAL", {"color": "#d95f02", "linestyle": "--", "linewidth": 1.5, "zorder": 3}))
    for view, style in views:
        pts = [(dt.date.fromisoformat(r["date"]), r["index"]) for r in rows if r["view"] == view]
        ax.step([p[0] for p in pts], [p[1] for p in pts], where="post", label=view, **style)
    ax.set_ylim(-0.2, 3.3)
    ax.set_yticks([0, 1, 2, 3], ["0 none", "1 allowed", "2 some units/quota", "3 all but essential"])
    ax.set_title(f"{authority}: civil-servant WFH stringency (OxCGRT C2-style)")
    ax.legend(loc="upper right")
    ax.grid(axis="y", alpha=0.3)

    for y, (level, r) in enumerate(bands):
        start = max(dt.date.fromisoformat(r["from"]), lo)
        end = hi if r["to"] == OPEN_END else min(dt.date.fromisoformat(r["to"]), hi)
        bx.barh(y, (end - start).days + 1, left=start, height=0.6, color=_LEVEL_COLOURS[level],
                alpha=0.35 if r["revocation"] else 0.8)
        notes = (
            [level]
            + (["revocation"] if r["revocation"] else [])
            + (["/".join(r["days"]) + " only"] if r["days"] else [])
        )
        label = f"{r['instrument'] or r['id']} ({', '.join(notes)})"
        bx.text(start, y, " " + label, va="center", fontsize=8)
    bx.set_yticks([])
    bx.set_ylim(-0.7, max(len(bands), 1) - 0.3)
    bx.invert_yaxis()
    bx.set_xlim(lo, hi)
    bx.xaxis.set_major_formatter(mdates.ConciseDateFormatter(bx.xaxis.get_major_locator()))  # type: ignore[no-untyped-call]
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
