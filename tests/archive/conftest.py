"""Archive fixtures: synthetic records, and a throwaway PostgreSQL cluster.

The cluster: ``initdb`` into a temporary folder, ``pg_ctl start`` on a free port with its unix
socket in that folder, one fresh database per test, stopped at the end of the session. As root
(CI) the server binaries run as the ``postgres`` user (``runuser -u postgres --``) in a folder
that user owns. The tests using it skip, saying why, only where no server binary exists.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from pipeline.archive.pgtemp import NoServer, create_database, throwaway_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL template (``{db}`` for the database name) of a throwaway PostgreSQL server."""
    try:
        with throwaway_server() as url:
            yield url
    except NoServer as exc:
        pytest.skip(str(exc))


_counter = itertools.count()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the throwaway server."""
    return create_database(pg_server, f"t{os.getpid()}_{next(_counter)}")


# --- synthetic records ------------------------------------------------------------------------

_NAMES = {"region:31": ("Pemerintah Provinsi DKI Jakarta", "provinsi"), "region:32": ("Pemerintah Provinsi Jawa Barat", "provinsi"),  # noqa: E501
          "region:32.73": ("Pemerintah Kota Bandung", "kota"), "region:32.04": ("Pemerintah Kabupaten Bandung", "kabupaten"),  # noqa: E501
          "region:36.71": ("Pemerintah Kota Tangerang", "kota"), "central:kemenpanrb": ("Kementerian PANRB", "central")}


def make_item(doc_id: str, authority: str = "region:32.73", *, instrument: str | None = None,
              start: str | None = None, end: str | None = None, modes: tuple[str, ...] = ("WFH",),
              quotas: tuple[tuple[str, str, float, str, str | None], ...] = (), exemptions: tuple[str, ...] = (),
              legal_basis: tuple[str, ...] = (), change: str | None = None, open_ended: bool = False,
              days: tuple[str, ...] = (), kind: str = "news", published: str | None = "2024-04-15",
              publisher: str | None = "Pikiran Rakyat", text: str | None = None, status: str = "ok"):
    """(DocumentLine, [Record], text, version): one document with one record, for write_batch."""
    from pipeline.models import DocumentLine, Evidence, Record

    name, level = _NAMES.get(authority, (authority, "kota"))
    text = text if text is not None else f"{name} menerapkan WFH bagi ASN. Dokumen {doc_id}."

    def inst(i: str) -> dict:
        typ, issuer, rest = i.split(":")
        number, year = rest.rsplit("/", 1)
        return {"id": i, "type": typ, "issuer": issuer, "number": number, "year": int(year)}

    records = []
    if status == "ok":
        records.append(Record.model_validate({
            "record_id": f"r-{doc_id}-{authority}", "doc_id": doc_id,
            "authority": {"id": authority, "name": name, "level": level},
            "instrument": inst(instrument) if instrument else None,
            "legal_basis": [inst(i) for i in legal_basis], "modes": list(modes),
            "effective": {"start": start, "end": end, "open_ended": open_ended},
            "quotas": [{"mode": m, "op": op, "percent": pc, "scope": sc, "condition": cond} for m, op, pc, sc, cond in quotas],  # noqa: E501
            "exemptions": [{"category": c, "text": c} for c in exemptions],
            "change": change, "recurrence": {"days_of_week": list(days)} if days else None,
            "confidence": 0.8,
            "evidence": [Evidence(field="authority", start=0, end=len(name), text=text[:len(name)], rule="t")],
        }))
    line = DocumentLine(doc_id=doc_id, status=status, kind=kind, published=published, publisher=publisher,
                        url=f"https://example.test/{doc_id}", sha256=f"sha-{doc_id}", records=len(records),
                        error=None if status == "ok" else "[E-FETCH] gone (retry later)")
    return line, records, text if status == "ok" else None, "v1"


@pytest.fixture
def item():
    return make_item
