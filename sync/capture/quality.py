"""What may be wrong with a scanned page, seen on a small grey copy of it: the secretary looks again at
a flagged page before it goes to the fund (a blank back of a sheet, the lid left open, a pale carbon
copy, a sheet that slid on the glass). Flags warn, they never refuse: a page may be meant that way.

The page is reduced to :data:`CHECK_SIDE` pixels on its long side (box filter: a grey level is the mean
of the pixels it covers), then only its histogram and its edge strips are looked at:

- **nearly black**: most of the page is dark (:data:`DARK` and below);
- **nearly white**: almost nothing is darker than the paper (its median) by :data:`CONTENT_STEP`;
- **low contrast**: there is content, but its darkest pixels are hardly darker than the paper;
- **cut or shifted**: a dark band along an edge (the scanner's lid where the sheet is not), or content
  touching an edge where a sheet has its margin (the sheet went beyond the glass).
"""

from __future__ import annotations

import enum
from typing import TypeAlias

from PIL import Image

__all__ = ["CHECK_SIDE", "Flag", "PageFlags", "check_page"]

CHECK_SIDE = 800  # pixels on the long side of the copy looked at: 0.37 mm per pixel on an A4, a stroke
DARK = 64  # grey levels (0-255) that count as black
CONTENT_STEP = 24  # how much darker than the paper a pixel is to be content
NEARLY_BLACK_SHARE = 0.6  # of the page's pixels dark
NEARLY_WHITE_SHARE = 0.002  # of the page's pixels content, at most
LOW_CONTRAST_STEP = 100  # the darkest content (its 0.2 % darkest pixels) is less darker than the paper
EDGE_BAND = 0.04  # of the page's width or height: a dark band this wide along an edge is no margin
MARGIN = 0.012  # of the side: the strip along each edge where a whole sheet has no ink
MARGIN_INK_SHARE = 0.02  # of that strip's pixels being ink (darker than the paper by INK_STEP)
INK_STEP = 80


class Flag(enum.StrEnum):
    """A reason to look at a page again; the values are stored (JSON per page) and worded by the window."""

    NEARLY_WHITE = "nearly-white"
    NEARLY_BLACK = "nearly-black"
    LOW_CONTRAST = "low-contrast"
    CUT_OR_SHIFTED = "cut-or-shifted"


PageFlags: TypeAlias = frozenset[Flag]  # a page's flags; empty when nothing is to be looked at


def check_page(image: Image.Image) -> PageFlags:
    """The flags of one scanned page (any Pillow mode, any size)."""
    small = _small_grey(image)
    histogram = small.histogram()
    total = small.width * small.height
    if sum(histogram[: DARK + 1]) > NEARLY_BLACK_SHARE * total:
        return frozenset({Flag.NEARLY_BLACK})
    paper = _percentile(histogram, total, 0.5)
    content = sum(histogram[: max(0, paper - CONTENT_STEP)])
    if content <= NEARLY_WHITE_SHARE * total:
        return frozenset({Flag.NEARLY_WHITE})
    flags = set()
    if paper - _percentile(histogram, total, 0.002) < LOW_CONTRAST_STEP:
        flags.add(Flag.LOW_CONTRAST)
    if _dark_band(small) or _ink_in_margin(small, paper):
        flags.add(Flag.CUT_OR_SHIFTED)
    return frozenset(flags)


def _small_grey(image: Image.Image) -> Image.Image:
    """A grey copy of ``image`` whose long side is at most CHECK_SIDE (reduced before the mode is
    converted: a 600 dpi page is never converted whole)."""
    factor = max(1, max(image.size) // CHECK_SIDE)
    if image.mode not in ("L", "RGB"):  # bilevel, palette, CMYK, 16-bit: to grey first
        image = image.convert("L")
    small = image.reduce(factor) if factor > 1 else image
    return small.convert("L") if small.mode != "L" else small


def _percentile(histogram: list[int], total: int, share: float) -> int:
    """The grey level below or at which ``share`` of the pixels are."""
    wanted, seen = share * total, 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return level
    return 255


def _dark_band(small: Image.Image) -> bool:
    """Whether a band EDGE_BAND wide along an edge is dark from end to end (the mean of each of its
    rows or columns, within the middle of the edge, at most DARK)."""
    columns = list(small.resize((small.width, 1), Image.Resampling.BOX).getdata())
    rows = list(small.resize((1, small.height), Image.Resampling.BOX).getdata())
    for means in (columns, rows):
        band = max(1, round(EDGE_BAND * len(means)))
        if all(mean <= DARK for mean in means[:band]) or all(mean <= DARK for mean in means[-band:]):
            return True
    return False


def _ink_in_margin(small: Image.Image, paper: int) -> bool:
    """Whether ink lies in the strip along an edge where a whole sheet has its margin (its outermost
    pixel excluded: scanners often leave a shadow line there)."""
    width, height = small.size
    strip_w, strip_h = max(2, round(MARGIN * width)), max(2, round(MARGIN * height))
    strips = ((1, 0, strip_w + 1, height), (width - strip_w - 1, 0, width - 1, height),
              (0, 1, width, strip_h + 1), (0, height - strip_h - 1, width, height - 1))
    ink = max(0, paper - INK_STEP)
    for box in strips:
        histogram = small.crop(box).histogram()
        if sum(histogram[:ink]) > MARGIN_INK_SHARE * sum(histogram):
            return True
    return False
