"""Hand-written hostile PDFs (bytes with a correct xref table): no library normalises them away."""

from __future__ import annotations

import zlib


def build_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """``{objnum: body}`` -> a PDF file; a body starting with b'stream:' becomes a stream object."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        body = objects[num]
        if body.startswith(b"stream:"):
            data = body[len(b"stream:"):]
            out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (num, len(data)) + data + b"\nendstream\nendobj\n"
        elif body.startswith(b"flate:"):
            data = body[len(b"flate:"):]
            out += (b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (num, len(data)) + data
                    + b"\nendstream\nendobj\n")
        elif body.startswith(b"form:"):
            data = body[len(b"form:"):]
            head, _, content = data.partition(b"|")
            out += (b"%d 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] %s /Length %d >>\nstream\n"
                    % (num, head, len(content)) + content + b"\nendstream\nendobj\n")
        else:
            out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = (b"BT /F1 11 Tf 72 720 Td (SURAT EDARAN NOMOR 1 TAHUN 2024 TENTANG PENYESUAIAN SISTEM KERJA) Tj "
         b"0 -14 Td (Pegawai dapat melaksanakan tugas kedinasan dari rumah paling banyak 50 persen.) Tj ET")


def text_pdf(content: bytes = _TEXT, resources: bytes = b"<< /Font << /F1 5 0 R >> >>",
             extra: dict[int, bytes] | None = None) -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources
           + b" /Contents 4 0 R >>",
        4: b"stream:" + content,
        5: _FONT,
    }
    objects.update(extra or {})
    return build_pdf(objects)


def self_reference_pdf() -> bytes:
    """The page's resources are ``6 0 R`` and object 6 is ``6 0 R``: pdfminer's resolve1 loops forever."""
    return text_pdf(resources=b"6 0 R", extra={6: b"6 0 R"})


def reference_chain_cycle_pdf() -> bytes:
    """6 -> 7 -> 6: a longer reference cycle."""
    return text_pdf(resources=b"6 0 R", extra={6: b"7 0 R", 7: b"6 0 R"})


def nested_forms_pdf(depth: int = 7, fanout: int = 10) -> bytes:
    """Form k draws form k-1 ``fanout`` times; the page draws the top form: fanout**depth draws."""
    first = 10
    objects: dict[int, bytes] = {}
    objects[first] = b"form:/Resources << /Font << /F1 5 0 R >> >>|" + _TEXT
    for k in range(1, depth + 1):
        draws = b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % i for i in range(fanout))
        objects[first + k] = b"form:/Resources << /XObject << /X %d 0 R >> >>|" % (first + k - 1) + draws
    top = first + depth
    return text_pdf(content=b"/Top Do", resources=b"<< /XObject << /Top %d 0 R >> /Font << /F1 5 0 R >> >>" % top,
                    extra=objects)


def self_drawing_form_pdf() -> bytes:
    """A form XObject whose resources name itself: drawing it recurses without end."""
    return text_pdf(content=b"/X Do", resources=b"<< /XObject << /X 10 0 R >> >>",
                    extra={10: b"form:/Resources << /XObject << /X 10 0 R >> /Font << /F1 5 0 R >> >>|/X Do " + _TEXT})


def tiny_words_pdf(n_words: int = 16000, size: float = 2.0, leading: float = 0.9) -> bytes:
    """One page of ``n_words`` words at ``size`` pt, lines ``leading`` x size apart (under 1: the lines
    overlap and group into one giant line, the quadratic line-grouping case)."""
    lines = []
    per_line = 80
    y = 790.0
    words = ["di", "ke", "ya", "wfh", "asn"]
    for start in range(0, n_words, per_line):
        text = " ".join(words[(start + i) % 5] for i in range(min(per_line, n_words - start)))
        lines.append(b"BT /F1 %.1f Tf 2 %.2f Td (%s) Tj ET" % (size, y, text.encode()))
        y -= size * leading
    return text_pdf(content=b"\n".join(lines))


def watermark_pdf() -> bytes:
    """A real page of text lines under a diagonal 80-pt "SALINAN" watermark."""
    body = []
    y = 740
    for i in range(40):
        body.append(b"BT /F1 10 Tf 72 %d Td (Baris %d: pegawai bekerja dari rumah paling banyak 50 persen.) Tj ET"
                    % (y, i + 1))
        y -= 16
    mark = b"BT /F1 80 Tf 0.7071 0.7071 -0.7071 0.7071 150 200 Tm (SALINAN) Tj ET"
    return text_pdf(content=b"\n".join([*body, mark]))


def flate_bomb(decompressed_mb: int) -> bytes:
    """zlib data inflating to ``decompressed_mb`` MB of spaces, built from one repeated deflate
    block (instant, ~1 KB per MB) with a correct Adler-32."""
    chunk = b" " * (1 << 20)
    z = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    unit = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, no back references after it
    tail = z.flush()  # the final (empty) block
    adler = 1
    for _ in range(decompressed_mb):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + unit * decompressed_mb + tail + adler.to_bytes(4, "big")


def flate_bomb_pdf(decompressed_mb: int = 800) -> bytes:
    """A page whose content stream is under 1 MB of deflate that inflates to ``decompressed_mb`` MB."""
    return text_pdf(content=b"", extra={4: b"flate:" + flate_bomb(decompressed_mb)})
