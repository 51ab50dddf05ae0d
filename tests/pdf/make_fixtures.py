"""Generate the PDF fixtures for tests/pdf: circulars in the real layout plus bad PDFs.

Nothing binary is committed: ``build_all(folder)`` writes every fixture in about a second
(the image-only and garbage-layer variants render pages with pypdfium2). Run it by hand to
look at the files::

    python tests/pdf/make_fixtures.py /tmp/edaran-pdf-fixtures

The three circulars are invented texts (numbers, dates, names, content) set in real
regions so that region codes resolve: a Surat Edaran Wali Kota Madiun in the "kop +
centred title" layout over two pages with a ruled quota table, a Surat Edaran Bupati
Klaten in the letter layout ("Klaten, 9 Agustus 2021 / Nomor : ... / Perihal : ..." beside
"Kepada Yth.") with a PPKM-level table, and a one-page Surat Edaran Menteri PANRB.
``EXPECTED`` holds what the parser and extractor must find in each.
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

__all__ = ["CIRCULARS", "EXPECTED", "RUNNING_HEADERS", "Layout", "build_all", "circular_pdf"]

PAGE_W, PAGE_H = 612.0, 936.0  # F4 / folio (8.5 x 13 in), the usual paper of Indonesian offices
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 80.0, 60.0, 60.0, 80.0
BODY = "Times-Roman"
BOLD = "Times-Bold"
SIZE = 11.5
LEADING = 15.5
SHY = "\u00ad"  # soft hyphen: a place where the layout may break a word with "-"

# Running footer of electronically signed documents (BSrE); on every page.
ESIGN_FOOTER = "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik BSrE"


# --- the circular texts --------------------------------------------------------------------
# Block kinds: ("kop", [lines]) letterhead; ("center", text, font, size); ("left", text);
# ("para", text); ("item", marker, text, level); ("table", header, rows, widths);
# ("letter", date_line, [(label, value)], [right lines]); ("sign", [lines]); ("space", pts).

MADIUN: list[tuple[Any, ...]] = [
    ("kop", ["PEMERINTAH KOTA MADIUN", "SEKRETARIAT DAERAH"],
     "Jalan Pahlawan Nomor 37 Telepon (0351) 467327 Madiun 63122"),
    ("space", 6),
    ("left", "Yth."),
    ("item", "1.", "Kepala Perangkat Daerah;", 1),
    ("item", "2.", "Camat dan Lurah se-Kota Madiun;", 1),
    ("item", "3.", "Direktur Rumah Sakit Umum Daerah Kota Madiun", 1),
    ("left", "di Madiun"),
    ("space", 8),
    ("center", "SURAT EDARAN WALI KOTA MADIUN", BOLD, 12),
    ("center", "NOMOR 800.1.6/412/401.102/2024", BODY, 12),
    ("center", "TENTANG", BODY, 12),
    ("center", "PENYESUAIAN SISTEM KERJA APARATUR SIPIL NEGARA SELAMA PERIODE", BODY, 12),
    ("center", "ARUS MUDIK DAN ARUS BALIK HARI RAYA IDUL FITRI 1445 H", BODY, 12),
    ("space", 8),
    ("para", "Menindaklanjuti Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
             "Nomor 1 Tahun 2024 tentang Penyesuaian Sistem Kerja Aparatur Sipil Negara pada Instansi "
             "Pemerintah Selama Periode Arus Mudik dan Arus Balik Hari Raya Idul Fitri 1445 H, dengan ini "
             "disampaikan hal-hal sebagai berikut:"),
    ("item", "1.", "Penyesuaian sistem kerja Aparatur Sipil Negara di lingkungan Pemerintah Kota Madiun "
                   "dilaksanakan pada tanggal 16 April 2024 sampai dengan tanggal 17 April 2024 dengan "
                   "ketentuan sebagai berikut:", 0),
    ("item", "a.", "unit kerja yang melaksanakan tugas pelayanan publik secara langsung kepada masyarakat "
                   "tetap melaksanakan tugas kedi" + SHY + "nasan di kantor (work from office) sebanyak 100% "
                   "dari jumlah pegawai;", 1),
    ("item", "b.", "unit kerja yang melaksanakan tugas administrasi pemerintahan dan layanan dukungan "
                   "pimpinan dapat melaksanakan tugas kedinasan di rumah (work from home) paling banyak 50% "
                   "dari jumlah pegawai dengan memperhatikan kelancaran penyeleng" + SHY + "garaan pemerintahan.", 1),
    ("item", "2.", "Komposisi pegawai yang melaksanakan tugas kedinasan di kantor dan di rumah pada setiap "
                   "unit kerja adalah sebagai berikut:", 0),
    ("table", ["Jenis Unit Kerja", "WFO", "WFH"],
     [["Unit pelayanan publik langsung", "100%", "0%"],
      ["Unit administrasi pemerintahan dan dukungan pimpinan", "minimal 50%", "maksimal 50%"]],
     [250, 110, 110]),
    ("item", "3.", "Dikecualikan dari ketentuan pada angka 1 huruf b, unit kerja berikut tetap melaksanakan "
                   "tugas kedinasan di kantor secara penuh:", 0),
    ("item", "a)", "Rumah Sakit Umum Daerah dan Pusat Kesehatan Masyarakat;", 1),
    ("item", "b)", "Satuan Polisi Pamong Praja; dan", 1),
    ("item", "c)", "Badan Penanggulangan Bencana Daerah.", 1),
    ("item", "4.", "Pegawai yang melaksanakan tugas kedinasan di rumah wajib melaporkan kinerja harian melalui "
                   "aplikasi e-Kinerja, tetap berada di Kota Madiun dan dapat dihubungi sewaktu-waktu apabila "
                   "sewaktu-waktu diperlukan oleh atasan masing-" + SHY + "masing.", 0),
    ("item", "5.", "Jam kerja bagi pegawai yang melaksanakan tugas kedinasan di kantor dimulai pukul 07.30 WIB "
                   "sampai dengan pukul 16.00 WIB, dan bagi pegawai yang melaksanakan tugas kedinasan di rumah "
                   "tetap mengikuti ketentuan jam kerja yang berlaku serta wajib mengisi daftar hadir secara "
                   "daring melalui aplikasi presensi.", 0),
    ("item", "6.", "Kepala Perangkat Daerah bertanggung jawab atas pelaksanaan Surat Edaran ini dan "
                   "melaporkan pelaksanaannya kepada Wali Kota melalui Sekretaris Daerah paling lambat "
                   "tanggal 22 April 2024.", 0),
    ("para", "Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab."),
    ("space", 10),
    ("sign", ["Ditetapkan di Madiun", "pada tanggal 12 April 2024", "", "WALI KOTA MADIUN,", "", "ttd", "",
              "HARYANTO WIBISONO"]),
    ("space", 10),
    ("left", "Tembusan:"),
    ("item", "1.", "Gubernur Jawa Timur;", 0),
    ("item", "2.", "Ketua DPRD Kota Madiun.", 0),
]

KLATEN: list[tuple[Any, ...]] = [
    ("kop", ["PEMERINTAH KABUPATEN KLATEN", "SEKRETARIAT DAERAH"],
     "Jalan Pemuda Nomor 294 Telepon (0272) 321046 Klaten 57424"),
    ("space", 6),
    ("letter", "Klaten, 9 Agustus 2021",
     [("Nomor", "800/2154/07"), ("Sifat", "Segera"), ("Lampiran", "-"),
      ("Perihal", "Sistem Kerja ASN Selama PPKM Level 4")],
     ["Kepada", "Yth. Kepala Perangkat Daerah", "se-Kabupaten Klaten", "di -", "KLATEN"]),
    ("space", 10),
    ("center", "SURAT EDARAN", BOLD, 12),
    ("space", 4),
    ("para", "Berdasarkan Instruksi Menteri Dalam Negeri Nomor 30 Tahun 2021 tentang Pemberlakuan "
             "Pembatasan Kegiatan Masyarakat Level 4, Level 3 dan Level 2 Corona Virus Disease 2019 di "
             "Wilayah Jawa dan Bali, bersama ini disampaikan sistem kerja Aparatur Sipil Negara di "
             "lingkungan Pemerintah Kabupaten Klaten sebagai berikut:"),
    ("item", "1.", "Pelaksanaan tugas kedinasan di kantor (work from office) disesuaikan dengan level "
                   "PPKM yang berlaku di Kabupaten Klaten sebagai berikut:", 0),
    ("table", ["Level PPKM", "Pelaksanaan Tugas"],
     [["Level 4", "WFO maksimal 25%"], ["Level 3", "WFO maksimal 50%"], ["Level 2", "WFO maksimal 75%"]],
     [170, 270]),
    ("item", "2.", "Sistem kerja sebagaimana dimaksud pada angka 1 berlaku mulai tanggal 10 Agustus 2021 "
                   "sampai dengan tanggal 23 Agustus 2021.", 0),
    ("item", "3.", "Ketentuan pada angka 1 dikecualikan bagi unit kerja pelayanan kesehatan, keamanan dan "
                   "ketertiban, serta penanganan bencana yang tetap bekerja dari kantor 100%.", 0),
    ("para", "Demikian untuk menjadi perhatian dan dilaksanakan."),
    ("space", 10),
    ("sign", ["a.n. BUPATI KLATEN", "SEKRETARIS DAERAH,", "", "ttd", "", "Drs. JAKA SURYANTO, M.Si.",
              "Pembina Utama Madya", "NIP. 19680412 199303 1 007"]),
    ("space", 10),
    ("left", "Tembusan:"),
    ("item", "1.", "Bupati Klaten (sebagai laporan);", 0),
    ("item", "2.", "Inspektur Kabupaten Klaten.", 0),
]

MENPANRB: list[tuple[Any, ...]] = [
    ("kop", ["MENTERI PENDAYAGUNAAN APARATUR NEGARA", "DAN REFORMASI BIROKRASI", "REPUBLIK INDONESIA"], None),
    ("space", 8),
    ("left", "Yth."),
    ("item", "1.", "Para Pejabat Pembina Kepegawaian Instansi Pusat;", 1),
    ("item", "2.", "Para Gubernur;", 1),
    ("item", "3.", "Para Bupati/Wali Kota.", 1),
    ("space", 6),
    ("center", "SURAT EDARAN", BOLD, 12),
    ("center", "NOMOR 7 TAHUN 2025", BODY, 12),
    ("center", "TENTANG", BODY, 12),
    ("center", "PELAKSANAAN TUGAS KEDINASAN SECARA FLEKSIBEL BAGI APARATUR SIPIL NEGARA", BODY, 12),
    ("space", 8),
    ("para", "Dalam rangka mendukung kelancaran arus lalu lintas selama libur panjang akhir pekan, "
             "instansi pemerintah dapat menerapkan pelaksanaan tugas kedinasan secara fleksibel dengan "
             "ketentuan sebagai berikut:"),
    ("item", "1.", "Pelaksanaan tugas kedinasan dari mana saja (work from anywhere) dapat diterapkan pada "
                   "tanggal 26 Maret 2025 dan 27 Maret 2025.", 0),
    ("item", "2.", "Pegawai yang melaksanakan tugas kedinasan dari mana saja paling banyak 50% dari "
                   "jumlah pegawai pada setiap unit kerja.", 0),
    ("item", "3.", "Unit kerja yang memberikan pelayanan publik secara langsung, layanan kesehatan, serta "
                   "keamanan dan ketertiban tetap melaksanakan tugas kedinasan di kantor.", 0),
    ("item", "4.", "Pejabat Pembina Kepegawaian memastikan kinerja organisasi tetap tercapai.", 0),
    ("para", "Demikian Surat Edaran ini disampaikan untuk dilaksanakan."),
    ("space", 10),
    ("sign", ["Ditetapkan di Jakarta", "pada tanggal 3 Maret 2025", "", "MENTERI PENDAYAGUNAAN",
              "APARATUR NEGARA DAN", "REFORMASI BIROKRASI,", "", "ttd", "", "ARIF WICAKSONO"]),
]

CIRCULARS: dict[str, list[tuple[Any, ...]]] = {"madiun": MADIUN, "klaten": KLATEN, "menpanrb": MENPANRB}
# A running header at the top of every page (small type, right-aligned), as Word prints it.
RUNNING_HEADERS = {"madiun": "SE Wali Kota Madiun - Sistem Kerja ASN Idul Fitri 1445 H"}

EXPECTED: dict[str, dict[str, Any]] = {
    "madiun": {
        "instrument": "SE:WALIKOTA-35.77:800.1.6/412/401.102/2024",
        "issuer": "region:35.77",
        "signed": "2024-04-12",
        "place": "Madiun",
        "signatory": ("WALI KOTA MADIUN", "Haryanto Wibisono"),
        "pages": 2,
        "quotas": {("WFO", "=", 100.0, "public_service_direct"), ("WFH", "<=", 50.0, "admin_support"),
                   ("WFO", ">=", 50.0, "admin_support")},
        "effective": ("2024-04-16", "2024-04-17"),
        "legal_basis": ["SE:MENPANRB:1/2024"],
        "exemption_phrases": ["Rumah Sakit Umum Daerah", "Satuan Polisi Pamong Praja",
                              "Badan Penanggulangan Bencana Daerah"],
        "addressees": 3,
        "tembusan": 2,
    },
    "klaten": {
        # signed "a.n. BUPATI KLATEN / SEKRETARIS DAERAH": the circular is the Bupati's
        "instrument": "SE:BUPATI-33.10:800/2154/07/2021",
        "issuer": "region:33.10",
        "signed": "2021-08-09",
        "place": "Klaten",
        "signatory": ("SEKRETARIS DAERAH", "Jaka Suryanto"),
        "nip": "19680412 199303 1 007",
        "pages": 1,
        "quotas": {("WFO", "<=", 25.0, "all"), ("WFO", "<=", 50.0, "all"), ("WFO", "<=", 75.0, "all")},
        "effective": ("2021-08-10", "2021-08-23"),
        "legal_basis": ["INSTRUKSI:MENDAGRI:30/2021"],
        "addressees": 1,
        "tembusan": 2,
    },
    "menpanrb": {
        "instrument": "SE:MENPANRB:7/2025",
        "issuer": "central:kemenpanrb",
        "signed": "2025-03-03",
        "place": "Jakarta",
        "signatory": ("MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI", "Arif Wicaksono"),
        "pages": 1,
        "effective": ("2025-03-26", "2025-03-27"),
        "addressees": 3,
        "tembusan": 0,
    },
}


# --- layout ----------------------------------------------------------------------------------

_VOWELS = set("aeiou")


def _soft_hyphenate(word: str) -> str:
    """Put a soft hyphen into a long lower-case word at a vowel-consonant-vowel break near its
    middle ('pelaksanaan' -> 'pelak-sanaan' style), as Indonesian typesetting hyphenates."""
    if SHY in word or "-" in word or len(word) < 8 or not word.isalpha() or not word.islower():
        return word
    best = None
    for i in range(3, len(word) - 3):
        if word[i - 1] in _VOWELS and word[i] not in _VOWELS and word[i + 1] in _VOWELS:
            if best is None or abs(i - len(word) / 2) < abs(best - len(word) / 2):
                best = i
    return word if best is None else word[:best] + SHY + word[best:]



@dataclass
class Layout:
    """Lays blocks out on a reportlab canvas; records what a parser must undo."""

    c: canvas.Canvas
    running_title: str
    page: int = 1
    y: float = PAGE_H - MARGIN_T
    hyphenated: list[tuple[str, str]] = field(default_factory=list)  # (line end, next line start)
    pages_total: int = 0

    # page furniture ---------------------------------------------------------------------
    def _furniture(self) -> None:
        c = self.c
        if self.running_title:  # a Word running header, on every page
            c.setFont(BODY, 8)
            c.drawRightString(PAGE_W - MARGIN_R, PAGE_H - 28, self.running_title)
        c.setFont(BODY, 8)
        c.drawCentredString(PAGE_W / 2, 40, ESIGN_FOOTER)
        c.drawRightString(PAGE_W - MARGIN_R, 28, f"Halaman {self.page} dari {self.pages_total or '#'}")
        if self.page > 1:
            c.setFont(BODY, SIZE)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 40, f"- {self.page} -")
            self.y = PAGE_H - MARGIN_T - 20

    def start(self) -> None:
        self._furniture()

    def need(self, height: float) -> None:
        if self.y - height < MARGIN_B:
            self.c.showPage()
            self.page += 1
            self.y = PAGE_H - MARGIN_T
            self._furniture()

    # text ----------------------------------------------------------------------------------
    def _wrap(self, words: list[str], width: float, font: str, size: float) -> list[list[str]]:
        words = [_soft_hyphenate(w) for w in words]
        lines: list[list[str]] = []
        cur: list[str] = []
        space = stringWidth(" ", font, size)

        def w(ws: list[str]) -> float:
            return sum(stringWidth(x.replace(SHY, ""), font, size) for x in ws) + space * max(len(ws) - 1, 0)

        queue = list(words)
        while queue:
            word = queue.pop(0)
            if w([*cur, word]) <= width:
                cur.append(word)
                continue
            # try to break the word at a soft hyphen or a real hyphen
            broke = False
            for sep in (SHY, "-"):
                if sep in word:
                    i = word.rfind(sep)
                    head = word[:i].replace(SHY, "") + "-"
                    tail = word[i + 1:]
                    if w([*cur, head]) <= width and cur:
                        cur.append(head)
                        queue.insert(0, tail)
                        self.hyphenated.append((head, tail.replace(SHY, "")))
                        broke = True
                        break
            lines.append(cur)
            cur = [] if broke else [word]
        if cur:
            lines.append(cur)
        return [[x.replace(SHY, "") for x in ln] for ln in lines]

    def _draw_lines(self, lines: list[list[str]], x: float, width: float, font: str, size: float,
                    justify: bool = True, first_x: float | None = None) -> None:
        for i, ln in enumerate(lines):
            self.need(LEADING)
            self.y -= LEADING
            x0 = first_x if (i == 0 and first_x is not None) else x
            w0 = width - (x0 - x)
            self.c.setFont(font, size)
            last = i == len(lines) - 1
            if not justify or last or len(ln) == 1:
                self.c.drawString(x0, self.y, " ".join(ln))
                continue
            words_w = sum(stringWidth(t, font, size) for t in ln)
            gap = (w0 - words_w) / (len(ln) - 1)
            pos = x0
            for t in ln:
                self.c.drawString(pos, self.y, t)
                pos += stringWidth(t, font, size) + gap

    def para(self, text: str, indent: float = 0.0, first_indent: float = 28.0) -> None:
        x = MARGIN_L + indent
        width = PAGE_W - MARGIN_R - x
        lines = self._wrap(text.split(), width - first_indent, BODY, SIZE)
        # re-wrap the rest to the full width: first line is shorter by first_indent
        first = lines[0]
        rest_words = [w for ln in lines[1:] for w in ln]
        rest = self._wrap(rest_words, width, BODY, SIZE) if rest_words else []
        self._draw_lines([first, *rest], x, width, BODY, SIZE, first_x=x + first_indent)
        self.y -= 3

    def item(self, marker: str, text: str, level: int) -> None:
        x_marker = MARGIN_L + 20 * level
        x_text = x_marker + 20
        width = PAGE_W - MARGIN_R - x_text
        lines = self._wrap(text.split(), width, BODY, SIZE)
        self.need(LEADING)
        self.c.setFont(BODY, SIZE)
        self.c.drawString(x_marker, self.y - LEADING, marker)
        self._draw_lines(lines, x_text, width, BODY, SIZE)
        self.y -= 2

    def left(self, text: str) -> None:
        self.need(LEADING)
        self.y -= LEADING
        self.c.setFont(BODY, SIZE)
        self.c.drawString(MARGIN_L, self.y, text)

    def center(self, text: str, font: str, size: float) -> None:
        self.need(LEADING)
        self.y -= LEADING
        self.c.setFont(font, size)
        self.c.drawCentredString(MARGIN_L + (PAGE_W - MARGIN_L - MARGIN_R) / 2, self.y, text)

    def kop(self, lines: list[str], address: str | None) -> None:
        for i, ln in enumerate(lines):
            self.y -= 18
            self.c.setFont(BOLD, 15 if i == 0 else 13)
            self.c.drawCentredString(PAGE_W / 2, self.y, ln)
        if address:
            self.y -= 14
            self.c.setFont(BODY, 9)
            self.c.drawCentredString(PAGE_W / 2, self.y, address)
        self.y -= 8
        self.c.setLineWidth(2)
        self.c.line(MARGIN_L - 20, self.y, PAGE_W - MARGIN_R + 10, self.y)
        self.c.setLineWidth(1)
        self.y -= 6

    def letter(self, date_line: str, rows: list[tuple[str, str]], right: list[str]) -> None:
        c = self.c
        c.setFont(BODY, SIZE)
        self.y -= LEADING
        c.drawString(360, self.y, date_line)
        self.y -= 6
        top = self.y
        for label, value in rows:
            self.y -= LEADING
            c.drawString(MARGIN_L, self.y, label)
            c.drawString(MARGIN_L + 55, self.y, ":")
            wrapped = self._wrap(value.split(), 180, BODY, SIZE)
            for j, ln in enumerate(wrapped):
                if j:
                    self.y -= LEADING
                c.drawString(MARGIN_L + 65, self.y, " ".join(ln))
        bottom = self.y
        y = top
        for ln in right:
            y -= LEADING
            c.drawString(360, y, ln)
        self.y = min(bottom, y)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        c = self.c
        x0 = MARGIN_L + 20
        pad = 4
        all_rows = [header, *rows]
        heights = []
        wrapped_rows = []
        for r in all_rows:
            wr = [self._wrap(cell.split(), widths[i] - 2 * pad, BODY, 10.5) for i, cell in enumerate(r)]
            wrapped_rows.append(wr)
            heights.append(max(len(x) for x in wr) * 13 + 2 * pad)
        self.need(sum(heights) + 8)
        self.y -= 6
        y = self.y
        for ri, (wr, h) in enumerate(zip(wrapped_rows, heights, strict=True)):
            x = x0
            for ci, cell_lines in enumerate(wr):
                c.rect(x, y - h, widths[ci], h, stroke=1, fill=0)
                c.setFont(BOLD if ri == 0 else BODY, 10.5)
                for li, ln in enumerate(cell_lines):
                    c.drawString(x + pad, y - pad - 10 - 13 * li, " ".join(ln))
                x += widths[ci]
            y -= h
        self.y = y - 6

    def sign(self, lines: list[str]) -> None:
        self.need(LEADING * len(lines))
        x = 330
        for ln in lines:
            self.y -= LEADING
            if ln:
                self.c.setFont(BODY, SIZE)
                self.c.drawString(x, self.y, ln)


def _render(blocks: list[tuple[Any, ...]], c: canvas.Canvas, pages_total: int, running_title: str = "") -> Layout:
    lay = Layout(c, running_title=running_title, pages_total=pages_total)
    lay.start()
    for b in blocks:
        kind = b[0]
        if kind == "kop":
            lay.kop(b[1], b[2])
        elif kind == "space":
            lay.y -= b[1]
        elif kind == "left":
            lay.left(b[1])
        elif kind == "center":
            lay.center(b[1], b[2], b[3])
        elif kind == "para":
            lay.para(b[1])
        elif kind == "item":
            lay.item(b[1], b[2], b[3])
        elif kind == "table":
            lay.table(b[1], b[2], b[3])
        elif kind == "letter":
            lay.letter(b[1], b[2], b[3])
        elif kind == "sign":
            lay.sign(b[1])
        else:  # pragma: no cover - a typo in a block list
            raise ValueError(kind)
    c.showPage()
    return lay


def circular_pdf(name: str) -> tuple[bytes, Layout]:
    """One circular as a text PDF; the layout tells which words were hyphenated."""
    blocks = CIRCULARS[name]
    header = RUNNING_HEADERS.get(name, "")
    # lay out twice: the first pass counts the pages for "Halaman x dari N"
    first = _render(blocks, canvas.Canvas(io.BytesIO(), pagesize=(PAGE_W, PAGE_H)), 0, header)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(f"Surat Edaran {name}")
    lay = _render(blocks, c, first.page, header)
    c.save()
    return buf.getvalue(), lay


# --- derived and bad PDFs -------------------------------------------------------------------


def _page_images(pdf_bytes: bytes, dpi: int) -> list[Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            out.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
            page.close()
        return out
    finally:
        pdf.close()


def image_only_pdf(pdf_bytes: bytes, dpi: int = 200, text_layer: str | None = None) -> bytes:
    """Every page as a picture (a scan without OCR); ``text_layer='garbage'`` adds an invisible
    random-character layer over the picture, like a text layer with a broken font encoding."""
    rnd = random.Random(7)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for img in _page_images(pdf_bytes, dpi):
        png = io.BytesIO()
        img.save(png, format="PNG", optimize=False, compress_level=1)
        png.seek(0)
        c.drawImage(ImageReader(png), 0, 0, width=PAGE_W, height=PAGE_H)
        if text_layer == "garbage":
            t = c.beginText()
            t.setTextRenderMode(3)  # invisible, like an OCR layer
            t.setFont(BODY, 11)
            y = PAGE_H - 80
            alphabet = "ÆØßþðŁ¤¶§¢£¥©®ÐÞ×÷µ¿¡ËÏÜ"
            while y > 80:
                t.setTextOrigin(80, y)
                t.textLine("".join(rnd.choice(alphabet) if rnd.random() > 0.15 else " " for _ in range(70)))
                y -= 15
            c.drawText(t)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("rahasia", ownerPassword="pemilik", strength=128)
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), encrypt=enc)
    c.drawString(80, 800, "SURAT EDARAN NOMOR 1 TAHUN 2024")
    c.showPage()
    c.save()
    return buf.getvalue()


def owner_locked_pdf() -> bytes:
    """Encrypted with an empty user password (only copy/print restricted): readable."""
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("", ownerPassword="pemilik", canCopy=0, canPrint=0)
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), encrypt=enc)
    c.setFont(BODY, 12)
    c.drawString(80, 800, "SURAT EDARAN NOMOR 2 TAHUN 2024 tentang sistem kerja pegawai dan jam kerja")
    c.showPage()
    c.save()
    return buf.getvalue()


def zero_page_pdf() -> bytes:
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def many_pages_pdf(n: int = 500) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for i in range(n):
        c.setFont(BODY, 11)
        c.drawString(80, 500, f"Lampiran halaman {i + 1}: daftar unit kerja dan pegawai")
        c.showPage()
    c.save()
    return buf.getvalue()


HTML_AS_PDF = (b"<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Surat Edaran</title>"
               b"</head><body><h1>SE Wali Kota</h1><p>Unduh berkas PDF di sini.</p></body></html>\n")


def build_all(out: Path) -> dict[str, Any]:
    """Write every fixture into ``out``; returns {name: path} plus {"layouts": {name: Layout}}."""
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Any] = {}
    layouts: dict[str, Layout] = {}
    texts: dict[str, bytes] = {}
    for name in CIRCULARS:
        data, lay = circular_pdf(name)
        texts[name] = data
        layouts[name] = lay
        p = out / f"{name}.pdf"
        p.write_bytes(data)
        paths[name] = p
    extra = {
        "menpanrb_scan": image_only_pdf(texts["menpanrb"]),
        "garbage_layer": image_only_pdf(texts["menpanrb"], text_layer="garbage"),
        "encrypted": encrypted_pdf(),
        "owner_locked": owner_locked_pdf(),
        "truncated": texts["madiun"][: len(texts["madiun"]) * 2 // 5],
        "zero_pages": zero_page_pdf(),
        "html": HTML_AS_PDF,
        "many_pages": many_pages_pdf(),
        "not_pdf": b"PK\x03\x04" + bytes(range(200)),
    }
    for name, data in extra.items():
        p = out / f"{name}.pdf"
        p.write_bytes(data)
        paths[name] = p
    paths["layouts"] = layouts
    return paths


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/edaran-pdf-fixtures")
    made = build_all(folder)
    for k, v in made.items():
        if k != "layouts":
            print(v)
    for k, lay in made["layouts"].items():
        print(k, "pages:", lay.page, "hyphenated:", lay.hyphenated)
