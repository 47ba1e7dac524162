"""Hand-written scan PDFs for the SCOR tests of both sides (back-office reception, client queue): valid
PDFs whose page sizes, image resolutions and declared sizes the tests choose."""

from __future__ import annotations

import secrets
import zlib

MM = 72 / 25.4  # points per millimetre
A4, A5, A6 = (210, 297), (148, 210), (105, 148)


def pixels(size_mm: tuple[float, float], dpi: float) -> tuple[int, int]:
    return tuple(round(side / 25.4 * dpi) for side in size_mm)  # type: ignore[return-value]


def make_pdf(pages: list[tuple[tuple[float, float], tuple[int, int] | None]], *, size_entries: str | None = None,
             count: int | None = None, catalog_entries: str = "", page_entries: str = "",
             objects: dict[int, bytes] | None = None
             ) -> bytes:
    """A valid PDF: one page per ``(page size in mm, image pixel size or None)``, each image a grey
    Flate XObject drawn over the whole page. ``size_entries`` replaces each image's ``/Width .. /Height ..``
    (to lie about it); ``count`` overrides the page tree's /Count. ``catalog_entries`` and ``page_entries`` are entries
    added to the catalog and to each page, ``objects`` more objects by number (100 and up: the pages use
    3 to 3 * pages + 2)."""
    extra, objects = objects or {}, {}
    kids = []
    number = 3
    for (width_mm, height_mm), image in pages:
        page, content, picture = number, number + 1, number + 2
        number += 3
        kids.append(page)
        width, height = width_mm * MM, height_mm * MM
        resources = f"/Resources << /XObject << /Im0 {picture} 0 R >> >>" if image else "/Resources << >>"
        objects[page] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
                         f"{resources} /Contents {content} 0 R {page_entries}>>").encode()
        drawing = f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Im0 Do Q".encode() if image else b""
        objects[content] = b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream"
        if image:
            data = zlib.compress(b"\xf0" * (image[0] * image[1]), 9)
            sizes = size_entries if size_entries is not None else f"/Width {image[0]} /Height {image[1]}"
            objects[picture] = (f"<< /Type /XObject /Subtype /Image {sizes} "
                                f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
                                f"/Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream"
        else:
            objects[picture] = b"null"
    objects.update(extra)
    objects[1] = f"<< /Type /Catalog /Pages 2 0 R {catalog_entries}>>".encode()
    objects[2] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                  f"/Count {len(kids) if count is None else count} >>").encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def scan(size_mm=A5, dpi: float = 200, pages: int = 1, landscape: bool = False, *, marker: str = "",
         padding: int = 0) -> bytes:
    """A scan the back office accepts at 200 dpi and more. ``marker`` is written in clear in the file
    (to look for it in what is stored); ``padding`` adds that many incompressible bytes (hex text, in an
    unreferenced object) to make a scan of a realistic size."""
    page = (size_mm[1], size_mm[0]) if landscape else size_mm
    pdf = make_pdf([(page, pixels(page, dpi))] * pages)
    extra = b""
    if marker:
        extra += b"%% %s\n" % marker.encode()
    if padding:
        extra += b"%% " + secrets.token_hex(padding // 2).encode() + b"\n"
    return pdf + extra  # after %%EOF: PDF readers ignore it, the hash covers it


def _xref_stream_pdf(plain: dict[int, bytes], packed: dict[int, int], root: int) -> bytes:
    """A PDF 1.5 whose objects ``plain`` are written as such and ``packed`` (``number -> object stream``)
    live, each first and alone, in object streams; indexed by a cross-reference stream."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for n in sorted(plain):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + plain[n] + b"\nendobj\n"
    xref_number = max([*plain, *packed]) + 1
    offsets[xref_number] = len(out)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    for n in range(1, xref_number + 1):
        if n in packed:
            rows += b"\x02" + packed[n].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00"
    data = zlib.compress(bytes(rows))
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Filter /FlateDecode /Length %d >>\n"
            b"stream\n" % (xref_number, xref_number + 1, root, len(data)) + data + b"\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def _deflated(prefix: bytes, filler: bytes, count: int, suffix: bytes) -> bytes:
    """zlib data of ``prefix``, ``count`` times the byte ``filler`` and ``suffix``, made fast: one MiB
    of filler is compressed once (a raw deflate segment ending on a full flush, so it stands alone)
    and repeated."""

    def segment(data: bytes, final: bool = False) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    block = filler * (1 << 20)
    whole, rest = divmod(count, len(block))
    checksum = zlib.adler32(prefix)
    for _ in range(whole):
        checksum = zlib.adler32(block, checksum)
    checksum = zlib.adler32(suffix, zlib.adler32(block[:rest], checksum))
    raw = segment(prefix) + segment(block) * whole + segment(block[:rest]) + segment(suffix, final=True)
    return b"\x78\xda" + raw + checksum.to_bytes(4, "big")


def object_stream_bomb(pages: int = 10, stream_bytes: int = 74_000_000, *, burn_cpu: bool = True) -> bytes:
    """The hostile scan of issue 7: an honest-looking A5 scan at 200 dpi whose catalog, page tree and
    pages each sit alone in a compressed object stream that inflates to ``stream_bytes`` (just under
    pypdf's 75 MB per-stream limit): ``pages + 2`` streams of ~73 KB, under 1 MB on the wire, about
    1 GB to hold once read. With ``burn_cpu`` each object is preceded by white space, which pypdf
    skips byte by byte (minutes of CPU); without, it is followed by digits that are never parsed
    (memory only)."""
    width, height = A5[0] * MM, A5[1] * MM
    image = pixels(A5, 200)
    picture = zlib.compress(b"\xf0" * (image[0] * image[1]), 9)
    plain: dict[int, bytes] = {}
    packed: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    first_page = 3
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    packed[2] = f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()
    drawing = f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Im0 Do Q".encode()
    content, image_number = first_page + pages, first_page + pages + 1
    plain[content] = b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream"
    plain[image_number] = (f"<< /Type /XObject /Subtype /Image /Width {image[0]} /Height {image[1]} "
                           f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
                           f"/Length {len(picture)} >>\nstream\n").encode() + picture + b"\nendstream"
    for i in range(pages):
        packed[first_page + i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
                                  f"/Resources << /XObject << /Im0 {image_number} 0 R >> >> "
                                  f"/Contents {content} 0 R >>").encode()
    located: dict[int, int] = {}
    stream_number = image_number + 1
    for number, body in packed.items():
        header = b"%d 0 " % number
        count = stream_bytes - len(header) - len(body)
        data = _deflated(header, b" ", count, body) if burn_cpu else _deflated(header + body, b"0", count, b"")
        plain[stream_number] = (b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
                                % (len(header), len(data)) + data + b"\nendstream")
        located[number] = stream_number
        stream_number += 1
    return _xref_stream_pdf(plain, located, root=1)
