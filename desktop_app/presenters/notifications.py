"""The tray icon and the desktop notifications: after each sync that brought events, the new rejects,
ALD renewals due, answers of the fund and documents refused by SCOR, and the documents newly marked to
send on paper, in counts (:mod:`desktop_app.notices`
chooses and words them); a click on the notification opens the section of the first.

It presents no page: it is registered on Accueil's section, which every session opens. Where the
platform has no tray (a kiosk, the offscreen tests) no icon is made, and ``notified`` still says what
would have been shown.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QSystemTrayIcon

from ..main_window import MainWindow
from ..notices import Notice, notice_text, notices, paper_notice
from ..ops import OpRunner
from ..section_presenter import SectionPresenter
from ..sections import Section, sections_for
from ..status import local_now

if TYPE_CHECKING:
    from sync.store import Store

__all__ = ["NOTIFIED_MARK", "NotificationsPresenter", "news"]

NOTIFIED_MARK = "events_notified"  # the store's mark: the highest event seq notified
SHOWN_MS = 15_000


def news(store: Store, sections: Set[Section]) -> list[Notice]:
    """The notices of the events the store holds beyond its mark, which moves past them at once (a
    second caller gets nothing: each event is notified once per store). Before the store's first pull of
    events nothing is marked: that pull brings the history, which only sets the mark."""
    if store.as_of("events") is None:
        return []
    before = store.marks.advance(NOTIFIED_MARK, store.feeds.newest_event())
    if before is None:
        return []
    return notices(store.events(limit=100_000, after=before), before, sections)


class NotificationsPresenter(SectionPresenter):
    """``notified(text, section)``: a notification was shown (or would have been, without a tray)."""

    section = Section.HOME
    domains = frozenset({"events", "documents"})
    notified = Signal(str, str)

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self._opens = Section.HOME
        self._paper: set[str] | None = None  # the documents to send on paper already known this session
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Cabinet"))
            self.tray.messageClicked.connect(self.open_notified)
            self.tray.activated.connect(lambda _reason: self._raise())
            self.tray.show()

    def reload(self) -> None:
        session = self.session
        if session is None:
            return
        sections, queue = sections_for(session.user.scopes), session.documents

        def read() -> tuple[list[Notice], set[str]]:
            paper = {d.id for d in queue.documents() if d.status == "paper"} if queue is not None else set()
            return news(session.store, sections), paper

        def found(read: tuple[list[Notice], set[str]]) -> None:
            notices_found, paper = read
            extra = paper_notice(paper, self._paper, sections)
            self._paper = paper if self._paper is None else self._paper | paper
            self._notify(notices_found + ([extra] if extra is not None else []))

        self.run(read, found)

    def forget(self) -> None:
        self._paper = None

    def refresh_freshness(self) -> None:
        """No page, no freshness to show."""

    def open_notified(self) -> None:
        """The notification was clicked: the window, on the section of its first line."""
        self._raise()
        self.window.shell.show_section(self._opens)

    def _notify(self, found: list[Notice]) -> None:
        if not found:
            return
        self._opens = found[0].section
        text = "\n".join(notice_text(notice) for notice in found)
        if self.tray is not None:
            self.tray.showMessage(self.tr("Cabinet"), text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)
        self.notified.emit(text, self._opens.value)

    def _raise(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        else:
            self.window.show()
        self.window.raise_()
        self.window.activateWindow()
