"""The same questions against SQLite and PostgreSQL give the same answers; `edaran run --out` and
`edaran query --archive` accept a postgresql:// URL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipeline.archive import open_archive
from pipeline.cli import app

QUESTIONS = [
    {}, {"date": "2024-04-16"}, {"date": "2021-07-25"}, {"date": "2027-01-07"}, {"authority": "region:31"},
    {"authority": "region:32"}, {"authority": "Bandung"}, {"instrument": "SE:MENPANRB:1/2024"},
    {"text": "arus balik"}, {"text": "wfh"}, {"mode": "WFA"}, {"exemption": "health"},
    {"date_from": "2021-07-01", "date_to": "2021-07-31"}, {"authority": "region:31", "date": "2021-07-30"},
]


def _corpus(item) -> list:
    return [
        item("bdg", "region:32.73", instrument="SE:WALIKOTA-32.73:022-SETDA/2024", start="2024-04-16", end="2024-04-17",
             legal_basis=("SE:MENPANRB:1/2024",), exemptions=("health",), kind="circular",
             quotas=(("WFH", "<=", 50, "admin_support", None),), text="Kota Bandung WFH bagi ASN saat arus balik."),
        item("bdg-news", "region:32.73", instrument="SE:WALIKOTA-32.73:022-SETDA/2024", start="2024-04-15"),
        item("kab", "region:32.04", start="2024-04-16", modes=("WFA",), text="Kabupaten Bandung WFA mudik."),
        item("pan", "central:kemenpanrb", instrument="SE:MENPANRB:1/2024", start="2024-04-16", end="2024-04-17"),
        item("v1", "region:31", instrument="SE:GUBERNUR-31:1/2021", start="2021-07-01", end="2021-07-20"),
        item("v2", "region:31", end="2021-08-02", change="extension", legal_basis=("SE:GUBERNUR-31:1/2021",)),
        item("v3", "region:31", start="2021-07-28", change="revocation", modes=("WFO",)),
        item("zone", "region:31", start="2020-09-14", quotas=(("WFO", "<=", 25, "all", "zone:red"),
                                                               ("WFO", "<=", 50, "all", "zone:yellow"))),
        item("kamis", "region:32", start="2025-11-06", days=("thu",), open_ended=True),
    ]


def test_sqlite_and_postgresql_answer_the_same(tmp_path, pg_url, item) -> None:
    for target in (str(tmp_path), pg_url):
        with open_archive(target) as arc:
            for one in _corpus(item):
                arc.write_batch([one])
    with open_archive(tmp_path, readonly=True) as lite, open_archive(pg_url, readonly=True) as pg:
        assert lite.counts() == pg.counts()
        for q in QUESTIONS:
            a = [p.model_dump(mode="json") for p in lite.policies(**q)]
            b = [p.model_dump(mode="json") for p in pg.policies(**q)]
            assert a == b, q
        assert any(lite.policies(**q) for q in QUESTIONS[1:])
        [zone] = lite.policies(authority="region:31", date_from="2020-09-01", date_to="2020-09-30")
        assert [q.condition for q in zone.quotas] == ["zone:red", "zone:yellow"]
        pid = zone.policy_id
        assert [e.model_dump() for e in lite.evidence(pid)] == [e.model_dump() for e in pg.evidence(pid)]


def test_run_and_query_through_postgresql(pg_url, seeds_dir, seed_run) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", pg_url])
    assert res.exit_code == 0, res.output
    lite = runner.invoke(app, ["query", "--archive", str(seed_run), "--format", "json"])
    pg = runner.invoke(app, ["query", "--archive", pg_url, "--format", "json"])
    assert lite.exit_code == pg.exit_code == 0
    a, b = json.loads(lite.stdout), json.loads(pg.stdout)
    assert a and a == b


@pytest.mark.parametrize("url", ["postgresql://postgres@/nosuchdb?host={host}&port={port}",
                                 "postgresql://postgres@/postgres?host={host}&port={port}"])
def test_a_database_that_is_no_archive_is_a_one_line_error(pg_server, url) -> None:
    import re

    host, port = re.search(r"host=([^&]+)&port=(\d+)", pg_server).groups()  # type: ignore[union-attr]
    res = CliRunner().invoke(app, ["query", "--archive", url.format(host=host, port=port)])
    assert res.exit_code == 2
    assert res.output.strip().count("\n") == 0 and "[E-CONFIG]" in res.output
