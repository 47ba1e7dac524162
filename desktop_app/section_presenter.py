"""The sections' presenters: each one owns its section's page, fills it from the open session's store
(read on the pool), refreshes it when the engine reports that one of its domains changed, sends the
user's actions through the outbox, and forgets everything when the session locks.

:class:`SectionsHub` is what the controller talks to: it opens every presenter once the session's store
is open, passes each sync pass on (:class:`SyncPass`), and clears them all at the lock. An outcome that
arrives after the session it was asked for is dropped (:meth:`SectionPresenter.run`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtCore import QObject

from .main_window import MainWindow
from .ops import OpRunner
from .sections import Section, sections_for
from .session import Method, SessionUser
from .status import SyncPhase, SyncState, local_now, sync_state_after

if TYPE_CHECKING:  # the sync package loads httpx, pydantic and cryptography: only once a session opens
    from cardreader.monitor import ReaderEvent
    from sync.client import BackofficeClient
    from sync.documents import DocumentQueue
    from sync.engine import SyncReport
    from sync.store import Store

__all__ = ["SectionPresenter", "SectionSession", "SectionsHub", "SyncPass"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_LOCAL = frozenset({"outbox", "documents"})  # what a pass may change that is not pulled from the back office


@dataclass(frozen=True, eq=False)
class SectionSession:
    """The open session as the sections see it (one object per session: outcomes are told by it)."""

    user: SessionUser
    method: Method
    reader: str | None  # the card's reader; None for a password session
    client: BackofficeClient  # for what is read live (a patient's rights), never for what the store keeps
    store: Store
    sync_now: Callable[[], None]  # the engine's next pass at once: an action was put in the outbox
    password_expires_at: datetime | None = None  # a password session's grant: when the account's password expires
    documents: DocumentQueue | None = None  # the SCOR queue the engine uploads, beside the store


@dataclass(frozen=True)
class SyncPass:
    """What one of the engine's passes changed: the domains with rows applied (``"outbox"`` when actions
    were sent or refused, ``"documents"`` when uploads ended) and the errors by domain."""

    changed: frozenset[str]
    errors: dict[str, BaseException]

    @classmethod
    def of(cls, report: SyncReport) -> SyncPass:
        changed = {domain for domain, rows in report.applied.items() if rows}
        if report.sent or "outbox" in report.errors:
            changed.add("outbox")
        if report.uploaded:
            changed.add("documents")
        return cls(frozenset(changed), dict(report.errors))

    def state(self, domains: Iterable[str], as_of: datetime | None) -> SyncState:
        """The sync state of a section reading ``domains``, whose oldest data is from ``as_of``."""
        return sync_state_after((self.errors[d] for d in domains if d in self.errors), as_of)


class SectionPresenter(QObject):
    """One section's presenter. ``domains``: the engine's domains it shows (a pass that changed one of them
    calls :meth:`reload`). Subclasses build their view in ``__init__`` and put it in the shell, then
    implement :meth:`reload` (read on the pool with :meth:`run`) and :meth:`forget` (clear the view)."""

    section: ClassVar[Section]
    domains: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window)
        self.window, self.ops, self.clock = window, ops, clock
        self._session: SectionSession | None = None
        self._last_pass: SyncPass | None = None

    @property
    def session(self) -> SectionSession | None:
        return self._session

    def open(self, session: SectionSession) -> None:
        """The session's store is open: read everything now."""
        self._session, self._last_pass = session, None
        self.reload()

    def synced(self, sync_pass: SyncPass) -> None:
        """A pass ended: read again if it changed what this section shows (its freshness always moves)."""
        self._last_pass = sync_pass
        if self._session is None:
            return
        if sync_pass.changed & self.domains:
            self.reload()
        else:
            self.refresh_freshness()

    def clear(self) -> None:
        """The session locked: its outcomes under way are dropped, the page forgets it."""
        self._session, self._last_pass = None, None
        self.forget()

    def reader_event(self, event: ReaderEvent) -> None:
        """A reader or a card came or went (locked or not: a card inserted before the PIN counts); nothing
        by default."""

    def reload(self) -> None:
        """Read the section's data from the store (on the pool) and show it."""
        self.refresh_freshness()

    def forget(self) -> None:
        """Clear the page."""

    def refresh_freshness(self) -> None:
        """Read how fresh the section's domains are and hand the state to :meth:`show_freshness`."""
        session = self._session
        if session is None or not self.domains:
            return
        domains = self.domains - _LOCAL  # the outbox and the documents are this workstation's: no "as of"

        def oldest() -> datetime | None:
            stamps = [session.store.as_of(domain) for domain in domains]
            return None if None in stamps or not stamps else min(s for s in stamps if s is not None)

        self.run(oldest, lambda as_of: self.show_freshness(self.sync_state(as_of)))

    def sync_state(self, as_of: datetime | None) -> SyncState:
        """The state of this section's data: syncing until the first pass ends, then as the last pass left it."""
        if self._last_pass is None:
            return SyncState(SyncPhase.SYNCING, as_of)
        return self._last_pass.state(self.domains, as_of)

    def show_freshness(self, state: SyncState) -> None:
        """Show how fresh the data is (the view's freshness line); nothing by default."""

    def run(self, work: Callable[[], T], done: Callable[[T], None],
            failed: Callable[[BaseException], None] | None = None) -> None:
        """``work()`` on the pool; ``done(result)`` or ``failed(error)`` on the GUI thread, only while the same
        session is open (a failure without ``failed`` is logged)."""
        session = self._session

        def success(result: T) -> None:
            if session is not None and session is self._session:
                done(result)

        def failure(error: BaseException) -> None:
            if session is None or session is not self._session:
                return
            if failed is None:
                log.error("%s: a background operation failed", self.section.value, exc_info=error)
            else:
                failed(error)

        self.ops.run_op(work, success, failure)


class SectionsHub(QObject):
    """The presenters of the sections; the controller's single entry to them."""

    def __init__(self, window: MainWindow, presenters: Sequence[SectionPresenter]) -> None:
        super().__init__(window)
        self.presenters: dict[Section, SectionPresenter] = {p.section: p for p in presenters}
        if len(self.presenters) != len(presenters):
            raise ValueError("two presenters for one section")

    def open(self, session: SectionSession) -> None:
        """Open the presenters of the sections ``session`` may see (the others read nothing)."""
        allowed = sections_for(session.user.scopes)
        for presenter in self.presenters.values():
            if presenter.section in allowed:
                presenter.open(session)

    def synced(self, report: Any) -> None:
        """Called with each of the open session's :class:`~sync.engine.SyncReport` (on the GUI thread)."""
        sync_pass = SyncPass.of(report)
        for presenter in self.presenters.values():
            presenter.synced(sync_pass)

    def clear(self) -> None:
        for presenter in self.presenters.values():
            presenter.clear()

    def reader_event(self, event: ReaderEvent) -> None:
        """Every ReaderMonitor event, passed on to every presenter (the Patients section follows the
        cartes Vitale)."""
        for presenter in self.presenters.values():
            presenter.reader_event(event)
