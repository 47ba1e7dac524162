"""The pages of normalised PDFs (:mod:`sync.capture.normalise`'s): a document assembled from the page
editor's choices, each page's image, and thumbnails for the editor.

Assembling copies page objects between PDFs (pikepdf): each image stream goes into the new document
byte for byte, never decoded nor encoded again, and a turn is the page's ``/Rotate`` only. So editing
pages costs no quality and no time whatever the resolution.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from PIL import Image

from sync.capture.normalise import Normalised, grey_jpeg, jpeg_preview, main_image
from sync.capture.pages import PageRef
from sync.capture.quality import CHECK_SIDE, check_page

__all__ = ["assemble", "page_images", "thumbnail"]


def assemble(sources: Sequence[bytes], pages: Sequence[PageRef]) -> Normalised:
    """One PDF of ``pages`` (references into the normalised PDFs ``sources``), in that order, each turned
    by its ``rotation`` on top of its own; the flags are computed again (on the pages as they are)."""
    if not pages:
        raise ValueError("a document has at least one page")
    opened: dict[int, pikepdf.Pdf] = {}
    out = pikepdf.new()
    try:
        for ref in pages:
            if ref.source not in opened:
                opened[ref.source] = pikepdf.open(io.BytesIO(sources[ref.source]))
            out.pages.append(opened[ref.source].pages[ref.index])
            page = out.pages[-1]
            turned = (int(page.obj.get("/Rotate", 0)) + 90 * ref.rotation) % 360
            if turned:
                page.obj.Rotate = turned
            elif "/Rotate" in page.obj:
                del page.obj.Rotate
        flags = tuple(check_page(_picture(page, CHECK_SIDE)) for page in out.pages)
        buffer = io.BytesIO()
        out.save(buffer, stream_decode_level=pikepdf.StreamDecodeLevel.none, deterministic_id=True)
    finally:
        for pdf in opened.values():
            pdf.close()
    return Normalised(buffer.getvalue(), len(pages), flags)


def page_images(pdf: bytes) -> list[Image.Image]:
    """The scanned image of each page, turned as the page is shown (its ``/Rotate``)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [_shown(page, _picture(page, None)) for page in document.pages]


def thumbnail(pdf: bytes, page: int, size: int) -> bytes:
    """A PNG of page ``page`` (from 0) as shown, fitting in ``size`` × ``size`` pixels (a grey JPEG page
    is decoded at a reduced scale: fast even at 600 dpi)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        shown = document.pages[page]
        image = _shown(shown, _picture(shown, size))
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _picture(page: pikepdf.Page, side: int | None) -> Image.Image:
    """The page's scanned image, unturned: a grey JPEG decoded at a reduced scale when ``side`` is given
    (sides at least ``side``), any other decoded whole."""
    stream = main_image(page)
    if stream is None:
        raise ValueError("a page without an image: not a normalised PDF")
    jpeg = grey_jpeg(stream)
    if jpeg is not None:
        if side is not None:
            return jpeg_preview(jpeg, side)
        with Image.open(io.BytesIO(jpeg)) as image:
            image.load()
            return image.copy()
    return pikepdf.PdfImage(stream).as_pil_image()


def _shown(page: pikepdf.Page, image: Image.Image) -> Image.Image:
    turn = int(page.obj.get("/Rotate", 0)) % 360
    return image.rotate(-turn, expand=True) if turn else image
