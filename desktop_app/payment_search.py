"""What the Paiements section searches, as the user typed it (no Qt): the dates written the French way,
the patient, invoice and batch numbers, the kind; and how far back the section goes (27 months: the
monthly statements the health insurance keeps online, DOMAIN.md)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

__all__ = ["SHOWN_MONTHS", "PaymentQuery", "months_back", "parse_french_date"]

SHOWN_MONTHS = 27

_DATE = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\s*|\s*(\d{2})(\d{2})(\d{4})\s*")


@dataclass(frozen=True)
class PaymentQuery:
    """A search of the payments list; the field names are the store's filter's (``sync.store.PaymentFilter``)."""

    date_from: date | None = None
    date_to: date | None = None
    patient: str | None = None
    invoice: str | None = None
    batch: str | None = None
    kind: str | None = None

    def since(self, floor: date) -> PaymentQuery:
        """The same search, from ``floor`` when no start date was given: the section's window."""
        return self if self.date_from is not None else replace(self, date_from=floor)


def parse_french_date(text: str) -> date | None:
    """``24/11/2025``, ``24/11/25``, ``24.11.2025``, ``24112025`` → the date; empty → None. A text that is not
    a real date raises ValueError (the field says so rather than searching something else)."""
    if not text.strip():
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a dd/mm/yyyy date: {text!r}")
    day, month, year = (int(part) for part in (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)))
    if year < 100:
        year += 2000
    return date(year, month, day)  # ValueError for 31/02


def months_back(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it is shorter: 31/05 → 28/02)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
