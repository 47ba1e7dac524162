"""Accueil: today at a glance, each line a link to the section that holds the details.

It draws a frozen :class:`~desktop_app.summaries.HomeSummary` and :class:`~desktop_app.status.SyncState`
and keeps nothing else; the figures are read from the store off the GUI thread by the window's owner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..formatting import capitalized, french_day, sync_text
from ..sections import Section
from ..status import HomeSummary, SyncPhase, SyncState, local_now
from .common import set_style_state, show_line

__all__ = ["HomeView"]

_REFRESH_MS = 30_000  # the sync line's "N min ago" is said again this often
_CONTENT_WIDTH = 900  # pixels: lines wider than this are hard to read on a wide screen


class _Line(QPushButton):
    """One line of Accueil: a figure, what it counts, and a link to its section (Enter or click)."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName("homeLine")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._figure = QLabel(objectName="homeFigure")
        self._figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text = QLabel(objectName="homeText")
        chevron = QLabel("›", objectName="homeChevron")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(14)
        layout.addWidget(self._figure)
        layout.addWidget(self._text, 1)
        layout.addWidget(chevron)
        for label in (self._figure, self._text, chevron):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_line(self, figure: str, text: str, tone: str) -> None:
        """``tone`` is what the style sheet colours: "attention", "calm", "ok" or "warning"."""
        self._figure.setText(figure)
        self._figure.setProperty("symbol", not figure.isdigit())
        self._text.setText(text)
        self.setAccessibleName(f"{figure} {text}" if figure.isdigit() else text)
        set_style_state(self, "tone", tone)

    def sizeHint(self) -> QSize:  # the layout's, not the (empty) button text's
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()


# Accueil's lines, in order: each leads to its section (the session may not show it: then neither the line).
_LINES = (("ald", Section.ALD), ("rejects", Section.REJECTS), ("answers", Section.CONTACT),
          ("drafts", Section.DOCUMENTS), ("waiting", Section.DOCUMENTS), ("failed", Section.DOCUMENTS),
          ("paper", Section.DOCUMENTS), ("sync", Section.DIAGNOSTICS))

Figure = tuple[str, str, str]  # what a line shows: the figure, its words, its tone


class HomeView(QWidget):
    """``set_summary`` and ``set_sync_state`` draw it; a line clicked (or Space on it) asks for its section.
    ``lines`` are by name: ald, rejects, answers, drafts (documents to link), waiting, failed (documents
    that cannot be sent), paper (documents to send on paper), sync."""

    section_requested = Signal(str)  # a Section's value

    def __init__(self, clock: Callable[[], datetime] = local_now, *, refresh_ms: int = _REFRESH_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._clock = clock
        self._summary: HomeSummary | None = None
        self._sync = SyncState(SyncPhase.SYNCING)
        self._hidden: frozenset[Section] = frozenset()
        self._date = QLabel(objectName="pageSubtitle")
        self.headline = QLabel(objectName="homeHeadline", wordWrap=True)
        self.password_warning = QLabel(objectName="passwordWarning", wordWrap=True)
        self._password_days: int | None = None
        self.lines = {name: _Line(section) for name, section in _LINES}
        content = QWidget(objectName="homeContent", maximumWidth=_CONTENT_WIDTH)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(content, 1)
        outer.addStretch(0)  # what a wide screen has beyond the content's width
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("Today"), objectName="pageTitle"))
        layout.addWidget(self._date)
        layout.addSpacing(12)
        layout.addWidget(self.headline)
        layout.addWidget(self.password_warning)
        layout.addSpacing(8)
        for line in self.lines.values():
            layout.addWidget(line)
            line.clicked.connect(lambda _=False, s=line.section: self.section_requested.emit(s.value))
        layout.addStretch(1)
        self._tick = QTimer(self, interval=refresh_ms, timeout=self._render)
        self._tick.start()
        self._render()

    def set_summary(self, summary: HomeSummary | None) -> None:
        """The figures to show; None while they are being read (or once dropped at a lock)."""
        self._summary = summary
        self._render()

    def summary(self) -> HomeSummary | None:
        """What is shown (None: nothing yet, or the session locked)."""
        return self._summary

    def set_sync_state(self, state: SyncState) -> None:
        self._sync = state
        self._render()

    def set_visible_sections(self, sections: Iterable[str]) -> None:
        """Lines that lead to a section the session may not open are not shown (a CPE's ALD)."""
        visible = {Section(name) for name in sections}
        self._hidden = frozenset(section for section in Section if section not in visible)
        self._render()

    def set_password_expiry(self, days: int | None) -> None:
        """The session's password expires in ``days`` (said 15 days ahead); None: nothing to say."""
        self._password_days = days
        self._render()

    def clear(self) -> None:
        """Drop the figures (the card was pulled): nothing of the session stays in the widgets."""
        self._password_days = None
        self.set_summary(None)

    def _render(self) -> None:
        summary = self._summary
        self._date.setText(self._long_date(summary.today) if summary else "")
        figures = self._figures(summary) if summary is not None and summary.as_of is not None else {}
        if summary is not None:
            figures["sync"] = ("●", sync_text(self._sync, self._clock()), self._sync_tone())
        figures = {name: figure for name, figure in figures.items() if self.lines[name].section not in self._hidden}
        for name, line in self.lines.items():
            line.setVisible(name in figures)
            if name in figures:
                line.show_line(*figures[name])
        days = self._password_days
        show_line(self.password_warning, None if days is None else self.tr(
            "Your password expires in %n day(s): change it from a session opened with your card.", "", days))
        attention = sum(1 for name, (_, _, tone) in figures.items() if name != "sync" and tone != "calm")
        if summary is None:
            self.headline.setText(self.tr("Reading your data…"))
        elif summary.as_of is None:
            self.headline.setText(self.tr("Your data has not been synchronized on this workstation yet: "
                                          "it will appear here as soon as it arrives."))
        elif attention:
            self.headline.setText(self.tr("%n item(s) need your attention.", "", attention))
        else:
            self.headline.setText(self.tr("Nothing needs your attention today."))

    def _figures(self, summary: HomeSummary) -> dict[str, Figure]:
        """Each line's figure, words and tone; "drafts", "failed" and "paper" only when there are such
        documents."""
        ald, rejects, answers = summary.ald_renewals, summary.open_rejects, summary.answered_threads
        waiting, failed = summary.documents_waiting, summary.documents_failed
        first_end = french_day(summary.ald_first_end, summary.today) if summary.ald_first_end else ""
        figures = {
            "ald": _counted(ald, self.tr("ALD renewal(s) to prepare — the first due on %1", "", ald)
                            .replace("%1", first_end) if ald else self.tr("No ALD to renew in the coming months")),
            "rejects": _counted(rejects, self.tr("rejected invoice(s) to correct", "", rejects) if rejects
                                else self.tr("No rejected invoice to correct")),
            "answers": _counted(answers, self.tr("answer(s) from your fund", "", answers) if answers
                                else self.tr("No answer from your fund")),
            # they leave by themselves: information, not something to do
            "waiting": (str(waiting), self.tr("scanned document(s) waiting to be sent", "", waiting) if waiting
                        else self.tr("No scanned document waiting to be sent"), "calm"),
        }
        if failed:
            figures["failed"] = (str(failed), self.tr("scanned document(s) could not be sent: see why", "", failed),
                                 "warning")
        if drafts := summary.documents_drafts:
            figures["drafts"] = _counted(drafts, self.tr("scanned document(s) to link to their invoice", "", drafts))
        if paper := summary.documents_paper:
            figures["paper"] = (str(paper), self.tr("document(s) to send on paper", "", paper), "warning")
        return figures

    def _sync_tone(self) -> str:
        return {SyncPhase.CURRENT: "ok", SyncPhase.SYNCING: "calm"}.get(self._sync.phase, "warning")

    @staticmethod
    def _long_date(day: date) -> str:
        return capitalized(QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy"))


def _counted(count: int, text: str) -> Figure:
    """A line that asks for attention when its count is not zero."""
    return str(count), text, "attention" if count else "calm"
