"""The status bar's content while signed in: the card and its reader (or the password session's time
left), who is signed in and where, the sync state with its freshness, the documents waiting, and
"Synchronize now". Drawn from a frozen :class:`~desktop_app.status.StatusState`; put it in the
window's ``QStatusBar`` with ``addWidget(view, 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..formatting import session_left, sync_text
from ..status import StatusState, SyncPhase, local_now
from .common import ElidedLabel, card_kind_text, set_style_state

__all__ = ["StatusBarView"]

_REFRESH_MS = 30_000  # "N min ago" and a password session's time left are said again this often
_NAMES_STRETCH = 100  # against the spacer's 1: the names get the room before the blank does


def _separator() -> QFrame:
    line = QFrame(objectName="statusSeparator")
    line.setFrameShape(QFrame.Shape.VLine)
    return line


class StatusBarView(QWidget):
    sync_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, *, refresh_ms: int = _REFRESH_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBarView")
        self._clock = clock
        self._state: StatusState | None = None
        self.card = ElidedLabel(Qt.TextElideMode.ElideMiddle, objectName="statusCard")
        self.card.setAccessibleName(self.tr("Card and reader"))
        self.professional = ElidedLabel(objectName="statusProfessional")
        self.professional.setAccessibleName(self.tr("Signed in"))
        self.shared = QLabel(self.tr("Shared workstation: pull your card to lock"), objectName="statusShared")
        self.sync = QLabel(objectName="statusSync")
        self.sync.setAccessibleName(self.tr("Synchronization"))
        self.documents = QLabel(objectName="statusDocuments")
        self.documents.setAccessibleName(self.tr("Documents waiting"))
        self.sync_now = QPushButton(self.tr("Synchronize now"), objectName="syncNowButton")
        self.sync_now.setToolTip(self.tr("Fetch the back office's news and send what is waiting"))
        self.sync_now.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.setSpacing(12)
        # the names take the room there is (up to their whole text) and give it up first
        layout.addWidget(self.card, _NAMES_STRETCH)
        layout.addWidget(_separator())
        layout.addWidget(self.professional, _NAMES_STRETCH)
        layout.addStretch(1)
        layout.addWidget(self.shared)
        layout.addWidget(self.sync)
        layout.addWidget(self.documents)
        layout.addWidget(self.sync_now)
        self._tick = QTimer(self, interval=refresh_ms, timeout=self._render)
        self._tick.start()
        self.set_state(None)

    def set_state(self, state: StatusState | None) -> None:
        """What to say; None when no one is signed in (nothing shown)."""
        self._state = state
        self._render()

    def _render(self) -> None:
        state, now = self._state, self._clock()
        for widget in (self.card, self.professional, self.sync, self.sync_now):
            widget.setVisible(state is not None)
        self.documents.setVisible(state is not None and state.documents_waiting > 0)
        self.shared.setVisible(state is not None and state.shared_workstation and state.card is not None)
        if state is None:  # nothing of the last session stays in the labels
            for label in (self.card, self.professional):
                label.set_full_text("")
            self.sync.clear()
            self.documents.clear()
            return
        self.card.set_full_text(self._card_text(state, now))
        self.professional.set_full_text(" — ".join(part for part in (state.professional, state.situation) if part))
        self.sync.setText(sync_text(state.sync, now))
        set_style_state(self.sync, "phase", state.sync.phase.value)
        self.sync_now.setEnabled(state.sync.phase is not SyncPhase.SYNCING)
        self.documents.setText(self.tr("%n document(s) waiting to be sent", "", state.documents_waiting))

    def _card_text(self, state: StatusState, now: datetime) -> str:
        if state.card is None:
            text = self.tr("Signed in with a password")
            return text if state.session_ends_at is None else f"{text} — {session_left(state.session_ends_at, now)}"
        card = card_kind_text(state.card)
        return self.tr("%1 in %2").replace("%1", card).replace("%2", state.reader) if state.reader else card
