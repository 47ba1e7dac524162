"""Time as the back office's rules count it: epoch seconds to UTC datetimes, the Paris calendar day,
working days (French public holidays included) and the windows the routes answer over. No SQL here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["PARIS", "utc", "paris_date", "easter_sunday", "french_public_holidays", "is_working_day",
           "add_working_days", "answer_due_on", "month_start", "year_before"]

try:
    PARIS: Any = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 (no tz database: fall back to UTC)
    PARIS = timezone.utc


def utc(timestamp: float) -> datetime:
    """Epoch seconds (how the database stores instants) as an aware UTC datetime."""
    return datetime.fromtimestamp(timestamp, timezone.utc)


def paris_date(timestamp: float) -> date:
    """The calendar day in metropolitan France at ``timestamp``: "today" for every rule on dates."""
    return datetime.fromtimestamp(timestamp, PARIS).date()


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> frozenset[date]:
    """The eleven national public holidays (jours fériés) of ``year``; Alsace-Moselle's two extra days
    (Good Friday, 26 December) are not counted: a fund's answer delay is national."""
    easter = easter_sunday(year)
    return frozenset({
        date(year, 1, 1), easter + timedelta(days=1), date(year, 5, 1), date(year, 5, 8),
        easter + timedelta(days=39), easter + timedelta(days=50), date(year, 7, 14), date(year, 8, 15),
        date(year, 11, 1), date(year, 11, 11), date(year, 12, 25),
    })


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def answer_due_on(sent_at: float) -> date:
    """The date the fund owes an answer to a message sent at ``sent_at``: three working days on."""
    return add_working_days(paris_date(sent_at), 3)


def month_start(day: date, back: int) -> date:
    """The first day of the month ``back`` months before ``day``'s (negative: after)."""
    month0 = day.year * 12 + day.month - 1 - back
    return date(month0 // 12, month0 % 12 + 1, 1)


def year_before(day: date) -> date:
    """The first day of the year ending on ``day``: twelve months, ``day`` included."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(day.year - 1, 3, 1)
