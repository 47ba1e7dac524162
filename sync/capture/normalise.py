"""The fund's PDF made from what was scanned or imported: one image per page, grey or black and white,
at least 200 dpi, each page at least A5 — what the back office checks (``sync.backoffice.pdf_check``),
and small enough to send from a practice's connection.

Rules, page by page:

- **Resolution and size**: the image's own resolution is believed when it gives a sheet between A7 and
  A3; otherwise (a phone photo at "72 dpi", no resolution at all) the image is taken for an A4 on its
  long side. A page smaller than A5 is enlarged to A5 (the same pixels on a larger page: a lower
  resolution). Under :data:`MIN_DPI` the image is resampled up to it, over :data:`MAX_DPI` down to
  :data:`TARGET_DPI` (a 600 dpi scan is four times the bytes and no more readable).
- **Colour**: a colour page is converted to grey; a grey page with two levels only is black and white.
- **Encoding, without re-encoding what qualifies**: a grey JPEG at a kept resolution goes into the PDF
  byte for byte (img2pdf); another grey page is encoded as JPEG (quality :data:`JPEG_QUALITY`); a black
  and white page as CCITT G4 (lossless). A multi-page TIFF gives one page per frame.
- **PDFs are re-packed**: each page's scanned image is taken out (pikepdf) and goes through the same
  rules, grey JPEG ones unchanged, on a page of the original's size and rotation; a page without an
  image (a PDF typed on a computer) is refused (:class:`NormaliseError`, ``not-a-scan``): there is no
  PDF renderer here.

Each page gets its quality flags (:func:`sync.capture.quality.check_page`).

Bytes per page, measured on ``tests/capture_sheets.py``'s A4 care sheet (paper and scanner noise,
boxes, printed and handwritten lines), as the PDF made here (``tests/sync/test_capture_normalise.py``
prints them):

=============================  ==========  ==========
A4 care sheet                  200 dpi     300 dpi
=============================  ==========  ==========
grey (JPEG quality 75)         420 KB      780 KB
black and white (CCITT G4)     23 KB       32 KB
=============================  ==========  ==========

The grey figures are those of a sheet with visible paper grain (the generator's noise, σ = 4 grey
levels): the grain, not the writing, takes most of the bytes; a scanner's own JPEG of a clean sheet is
often half that, and is kept as it is. Black and white is 20 times smaller and as readable for a
printed and handwritten sheet (not for a faded one, or a photo).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from sync.capture.files import Inspection, Kind, Refusal
from sync.capture.quality import CHECK_SIDE, PageFlags, check_page

if TYPE_CHECKING:
    import pikepdf

__all__ = [
    "JPEG_QUALITY",
    "MAX_DPI",
    "MIN_DPI",
    "TARGET_DPI",
    "NormaliseError",
    "Normalised",
    "grey_jpeg",
    "jpeg_preview",
    "main_image",
    "normalise",
    "normalise_images",
]

MIN_DPI = 200
MAX_DPI = 400
TARGET_DPI = 300
JPEG_QUALITY = 75
MM_PER_INCH = 25.4
A5_MM = (148.0, 210.0)
A4_LONG_MM = 297.0
_PLAUSIBLE_MM = ((74.0, 105.0), (297.0, 420.0))  # (short, long) of an A7-ish to an A3 sheet
_POINTS_PER_INCH = 72.0
_EXIF_ROTATION = {3: 180, 6: 90, 8: 270}  # EXIF orientation -> clockwise turn shown by /Rotate


@dataclass(frozen=True)
class Normalised:
    """A PDF the fund accepts, its page count and each page's quality flags."""

    pdf: bytes
    pages: int
    flags: tuple[PageFlags, ...]


class NormaliseError(Exception):
    """The file cannot become the fund's PDF; ``refusal`` is the quarantine's code, ``detail`` English."""

    def __init__(self, refusal: Refusal, detail: str) -> None:
        super().__init__(f"{refusal.value}: {detail}")
        self.refusal, self.detail = refusal, detail


@dataclass(frozen=True)
class _Page:
    """One page ready for img2pdf: an encoded image embedded as it is, and its page."""

    data: bytes  # JPEG, or a one-strip CCITT G4 TIFF
    size_pt: tuple[float, float]  # the page, unrotated
    rotate: int  # /Rotate, degrees clockwise
    flags: PageFlags


def normalise(path: Path, inspection: Inspection) -> Normalised:
    """The fund's PDF of the file ``path``, which :func:`~sync.capture.files.inspect_file` (or the bounded
    inspection) accepted. Raises :class:`NormaliseError` when it cannot be made; OSError when the file
    cannot be read."""
    if not inspection.accepted or inspection.kind is None:
        raise ValueError(f"{path.name} was not accepted by the inspection: {inspection.refusal}")
    try:
        pages = _pdf_pages(path) if inspection.kind is Kind.PDF else _image_pages(path)
        return _build(pages)
    except (NormaliseError, OSError, MemoryError):
        raise
    except Exception as error:  # a decoder failing on a page the inspection did not decode (or JBIG2: no decoder)
        raise NormaliseError(Refusal.CORRUPT, f"{type(error).__name__}: {error}") from error


def normalise_images(images: Sequence[Image.Image]) -> Normalised:
    """The fund's PDF of scanned pages (the scanner's images; their ``info["dpi"]`` is believed)."""
    return _build(_prepare(image, _dpi_of(image)) for image in images)


# --- sources ---------------------------------------------------------------------------------------


def _image_pages(path: Path) -> Iterator[_Page]:
    with Image.open(path) as image:
        if image.format == "JPEG" and image.mode == "L":  # a grey scan: its bytes are kept if its resolution is
            jpeg = path.read_bytes()
            orientation = image.getexif().get(0x0112, 1)
            if orientation in _EXIF_ROTATION or orientation == 1:  # looked at on a preview, as a PDF's JPEG
                yield _prepare(jpeg_preview(jpeg, CHECK_SIDE), _dpi_of(image), jpeg=jpeg,
                               rotate=_EXIF_ROTATION.get(orientation, 0), size_px=image.size)
                return
        frame = 0
        while True:
            image.seek(frame)
            image.load()
            jpeg = path.read_bytes() if image.format == "JPEG" else None
            orientation = image.getexif().get(0x0112, 1) if jpeg else 1
            if orientation in _EXIF_ROTATION or orientation == 1:
                yield _prepare(image, _dpi_of(image), jpeg=jpeg, rotate=_EXIF_ROTATION.get(orientation, 0))
            else:  # mirrored: no /Rotate says that
                yield _prepare(ImageOps.exif_transpose(image), _dpi_of(image))
            frame += 1
            if frame >= getattr(image, "n_frames", 1):
                return


def _pdf_pages(path: Path) -> Iterator[_Page]:
    import pikepdf

    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            stream = main_image(page)
            if stream is None:
                raise NormaliseError(Refusal.NOT_A_SCAN, f"page {number} holds no scanned image")
            box = [float(value) for value in page.mediabox]
            page_in = (abs(box[2] - box[0]) / _POINTS_PER_INCH, abs(box[3] - box[1]) / _POINTS_PER_INCH)
            picture = pikepdf.PdfImage(stream)
            px = (picture.width, picture.height)
            if (px[0] > px[1]) != (page_in[0] > page_in[1]):  # drawn turned on the page
                page_in = page_in[::-1]
            dpi = min(px[0] / page_in[0], px[1] / page_in[1])
            rotate = int(page.obj.get("/Rotate", 0)) % 360
            jpeg = grey_jpeg(stream)
            image = jpeg_preview(jpeg, CHECK_SIDE) if jpeg else picture.as_pil_image()
            yield _prepare(image, dpi, jpeg=jpeg, rotate=rotate, size_px=px)


def main_image(page: pikepdf.Page) -> pikepdf.Stream | None:
    """The largest image drawn by the page (its scan), or None."""
    best, area = None, 0
    for stream in page.get_images().values():
        width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
        if width * height > area:
            best, area = stream, width * height
    return best


def grey_jpeg(stream: pikepdf.Stream) -> bytes | None:
    """The JPEG bytes of an image stream that is a grey JPEG and nothing else, or None."""
    import pikepdf

    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) == 1 else None
    if filters != pikepdf.Name.DCTDecode or stream.get("/ColorSpace") != pikepdf.Name.DeviceGray \
            or "/Decode" in stream or "/SMask" in stream or "/Mask" in stream:
        return None
    return bytes(stream.read_raw_bytes())


def jpeg_preview(jpeg: bytes, side: int) -> Image.Image:
    """The JPEG decoded at the smallest scale (JPEG's draft mode: 1/2 to 1/8) whose sides are still at
    least ``side`` pixels, or whole."""
    image = Image.open(io.BytesIO(jpeg))
    image.draft("L", (side, side))
    image.load()
    return image


# --- the rules -------------------------------------------------------------------------------------


def _dpi_of(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) else None
    except (TypeError, ValueError):
        return None
    return value if value and value > 1 else None


def _page_dpi(size_px: tuple[int, int], dpi: float | None) -> float:
    """The resolution at which ``size_px`` makes a plausible sheet, at least A5 (see the docstring)."""
    short_px, long_px = sorted(size_px)
    (min_short, min_long), (max_short, max_long) = _PLAUSIBLE_MM
    if dpi is not None:
        short_mm, long_mm = short_px / dpi * MM_PER_INCH, long_px / dpi * MM_PER_INCH
        if not (min_short <= short_mm <= max_short and min_long <= long_mm <= max_long):
            dpi = None
    if dpi is None:
        dpi = long_px / (A4_LONG_MM / MM_PER_INCH)
    return min(dpi, short_px / (A5_MM[0] / MM_PER_INCH), long_px / (A5_MM[1] / MM_PER_INCH))


def _prepare(image: Image.Image, dpi: float | None, *, jpeg: bytes | None = None, rotate: int = 0,
             size_px: tuple[int, int] | None = None) -> _Page:
    """Apply the rules to one page. ``jpeg``: the page's encoded bytes, kept when they qualify (``image``
    may then be a reduced preview of them; ``size_px`` is their size)."""
    size_px = size_px or image.size
    page_dpi = _page_dpi(size_px, dpi)
    resample_to = MIN_DPI if round(page_dpi) < MIN_DPI else TARGET_DPI if page_dpi > MAX_DPI else None
    page_in = (size_px[0] / page_dpi, size_px[1] / page_dpi)
    grey = _grey(image)
    if jpeg is not None and resample_to is None and grey.mode == "L" and image.mode == "L" and _is_grey_jpeg(jpeg):
        data = jpeg
    else:
        if jpeg is not None and grey.size != size_px:  # a preview: decode the page whole
            grey = _grey(Image.open(io.BytesIO(jpeg)))
        if resample_to:
            target = (max(1, round(page_in[0] * resample_to)), max(1, round(page_in[1] * resample_to)))
            bilevel = grey.mode == "1"
            grey = grey.convert("L").resize(target, Image.Resampling.LANCZOS)
            if bilevel:
                grey = grey.point(lambda value: 255 if value > 127 else 0).convert("1", dither=Image.Dither.NONE)
        data = _encode(grey)
    size_pt = (page_in[0] * _POINTS_PER_INCH, page_in[1] * _POINTS_PER_INCH)
    return _Page(data, size_pt, rotate % 360, check_page(grey))


def _grey(image: Image.Image) -> Image.Image:
    """The page in grey, or in black and white when it holds two levels only."""
    grey = image if image.mode in ("1", "L") else image.convert("L")
    if grey.mode == "L" and _two_levels(grey):
        grey = grey.point(lambda value: 255 if value > 127 else 0).convert("1", dither=Image.Dither.NONE)
    return grey


def _two_levels(image: Image.Image) -> bool:
    """Whether a grey image holds pure black and white only (a bilevel scan saved as grey)."""
    used = [level for level, count in enumerate(image.histogram()) if count]
    return set(used) <= {0, 255}


def _is_grey_jpeg(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return image.format == "JPEG" and image.mode == "L"


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    if image.mode == "1":  # one strip: img2pdf embeds its CCITT G4 data as they are
        image.save(out, "TIFF", compression="group4", strip_size=2**31 - 1)
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _build(pages: Iterator[_Page] | Sequence[_Page] | object) -> Normalised:
    """One PDF of the pages, each image embedded as given."""
    import img2pdf
    import pikepdf

    out = pikepdf.new()
    flags: list[PageFlags] = []
    opened = []
    try:
        for page in pages:  # type: ignore[attr-defined]
            width, height = page.size_pt
            single = img2pdf.convert(page.data, layout_fun=lambda *_, w=width, h=height: (w, h, w, h),
                                     rotation=img2pdf.Rotation.none, nodate=True)
            source = pikepdf.open(io.BytesIO(single))
            opened.append(source)
            out.pages.append(source.pages[0])
            if page.rotate:
                out.pages[-1].obj.Rotate = page.rotate
            flags.append(page.flags)
        if not flags:
            raise NormaliseError(Refusal.CORRUPT, "no page")
        buffer = io.BytesIO()
        out.save(buffer, stream_decode_level=pikepdf.StreamDecodeLevel.none, deterministic_id=True)
    finally:
        for source in opened:
            source.close()
    return Normalised(buffer.getvalue(), len(flags), tuple(flags))
