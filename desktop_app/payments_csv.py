"""The payments list as a French spreadsheet opens it without a question (no Qt): semicolons between
fields, decimal commas, dates dd/mm/yyyy, UTF-8 with a byte order mark (Excel reads the accents right
only with it), CRLF line ends. A text that a spreadsheet would take for a formula (=, +, -, @ first)
is written with a leading apostrophe, so a name or a label can never run as one."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from sync.store import PaymentRecord

__all__ = ["decimal_euros", "write_payments_csv"]

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def decimal_euros(cents: int) -> str:
    """``123450`` → ``1234,50``: a number a French spreadsheet reads (no thousands separator, no sign €)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole},{rest:02d}"


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def write_payments_csv(out: BinaryIO, records: Iterable[PaymentRecord], headers: Sequence[str],
                       kind_text: Callable[[str], str], nir_text: Callable[[str], str]) -> int:
    """Write ``headers`` then one line per record (date, patient, NIR, kind, label, invoice, batch, payer,
    amount) to ``out``; returns the number of payments written. ``kind_text`` and ``nir_text`` say the
    kind and the NIR as the screen does (the NIR spaced: a spreadsheet keeps it as text, not 2.85E+14)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers)
    out.write((BOM + buffer.getvalue()).encode())
    count = 0
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([f"{record.paid_on:%d/%m/%Y}", _text(record.patient_name),
                         nir_text(record.patient_nir) if record.patient_nir else "", _text(kind_text(record.kind)),
                         _text(record.label), record.invoice_number or "", record.batch_number or "",
                         _text(record.payer), decimal_euros(record.amount_cents)])
        out.write(buffer.getvalue().encode())
        count += 1
    return count
