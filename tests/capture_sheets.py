"""Realistic scanned care sheets for the capture tests and the benchmark: an A4 "feuille de soins"-like
page (boxes, printed lines, hand-filled fields, a stamp), with paper and scanner noise so that encoded
sizes are those of real scans, and the damaged scans the quality checks must flag."""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

A4_MM = (210, 297)
A5_MM = (148, 210)
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_WORDS = ("assuré", "bénéficiaire", "médecin", "traitant", "consultation", "acte", "montant", "date", "nom",
          "prénom", "numéro", "immatriculation", "organisme", "ordonnance", "honoraires", "signature", "cachet",
          "payé", "exonération", "ALD", "tiers", "payant", "identification", "prescripteur", "soins")


def pixels(size_mm: tuple[float, float], dpi: int) -> tuple[int, int]:
    return round(size_mm[0] / 25.4 * dpi), round(size_mm[1] / 25.4 * dpi)


def _font(path: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size)


def care_sheet(dpi: int = 200, *, seed: int = 0, size_mm: tuple[float, float] = A4_MM, ink: int = 25,
               paper: int = 242, noise: float = 4.0) -> Image.Image:
    """A grey ("L") scan of a filled care sheet at ``dpi``: title, boxed sections with printed labels,
    hand-written-like fields, a round stamp; ``ink`` and ``paper`` are the grey levels (a faded scan has
    them close), ``noise`` the standard deviation of the scanner's noise. A new copy each call (made
    once per arguments: drawing a 300 dpi sheet takes a second)."""
    return _care_sheet(dpi, seed, size_mm, ink, paper, noise).copy()


@functools.lru_cache(maxsize=32)
def _care_sheet(dpi: int, seed: int, size_mm: tuple[float, float], ink: int, paper: int, noise: float) -> Image.Image:
    rng = random.Random(seed)
    width, height = pixels(size_mm, dpi)
    page = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(page)
    mm = dpi / 25.4
    margin = round(12 * mm)
    text, small, bold = _font(_FONT, round(3.2 * mm)), _font(_FONT, round(2.4 * mm)), _font(_BOLD, round(5 * mm))
    line = max(1, round(0.3 * mm))
    draw.text((margin, margin), "FEUILLE DE SOINS", font=bold, fill=ink)
    draw.text((width - margin - round(60 * mm), margin), "cerfa n° 12541*02", font=small, fill=ink)
    y = margin + round(12 * mm)
    while y < height - margin - round(40 * mm):
        box_height = round(rng.uniform(28, 48) * mm)
        draw.rectangle((margin, y, width - margin, y + box_height), outline=ink, width=line)
        draw.rectangle((margin, y, width - margin, y + round(6 * mm)), fill=ink)  # the section's dark title band
        draw.text((margin + round(2 * mm), y + round(0.8 * mm)), " ".join(rng.choices(_WORDS, k=4)).upper(),
                  font=small, fill=paper)
        row = y + round(9 * mm)
        while row < y + box_height - round(6 * mm):
            label = " ".join(rng.choices(_WORDS, k=rng.randint(2, 5))) + " :"
            draw.text((margin + round(3 * mm), row), label, font=text, fill=ink)
            start = margin + round(3 * mm) + round(draw.textlength(label, font=text)) + round(3 * mm)
            _handwriting(draw, rng, start, row + round(3 * mm), width - margin - round(5 * mm), mm, ink)
            row += round(7 * mm)
        y += box_height + round(4 * mm)
    _stamp(draw, width - margin - round(45 * mm), height - margin - round(35 * mm), mm, ink)
    draw.text((margin, height - margin - round(4 * mm)), "Signature de l'assuré", font=small, fill=ink)
    page = page.filter(ImageFilter.GaussianBlur(0.6 * dpi / 200))  # the scanner's optics
    if noise:  # the grain is centred on 128: page + grain - 128
        page = ImageChops.add(page, Image.effect_noise((width, height), noise), offset=-128)
    return page


def _handwriting(draw: ImageDraw.ImageDraw, rng: random.Random, x: int, y: int, end: int, mm: float, ink: int) -> None:
    """A pen stroke wandering like handwriting from ``x`` to some point before ``end``."""
    stop = min(end, x + round(rng.uniform(20, 90) * mm))
    points = []
    while x < stop:
        points.append((x, y + round(rng.uniform(-1.6, 1.6) * mm)))
        x += round(rng.uniform(0.8, 1.8) * mm)
    if len(points) > 1:
        draw.line(points, fill=ink, width=max(1, round(0.35 * mm)), joint="curve")


def _stamp(draw: ImageDraw.ImageDraw, x: int, y: int, mm: float, ink: int) -> None:
    size = round(30 * mm)
    draw.ellipse((x, y, x + size, y + size), outline=ink, width=max(1, round(0.6 * mm)))
    font = _font(_FONT, round(2.6 * mm))
    for n, words in enumerate(("Dr MARTIN Claire", "Médecine générale", "RPPS 10001234567")):
        draw.text((x + round(4 * mm), y + round((9 + 4.5 * n) * mm)), words, font=font, fill=ink)


# --- damaged scans ---------------------------------------------------------------------------------


def blank_page(dpi: int = 200, *, seed: int = 0) -> Image.Image:
    """A white sheet fed by mistake (the back of a page): paper and noise only."""
    return care_sheet(dpi, seed=seed, ink=242)


def black_page(dpi: int = 200) -> Image.Image:
    """The lid left open over an empty glass."""
    return Image.effect_noise(pixels(A4_MM, dpi), 6).point(lambda v: v // 8)


def faded_sheet(dpi: int = 200, *, seed: int = 0) -> Image.Image:
    """A pale carbon copy: ink hardly darker than the paper."""
    return care_sheet(dpi, seed=seed, ink=190, paper=235)


def shifted_sheet(dpi: int = 200, *, seed: int = 0, band_mm: float = 25) -> Image.Image:
    """The sheet slid sideways on the glass: a black band of the scanner's lid on the left, the sheet's
    right part cut off."""
    sheet = care_sheet(dpi, seed=seed)
    band = round(band_mm / 25.4 * dpi)
    shifted = Image.new("L", sheet.size, 12)
    shifted.paste(sheet.crop((0, 0, sheet.width - band, sheet.height)), (band, 0))
    return shifted


def cut_sheet(dpi: int = 200, *, seed: int = 0, cut_mm: float = 20) -> Image.Image:
    """The right side of the sheet beyond the glass: its boxes run off the page's edge, and the part
    scanned was stretched to the page (as a copier's "fit to page" does)."""
    sheet = care_sheet(dpi, seed=seed)
    cut = round(cut_mm / 25.4 * dpi)
    return sheet.crop((0, 0, sheet.width - cut, sheet.height)).resize(sheet.size)


# --- encodings -------------------------------------------------------------------------------------


def jpeg_bytes(image: Image.Image, dpi: int | None = 200, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def png_bytes(image: Image.Image, dpi: int | None = 200) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def tiff_bytes(frames: Sequence[Image.Image], dpi: int = 200, compression: str = "group4") -> bytes:
    """A multi-page TIFF of ``frames`` (group4 needs bilevel frames: "1")."""
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=list(frames[1:]), compression=compression,
                   dpi=(dpi, dpi))
    return out.getvalue()


def bilevel(image: Image.Image) -> Image.Image:
    """A black and white scan of ``image``, thresholded as a scanner's Lineart mode does (no dithering)."""
    return image.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)
