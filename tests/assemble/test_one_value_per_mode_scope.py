"""One record, one value per (mode, scope): a quota read twice is one quota (issue 10)."""

from __future__ import annotations

import pytest

CASES = [
    # the headline's number repeated in the body, once loosely ("=") once with its operator
    (("Pemkab Blora Terapkan WFH 50 Persen bagi ASN\n"
     "Pemerintah Kabupaten Blora menerapkan WFH bagi ASN mulai Senin (15/4/2024). "
     "Bupati Blora Darmo Saputro mengatakan pegawai yang bekerja dari rumah maksimal 50 persen."),
     {("WFH", "<=", 50.0)}),
    # "= 50" and "<= 50" in two body sentences
    (("Kota Madiun Berlakukan WFH\n"
     "Pemkot Madiun memberlakukan WFH 50 persen untuk ASN mulai 15 April 2024. "
     "Dalam surat edarannya, jumlah ASN yang bekerja dari rumah paling banyak 50 persen dari total pegawai."),
     {("WFH", "<=", 50.0)}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_one_quota_per_mode_and_scope(records, text, expected):
    recs = records(text)
    assert recs, "no record"
    rec = recs[0]
    got = [(q["mode"], q["op"], q["percent"]) for q in rec["quotas"]]
    assert set(got) == expected
    assert len(got) == len({(m, p) for m, _, p in got})  # one value per (mode, scope)
    title_end = text.index("\n")
    for ev in rec["evidence"]:
        if ev["field"].startswith("quotas["):
            assert ev["start"] > title_end  # the body's evidence, not the headline's
