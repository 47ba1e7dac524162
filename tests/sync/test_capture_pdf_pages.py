"""Documents assembled from edited pages (sync.capture.pdf_pages): the image streams go across byte for
byte, a turn is the page's /Rotate and shows in the page's image, flags follow the pages; thumbnails."""

from __future__ import annotations

import io

import pikepdf
import pytest
from capture_sheets import bilevel, blank_page, care_sheet
from PIL import Image, ImageDraw, ImageStat

from sync.capture import Flag, PageRef, assemble, normalise_images, page_images, thumbnail


def marked(dpi: int = 200) -> Image.Image:
    """A care sheet with a black square near its top left corner (inside the margin a whole sheet has,
    19 mm in), to see where a turn puts it."""
    sheet = care_sheet(dpi)
    ImageDraw.Draw(sheet).rectangle((150, 150, 300, 300), fill=0)
    sheet.info["dpi"] = (dpi, dpi)
    return sheet


def square(image: Image.Image, centre: tuple[int, int], half: int = 50) -> float:
    """The mean grey of a square around ``centre``: the mark or the paper, whatever one pixel's grain
    (the sheet's noise is not seeded) or JPEG ringing says."""
    x, y = centre
    return ImageStat.Stat(image.crop((x - half, y - half, x + half, y + half))).mean[0]


def streams(pdf: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [bytes(next(iter(page.get_images().values())).read_raw_bytes()) for page in document.pages]


def rotations(pdf: bytes) -> list[int]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [int(page.obj.get("/Rotate", 0)) for page in document.pages]


@pytest.fixture(scope="module")
def sources() -> list[bytes]:
    blank = blank_page()
    blank.info["dpi"] = (200, 200)
    bw = bilevel(care_sheet(200, seed=1))
    bw.info["dpi"] = (200, 200)
    return [normalise_images([marked(), blank]).pdf, normalise_images([bw]).pdf]


def test_assembling_keeps_the_image_bytes_and_turns_by_rotate(sources):
    pages = [PageRef(1, 0), PageRef(0, 0, rotation=1), PageRef(0, 1, rotation=2)]
    result = assemble(sources, pages)
    assert result.pages == 3
    original = streams(sources[0]) + streams(sources[1])
    assert streams(result.pdf) == [original[2], original[0], original[1]]  # byte for byte, JPEG and G4
    assert rotations(result.pdf) == [0, 90, 180]
    assert result.flags == (frozenset(), frozenset(), frozenset({Flag.NEARLY_WHITE}))


def test_a_turn_shows_in_the_page_image(sources):
    turned = assemble(sources, [PageRef(0, 0, rotation=1)]).pdf
    (image,) = page_images(turned)
    width, height = marked().size
    assert image.size == (height, width)
    # a quarter turn clockwise takes the top left corner to the top right
    assert square(image, (height - 225, 225)) < 60 and square(image, (225, 225)) > 150
    again = assemble([turned], [PageRef(0, 0, rotation=3)]).pdf  # and back: no /Rotate left
    assert rotations(again) == [0] and square(page_images(again)[0], (225, 225)) < 60


def test_page_images_are_the_scans(sources):
    first, blank = page_images(sources[0])
    assert first.size == marked().size and first.mode == "L"
    assert blank.getextrema()[0] > 200
    (bw,) = page_images(sources[1])
    assert bw.mode == "1"


def test_a_thumbnail_is_a_small_png_of_the_page_as_shown(sources):
    turned = assemble(sources, [PageRef(0, 0, rotation=1)]).pdf
    image = Image.open(io.BytesIO(thumbnail(turned, 0, 160)))
    assert image.format == "PNG" and max(image.size) == 160 and image.width > image.height
    assert image.convert("L").getpixel((image.width - 15, 15)) < 100  # the mark, top right once turned
    bw = Image.open(io.BytesIO(thumbnail(sources[1], 0, 120)))
    assert max(bw.size) == 120


def test_a_document_needs_a_page(sources):
    with pytest.raises(ValueError):
        assemble(sources, [])
