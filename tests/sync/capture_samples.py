"""Scans as a copier writes them (grey JPEG or PNG at 300 dpi, A5 or A4), and a plain normaliser for
the ingest tests: img2pdf, which embeds a JPEG as it is, for the pipeline's own normaliser; and an
invoice put in a store's list of those awaiting their document, as a pull would."""

from __future__ import annotations

import io
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw

from sync.capture.files import Inspection, Kind
from sync.protocol.documents import AwaitingInvoice
from sync.store import Store

A5_300 = (1748, 2480)  # pixels of an A5 sheet at 300 dpi


def sheet(seed: int, fmt: str = "JPEG", size: tuple[int, int] = A5_300, *, blank: bool = False) -> bytes:
    """A grey care sheet: lines of "text" placed by ``seed`` (different seeds, different bytes); ``blank``
    a sheet with nothing on it (the back of a page)."""
    rng = random.Random(seed)
    image = Image.new("L", size, 250)
    draw = ImageDraw.Draw(image)
    for row in range(60, 60 if blank else size[1] - 60, 45):
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


_SEQ = itertools.count(1)


def awaited(store: Store, invoice: dict, *, arl: str = "positive", reason: str | None = None,
            justified: bool = False, server_id: int | None = None) -> dict:
    """Put ``invoice`` in the store's list of degraded invoices awaiting their document, as a pull of the
    back office's would (``server_id`` again: the same invoice changed, e.g. its batch's ARL)."""
    seq = next(_SEQ)
    store.awaiting.apply([AwaitingInvoice(
        id=server_id or seq, seq=seq, batch=invoice["batch"], number=invoice["number"], nir=invoice["nir"],
        patient_name="MARTIN Louise", care_date=date.fromisoformat(str(invoice["date"])), amount_cents=2650, arl=arl,
        arl_at=None if arl == "pending" else datetime.now(UTC), arl_reason=reason, justified=justified)],
        None, datetime.now(UTC))
    return invoice
