"""Scans as a copier writes them (grey JPEG or PNG at 300 dpi, A5 or A4), and a plain normaliser for
the ingest tests: img2pdf, which embeds a JPEG as it is, for the pipeline's own normaliser."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw

from sync.capture.files import Inspection, Kind

A5_300 = (1748, 2480)  # pixels of an A5 sheet at 300 dpi


def sheet(seed: int, fmt: str = "JPEG", size: tuple[int, int] = A5_300) -> bytes:
    """A grey care sheet: lines of "text" placed by ``seed`` (different seeds, different bytes)."""
    rng = random.Random(seed)
    image = Image.new("L", size, 250)
    draw = ImageDraw.Draw(image)
    for row in range(60, size[1] - 60, 45):
        x = 80
        while x < size[0] - 200 and rng.random() < 0.95:
            width = rng.randint(20, 140)
            draw.rectangle((x, row, x + width, row + 22), fill=rng.randint(0, 90))
            x += width + rng.randint(10, 30)
    out = io.BytesIO()
    image.save(out, fmt, dpi=(300, 300), **({"quality": 85} if fmt == "JPEG" else {}))
    return out.getvalue()


@dataclass(frozen=True)
class Plain:
    """What the pipeline's ``Normalised`` holds."""

    pdf: bytes
    pages: int
    flags: tuple[frozenset[str], ...]


def plain_normalise(path: Path, inspection: Inspection) -> Plain:
    """A PDF as it is; an image through img2pdf (a JPEG embedded without re-encoding)."""
    data = path.read_bytes()
    pdf = data if inspection.kind is Kind.PDF else img2pdf.convert(data)
    return Plain(pdf, inspection.pages or 1, tuple(frozenset() for _ in range(inspection.pages or 1)))
