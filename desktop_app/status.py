"""The frozen values the status bar, the banner and Accueil are drawn from (no Qt).

The session and the sync thread build them and hand them to the views, which keep nothing else: a
new value replaces the last one whole.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sync.errors import Offline, ServerUnavailable

__all__ = ["HomeSummary", "StatusState", "SyncPhase", "SyncState", "local_now", "sync_state_after"]


class SyncPhase(enum.Enum):
    CURRENT = "current"  # the last pass reached the back office
    SYNCING = "syncing"  # a pass is running
    OFFLINE = "offline"  # the back office cannot be reached: the store is shown as it is
    MAINTENANCE = "maintenance"  # the back office said it is under maintenance (503), maybe until when


@dataclass(frozen=True)
class SyncState:
    phase: SyncPhase
    as_of: datetime | None = None  # when the store was last brought up to date (aware); None: never
    until: datetime | None = None  # the announced end of a maintenance (aware)


@dataclass(frozen=True)
class StatusState:
    """What the status bar says about the signed-in session."""

    professional: str  # as shown: "Dr Émilie Lefèvre"
    situation: str | None = None  # the practice location: "Cabinet du Parc, Paris"
    card: str | None = None  # "CPS", "CPF", "CPE"; None for a password session
    reader: str | None = None  # the reader the card is in
    session_ends_at: datetime | None = None  # a password session's end (aware)
    sync: SyncState = field(default_factory=lambda: SyncState(SyncPhase.SYNCING))
    documents_waiting: int = 0
    shared_workstation: bool = False  # a kiosk: the bar says that pulling the card locks


@dataclass(frozen=True)
class HomeSummary:
    """Today at a glance. Counts of what asks for the professional's attention, and how fresh they are."""

    today: date
    ald_renewals: int = 0  # patients' ALD ending within the back office's window (M-3), to renew
    ald_first_end: date | None = None  # the soonest of their end dates
    open_rejects: int = 0  # rejected invoices still to correct
    answered_threads: int = 0  # message threads the fund has answered
    documents_waiting: int = 0  # scans on their way to SCOR (ready, awaiting the ARL, sending, sent)
    documents_failed: int = 0  # scans the back office refused or that cannot be sent: the user must act
    documents_paper: int = 0  # scans whose sending kept failing for 5 days: to post on paper
    documents_drafts: int = 0  # scans taken (copier, import, scanner) still to check and link
    as_of: datetime | None = None  # the oldest of the domains' last sync; None: never synchronized here


def local_now() -> datetime:
    """The clock the views read by default: aware, in this computer's time zone."""
    return datetime.now().astimezone()


def sync_state_after(errors: Iterable[BaseException], as_of: datetime | None) -> SyncState:
    """The state a pass ended in, from its errors (``SyncReport.errors.values()``) and the store's
    freshness: under maintenance when the back office said so (until when, the latest announced), offline
    when it could not be reached, else current (a domain refused to this session is not a sync state)."""
    errors = list(errors)
    announced = [error for error in errors if isinstance(error, ServerUnavailable)]
    if announced:
        ends = [error.until for error in announced if error.until is not None]
        return SyncState(SyncPhase.MAINTENANCE, as_of, max(ends, default=None))
    if any(isinstance(error, Offline) for error in errors):
        return SyncState(SyncPhase.OFFLINE, as_of)
    return SyncState(SyncPhase.CURRENT, as_of)
