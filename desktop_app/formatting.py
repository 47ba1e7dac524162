"""How dates, times, NIRs, titles and the data's freshness are written for a French reader (pure
functions: the same inputs give the same words; ``now`` is always given, never read from the clock).

Times are read in ``now``'s time zone, so the caller passes an aware local ``now``
(``datetime.now().astimezone()``) and any aware UTC stamp from the store or the back office.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from .status import SyncPhase, SyncState

__all__ = [
    "capitalized",
    "civility",
    "data_from",
    "euros",
    "french_date",
    "french_day",
    "french_number",
    "french_time",
    "moment",
    "session_left",
    "spaced_nir",
    "sync_text",
]

_CIVILITIES = {"DR": "Dr", "PR": "Pr", "M": "M.", "MME": "Mme"}
translate = QCoreApplication.translate  # the name lupdate looks for
_RECENT_HOURS = 12  # within the same day, "N h ago" up to this age; past it, the date and time
_THIN = "\u202f"  # French thousands separator (narrow no-break space)
_NBSP = "\u00a0"  # before the unit: "12,50 €" never broken across lines


def french_date(iso: str | None) -> str:
    """``2025-03-01`` to ``01/03/2025``; a ``00`` day or month stays as on the card."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def french_number(value: float, decimals: int = 0) -> str:
    """``1234.5`` to ``1 234,5``: French grouping and decimal comma, whatever the interface's language."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", _THIN).replace(".", ",")


def euros(cents: int) -> str:
    """An amount in integer cents as French accounts write it: ``123450`` → ``1 234,50 €``."""
    units, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units:,}".replace(",", _THIN) + f",{rest:02d}{_NBSP}€"


def spaced_nir(nir: str) -> str:
    """The NIR grouped as printed on the card: ``2 85 03 75 115 042 63``."""
    if len(nir) != 15:
        return nir
    return " ".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:15]))


def civility(code: str) -> str:
    return _CIVILITIES.get(code.upper(), code)


def french_day(day: date, today: date) -> str:
    """``24/11`` within ``today``'s year, ``24/11/2025`` otherwise."""
    return f"{day:%d/%m}" if day.year == today.year else f"{day:%d/%m/%Y}"


def french_time(when: datetime) -> str:
    """``9 h 12``, ``14 h 00``: the time as French typography writes it."""
    return f"{when.hour} h {when.minute:02d}"


def moment(stamp: datetime, now: datetime) -> str:
    """When ``stamp`` is, said from ``now``: "today at 9 h 12", "yesterday at…", "24/11 at…"."""
    local = stamp.astimezone(now.tzinfo)
    days = (local.date() - now.date()).days
    time = french_time(local)
    if days == 0:
        return translate("Freshness", "today at %1").replace("%1", time)
    if days == -1:
        return translate("Freshness", "yesterday at %1").replace("%1", time)
    if days == 1:
        return translate("Freshness", "tomorrow at %1").replace("%1", time)
    day = french_day(local.date(), now.date())
    return translate("Freshness", "%1 at %2").replace("%1", day).replace("%2", time)


def data_from(as_of: datetime, now: datetime) -> str:
    """How old the data shown is, as a phrase inside a sentence: "data from 24/11 at 9 h 12" (the day
    always said: offline, the user must not take this morning's figures for yesterday's)."""
    local = as_of.astimezone(now.tzinfo)
    day = french_day(local.date(), now.date())
    return translate("Freshness", "data from %1 at %2").replace("%1", day).replace("%2", french_time(local))


def capitalized(text: str) -> str:
    """A phrase made the start of a sentence: "data from…" → "Data from…"."""
    return text[:1].upper() + text[1:]


def sync_text(state: SyncState, now: datetime) -> str:
    """The sync state and the data's freshness in a few words, for the status bar and Accueil:
    "Up to date 2 min ago", "Offline — data from 24/11 at 9 h 12", "Synchronizing…"."""
    if state.phase is SyncPhase.SYNCING:
        return translate("Freshness", "Synchronizing…")
    if state.as_of is None:
        if state.phase is SyncPhase.OFFLINE:
            return translate("Freshness", "Offline — no data on this workstation yet")
        if state.phase is SyncPhase.MAINTENANCE:
            return translate("Freshness", "Under maintenance — no data on this workstation yet")
        return translate("Freshness", "Not synchronized yet")
    if state.phase is SyncPhase.OFFLINE:
        return translate("Freshness", "Offline — %1").replace("%1", data_from(state.as_of, now))
    if state.phase is SyncPhase.MAINTENANCE:
        return translate("Freshness", "Under maintenance — %1").replace("%1", data_from(state.as_of, now))
    age = max(now - state.as_of, timedelta(0))
    if age < timedelta(minutes=1):
        return translate("Freshness", "Up to date")
    if age < timedelta(hours=1):
        return translate("Freshness", "Up to date %n min ago", None, age // timedelta(minutes=1))
    if age < timedelta(hours=_RECENT_HOURS) and state.as_of.astimezone(now.tzinfo).date() == now.date():
        return translate("Freshness", "Up to date %n h ago", None, age // timedelta(hours=1))
    return capitalized(data_from(state.as_of, now))


def session_left(ends_at: datetime, now: datetime) -> str:
    """A password session's remaining time: "Session ends in 42 min", or at what time past an hour."""
    left = ends_at - now
    if left <= timedelta(0):
        return translate("Freshness", "Session ended")
    if left < timedelta(hours=1):
        return translate("Freshness", "Session ends in %n min", None, max(1, left // timedelta(minutes=1)))
    return translate("Freshness", "Session ends at %1").replace("%1", french_time(ends_at.astimezone(now.tzinfo)))

