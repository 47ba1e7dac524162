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
             count: int | None = None) -> bytes:
    """A valid PDF: one page per ``(page size in mm, image pixel size or None)``, each image a grey
    Flate XObject drawn over the whole page. ``size_entries`` replaces each image's ``/Width .. /Height ..``
    (to lie about it); ``count`` overrides the page tree's /Count."""
    objects: dict[int, bytes] = {}
    kids = []
    number = 3
    for (width_mm, height_mm), image in pages:
        page, content, picture = number, number + 1, number + 2
        number += 3
        kids.append(page)
        width, height = width_mm * MM, height_mm * MM
        resources = f"/Resources << /XObject << /Im0 {picture} 0 R >> >>" if image else "/Resources << >>"
        objects[page] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
                         f"{resources} /Contents {content} 0 R >>").encode()
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
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
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
        out += b"%010d 00000 n \n" % offsets[n]
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
