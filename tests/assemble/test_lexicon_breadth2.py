"""Issue 10 in breadth, round 2: dates, exemptions and officials in phrasings round 1 lacks.

Each row is a short INVENTED article (headline, newline, body; sometimes a second paragraph) in the
register of everyday Indonesian online news: officials' quotes that carry the rule ("kata X saat
dikonfirmasi"), run-on sentences, explainers ("Berikut ketentuannya: - ..."), Q&A, background
paragraphs with an older rule next to the new one, revisions ("diperpanjang", "dimajukan",
"dipersingkat", "dicabut mulai"). Each is run through the public pipeline (``process_one`` via the
``records`` fixture). The tables were written before the code was run on them; ``FIRST_RUN`` notes
which rows failed on that first run. No sentence is copied from any corpus text.
"""

from __future__ import annotations

import pytest
from test_lexicon_breadth import _categories, _date_ok, _norm  # the first round's scoring helpers, shared

PUB = "2024-04-10"  # a Wednesday; Monday 15 April 2024 is the first working day after Lebaran leave

# --------------------------------------------------------------------------------------------
# Dates (start and end, resolved against the publication date).
# (text, published, required periods, tolerated periods): every required (start, end) is some
# record's period and every record's period is required or tolerated (an earlier period that a
# revision replaced is optional in gold, so it is tolerated). start/end may be an ISO week or
# month: a predicted day inside it matches (the scoring rule).
# --------------------------------------------------------------------------------------------

Period = tuple[str | None, str | None]

# Rows still missed after the fixes, by headline, with why (strict: a row that starts passing must leave this list).
KNOWN_MISSES: dict[tuple[str, str], str] = {
    ("dates", "Pemkab Gianyar WFH"):
        "'selama lima hari kerja': working days need the holiday calendar; durations in 'hari kerja' are left "
        "unresolved on purpose (dates.py)",
    ("exemptions", "Pemkot Cirebon WFH"):
        "'pelayanan kesehatan ... tetap berjalan': 'tetap berjalan' alone also closes conditions ('layanan publik "
        "tetap berjalan'), so it is no trigger",
    ("exemptions", "Pemkab Purwakarta WFH"):
        "'tetap melaksanakan tugas ketertiban': 'tetap melaksanakan tugas' alone is what staff working from home do "
        "too (see the trap rows)",
    ("traps", "Pemkab Bandung WFH"):
        "the policy classifier doubts a two-sentence paragraph whose second sentence is health advice (0.50) and "
        "the rule has one kind of backing only: no record",
    ("officials", "ASN Pusat WFH"): "the policy classifier scores the lone paragraph 0.21: vetoed",
    ("officials", "Binjai WFH"):
        "a quote-only rule ('Kami terapkan WFH ...'): bare 'terapkan' is a headline verb too ('Perusahaan di X "
        "Terapkan WFH'), so it is no policy verb, and the classifier scores the paragraph 0.35",
    ("officials", "Sumut WFH Gubernur"):
        "'Gubernur ..., X, melalui Kepala BKD ..., Y, menyampaikan ...': the classifier scores the lone paragraph "
        "0.32, vetoed",
}


def _known_miss(request: pytest.FixtureRequest, table: str, text: str) -> None:
    why = KNOWN_MISSES.get((table, text.split("\n", 1)[0]))
    if why is not None:
        request.applymarker(pytest.mark.xfail(reason=why, strict=True))

DATES: list[tuple[str, str, list[Period], list[Period]]] = [
    # ranges written many ways
    ("Pemkot Bogor WFH Dua Hari\nPemkot Bogor memberlakukan kerja dari rumah bagi aparatur sipil negara pada "
     "Selasa dan Rabu (16-17/4), kata Sekda Kota Bogor saat dikonfirmasi, Rabu (10/4).",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("ASN Bantul WFH\nASN di lingkungan Pemkab Bantul menjalani WFH 16 hingga 17/4 untuk mengurai arus balik.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Sleman Terapkan WFH\nPemkab Sleman menerapkan WFH bagi ASN mulai 16 April sampai dengan 19 April "
     "2024, sesuai surat edaran bupati.",
     PUB, [("2024-04-16", "2024-04-19")], []),
    ("Pemkot Depok WFH\nPemkot Depok sudah menerapkan WFH bagi ASN sejak Senin lalu hingga Jumat mendatang, "
     "ujar Kepala BKPSDM Depok.",
     PUB, [("2024-04-08", "2024-04-12")], []),
    ("Pemkot Bekasi WFH\nPemkot Bekasi memberlakukan WFH bagi ASN selama dua hari ke depan, terhitung mulai "
     "besok.",
     PUB, [("2024-04-11", "2024-04-12")], []),
    ("Pemkab Kendal WFH Sepekan\nPemkab Kendal untuk sementara menerapkan WFH bagi ASN selama sepekan terhitung "
     "sejak Senin (15/4).",
     PUB, [("2024-04-15", "2024-04-21")], []),
    ("Pemkot Malang WFH\nKebijakan WFH bagi ASN Pemkot Malang berlaku efektif per 1 Juli 2024.",
     "2024-06-20", [("2024-07-01", None)], []),
    ("Pemkab Klaten WFH\nPola kerja WFH bagi ASN Pemkab Klaten berlaku mulai 15 April dan paling lambat berakhir "
     "pada 30 April 2024.",
     PUB, [("2024-04-15", "2024-04-30")], []),
    ("Pemkot Solo WFH\nWFH ASN Pemkot Solo berlaku 22 April s.d. 26 April 2024.",
     PUB, [("2024-04-22", "2024-04-26")], []),
    ("Pemkot Kediri WFH\nPemkot Kediri menerapkan WFH bagi ASN tanggal 22 sd 24 April 2024.",
     PUB, [("2024-04-22", "2024-04-24")], []),
    ("Pemkab Jember WFH\nPemkab Jember memberlakukan WFH bagi ASN pada Senin - Rabu, 22 - 24 April 2024.",
     PUB, [("2024-04-22", "2024-04-24")], []),
    ("Pemkot Semarang WFH\nPemkot Semarang menerapkan WFH bagi ASN mulai 16/04/2024 sampai 17/04/2024.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Gresik WFH\nPemkab Gresik menerapkan WFH bagi ASN pada 16, 17, dan 18 April 2024.",
     PUB, [("2024-04-16", "2024-04-18")], []),
    ("Pemkab Banyuwangi WFH\nPemkab Banyuwangi memberlakukan WFH bagi ASN pada 29 April hingga 3 Mei 2024.",
     PUB, [("2024-04-29", "2024-05-03")], []),
    ("Pemprov Bali WFH Akhir Tahun\nPemprov Bali menerapkan WFH bagi ASN pada 27 Desember hingga 3 Januari.",
     "2024-12-20", [("2024-12-27", "2025-01-03")], []),
    ("Pemkab Gianyar WFH\nPemkab Gianyar menerapkan WFH bagi ASN mulai Senin (15/4) selama lima hari kerja.",
     PUB, [("2024-04-15", "2024-04-19")], []),
    ("Pemkab Demak WFH\nPemkab Demak memberlakukan WFH bagi ASN mulai Rabu (17/4) sampai akhir pekan.",
     PUB, [("2024-04-17", "2024-W16")], []),
    ("Pemkot Madiun WFH\nPemkot Madiun menerapkan WFH bagi ASN mulai Senin (15/4) sampai penghujung April.",
     PUB, [("2024-04-15", "2024-04-30")], []),
    ("Pemkab Lamongan WFH\nPemkab Lamongan memberlakukan WFH bagi ASN terhitung mulai tanggal (TMT) 2 Mei 2024.",
     PUB, [("2024-05-02", None)], []),
    ("Pemkab Tuban WFH\nMulai pekan depan, tepatnya Senin (15/4), ASN Pemkab Tuban bekerja dari rumah.",
     PUB, [("2024-04-15", None)], []),
    # extensions and revisions: the later decision gives the dates
    ("WFH ASN Kendal Diperpanjang\nPemkab Kendal sebelumnya menetapkan WFH bagi ASN pada 15-19 April 2024. Kini "
     "kebijakan itu diperpanjang hingga 26 April 2024.",
     PUB, [("2024-04-15", "2024-04-26")], [("2024-04-15", "2024-04-19")]),
    ("Jadwal WFH Cimahi Berubah\nJadwal WFH bagi ASN Pemkot Cimahi yang semula 18-19 April dimajukan menjadi "
     "16-17 April 2024.",
     PUB, [("2024-04-16", "2024-04-17")], [("2024-04-18", "2024-04-19")]),
    ("WFH Klaten Dipersingkat\nPemkab Klaten memberlakukan WFH bagi ASN sejak 15 April 2024. Namun, WFH yang "
     "semula berlaku hingga 30 April itu dipersingkat hanya sampai 24 April.",
     PUB, [("2024-04-15", "2024-04-24")], [("2024-04-15", "2024-04-30")]),
    ("WFH Jatim Dicabut\nPemprov Jawa Timur mencabut kebijakan WFH bagi ASN mulai Senin (22/4). WFH itu "
     "sebelumnya berlaku sejak 15 April 2024.",
     PUB, [("2024-04-15", "2024-04-21")], []),
    ("WFH ASN Medan Diperpanjang\nWFH bagi ASN Pemkot Medan yang sedianya berakhir Jumat (12/4) diperpanjang "
     "sampai Jumat (19/4).",
     PUB, [(None, "2024-04-19")], [(None, "2024-04-12")]),
    ("Jadwal WFH Sragen Dimajukan\nJadwal WFH ASN Pemkab Sragen dimajukan menjadi Senin (15/4), dari rencana "
     "semula Rabu (17/4).",
     PUB, [("2024-04-15", None)], [("2024-04-17", None)]),
    ("WFH ASN Pemkot Madiun Diundur\nWFH bagi ASN Pemkot Madiun diundur ke 22-23 April 2024 dari jadwal semula "
     "16-17 April.",
     PUB, [("2024-04-22", "2024-04-23")], [("2024-04-16", "2024-04-17")]),
    # open ends and recurrence
    ("Pemkot Surakarta WFH\nPemkot Surakarta menerapkan WFH bagi ASN sejak Senin (8/4) hingga waktu yang belum "
     "ditentukan.",
     PUB, [("2024-04-08", None)], []),
    ("Pemkab Pati WFH\nMulai hari ini ASN Pemkab Pati bekerja dari rumah sampai ada pemberitahuan lebih lanjut, "
     "kata Sekda Pati.",
     PUB, [("2024-04-10", None)], []),
    ("Pemkab Sidoarjo WFH Tiap Jumat\nPemkab Sidoarjo menerapkan WFH bagi ASN setiap Jumat mulai 3 Mei 2024.",
     PUB, [("2024-05-03", None)], []),
    ("Pemkab Kudus WFH Jumat\nASN Pemkab Kudus akan WFH setiap hari Jumat, dimulai pekan depan.",
     PUB, [("2024-W16", None)], []),
    ("Pemkab Blora WFH\nPemkab Blora memberlakukan WFH bagi ASN sejak 1 April 2024 dan masih berlangsung hingga "
     "kini.",
     PUB, [("2024-04-01", None)], []),
    # dates in a quote after the verb, in the headline only, the publication day as start
    ("Pemkot Bekasi WFH\nPemkot Bekasi menerapkan WFH bagi ASN. \"WFH-nya tanggal 16 dan 17 April,\" kata Wali "
     "Kota Bekasi saat dikonfirmasi.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkot Tangsel Terapkan WFH ASN 16-17 April 2024\nPemerintah Kota Tangerang Selatan menerapkan WFH bagi "
     "aparatur sipil negara untuk mengurai arus balik Lebaran.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Bekasi WFH Mulai Besok\nPemkab Bekasi menerapkan kerja dari rumah bagi ASN selama dua hari.",
     PUB, [("2024-04-11", "2024-04-12")], []),
    ("Pemkot Surabaya WFH\nASN Pemkot Surabaya mulai hari ini bekerja dari rumah hingga Jumat (12/4).",
     PUB, [("2024-04-10", "2024-04-12")], []),
    ("Pemkab Jombang WFH\nHari ini, Rabu (10/4), ASN Pemkab Jombang mulai menjalani WFH.",
     PUB, [("2024-04-10", None)], []),
    # an older rule in a background paragraph is another policy, not this one's period
    ("Pemkot Yogyakarta WFH\nPemkot Yogyakarta memberlakukan WFH bagi ASN pada 16-17 April 2024.\n\nTahun lalu, "
     "Pemkot Yogyakarta juga menerapkan WFH pada 26-27 April 2023 usai Lebaran.",
     PUB, [("2024-04-16", "2024-04-17")], [("2023-04-26", "2023-04-27")]),
    ("Pemkot Pekalongan WFH\nPemkot Pekalongan menerapkan WFH bagi ASN pada 16-17 April 2024. Kebijakan serupa "
     "pernah diberlakukan pada 2020 saat pandemi Covid-19.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    # explainer and Q&A
    ("Aturan WFH ASN Pemkab Magelang\nPemkab Magelang menerbitkan aturan WFH bagi ASN. Berikut ketentuannya:\n"
     "- WFH berlaku pada 16-17 April 2024;\n- ASN yang melayani masyarakat tetap WFO.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Tanya Jawab WFH ASN Purworejo\nKapan WFH ASN Pemkab Purworejo berlaku? WFH berlaku pada Selasa (16/4) dan "
     "Rabu (17/4).",
     PUB, [("2024-04-16", "2024-04-17")], []),
]

# second batch, written after the fixes for the first one (its own first run is reported separately)
DATES += [
    ("Pemkot Cirebon WFH\nPemkot Cirebon menetapkan ASN bekerja dari rumah mulai Kamis (18/4) hingga Jumat (19/4) "
     "mendatang, ujar Sekda Kota Cirebon, Selasa (9/4).",
     PUB, [("2024-04-18", "2024-04-19")], []),
    ("ASN Kota Tegal WFH Lagi\nSetelah sempat WFH pada 16-17 April, ASN Pemkot Tegal kembali menjalani WFH pada "
     "Senin (22/4).",
     PUB, [("2024-04-22", None)], [("2024-04-16", "2024-04-17")]),
    ("Pemkab Sumenep WFH\nWFH bagi ASN Pemkab Sumenep dijadwalkan berlangsung pada 22 hingga 24 April.",
     PUB, [("2024-04-22", "2024-04-24")], []),
    ("Pemkot Banjarmasin WFH\nPemkot Banjarmasin menerapkan WFH bagi ASN sepanjang pekan depan.",
     PUB, [("2024-W16", "2024-W16")], [("2024-W16", None)]),
    ("Pemprov Kaltim WFH\nPemprov Kalimantan Timur memberlakukan WFH bagi ASN selama 3 hari, terhitung Senin 15 April "
     "2024.",
     PUB, [("2024-04-15", "2024-04-17")], []),
    ("Pemkot Balikpapan WFH\nWFH ASN Pemkot Balikpapan berlaku hingga Rabu, 17 April 2024, setelah dimulai Senin "
     "(15/4).",
     PUB, [("2024-04-15", "2024-04-17")], []),
    ("Pemkab Bogor WFH\nSesuai surat edaran bupati, WFH ASN Pemkab Bogor berlangsung dari tanggal 16 sampai 18 April "
     "2024.",
     PUB, [("2024-04-16", "2024-04-18")], []),
    ("Pemkot Bandung WFH\nPemkot Bandung memperpanjang masa WFH ASN yang semestinya berakhir 17 April menjadi 19 "
     "April 2024.",
     PUB, [(None, "2024-04-19")], [(None, "2024-04-17")]),
    ("Pemkot Palu WFH\nKebijakan WFH ASN Pemkot Palu yang berlaku sejak 1 April 2024 resmi dicabut per 15 April "
     "2024.",
     PUB, [("2024-04-01", "2024-04-14")], []),
    ("Pemkab Kutai Kartanegara WFH\nPemkab Kutai Kartanegara menerapkan WFH bagi ASN dari Senin (15/4) s/d Rabu "
     "(17/4).",
     PUB, [("2024-04-15", "2024-04-17")], []),
    ("Pemkot Manado WFH\nMulai besok hingga Jumat, ASN Pemkot Manado bekerja dari rumah.",
     PUB, [("2024-04-11", "2024-04-12")], []),
    ("Pemkot Padang WFH\nASN Pemkot Padang WFH pada 15-16 April, lalu kembali bekerja dari kantor pada Rabu (17/4).",
     PUB, [("2024-04-15", "2024-04-16")], []),
    ("Pemprov Sumbar WFH\nPemprov Sumatera Barat menerapkan WFH bagi ASN sejak 8 April hingga 12 April 2024, dan "
     "diperpanjang sampai 19 April 2024.",
     PUB, [("2024-04-08", "2024-04-19")], [("2024-04-08", "2024-04-12")]),
    ("Pemkab Lombok Barat WFH\nPemkab Lombok Barat memberlakukan WFH bagi ASN untuk dua pekan ke depan, mulai Senin "
     "(15/4).",
     PUB, [("2024-04-15", "2024-04-28")], []),
    ("Pemkot Mataram WFH\nPemkot Mataram memberlakukan WFH setiap Rabu dan Jumat bagi ASN, efektif mulai pekan depan.",
     PUB, [("2024-W16", None)], []),
    ("Pemkab Jayapura WFH\nPemkab Jayapura menerapkan WFH bagi ASN terhitung mulai 22 April 2024 sampai dengan batas "
     "waktu yang akan ditentukan kemudian.",
     PUB, [("2024-04-22", None)], []),
    ("Pemkot Denpasar WFH\nPemkot Denpasar memberlakukan WFH bagi ASN hingga keadaan kembali normal, mulai Senin "
     "(15/4).",
     PUB, [("2024-04-15", None)], []),
    ("Pemkot Batam WFH\nPemkot Batam akan menerapkan WFH bagi ASN pada 2-3 Mei 2024.\n\nSebelumnya, pada Januari "
     "lalu, Pemkot Batam juga sempat memberlakukan WFH selama sepekan.",
     PUB, [("2024-05-02", "2024-05-03")], [("2024-01", None)]),
    ("WFH ASN Pemkab Bekasi Berlaku 22-26 April 2024\nKebijakan ini diambil untuk mengurangi kemacetan selama "
     "pembangunan jalan tol, kata Sekda Kabupaten Bekasi.",
     PUB, [("2024-04-22", "2024-04-26")], []),
    ("Pemkot Cimahi WFH\n\"Mulai hari ini sampai Jumat, ASN WFH,\" kata Wali Kota Cimahi saat dikonfirmasi, Rabu "
     "(10/4).",
     PUB, [("2024-04-10", "2024-04-12")], []),
    ("Pemkab Tasikmalaya WFH\nPemkab Tasikmalaya menerapkan WFH bagi ASN pada 16-17/4/2024.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkot Banjar WFH\nPemkot Banjar memberlakukan WFH bagi ASN pada tanggal 16 April 2024 s.d 17 April 2024.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Ciamis WFH\nPemkab Ciamis menerapkan WFH bagi ASN pada Selasa, 16 April dan Rabu, 17 April 2024.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Pangandaran WFH\nWFH bagi ASN Pemkab Pangandaran yang semula dijadwalkan Kamis (18/4) dimajukan sehari "
     "menjadi Rabu (17/4).",
     PUB, [("2024-04-17", None)], [("2024-04-18", None)]),
    ("Pemkot Jambi WFH\nPemkot Jambi menerapkan WFH bagi ASN mulai 15 April. WFH berakhir pada 26 April 2024.",
     PUB, [("2024-04-15", "2024-04-26")], []),
    ("Pemkab Muaro Jambi WFH\nPemkab Muaro Jambi menerapkan WFH bagi ASN paling lama dua minggu sejak 15 April 2024.",
     PUB, [("2024-04-15", "2024-04-28")], []),
    ("Pemkot Medan WFA\nPemkot Medan menerapkan WFA bagi ASN pada 24-27 Maret 2025 menjelang Lebaran.",
     "2025-03-20", [("2025-03-24", "2025-03-27")], []),
    ("Pemkab Karo WFH\nWFH bagi ASN Pemkab Karo dimulai Senin (15/4) dan dijadwalkan selesai Jumat (19/4).",
     PUB, [("2024-04-15", "2024-04-19")], []),
    ("Pemkab Simalungun WFH\nPemkab Simalungun menerapkan WFH bagi ASN per hari ini hingga akhir bulan.",
     PUB, [("2024-04-10", "2024-04-30")], []),
    ("Pemkot Pematangsiantar WFH\nWFH ASN Pemkot Pematangsiantar digelar dua hari, yakni Selasa (16/4) dan Rabu "
     "(17/4).",
     PUB, [("2024-04-16", "2024-04-17")], []),
]

# third batch, written after the fixes for the second one (its own first run is reported separately)
DATES += [
    ("Surabaya WFH\nSURABAYA, KOMPAS - Pemkot Surabaya memberlakukan WFH bagi ASN. Kebijakan itu berlaku Selasa-Rabu, "
     "16-17 April 2024, sebagaimana tertuang dalam surat edaran wali kota.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkab Gresik WFH\nPemkab Gresik menerapkan WFH bagi ASN. \"Mulai Selasa besok sampai Rabu,\" kata Sekda "
     "Gresik, Senin (15/4).",
     "2024-04-15", [("2024-04-16", "2024-04-17")], []),
    ("Pemkot Kediri WFH\nPemkot Kediri akan menerapkan WFH bagi ASN pada Senin dan Selasa pekan depan.",
     PUB, [("2024-04-15", "2024-04-16")], []),
    ("Pemkab Nganjuk WFH\nWFH bagi ASN Pemkab Nganjuk berlangsung dua hari, Kamis-Jumat (18-19 April 2024).",
     PUB, [("2024-04-18", "2024-04-19")], []),
    ("Pemda DIY WFH\nPemda DIY menerapkan WFH bagi ASN pada 16 April 2024 hingga 17 April 2024 atau selama dua "
     "hari.",
     PUB, [("2024-04-16", "2024-04-17")], []),
    ("Pemkot Yogyakarta WFH Diperpanjang\nPemkot Yogyakarta memperpanjang WFH bagi ASN selama satu pekan lagi hingga "
     "26 April 2024.",
     PUB, [(None, "2024-04-26")], []),
    ("Pemkab Sleman WFH Dihentikan\nPemkab Sleman menghentikan WFH bagi ASN mulai Kamis (18/4). Seluruh ASN kembali "
     "bekerja dari kantor.",
     PUB, [(None, "2024-04-17")], []),
    ("Pemkot Magelang WFH\nWFH untuk ASN Pemkot Magelang berlaku mulai tanggal 22 April 2024 dan akan dievaluasi "
     "setelah dua pekan.",
     PUB, [("2024-04-22", None)], []),
    ("Pemkab Kulon Progo WFH\nPemkab Kulon Progo menerapkan WFH bagi ASN pada 22-23/4.",
     PUB, [("2024-04-22", "2024-04-23")], []),
    ("Pemkot Semarang WFH\nWFH ASN Pemkot Semarang dimulai hari Senin, 22 April dan berakhir hari Jumat, 26 April.",
     PUB, [("2024-04-22", "2024-04-26")], []),
    ("Pemprov Jateng WFH Sepekan\nPemprov Jawa Tengah menerapkan WFH sepekan bagi ASN, mulai Senin (22/4) sampai "
     "Jumat (26/4).",
     PUB, [("2024-04-22", "2024-04-26")], []),
    ("Pemkab Boyolali WFH\nPemkab Boyolali menerapkan WFH bagi ASN terhitung sejak tanggal 15 April 2024 sampai "
     "dengan tanggal 19 April 2024.",
     PUB, [("2024-04-15", "2024-04-19")], []),
    ("Pemkot Surakarta WFH Mei\nPemkot Surakarta akan menerapkan WFH bagi ASN mulai 1 Mei. Kebijakan itu berlaku "
     "selama Mei 2024.",
     PUB, [("2024-05-01", "2024-05")], []),
    ("Pemkab Sukoharjo WFH\nASN Pemkab Sukoharjo menjalani WFH hingga Jumat (19/4). WFH dimulai sejak Senin (15/4).",
     PUB, [("2024-04-15", "2024-04-19")], []),
    ("Pemkab Klaten Putuskan WFH\nPemkab Klaten memutuskan WFH bagi ASN sampai dengan 30 April 2024.",
     PUB, [(None, "2024-04-30")], []),
    ("Pemkot Salatiga WFH Juni\nPemkot Salatiga kembali menerapkan WFH bagi ASN untuk satu bulan ke depan, terhitung "
     "mulai 1 Juni 2024.",
     "2024-05-28", [("2024-06-01", "2024-06-30")], []),
    ("Pemkab Kebumen WFH\nPemkab Kebumen menerapkan WFH bagi ASN mulai Rabu (17/4) hingga Jumat (19/4) pekan ini.",
     "2024-04-16", [("2024-04-17", "2024-04-19")], []),
    ("Pemkot Pekalongan WFH Diganti\nMenurut Sekda, WFH bagi ASN Pemkot Pekalongan yang dijadwalkan 22-23 April batal "
     "dilaksanakan dan diganti pada 29-30 April 2024.",
     PUB, [("2024-04-29", "2024-04-30")], [("2024-04-22", "2024-04-23")]),
    ("Pemkab Batang WFH Mei\nPemkab Batang menetapkan WFH bagi ASN setiap Senin dan Jumat selama bulan Mei 2024.",
     PUB, [("2024-05", "2024-05")], []),
    # added with the fixes: an event's own period scheduled next to the rule is no period of the rule
    ("Pemkab Sikka WFH KTT\nPemkab Sikka menerapkan WFH bagi ASN pada 8-12 Mei 2023. Pertemuan tingkat tinggi itu "
     "dijadwalkan berlangsung 9-11 Mei 2023 dan ASN diminta tidak keluar rumah.",
     "2023-05-02", [("2023-05-08", "2023-05-12")], []),
]


def _period_ok(gold: Period, pred: Period) -> bool:
    return _date_ok(gold[0], pred[0]) and _date_ok(gold[1], pred[1])


def periods(recs: list[dict]) -> list[Period]:
    return [(r["effective"]["start"], r["effective"]["end"]) for r in recs]


def date_hits(got: list[Period], required: list[Period], tolerated: list[Period]) -> tuple[bool, bool]:
    """(start right, end right): the first required period's start (end) is some record's start (end) and no
    record has a start (end) outside the required and tolerated periods."""
    allowed = required + tolerated
    start_ok = any(_date_ok(required[0][0], p[0]) for p in got) and all(
        any(_date_ok(a[0], p[0]) for a in allowed) for p in got)
    end_ok = any(_date_ok(required[0][1], p[1]) for p in got) and all(
        any(_date_ok(a[1], p[1]) for a in allowed) for p in got)
    return start_ok, end_ok


@pytest.mark.parametrize(("text", "published", "required", "tolerated"), DATES)
def test_round2_dates(records, request, text, published, required, tolerated):
    _known_miss(request, "dates", text)
    got = periods(records(text, published=published))
    assert got, "the rule must make a record"
    for want in required:
        assert any(_period_ok(want, p) for p in got), (want, got)
    for p in got:
        assert any(_period_ok(a, p) for a in required + tolerated), (p, required)


def test_round2_open_end_is_flagged(records):
    text = ("Pemkot Surakarta WFH\nPemkot Surakarta menerapkan WFH bagi ASN sejak Senin (8/4) hingga waktu yang "
            "belum ditentukan.")
    (rec,) = records(text, published=PUB)
    assert rec["effective"]["end"] is None
    assert rec["effective"]["open_ended"] is True


# --------------------------------------------------------------------------------------------
# Exemptions. (text, required categories, tolerated extra categories)
# --------------------------------------------------------------------------------------------

EXEMPTIONS: list[tuple[str, set[str], set[str]]] = [
    ("Pemkot Bogor WFH\nPemkot Bogor menerapkan WFH bagi ASN pada 16-17 April 2024, kecuali bagi pegawai rumah "
     "sakit dan puskesmas.",
     {"health"}, set()),
    ("Pemkab Bantul WFH\nPemkab Bantul memberlakukan WFH bagi ASN pada 16-17 April 2024. WFH dikecualikan untuk "
     "petugas pemadam kebakaran dan BPBD.",
     {"disaster"}, set()),
    ("Pemkot Depok WFH\nPemkot Depok menerapkan WFH bagi ASN pada 16-17 April 2024. Pengecualian diberikan kepada "
     "unit kerja yang menangani perizinan dan administrasi kependudukan.",
     {"licensing", "civil_registration"}, {"public_service_direct"}),
    ("Pemkab Sleman WFH\nPemkab Sleman menerapkan WFH bagi ASN pada 16-17 April 2024. Tidak termasuk dalam "
     "kebijakan ini adalah tenaga pendidik dan tenaga kesehatan.",
     {"education", "health"}, set()),
    ("Pemkot Bekasi WFH\nSeluruh ASN Pemkot Bekasi bekerja dari rumah pada 16-17 April 2024, terkecuali petugas "
     "Satpol PP dan Dishub yang tetap berjaga.",
     {"security_order", "transport_distribution"}, set()),
    ("Pemkab Kendal WFH\nSelain petugas kebersihan dan Damkar, seluruh ASN Pemkab Kendal WFH pada 16-17 April "
     "2024.",
     {"basic_utilities", "disaster"}, set()),
    ("Pemkot Malang WFH\nPemkot Malang menerapkan WFH bagi ASN pada 16-17 April 2024, dengan catatan pelayanan di "
     "Mal Pelayanan Publik (MPP) tetap buka seperti biasa.",
     {"public_service_direct"}, {"licensing"}),
    ("Pemkab Klaten WFH\nPemkab Klaten menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai kecamatan dan "
     "kelurahan wajib tetap masuk untuk melayani warga.",
     {"subdistrict_office"}, {"public_service_direct"}),
    ("Pemkot Solo WFH\nPemkot Solo menerapkan WFH bagi ASN pada 16-17 April 2024. Sementara itu, ASN yang "
     "bertugas di lapangan tetap menjalankan tugas seperti biasa.",
     {"other"}, set()),
    ("Pemkab Jember WFH\nPemkab Jember memberlakukan WFH bagi ASN pada 16-17 April 2024. \"Untuk RSUD, puskesmas, "
     "dan Dinas Pemadam Kebakaran tetap masuk seperti biasa, tidak ada WFH,\" ujar Sekda Jember.",
     {"health", "disaster"}, set()),
    ("Pemkab Gresik WFH\nPemkab Gresik menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nMenurut Sekda Gresik, "
     "layanan kependudukan di Disdukcapil dan perizinan di DPMPTSP tetap buka dengan pegawai yang masuk kantor.",
     {"civil_registration", "licensing"}, {"public_service_direct"}),
    ("Pemkab Magelang WFH\nPemkab Magelang menerapkan WFH bagi ASN pada 16-17 April 2024. Seluruh kepala OPD dan "
     "pejabat struktural tetap bekerja dari kantor untuk mengoordinasikan pekerjaan.",
     {"role:leadership"}, set()),
    ("Pemkot Semarang WFH\nPemkot Semarang menerapkan WFH bagi ASN pada 16-17 April 2024. ASN di sektor esensial, "
     "seperti kesehatan, kebersihan, serta keamanan dan ketertiban, dikecualikan.",
     {"health", "basic_utilities", "security_order"}, set()),
    ("Pemkab Demak WFH\nPemkab Demak menerapkan WFH bagi ASN pada 16-17 April 2024. OPD yang memberikan pelayanan "
     "publik esensial tetap beroperasi penuh dari kantor.",
     {"public_service_direct"}, set()),
    ("Pemprov Jateng WFH\nPemprov Jawa Tengah menerapkan WFH bagi ASN pada 16-17 April 2024. Kebijakan WFH ini "
     "tidak berlaku bagi Samsat.",
     {"public_service_direct"}, set()),
    ("Pemkot Madiun WFH\nPemkot Madiun menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai Dinas Lingkungan "
     "Hidup (DLH) yang mengangkut sampah tetap bekerja.",
     {"basic_utilities"}, set()),
    ("Pemkab Lamongan WFH\nPemkab Lamongan menerapkan WFH bagi ASN pada 16-17 April 2024. Petugas perhubungan di "
     "terminal dan pelabuhan tetap bersiaga.",
     {"transport_distribution"}, set()),
    ("Pemkab Tuban WFH\nPemkab Tuban menerapkan WFH bagi ASN pada 16-17 April 2024, kecuali ASN yang bertugas di "
     "bidang pendidikan.",
     {"education"}, set()),
    ("Pemkab Sidoarjo WFH\nPemkab Sidoarjo menerapkan WFH bagi ASN pada 16-17 April 2024. Adapun layanan sosial di "
     "Dinas Sosial dan panti tetap berjalan normal dengan pegawai yang masuk.",
     {"social_services"}, set()),
    ("Pemkab Kudus WFH\nPemkab Kudus menerapkan WFH bagi ASN pada 16-17 April 2024. Para pejabat eselon II, kepala "
     "bagian, dan camat tidak diperkenankan WFH.",
     {"role:leadership", "subdistrict_office"}, set()),
    ("Pemkab Blora WFH\nPemkab Blora menerapkan WFH bagi ASN pada 16-17 April 2024. Pelayanan di RSUD dan "
     "Puskesmas berjalan seperti biasa; para nakes tidak mengikuti WFH.",
     {"health"}, set()),
    ("Aturan WFH ASN Pemkab Rembang\nPemkab Rembang menerbitkan aturan WFH bagi ASN. Berikut ketentuannya:\n"
     "- ASN WFH pada 16-17 April 2024;\n- unit pelayanan kesehatan, kebersihan, dan pemadam kebakaran tetap "
     "masuk;\n- pejabat struktural tetap di kantor.",
     {"health", "basic_utilities", "disaster", "role:leadership"}, set()),
    ("Tanya Jawab WFH ASN Pemkab Grobogan\nPemkab Grobogan menerapkan WFH bagi ASN pada 16-17 April 2024. Apakah "
     "semua ASN WFH? Tidak. Pegawai Dinas Kependudukan dan Pencatatan Sipil serta Dinas Penanaman Modal dan "
     "Pelayanan Terpadu Satu Pintu tetap masuk.",
     {"civil_registration", "licensing"}, set()),
    ("Pemkab Boyolali WFH\nPemkab Boyolali menerapkan WFH bagi ASN pada 16-17 April 2024. WFH tak berlaku untuk "
     "BPBD, Damkar, dan Satpol PP yang harus siaga 24 jam.",
     {"disaster", "security_order"}, set()),
    ("Pemkab Karanganyar WFH\nPemkab Karanganyar menerapkan WFH bagi ASN pada 16-17 April 2024. Bagi ASN yang "
     "memberikan layanan langsung kepada publik, tetap melaksanakan tugas di kantor.",
     {"public_service_direct"}, set()),
    ("Pemkot Salatiga WFH\nPemkot Salatiga menerapkan WFH bagi ASN pada 16-17 April 2024. Setiap kantor kelurahan "
     "tetap membuka layanan dengan pegawai piket.",
     {"subdistrict_office"}, {"public_service_direct"}),
    ("Pemkab Wonogiri WFH\nPemkab Wonogiri menerapkan WFH bagi ASN pada 16-17 April 2024. Guru dan tenaga "
     "kependidikan tetap mengajar di sekolah.",
     {"education"}, set()),
    ("Pemkab Sragen WFH\nPemkab Sragen menerapkan WFH bagi ASN pada 16-17 April 2024. ASN Dinas Kesehatan, Dinas "
     "Perhubungan, serta Dinas Lingkungan Hidup dikecualikan dari WFH.",
     {"health", "transport_distribution", "basic_utilities"}, set()),
    ("Pemkab Cilacap WFH\nPemkab Cilacap menerapkan WFH bagi ASN pada 16-17 April 2024. Khusus pegawai Badan "
     "Penanggulangan Bencana Daerah, tetap siaga di posko.",
     {"disaster"}, set()),
    ("Pemkab Banyumas WFH\nWFH berlaku bagi seluruh ASN Pemkab Banyumas pada 16-17 April 2024, terkecuali yang "
     "bertugas di unit layanan masyarakat.",
     {"public_service_direct"}, set()),
    ("Pemkab Purbalingga WFH\nPemkab Purbalingga menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai pada unit "
     "keamanan dan ketertiban tetap masuk.",
     {"security_order"}, set()),
    ("Pemkab Kebumen WFH\nPemkab Kebumen menerapkan WFH bagi ASN pada 16-17 April 2024. ASN yang melaksanakan "
     "pelayanan dasar, yakni kesehatan, pendidikan, dan kebersihan, tetap bekerja seperti biasa.",
     {"health", "education", "basic_utilities"}, {"public_service_direct"}),
    ("Pemkab Batang WFH\nPemkab Batang menerapkan WFH bagi ASN pada 16-17 April 2024. Dinas Kesehatan dan seluruh "
     "fasilitas layanan kesehatan dikecualikan dari penerapan WFH.",
     {"health"}, set()),
    ("Pemkab Pemalang WFH\nPemkab Pemalang menerapkan WFH bagi ASN pada 16-17 April 2024. Kepala perangkat daerah "
     "dan sekretaris dinas wajib tetap hadir di kantor.",
     {"role:leadership"}, set()),
    ("Pemkab Tegal WFH\nPemkab Tegal menerapkan WFH bagi ASN pada 16-17 April 2024. \"Yang piket di Dinas "
     "Perhubungan dan Satpol PP tetap masuk,\" kata Kepala BKPSDM Kabupaten Tegal.",
     {"transport_distribution", "security_order"}, set()),
    ("Pemkab Brebes WFH\nPemkab Brebes menerapkan WFH bagi ASN pada 16-17 April 2024. Pejabat eselon III ke atas "
     "tetap berkantor, sementara staf bergantian WFH.",
     {"role:leadership"}, set()),
]

# sentences with an exemption trigger word that exempt nobody
EXEMPTION_TRAPS: list[str] = [
    ("Pemkot Bogor WFH\nPemkot Bogor menerapkan WFH bagi ASN pada 16-17 April 2024, dengan catatan ASN yang WFH "
     "tetap bisa dihubungi sewaktu-waktu."),
    ("Pemkab Sleman WFH\nPemkab Sleman menerapkan WFH bagi ASN pada 16-17 April 2024. Selain menerapkan WFH, "
     "Pemkab Sleman juga meniadakan apel pagi."),
    ("Pemkot Depok WFH\nPemkot Depok menerapkan WFH bagi ASN pada 16-17 April 2024. Keputusan itu diambil dalam "
     "rapat bersama Dinas Kesehatan dan Dinas Perhubungan."),
    ("Pemkab Kendal WFH\nPemkab Kendal menerapkan WFH bagi ASN pada 16-17 April 2024. Kecuali ada perubahan, WFH "
     "berakhir Rabu (17/4)."),
]

# second batch (its own first run is reported separately)
EXEMPTIONS += [
    ("Pemkot Cirebon WFH\nPemkot Cirebon menerapkan WFH bagi ASN pada 16-17 April 2024. Meski begitu, pelayanan "
     "kesehatan di RSD Gunung Jati dan puskesmas tetap berjalan.",
     {"health"}, set()),
    ("Pemkab Kuningan WFH\nPemkab Kuningan menerapkan WFH bagi ASN pada 16-17 April 2024. Layanan administrasi "
     "kependudukan tetap dibuka di seluruh kecamatan.",
     {"civil_registration", "subdistrict_office"}, {"public_service_direct"}),
    ("Pemkot Cimahi WFH\nPemkot Cimahi menerapkan WFH bagi ASN pada 16-17 April 2024. Unit Pelaksana Teknis Daerah "
     "(UPTD) Pengelolaan Sampah dikecualikan.",
     {"basic_utilities"}, set()),
    ("Pemkot Bandung WFH\nPemkot Bandung menerapkan WFH bagi ASN pada 16-17 April 2024. Petugas Dinas Pemadam "
     "Kebakaran dan Penyelamatan (DPKP) bekerja seperti biasa.",
     {"disaster"}, set()),
    ("Pemkot Banjar WFH\nPemkot Banjar menerapkan WFH bagi ASN pada 16-17 April 2024. WFH tak berlaku bagi para "
     "lurah dan camat.",
     {"subdistrict_office"}, set()),
    ("Pemkab Ciamis WFH\nPemkab Ciamis menerapkan WFH bagi ASN pada 16-17 April 2024. \"Rumah sakit, puskesmas, dan "
     "Damkar enggak ada WFH,\" katanya.",
     {"health", "disaster"}, set()),
    ("Pemkab Pangandaran WFH\nPemkab Pangandaran menerapkan WFH bagi ASN pada 16-17 April 2024. Pejabat pimpinan "
     "tinggi pratama wajib standby di kantor selama WFH.",
     {"role:leadership"}, set()),
    ("Pemkab Tasikmalaya WFH\nPemkab Tasikmalaya menerapkan WFH bagi ASN pada 16-17 April 2024. Dikecualikan dari "
     "ketentuan tersebut, yakni ASN pada RSUD, Puskesmas, BPBD, dan Satpol PP.",
     {"health", "disaster", "security_order"}, set()),
    ("Pemkot Tasikmalaya WFH\nPemkot Tasikmalaya menerapkan WFH bagi ASN pada 16-17 April 2024. Sebaliknya, pegawai "
     "bagian pelayanan perizinan di Mal Pelayanan Publik tetap masuk.",
     {"licensing", "public_service_direct"}, set()),
    ("Pemkab Garut WFH\nPemkab Garut menerapkan WFH bagi ASN pada 16-17 April 2024. Guru PNS tetap mengajar karena "
     "sekolah masih aktif.",
     {"education"}, set()),
    ("Pemkot Bekasi WFH\nPemkot Bekasi menerapkan WFH bagi ASN pada 16-17 April 2024. Adapun ASN yang bertugas di "
     "sektor kebersihan dan pertamanan tetap bekerja seperti biasa.",
     {"basic_utilities"}, {"other"}),
    ("Pemkot Depok WFH\nPemkot Depok menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai pada Dinas Sosial yang "
     "menangani bantuan sosial tetap masuk kantor.",
     {"social_services"}, set()),
    ("Pemkab Bekasi WFH\nPemkab Bekasi menerapkan WFH bagi ASN pada 16-17 April 2024. Namun, kepala dinas dan kepala "
     "badan tetap berada di kantor.",
     {"role:leadership"}, set()),
    ("Pemkab Karawang WFH\nPemkab Karawang menerapkan WFH bagi ASN pada 16-17 April 2024. Kebijakan WFH dikecualikan "
     "bagi pejabat eselon II, III, dan IV.",
     {"role:leadership"}, set()),
    ("Pemkab Purwakarta WFH\nPemkab Purwakarta menerapkan WFH bagi ASN pada 16-17 April 2024. Satpol PP dan Linmas "
     "tetap melaksanakan tugas ketertiban.",
     {"security_order"}, set()),
    ("Pemkab Subang WFH\nPemkab Subang menerapkan WFH bagi ASN pada 16-17 April 2024. \"Dukcapil tetap melayani "
     "masyarakat, tidak ada WFH di sana,\" ujar Sekda Subang.",
     {"civil_registration"}, {"public_service_direct"}),
    ("Pemprov Jabar WFH\nPemprov Jawa Barat menerapkan WFH bagi ASN pada 16-17 April 2024. Sementara pegawai Samsat "
     "dan Bapenda tetap melayani wajib pajak.",
     {"public_service_direct"}, {"other"}),
    ("Pemkab Sumedang WFH\nPemkab Sumedang menerapkan WFH bagi ASN pada 16-17 April 2024. Pelayanan di rumah sakit "
     "umum daerah tidak terganggu karena tenaga medis dan paramedis tetap bertugas.",
     {"health"}, set()),
    ("Pemkab Majalengka WFH\nPemkab Majalengka menerapkan WFH bagi ASN pada 16-17 April 2024. Untuk OPD pelayanan "
     "dasar, seperti Dinas Pendidikan dan Dinas Kesehatan, tetap WFO.",
     {"education", "health"}, {"public_service_direct"}),
    ("Pemkab Indramayu WFH\nPemkab Indramayu menerapkan WFH bagi ASN pada 16-17 April 2024. Tidak semua ASN bisa WFH. "
     "Petugas pemadam kebakaran, BPBD, dan tenaga kesehatan tetap siaga.",
     {"disaster", "health"}, set()),
    ("Pemkot Sukabumi WFH\nPemkot Sukabumi menerapkan WFH bagi ASN pada 16-17 April 2024. ASN di kantor kecamatan "
     "tetap melayani warga seperti biasa.",
     {"subdistrict_office"}, {"public_service_direct"}),
    ("Pemkab Sukabumi WFH\nPemkab Sukabumi menerapkan WFH bagi ASN pada 16-17 April 2024. Yang tetap masuk kantor "
     "hanya pejabat struktural dan staf pelayanan.",
     {"role:leadership", "public_service_direct"}, set()),
    ("Pemkab Cianjur WFH\nPemkab Cianjur menerapkan WFH bagi ASN pada 16-17 April 2024. Adapun bidan desa dan "
     "perawat puskesmas pembantu tetap bertugas.",
     {"health"}, set()),
    ("Pemkab Bandung Barat WFH\nPemkab Bandung Barat menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai Dinas "
     "Lingkungan Hidup bagian persampahan tetap bekerja.",
     {"basic_utilities"}, set()),
]

EXEMPTION_TRAPS += [
    ("Pemkab Bandung WFH\nPemkab Bandung menerapkan WFH bagi ASN pada 16-17 April 2024. Dinas Kesehatan juga "
     "mengingatkan ASN yang WFH agar tetap menjaga pola hidup sehat."),
    ("Pemkot Banjar WFH\nPemkot Banjar menerapkan WFH bagi ASN pada 16-17 April 2024. Rapat koordinasi soal WFH itu "
     "digelar di kantor BPBD."),
    # added with a fix: 'tetap melaksanakan tugas' alone is what staff working from home do too
    ("Pemkab Kuningan WFH\nPemkab Kuningan menerapkan WFH bagi ASN pada 16-17 April 2024. ASN yang WFH tetap "
     "melaksanakan tugas dan melapor kepada kepala perangkat daerah masing-masing."),
]

# third batch (its own first run is reported separately)
EXEMPTIONS += [
    ("Pemkab Jombang WFH\nPemkab Jombang menerapkan WFH bagi ASN pada 16-17 April 2024. Pengecualian berlaku untuk ASN "
     "yang bertugas pada fungsi pelayanan kesehatan, pelayanan kependudukan, serta pelayanan perizinan.",
     {"health", "civil_registration", "licensing"}, {"public_service_direct"}),
    ("Pemkab Mojokerto WFH\nPemkab Mojokerto menerapkan WFH bagi ASN pada 16-17 April 2024. Dalam SE itu disebutkan, "
     "WFH tidak berlaku bagi pegawai RSUD, UPT Puskesmas, Dinas Pemadam Kebakaran, dan Satuan Polisi Pamong Praja.",
     {"health", "disaster", "security_order"}, set()),
    ("Pemkot Mojokerto WFH\nPemkot Mojokerto menerapkan WFH bagi ASN pada 16-17 April 2024. Sedangkan untuk petugas "
     "kebersihan dan pertamanan serta petugas penerangan jalan umum tetap bekerja.",
     {"basic_utilities"}, {"other"}),
    ("Pemkab Pasuruan WFH\nPemkab Pasuruan menerapkan WFH bagi ASN pada 16-17 April 2024. Unit layanan seperti "
     "Disdukcapil dan MPP wajib tetap buka.",
     {"civil_registration", "public_service_direct"}, {"licensing"}),
    ("Pemkot Pasuruan WFH\nPemkot Pasuruan menerapkan WFH bagi ASN pada 16-17 April 2024. \"Yang tidak WFH itu "
     "teman-teman di rumah sakit, damkar, sama Satpol PP,\" ujarnya.",
     {"health", "disaster", "security_order"}, set()),
    ("Pemkab Probolinggo WFH\nPemkab Probolinggo menerapkan WFH bagi ASN pada 16-17 April 2024. Para camat dan lurah "
     "diminta tetap berkantor.",
     {"subdistrict_office"}, set()),
    ("Pemkot Probolinggo WFH\nPemkot Probolinggo menerapkan WFH bagi ASN pada 16-17 April 2024. Sementara itu, tenaga "
     "pendidik tidak termasuk dalam kebijakan tersebut karena sekolah masih berjalan.",
     {"education"}, set()),
    ("Pemkab Situbondo WFH\nPemkab Situbondo menerapkan WFH bagi ASN pada 16-17 April 2024. Pegawai yang bertugas di "
     "Dinas Perhubungan, terutama di terminal dan jembatan timbang, tetap bekerja normal.",
     {"transport_distribution"}, set()),
    ("Pemkab Bondowoso WFH\nPemkab Bondowoso menerapkan WFH bagi ASN pada 16-17 April 2024. WFH tidak berlaku bagi ASN "
     "di instansi yang memberikan pelayanan langsung ke masyarakat, misalnya puskesmas.",
     {"public_service_direct", "health"}, set()),
    ("Pemkab Jember WFH Pejabat\nPemkab Jember menerapkan WFH bagi ASN pada 16-17 April 2024. Adapun pejabat pimpinan "
     "tinggi, administrator, dan pengawas tetap bekerja di kantor.",
     {"role:leadership"}, {"role:supervisor"}),
    ("Pemkab Lumajang WFH BPBD\nPemkab Lumajang menerapkan WFH bagi ASN pada 16-17 April 2024. BPBD tetap membuka "
     "posko siaga bencana selama WFH.",
     {"disaster"}, set()),
    ("Pemkab Malang WFH\nPemkab Malang menerapkan WFH bagi ASN pada 16-17 April 2024. Kebijakan ini dikecualikan bagi "
     "pegawai Dinas Sosial yang menangani panti dan layanan rehabilitasi.",
     {"social_services"}, set()),
    ("Pemkot Batu WFH Nakes\nPemkot Batu menerapkan WFH bagi ASN pada 16-17 April 2024. Seluruh pegawai puskesmas dan "
     "rumah sakit daerah tidak diperkenankan bekerja dari rumah.",
     {"health"}, set()),
    ("Pemkot Blitar WFH DLH\nPemkot Blitar menerapkan WFH bagi ASN pada 16-17 April 2024. Dinas Lingkungan Hidup tetap "
     "mengoperasikan armada pengangkut sampah.",
     {"basic_utilities"}, set()),
    ("Pemkab Blitar WFH\nPemkab Blitar menerapkan WFH bagi ASN pada 16-17 April 2024. Bagi OPD yang berkaitan langsung "
     "dengan pelayanan masyarakat, WFH tidak diberlakukan.",
     {"public_service_direct"}, set()),
    ("Pemkab Trenggalek WFH\nPemkab Trenggalek menerapkan WFH bagi ASN pada 16-17 April 2024. Selain pegawai "
     "Dukcapil, ASN di kantor kelurahan juga wajib masuk.",
     {"civil_registration", "subdistrict_office"}, set()),
    ("Pemkab Pacitan WFH\nPemkab Pacitan menerapkan WFH bagi ASN pada 16-17 April 2024. Pengecualian juga berlaku "
     "untuk ASN yang bertugas di UPT Pasar.",
     {"other"}, set()),
    ("Pemkab Magetan WFH\nPemkab Magetan menerapkan WFH bagi ASN pada 16-17 April 2024. Petugas Satpol PP, Dishub, dan "
     "Dinas Kebersihan tetap melaksanakan tugas lapangan.",
     {"security_order", "transport_distribution", "basic_utilities"}, {"other"}),
]

EXEMPTION_TRAPS += [
    ("Pemkab Ngawi WFH Jumat\nPemkab Ngawi menerapkan WFH bagi ASN setiap Jumat mulai Mei 2024. Kecuali hari libur "
     "nasional, WFH berlaku setiap Jumat."),
    ("Pemkab Madiun WFH\nPemkab Madiun menerapkan WFH bagi ASN pada 16-17 April 2024. Dinas Perhubungan memprediksi "
     "arus balik akan lebih lancar berkat WFH."),
]


@pytest.mark.parametrize(("text", "required", "tolerated"), EXEMPTIONS)
def test_round2_exemptions(records, request, text, required, tolerated):
    _known_miss(request, "exemptions", text)
    recs = records(text, published=PUB)
    assert recs, "the rule must still make a record"
    got = _categories(recs)
    assert required <= got, f"missed {required - got}"
    assert got <= required | tolerated, f"extra {got - required - tolerated}"


@pytest.mark.parametrize("text", EXEMPTION_TRAPS)
def test_round2_exemption_traps(records, request, text):
    _known_miss(request, "traps", text)
    recs = records(text, published=PUB)
    assert recs
    assert _categories(recs) == set()


# --------------------------------------------------------------------------------------------
# Officials: the person who issued, signed or announced the rule. (text, expected names, lower-cased,
# dots removed; a name with "|" may be written either way). Reacting legislators, residents,
# experts, bylines and photo credits are not officials.
# --------------------------------------------------------------------------------------------

OFFICIALS: list[tuple[str, set[str]]] = [
    ("Garut WFH\nBupati Garut Dr. H. Ahmad Sulaiman, S.H., M.H., menetapkan WFH bagi ASN Pemkab Garut pada 16-17 "
     "April 2024.",
     {"ahmad sulaiman"}),
    ("Bone WFH\nSekda Kabupaten Bone Andi Muhammad Ishak, S.Sos., M.Si., mengatakan Pemkab Bone menerapkan WFH "
     "bagi ASN pada 16-17 April 2024.",
     {"andi muhammad ishak"}),
    ("Makassar WFH\nWali Kota Makassar Hj. Andi Ratna Wahyuni memberlakukan WFH bagi ASN Pemkot Makassar pada "
     "16-17 April 2024.",
     {"andi ratna wahyuni|hj andi ratna wahyuni"}),
    ("Sumut WFH\nKepala BKD Provinsi Sumatera Utara Ir. Togar Parulian Simanjuntak, M.T., menyebut Pemprov Sumut "
     "menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"togar parulian simanjuntak"}),
    ("Taput WFH\nBupati Tapanuli Utara Nikson Marpaung Sihombing memberlakukan WFH bagi ASN Pemkab Tapanuli Utara "
     "pada 16-17 April 2024.",
     {"nikson marpaung sihombing"}),
    ("Payakumbuh WFH\nWali Kota Payakumbuh Syafriadi Datuak Bandaro menetapkan WFH bagi ASN Pemkot Payakumbuh pada "
     "16-17 April 2024.",
     {"syafriadi datuak bandaro|syafriadi"}),
    ("Papua Barat WFH\nSekda Provinsi Papua Barat Natanael Wambrauw mengatakan Pemprov Papua Barat menerapkan WFH "
     "bagi ASN pada 16-17 April 2024.",
     {"natanael wambrauw"}),
    ("Jayawijaya WFH\nPj Bupati Jayawijaya Yohanes Kogoya memberlakukan WFH bagi ASN Pemkab Jayawijaya pada 16-17 "
     "April 2024.",
     {"yohanes kogoya"}),
    ("Singkawang WFH\nWali Kota Singkawang Tjhin Bun Liong menerapkan WFH bagi ASN Pemkot Singkawang pada 16-17 "
     "April 2024.",
     {"tjhin bun liong"}),
    ("Palembang WFH\nKepala BKPSDM Kota Palembang Husein bin Abdullah Alatas menjelaskan Pemkot Palembang "
     "memberlakukan WFH bagi ASN pada 16-17 April 2024.",
     {"husein bin abdullah alatas"}),
    ("Kediri WFH\nKepala BKPSDM Kota Kediri Sutrisno mengatakan Pemkot Kediri menerapkan WFH bagi ASN pada 16-17 "
     "April 2024.",
     {"sutrisno"}),
    ("Tegal WFH\nPlt Wali Kota Tegal Rudi Hartono menetapkan WFH bagi ASN Pemkot Tegal pada 16-17 April 2024.",
     {"rudi hartono"}),
    ("Cilacap WFH\nPlh Bupati Cilacap Wahyu Setiadi menerapkan WFH bagi ASN Pemkab Cilacap pada 16-17 April 2024.",
     {"wahyu setiadi"}),
    ("Jabar WFH\nJuru bicara Pemprov Jawa Barat, Dina Marlina, mengatakan Pemprov Jabar menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"dina marlina"}),
    ("Jatim WFH\nKepala BKD Jawa Timur Indah Wahyuni Kusumawati mengatakan Pemprov Jatim menerapkan WFH bagi ASN "
     "pada 16-17 April 2024. Indah menambahkan, layanan publik tetap berjalan.",
     {"indah wahyuni kusumawati"}),
    ("Jateng WFH\nAhmad Zulfikar, Gubernur Jawa Tengah, mengatakan Pemprov Jateng menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"ahmad zulfikar"}),
    ("Cimahi WFH\nHendra Gunawan selaku Sekda Kota Cimahi menyampaikan Pemkot Cimahi menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"hendra gunawan"}),
    ("Blitar WFH\nPemkot Blitar menerapkan WFH bagi ASN pada 16-17 April 2024. Surat edaran itu ditandatangani "
     "Wali Kota Blitar Santoso Wibisono pada Jumat (5/4).",
     {"santoso wibisono"}),
    ("ASN Pusat WFH\nDeputi Bidang SDM Aparatur Kementerian PANRB Rina Kartika mengatakan ASN instansi pusat "
     "menjalani WFH pada 16-17 April 2024.",
     {"rina kartika"}),
    ("Kudus WFH\nKabag Prokopim Setda Kabupaten Kudus Agung Sulistyo mengatakan Pemkab Kudus menerapkan WFH bagi "
     "ASN pada 16-17 April 2024.",
     {"agung sulistyo"}),
    ("Bekasi WFH\nPj. Bupati Bekasi Dani Ramdani menerapkan WFH bagi ASN Pemkab Bekasi pada 16-17 April 2024.",
     {"dani ramdani"}),
    ("Depok WFH\nPlt. Kepala BKPSDM Kota Depok, Drs. Asep Saepudin, M.Si, menyebut Pemkot Depok menerapkan WFH bagi "
     "ASN pada 16-17 April 2024.",
     {"asep saepudin"}),
    ("Wajo WFH\nBupati Wajo Andi Baso Tenriajeng menetapkan WFH bagi ASN Pemkab Wajo pada 16-17 April 2024.",
     {"andi baso tenriajeng"}),
    ("Binjai WFH\n\"Kami terapkan WFH pada 16-17 April,\" ujar Wali Kota Binjai, Amir Hamzah Siregar.",
     {"amir hamzah siregar"}),
    ("Madina WFH\nRahmat Effendi Nasution, Bupati Mandailing Natal, menetapkan WFH bagi ASN Pemkab Mandailing "
     "Natal pada 16-17 April 2024.",
     {"rahmat effendi nasution"}),
    ("Ambon WFH\nSekretaris Daerah (Sekda) Kota Ambon, Agus Ririmasse, mengatakan Pemkot Ambon menerapkan WFH bagi "
     "ASN pada 16-17 April 2024.",
     {"agus ririmasse"}),
    ("Tomohon WFH\nKepala BKPSDM Kota Tomohon, Stevanus Wowor, menuturkan Pemkot Tomohon memberlakukan WFH bagi "
     "ASN pada 16-17 April 2024.",
     {"stevanus wowor"}),
    ("Pinrang WFH\nBupati Pinrang Andi Ma'mun Lamandasa menerbitkan surat edaran WFH bagi ASN Pemkab Pinrang pada "
     "16-17 April 2024.",
     {"andi ma'mun lamandasa"}),
    # not officials: bylines, photo credits, reporters, legislators, residents, experts
    ("Sukabumi WFH\nWali Kota Sukabumi Firman Hidayat menetapkan WFH bagi ASN Pemkot Sukabumi pada 16-17 April "
     "2024.\n\nPenulis: Rizky Ramadhan | Editor: Dewi Lestari",
     {"firman hidayat"}),
    ("Cirebon WFH\n(Foto: Antara/Bagus Pratama)\nBupati Cirebon Imron Rosyadi menerapkan WFH bagi ASN Pemkab "
     "Cirebon pada 16-17 April 2024.",
     {"imron rosyadi"}),
    ("Yogya WFH\nLaporan wartawan Harian Jogja, Yogi Saputra\n\nPemkot Yogyakarta menerapkan WFH bagi ASN pada "
     "16-17 April 2024, kata Sekda Kota Yogyakarta Aman Yuriadijaya.",
     {"aman yuriadijaya"}),
    ("Karawang WFH\nPemkab Karawang menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nKetua Komisi I DPRD Karawang, "
     "Hj. Siti Rohmah, mendukung kebijakan itu.",
     set()),
    ("Serang WFH\nPemkot Serang menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nUjang (45), pedagang di depan "
     "Puspemkot Serang, mengaku dagangannya sepi.",
     set()),
    ("Bandung WFH\nPemkot Bandung menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nGuru besar administrasi "
     "publik Universitas Padjadjaran, Prof. Dr. Rahmat Hidayat, menilai WFH dua hari cukup efektif.",
     set()),
    ("Pontianak WFH\nWali Kota Pontianak Edwin Kamtono menerapkan WFH bagi ASN Pemkot Pontianak pada 16-17 April "
     "2024.\n\nAnggota DPRD Kota Pontianak Yandi Saputra menilai kebijakan itu perlu dievaluasi.",
     {"edwin kamtono"}),
]

# second batch (its own first run is reported separately)
OFFICIALS += [
    ("Bogor WFH Sekda\nBupati Bogor, Irwan Setiadi, melalui Sekda Kabupaten Bogor, Burhanudin, menyebut Pemkab Bogor "
     "menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"irwan setiadi", "burhanudin"}),
    ("Bekasi WFH Wali\nWali Kota Bekasi Tri Wahyudi Santosa mengungkapkan Pemkot Bekasi menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"tri wahyudi santosa"}),
    ("Bandung WFH BKPSDM\nKepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Bandung, "
     "Wawan A. Ridwan, menjelaskan Pemkab Bandung menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"wawan a ridwan"}),
    ("Jabar WFH Gubernur\nGubernur Jawa Barat Dedi Mulyana melalui surat edaran menetapkan WFH bagi ASN Pemprov Jabar "
     "pada 16-17 April 2024.",
     {"dedi mulyana"}),
    ("Malang WFH Sekda\nPemkot Malang menerapkan WFH bagi ASN pada 16-17 April 2024. Hal itu disampaikan Sekda Kota "
     "Malang, Erik Setyo Santoso, kepada wartawan, Rabu (10/4).",
     {"erik setyo santoso"}),
    ("Surabaya WFH SE\nWali Kota Surabaya Eri Santoso menerbitkan SE WFH bagi ASN Pemkot Surabaya pada 16-17 April "
     "2024. \"Semua OPD sudah kami beri tahu,\" ujar Eri.",
     {"eri santoso"}),
    ("Riau WFH\nPlt Sekda Provinsi Riau, SF Hariyanto, mengatakan Pemprov Riau menerapkan WFH bagi ASN pada 16-17 "
     "April 2024.",
     {"sf hariyanto"}),
    ("Pekanbaru WFH\nPj Wali Kota Pekanbaru Muflihun, S.STP, M.AP, mengatakan Pemkot Pekanbaru menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"muflihun"}),
    ("Sulsel WFH Biro\nKepala Biro Organisasi Setda Provinsi Sulawesi Selatan, Andi Mirna, mengatakan Pemprov Sulsel "
     "menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"andi mirna"}),
    ("Makassar WFH Jubir\nJuru Bicara Pemkot Makassar, Muhammad Roem, menuturkan Pemkot Makassar menerapkan WFH bagi "
     "ASN pada 16-17 April 2024.",
     {"muhammad roem"}),
    ("Medan WFH Kominfo\nKadis Kominfo Kota Medan Arrahmaan Pane mengatakan Pemkot Medan menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"arrahmaan pane"}),
    ("Papua WFH\nSekretaris Daerah Provinsi Papua, Yohanes Walilo, mengatakan Pemprov Papua menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"yohanes walilo"}),
    ("Singkawang WFH Wali\nWali Kota Singkawang, Tjhai Nyit Khim, menegaskan Pemkot Singkawang menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"tjhai nyit khim"}),
    ("Sleman WFH Harda\nBupati Sleman Harda Kiswaya menetapkan WFH bagi ASN Pemkab Sleman pada 16-17 April 2024. "
     "Menurut Harda, pelayanan publik tetap berjalan.",
     {"harda kiswaya"}),
    ("Jateng WFH DPRD\nPemprov Jawa Tengah menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nWakil Ketua DPRD Jawa "
     "Tengah, Dr. Sukirman, menyambut baik kebijakan itu.",
     set()),
    ("Bogor WFH Polres\nPemkab Bogor menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nKapolres Bogor AKBP Rio Wahyu "
     "Anggoro memastikan arus lalu lintas lancar.",
     set()),
    ("Depok WFH RT\nPemkot Depok menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nKetua RT 05, Slamet, mengaku "
     "lingkungannya lebih ramai.",
     set()),
    ("Jakarta WFH Dosen\nPemprov DKI Jakarta menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nDosen Universitas "
     "Indonesia, Dr. Lina Miftahul Jannah, menilai WFH perlu diukur kinerjanya.",
     set()),
    ("Bogor WFH Foto\nPemkot Bogor menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nSejumlah ASN bekerja di Balai "
     "Kota Bogor. (ANTARA FOTO/Arif Firmansyah)\n\nEditor: Bambang Priyo Jatmiko",
     set()),
    ("Jombang WFH Sekda\nDr. Hj. Nurul Hidayah, M.Pd., Sekda Kabupaten Jombang, mengatakan Pemkab Jombang menerapkan "
     "WFH bagi ASN pada 16-17 April 2024.",
     {"nurul hidayah"}),
    ("Jayapura WFH Sekda\nSekda Kota Jayapura Robert Kambu Awi menjelaskan Pemkot Jayapura menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"robert kambu awi"}),
    ("Sultra WFH\nGubernur Sulawesi Tenggara (Sultra) La Ode Hamzah menetapkan WFH bagi ASN Pemprov Sultra pada 16-17 "
     "April 2024.",
     {"la ode hamzah"}),
    ("Bantul WFH Wabup\nWakil Bupati Bantul Joko Purnomo mengungkapkan Pemkab Bantul menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"joko purnomo"}),
    ("Bogor WFH Humas\nKepala Bagian Humas dan Protokol Setda Kota Bogor, Rudiyana, menyampaikan Pemkot Bogor "
     "menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"rudiyana"}),
    ("Binjai WFH BKPSDM\nM. Rizal, Kepala BKPSDM Kota Binjai, menyampaikan Pemkot Binjai menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"m rizal"}),
    ("Jambi WFH Maulana\nWali Kota Jambi Maulana Langsung Menerbitkan SE WFH bagi ASN Pemkot Jambi pada 16-17 April "
     "2024.",
     {"maulana"}),
]

# third batch (its own first run is reported separately)
OFFICIALS += [
    ("Sumut WFH Gubernur\nGubernur Sumatera Utara, Edy Nasution, melalui Kepala BKD Sumut, Fauzi Harahap, "
     "menyampaikan Pemprov Sumut menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"edy nasution", "fauzi harahap"}),
    ("Sidoarjo WFH Sekda\nSekretaris Daerah Kabupaten Sidoarjo, Fenny Apridawati, S.H., M.Si, mengatakan Pemkab "
     "Sidoarjo menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"fenny apridawati"}),
    ("Sidoarjo WFH Plt\nPlt. Bupati Sidoarjo H. Subandi, S.H. menetapkan WFH bagi ASN Pemkab Sidoarjo pada 16-17 "
     "April 2024.",
     {"subandi"}),
    ("Palembang WFH Pj Sekda\nPj Sekda Kota Palembang, Ir. H. Ratu Dewa, M.Si, mengatakan Pemkot Palembang "
     "menerapkan WFH bagi ASN pada 16-17 April 2024.",
     {"ratu dewa"}),
    ("Jatim WFH Jubir\nJubir Pemprov Jatim, Hudiyono Santoso, menjelaskan Pemprov Jatim menerapkan WFH bagi ASN pada "
     "16-17 April 2024.",
     {"hudiyono santoso"}),
    ("Jatim WFH Wagub\nWakil Gubernur Jawa Timur Rizky Pratama Putra mengumumkan Pemprov Jatim menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"rizky pratama putra"}),
    ("Palopo WFH\nWali Kota Palopo Hj. Naili Trisal menetapkan WFH bagi ASN Pemkot Palopo pada 16-17 April 2024.",
     {"naili trisal|hj naili trisal"}),
    ("Semarang WFH BKPSDM\nKepala BKPSDM Kota Semarang, Joko Hartono, menyebut Pemkot Semarang menerapkan WFH bagi "
     "ASN pada 16-17 April 2024. Menurut Joko, pelayanan tetap dibuka.",
     {"joko hartono"}),
    ("Surabaya WFH Fraksi\nPemkot Surabaya menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nKetua Fraksi PDIP DPRD "
     "Kota Surabaya, Budi Leksono, menilai kebijakan itu tepat.",
     set()),
    ("Surabaya WFH Pakar\nPemkot Surabaya menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nPakar kebijakan publik "
     "Universitas Airlangga, Gitadi Tegas, mengatakan WFH perlu dievaluasi.",
     set()),
    ("Kupang WFH Pewarta\nPemkot Kupang menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nPewarta: Fransiskus Rahmat",
     set()),
    ("Malang WFH ASN\nPemkot Malang menerapkan WFH bagi ASN pada 16-17 April 2024.\n\nSeorang ASN di Balai Kota, "
     "Dewi (29), mengaku senang.",
     set()),
    ("Kalbar WFH\nGubernur Kalbar Syarif Abdullah Alkadrie menetapkan WFH bagi ASN Pemprov Kalbar pada 16-17 April "
     "2024.",
     {"syarif abdullah alkadrie"}),
    ("Sikka WFH\nBupati Sikka Yoseph Ansar Rera menetapkan WFH bagi ASN Pemkab Sikka pada 16-17 April 2024.",
     {"yoseph ansar rera"}),
    ("Tanjungpinang WFH\nKepala BKPSDM Kota Tanjungpinang, Hendri Lie, mengatakan Pemkot Tanjungpinang menerapkan WFH "
     "bagi ASN pada 16-17 April 2024.",
     {"hendri lie"}),
    ("Bali WFH Kominfo\nKadis Kominfo Provinsi Bali I Gede Pramana mengatakan Pemprov Bali menerapkan WFH bagi ASN "
     "pada 16-17 April 2024.",
     {"i gede pramana"}),
    ("Depok WFH Supian\nMenurut Sekda Kota Depok Supian Surya, Pemkot Depok menerapkan WFH bagi ASN pada 16-17 April "
     "2024.",
     {"supian surya"}),
    ("Bekasi WFH SE Bupati\nBupati Bekasi Ade Kurniawan menandatangani SE WFH bagi ASN Pemkab Bekasi pada 16-17 April "
     "2024.",
     {"ade kurniawan"}),
]


def official_names(recs: list[dict]) -> set[str]:
    return {_norm(o["name"]) for r in recs for o in r["officials"]}


def officials_ok(got: set[str], expected: set[str]) -> bool:
    return len(got) == len(expected) and all(got & set(w.split("|")) for w in expected)


@pytest.mark.parametrize(("text", "expected"), OFFICIALS)
def test_round2_officials(records, request, text, expected):
    _known_miss(request, "officials", text)
    recs = records(text, published=PUB)
    assert recs
    got = official_names(recs)
    assert officials_ok(got, expected), (expected, got)
