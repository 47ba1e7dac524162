"""What every section's page shares: its title with how fresh its data is beside it, and the list of the
user's actions still on their way to the back office (or refused by it), each with its state.

The freshness line says it as the status bar does (:func:`~desktop_app.formatting.sync_text`): "À jour",
"Hors connexion — données du 24/11 à 9 h 12"; offline, the page still shows the store as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..formatting import sync_text
from ..status import SyncPhase, SyncState, local_now
from .common import role_label, set_style_state, show_line

__all__ = ["ActionLine", "ActionsView", "SectionPage"]

PAGE_MARGINS = (32, 28, 32, 28)


class SectionPage(QWidget):
    """A section's page: ``title`` and its freshness on the first line, then what the subclass adds to
    :attr:`body` (a vertical layout). ``clock`` is read when the freshness is shown."""

    def __init__(self, title: str, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.freshness = QLabel(objectName="sectionFreshness")
        self.freshness.setAccessibleName(self.tr("Data freshness"))
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(QLabel(title, objectName="pageTitle"))
        head.addStretch(1)
        head.addWidget(self.freshness)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(*PAGE_MARGINS)
        self.body.setSpacing(10)
        self.body.addLayout(head)
        self.set_freshness(None)

    def set_freshness(self, state: SyncState | None) -> None:
        """How fresh the page's data is (None: no session)."""
        if state is None:
            self.freshness.clear()
            return
        self.freshness.setText(sync_text(state, self._clock()))
        set_style_state(self.freshness, "phase", state.phase.value)
        self.freshness.setToolTip(self.tr("The data shown is this workstation's copy; it stays readable offline.")
                                  if state.phase is SyncPhase.OFFLINE else "")


@dataclass(frozen=True)
class ActionLine:
    """One action as the list shows it: what it is, its state in words, the back office's reason."""

    id: int
    what: str  # "Commande de 100 feuilles de soins"
    state: str  # pending, sent, refused
    reason: str | None = None


class ActionsView(QFrame):
    """The user's actions of a section that are not settled in its data yet: "waiting to be sent" (kept on
    this workstation, sent at the next connection), "sent", or "refused" with the back office's reason,
    which the user dismisses once read (``dismissed``: the action's outbox id)."""

    dismissed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxActions")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(6)
        self.buttons: dict[int, QPushButton] = {}
        self.set_actions(())

    def set_actions(self, actions: Sequence[ActionLine]) -> None:
        """Replace the lines shown (none: the frame hides)."""
        while (item := self._layout.takeAt(0)) is not None:
            if (line := item.widget()) is not None:
                line.hide()  # at once: deleteLater waits for the event loop
                line.deleteLater()
        self.buttons = {}
        for action in actions:
            self._layout.addWidget(self._line(action))
        self.setVisible(bool(actions))

    def _line(self, action: ActionLine) -> QWidget:
        line = QWidget(objectName="outboxAction")
        row = QHBoxLayout(line)
        row.setContentsMargins(10, 2, 0, 2)  # clear of the state's coloured bar on the left
        texts = {"pending": self.tr("Waiting to be sent: kept on this workstation, sent as soon as the back "
                                    "office can be reached."),
                 "sent": self.tr("Sent."),
                 "refused": self.tr("Refused by the health insurance:")}
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(role_label(action.what))
        state = role_label(texts[action.state], role="error" if action.state == "refused" else "muted")
        state.setObjectName("outboxState")
        column.addWidget(state)
        reason = role_label(role="error")
        show_line(reason, action.reason)
        column.addWidget(reason)
        row.addLayout(column, 1)
        set_style_state(line, "state", action.state)
        if action.state == "refused":
            button = QPushButton(self.tr("Dismiss"), objectName="dismissAction")
            button.setAccessibleName(self.tr("Dismiss: %1").replace("%1", action.what))
            button.clicked.connect(lambda _=False, item=action.id: self.dismissed.emit(item))
            self.buttons[action.id] = button
            row.addWidget(button)
        return line
