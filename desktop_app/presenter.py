"""The signed-in window's data: what the shell, Accueil, the status bar and the banner show of the open
session, and nothing once it is locked.

The controller opens a session here (who, with what card, which section), gives it the session's store
once open, and each of the engine's reports (on the GUI thread). After each report, and at the store's
arrival, Accueil's figures are read from the store on the pool (:func:`~desktop_app.summaries.home_summary`);
the sync state (:func:`~desktop_app.status.sync_state_after`) takes the store's freshness from them.
An outcome that arrives after the session was locked or replaced is dropped. The section shown is kept
for this workstation (:mod:`desktop_app.last_session`) so that the same person finds it again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .last_session import LastSession, write_last_session
from .main_window import MainWindow
from .ops import OpRunner
from .password_rules import PASSWORD_VALIDITY, days_before_expiry
from .sections import Section, sections_for
from .session import Method, SessionUser
from .status import HomeSummary, StatusState, SyncPhase, SyncState, local_now, sync_state_after

if TYPE_CHECKING:  # the sync package loads httpx, pydantic and cryptography: only once a session opens
    from sync.engine import SyncReport
    from sync.documents import DocumentQueue
    from sync.store import Store

__all__ = ["SessionPresenter"]

log = logging.getLogger(__name__)


@dataclass
class _Shown:
    """The session whose data the window shows (one object per session: outcomes are told by it)."""

    user: SessionUser
    status: StatusState
    store: Store | None = None
    documents: DocumentQueue | None = None
    errors: tuple[BaseException, ...] | None = None  # the last report's (None: none yet, a pass is running)


class SessionPresenter(QObject):
    """Made on the GUI thread with the window it fills. ``sync_requested``: "Synchronize now" or the
    banner's "Try again now"."""

    sync_requested = Signal()

    def __init__(self, window: MainWindow, ops: OpRunner, last_session_file: Path, *, shared_workstation: bool,
                 clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window)
        self.window, self._ops, self._file, self._clock = window, ops, last_session_file, clock
        self._shared = shared_workstation
        self._shown: _Shown | None = None
        self._last: LastSession | None = None  # the last session to keep, written on the pool
        self._written: LastSession | None = None
        self._writing = threading.Lock()
        window.status.sync_requested.connect(self.sync_requested)
        window.banner.retry_requested.connect(self.sync_requested)
        window.shell.section_changed.connect(self._section_changed)

    def open(self, user: SessionUser, method: Method, reader: str | None, section: str, *,
             ends_at: datetime | None = None, password_expires_at: datetime | None = None) -> Section:
        """Show ``user``'s session on ``section`` (Accueil when he may not open it); the figures follow
        the store (:meth:`attach_store`). Returns the section shown. A password session's grant gives
        ``ends_at`` (however active: the status bar says until when) and ``password_expires_at``
        (Accueil warns when it is within ``EXPIRY_WARNING``)."""
        card = user.kind if method is Method.CARD else None
        status = StatusState(user.display_name, user.practice or None, card=card, reader=reader,
                             session_ends_at=ends_at, shared_workstation=self._shared)
        self._shown = _Shown(user, status)
        shell = self.window.shell
        shell.set_visible_sections(sections_for(user.scopes), delegated=user.kind == "CPE")
        shell.home.set_summary(None)
        expires = password_expires_at
        shell.home.set_password_expiry(
            None if expires is None else days_before_expiry(expires - PASSWORD_VALIDITY, self._clock()))
        self._show_sync(SyncState(SyncPhase.SYNCING))
        if not shell.show_section(section):
            shell.show_section(Section.HOME)
        self._remember(shell.current_section())
        return shell.current_section()

    def attach_store(self, store: Store, documents: DocumentQueue | None = None) -> None:
        """The session's store (and its SCOR queue) is open: Accueil is read from it now, and after each report."""
        if self._shown is not None:
            self._shown.store, self._shown.documents = store, documents
            self._refresh(self._shown)

    def syncing(self) -> None:
        """A pass was asked for ("Synchronize now"): say so until its report."""
        if self._shown is not None:
            self._show_sync(SyncState(SyncPhase.SYNCING, self._shown.status.sync.as_of))

    def report(self, report: SyncReport) -> None:
        """A pass of the open session's engine ended (on the GUI thread)."""
        if self._shown is not None:
            self._shown.errors = tuple(report.errors.values())
            self._refresh(self._shown)

    def clear(self) -> None:
        """The session locked: every page, the status bar and the banner forget it."""
        self._shown = None
        self.window.shell.clear()
        self.window.status.set_state(None)
        self.window.banner.set_state(SyncState(SyncPhase.CURRENT))

    def showing(self) -> bool:
        return self._shown is not None

    # -- inside ------------------------------------------------------------------------------------

    def _refresh(self, shown: _Shown) -> None:
        store, documents, today = shown.store, shown.documents, self._clock().date()
        if store is None:
            return

        def read() -> HomeSummary:
            from .summaries import home_summary  # reads the store (sync.*): loaded with the first session

            return home_summary(store, today, documents)

        def done(summary: HomeSummary) -> None:
            if self._shown is not shown:  # locked or replaced meanwhile: dropped
                return
            self.window.shell.home.set_summary(summary)
            if shown.errors is None:  # the first pass is running: how fresh the data shown is meanwhile
                self._show_sync(SyncState(SyncPhase.SYNCING, summary.as_of), summary.documents_waiting)
            else:
                self._show_sync(sync_state_after(shown.errors, summary.as_of), summary.documents_waiting)

        self._ops.run_op(read, done, lambda error: log.error("Accueil's figures could not be read", exc_info=error))

    def _show_sync(self, state: SyncState, documents_waiting: int | None = None) -> None:
        shown = self._shown
        assert shown is not None
        waiting = shown.status.documents_waiting if documents_waiting is None else documents_waiting
        shown.status = replace(shown.status, sync=state, documents_waiting=waiting)
        self.window.status.set_state(shown.status)
        self.window.banner.set_state(state)
        self.window.shell.home.set_sync_state(state)

    def _section_changed(self, section: str) -> None:
        if self._shown is not None:
            self._remember(Section(section))

    def _remember(self, section: Section) -> None:
        """Kept on the pool; the latest value is the one written, whatever order the writes run in."""
        assert self._shown is not None
        self._last = LastSession(self._shown.user.national_id, section)

        def write() -> None:
            with self._writing:
                last = self._last  # read once: the GUI thread may change it while this one is written
                if last != self._written:
                    write_last_session(self._file, last)
                    self._written = last

        self._ops.run_op(write, lambda _: None, lambda error: log.warning("the last session could not be kept: %s",
                                                                          error))
