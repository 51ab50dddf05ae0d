"""The daily stringency index (docs/stringency.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.engine.stringency import COLUMNS, daily, rule_index


@pytest.mark.parametrize(("pid", "level"), [
    ("pol-fx-kotatng-2020", (3, False)),  # WFH 100 % of all staff
    ("pol-fx-tangsel-2023", (2, False)),  # WFH 50 % of all staff: a partial quota
    ("pol-fx-bandung-2024", (2, True)),  # at most 50 % for administration only: targeted
    ("pol-fx-dki-2023", (1, False)),  # WFH allowed, no quota
    ("pol-fx-kabtng-2024", (1, False)),  # public service 100 % WFO, others may WFH
    ("pol-fx-sby-d", (0, None)),  # revocation: back to the office
    ("pol-fx-mlg-red", (0, None)),  # WFO only (its quota holds in a red zone only)
])
def test_stringency_rule_coding(book, pid: str, level: tuple) -> None:  # type: ignore[no-untyped-def]
    assert rule_index(book["rules"][pid]) == level


def _row(rows: list[dict], auth: str, day: str, view: str) -> dict:
    return next(r for r in rows if r["authority"] == auth and r["date"] == day and r["view"] == view)


def test_stringency_gov_and_total_views(book) -> None:  # type: ignore[no-untyped-def]
    rows = daily(book, start="2023-08-20", end="2024-07-06")
    # Kota Cilegon: own rule 1 in both; a day with only the national circular: GOV 0, TOTAL 1
    assert _row(rows, "region:36.72", "2024-04-16", "GOV")["index"] == 1
    nat = _row(rows, "region:36.74", "2024-04-16", "TOTAL")
    assert (nat["index"], nat["policies"]) == (1, "pol-fx-menpan-2024")
    assert _row(rows, "region:36.74", "2024-04-16", "GOV")["index"] == 0
    # Surabaya: revoked on 2024-04-22 (GOV 0) but Jawa Timur's Friday rule counts in TOTAL on Fridays
    assert _row(rows, "region:35.78", "2024-04-26", "GOV")["index"] == 0
    fri = _row(rows, "region:35.78", "2024-04-26", "TOTAL")
    assert (fri["index"], fri["policies"]) == (1, "pol-fx-jatim-fri")
    assert _row(rows, "region:35.78", "2024-04-25", "TOTAL")["index"] == 0
    # the amendment supersedes the extension on 2024-04-16: level from the amendment only
    assert _row(rows, "region:35.78", "2024-04-16", "GOV")["policies"] == "pol-fx-sby-c"
    bd = _row(rows, "region:32.73", "2024-04-17", "TOTAL")
    assert (bd["index"], bd["targeted"]) == (2, True)
    assert {r["view"] for r in rows} == {"GOV", "TOTAL"}
    days = {r["date"] for r in rows}
    assert min(days) == "2023-08-20" and max(days) == "2024-07-06" and len(days) == 322


def test_stringency_csv_in_export(exported: Path) -> None:
    with (exported / "stringency.csv").open() as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        rows = list(reader)
    kt = [r for r in rows if r["authority"] == "region:36.71" and r["date"] == "2020-09-10" and r["view"] == "GOV"]
    assert kt == [{"authority": "region:36.71", "date": "2020-09-10", "view": "GOV", "index": "3",
                   "targeted": "false", "policies": "pol-fx-kotatng-2020"}]
    assert {r["targeted"] for r in rows if r["index"] == "0"} == {""}
