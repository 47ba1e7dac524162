"""The fund's PDF made from scans (sync.capture.normalise), on realistic care sheets: what the back office
accepts (checked by its own pdf_check), grey JPEGs kept byte for byte, colour made grey, multi-page
TIFFs, image-only PDFs re-packed, odd resolutions brought within the rules; and the bytes per page."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import pikepdf
import pytest
from capture_sheets import (
    A4_MM,
    bilevel,
    black_page,
    blank_page,
    care_sheet,
    cut_sheet,
    faded_sheet,
    jpeg_bytes,
    pixels,
    png_bytes,
    shifted_sheet,
    tiff_bytes,
)
from PIL import Image
from scan_pdf import A5, make_pdf

from sync.backoffice.pdf_check import inspect_pdf
from sync.capture import Flag, check_page, inspect_file, normalise, normalise_images
from sync.capture.files import Refusal
from sync.capture.normalise import NormaliseError

MM_PER_POINT = 25.4 / 72


def normalised_file(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return normalise(path, inspect_file(path))


def images_of(pdf: bytes) -> list[dict]:
    """Each page's image: its stream's raw bytes, first filter, colour space and width."""
    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            (image,) = page.get_images().values()
            filters = image.Filter
            found.append({"raw": bytes(image.read_raw_bytes()), "colorspace": str(image.ColorSpace),
                          "filter": str(filters[0] if isinstance(filters, pikepdf.Array) else filters),
                          "width": int(image.Width), "page_width_in": float(page.mediabox[2]) / 72})
    return found


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [(round(float(page.mediabox[2]) * MM_PER_POINT), round(float(page.mediabox[3]) * MM_PER_POINT))
                for page in document.pages]


def dpi_of(pdf: bytes) -> list[float]:
    return [round(image["width"] / image["page_width_in"], 1) for image in images_of(pdf)]


def accepted_by_the_back_office(tmp_path: Path, normalised) -> bool:
    path = tmp_path / "fund.pdf"
    path.write_bytes(normalised.pdf)
    return inspect_pdf(path, normalised.pages, 200) is None


def test_a_grey_jpeg_scan_goes_in_byte_for_byte(tmp_path):
    data = jpeg_bytes(care_sheet(200), 200)
    result = normalised_file(tmp_path, "SCN_0001.jpg", data)
    assert (result.pages, result.flags) == (1, (frozenset(),))
    (image,) = images_of(result.pdf)
    assert image["raw"] == data
    assert page_sizes_mm(result.pdf) == [A4_MM]
    assert accepted_by_the_back_office(tmp_path, result)


@pytest.mark.parametrize("make", [care_sheet, blank_page, black_page, faded_sheet, shifted_sheet, cut_sheet],
                         ids=["normal", "blank", "black", "faded", "shifted", "cut"])
@pytest.mark.parametrize("dpi", [200, 300])
def test_a_grey_jpeg_file_looked_at_on_its_preview_gets_the_flags_of_its_whole_page(tmp_path, make, dpi):
    data = jpeg_bytes(make(dpi), dpi)
    result = normalised_file(tmp_path, "SCN_0001.jpg", data)
    assert result.flags == (check_page(Image.open(io.BytesIO(data))),)
    assert images_of(result.pdf)[0]["raw"] == data


def test_a_colour_scan_becomes_grey(tmp_path):
    colour = Image.merge("RGB", [care_sheet(300)] * 2 + [care_sheet(300).point(lambda v: v // 2)])
    result = normalised_file(tmp_path, "colour.jpg", jpeg_bytes(colour, 300))
    (image,) = images_of(result.pdf)
    assert (image["colorspace"], image["filter"]) == ("/DeviceGray", "/DCTDecode")
    assert dpi_of(result.pdf) == [300.0] and accepted_by_the_back_office(tmp_path, result)


def test_a_multi_page_tiff_gives_a_page_per_frame_in_black_and_white(tmp_path):
    frames = [bilevel(care_sheet(200, seed=n)) for n in range(2)] + [bilevel(blank_page())]
    result = normalised_file(tmp_path, "batch.tif", tiff_bytes(frames))
    assert result.pages == 3
    assert result.flags == (frozenset(), frozenset(), frozenset({Flag.NEARLY_WHITE}))
    assert {image["filter"] for image in images_of(result.pdf)} == {"/CCITTFaxDecode"}
    assert accepted_by_the_back_office(tmp_path, result)


def test_a_grey_tiff_and_a_png_are_encoded_as_grey_jpeg(tmp_path):
    sheet = care_sheet(200)
    for name, data in (("grey.tif", tiff_bytes([sheet], compression="tiff_lzw")), ("grey.png", png_bytes(sheet))):
        result = normalised_file(tmp_path, name, data)
        (image,) = images_of(result.pdf)
        assert (image["colorspace"], image["filter"]) == ("/DeviceGray", "/DCTDecode")
        assert dpi_of(result.pdf) == [200.0]
        assert len(result.pdf) < len(data) / 2


def test_an_image_only_pdf_is_repacked_keeping_its_jpeg_pages(tmp_path):
    pages = [jpeg_bytes(care_sheet(200, seed=n), 200) for n in range(2)]
    scanner_pdf = img2pdf.convert(pages, layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)))
    with pikepdf.open(io.BytesIO(scanner_pdf)) as pdf:  # the copier turned the second page
        pdf.pages[1].obj.Rotate = 180
        out = io.BytesIO()
        pdf.save(out)
    result = normalised_file(tmp_path, "copier.pdf", out.getvalue())
    assert [image["raw"] for image in images_of(result.pdf)] == pages
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert [int(page.obj.get("/Rotate", 0)) for page in pdf.pages] == [0, 180]
    assert page_sizes_mm(result.pdf) == [A4_MM, A4_MM] and accepted_by_the_back_office(tmp_path, result)


def test_a_colour_pdf_is_repacked_in_grey(tmp_path):
    colour = Image.merge("RGB", [care_sheet(300), care_sheet(300), care_sheet(300).point(lambda v: v // 2)])
    pdf = img2pdf.convert(jpeg_bytes(colour, 300), layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300)))
    result = normalised_file(tmp_path, "colour.pdf", pdf)
    (image,) = images_of(result.pdf)
    assert (image["colorspace"], image["filter"]) == ("/DeviceGray", "/DCTDecode")
    assert page_sizes_mm(result.pdf) == [A4_MM] and dpi_of(result.pdf) == [300.0]


def test_a_pdf_of_flate_pages_is_repacked_as_grey_jpeg(tmp_path):
    result = normalised_file(tmp_path, "flate.pdf", make_pdf([(A5, pixels(A5, 200))] * 2))
    assert result.pages == 2 and page_sizes_mm(result.pdf) == [A5, A5]
    assert result.flags == (frozenset({Flag.NEARLY_WHITE}),) * 2  # make_pdf's pages are a flat grey
    assert accepted_by_the_back_office(tmp_path, result)


def test_a_pdf_page_without_a_scan_is_refused(tmp_path):
    with pytest.raises(NormaliseError) as refused:
        normalised_file(tmp_path, "typed.pdf", make_pdf([(A5, pixels(A5, 200)), (A5, None)]))
    assert refused.value.refusal is Refusal.NOT_A_SCAN and "page 2" in refused.value.detail


@pytest.mark.parametrize("size_px, dpi, page_mm, page_dpi", [
    (pixels(A4_MM, 100), 100, A4_MM, 200.0),  # too coarse: resampled up to 200 dpi
    (pixels(A4_MM, 600), 600, A4_MM, 300.0),  # needlessly fine: down to 300 dpi
    (pixels((105, 148), 300), 300, (149, 210), 211.4),  # an A6 receipt: enlarged to A5
    ((2480, 3508), 72, A4_MM, 300.0),  # a phone's "72 dpi": taken for an A4
    ((1654, 2339), None, A4_MM, 200.0),  # no resolution at all: taken for an A4
])
def test_resolution_and_size_are_brought_within_the_rules(tmp_path, size_px, dpi, page_mm, page_dpi):
    sheet = care_sheet(200).resize(size_px)
    result = normalised_file(tmp_path, "odd.jpg", jpeg_bytes(sheet, dpi))
    assert page_sizes_mm(result.pdf) == [page_mm] and dpi_of(result.pdf) == [pytest.approx(page_dpi, abs=0.2)]
    assert accepted_by_the_back_office(tmp_path, result)


def test_a_turned_phone_photo_is_turned_by_the_page_not_reencoded(tmp_path):
    sheet = care_sheet(200).rotate(90, expand=True)  # stored on its side, EXIF says: turn 90° clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    sheet.save(out, "JPEG", quality=85, dpi=(200, 200), exif=exif)
    result = normalised_file(tmp_path, "phone.jpg", out.getvalue())
    (image,) = images_of(result.pdf)
    assert image["raw"] == out.getvalue()
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert int(pdf.pages[0].obj.Rotate) == 90


def test_scanner_images_are_normalised_with_their_flags(tmp_path):
    pages = [care_sheet(300), blank_page(300), bilevel(care_sheet(300, seed=3))]
    for page in pages:
        page.info["dpi"] = (300, 300)
    result = normalise_images(pages)
    assert result.flags == (frozenset(), frozenset({Flag.NEARLY_WHITE}), frozenset())
    assert dpi_of(result.pdf) == [300.0] * 3 and accepted_by_the_back_office(tmp_path, result)


@pytest.mark.parametrize("dpi", [200, 300])
def test_bytes_per_page_of_an_a4_care_sheet(dpi):
    """The figures of normalise's docstring: a 4-page batch, bytes per page."""
    sheets = [care_sheet(dpi, seed=n) for n in range(4)]
    for sheet in sheets:
        sheet.info["dpi"] = (dpi, dpi)
    grey = len(normalise_images(sheets).pdf) / 4
    bw = len(normalise_images([bilevel(sheet) for sheet in sheets]).pdf) / 4
    print(f"A4 care sheet at {dpi} dpi: grey {grey / 1000:.0f} KB/page, black and white {bw / 1000:.0f} KB/page")
    assert grey < {200: 500_000, 300: 900_000}[dpi]
    assert bw < {200: 40_000, 300: 60_000}[dpi]


def test_the_packages_normalise_and_quarantine_are_the_functions_whatever_is_imported_first():
    import subprocess
    import sys

    code = ("import sync.capture.pdf_pages, sync.capture.quarantine, sync.capture.normalise\n"
            "from sync.capture import normalise, quarantine, assemble, inspect_bounded\n"
            "assert callable(normalise) and callable(quarantine) and callable(assemble), (normalise, quarantine)\n"
            "import sync.capture as c\n"
            "assert 'sync.capture.watch' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", "import sys\n" + code], check=True)
