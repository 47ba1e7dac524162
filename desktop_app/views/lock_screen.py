"""The lock screen: the workstation when nobody is signed in, or once the card was pulled.

It says what to do, shows the readers and what is in them, why it locked, what the card thread is
doing, and offers the password for a professional without his card. It only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .card_problem import CardProblemPanel
from .common import role_label, show_line

__all__ = ["ReaderState", "LockScreen"]

_PANEL_WIDTH = 640


@dataclass(frozen=True)
class ReaderState:
    """One reader as listed: ``card`` says what is in it ("Carte CPS — Dr …"); None when it is empty."""

    name: str
    card: str | None = None


class LockScreen(QWidget):
    """Full-window page: the controller sets what it shows; its one signal asks for the password dialog."""

    password_requested = Signal()
    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName(self.tr("Cabinet is locked"))
        self._title = role_label(self.tr("Cabinet"), "title", centred=True)
        self._reason = role_label(role="info", centred=True)
        self._instruction = role_label(self.tr("Insert your CPS or CPE card"), "lead", centred=True)
        self._holder = role_label(role="lead", centred=True)
        self._status = role_label(role="status", centred=True)
        self._problem = CardProblemPanel()
        self._readers = QFrame()
        self._readers.setObjectName("readersPanel")
        self._readers.setAccessibleName(self.tr("Card readers"))
        self._reader_rows = QVBoxLayout(self._readers)
        self._reader_rows.setContentsMargins(20, 14, 20, 6)
        self._reader_rows.setSpacing(0)
        self._password = QPushButton(self.tr("Sign in without a card"))
        self._password.setAccessibleName(self.tr("Sign in without a card, with your identifier and password"))
        self._password.setAutoDefault(True)  # the screen's one button: Enter presses it, as Space does
        self._password.clicked.connect(self.password_requested)
        self._unlock = QPushButton(self.tr("Sign in with my card"))
        self._unlock.setAccessibleName(self.tr("Sign in with the card in the reader"))
        self._unlock.setAutoDefault(True)
        self._unlock.clicked.connect(self.unlock_requested)
        self._unlock.hide()
        self._lay_out()
        show_line(self._reason, None)
        self._show_status(None, None)
        self.set_readers(())

    def _lay_out(self) -> None:
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(_PANEL_WIDTH)
        column = QVBoxLayout(panel)
        column.setContentsMargins(48, 40, 48, 40)
        column.setSpacing(0)
        column.addWidget(self._title)
        column.addSpacing(20)
        column.addWidget(self._reason)
        column.addSpacing(20)
        column.addWidget(self._instruction)
        column.addSpacing(12)
        column.addWidget(self._holder)
        column.addSpacing(4)
        column.addWidget(self._status)
        column.addWidget(self._problem)
        column.addSpacing(28)
        column.addWidget(role_label(self.tr("Card readers"), "section"))
        column.addSpacing(6)
        column.addWidget(self._readers)
        column.addSpacing(28)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self._unlock)
        button_row.addWidget(self._password)
        button_row.addStretch(1)
        column.addLayout(button_row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        page = QVBoxLayout(self)
        page.addStretch(1)
        page.addLayout(row)
        page.addStretch(2)

    def set_readers(self, readers: Sequence[ReaderState]) -> None:
        while (item := self._reader_rows.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().hide()  # gone from view now, deleted at the next turn of the event loop
                item.widget().deleteLater()
        if not readers:
            self._reader_rows.addWidget(role_label(self.tr("No card reader is connected."), "muted"))
        for reader in readers:
            card = reader.card or self.tr("No card")
            state = role_label(card)
            state.setAccessibleName(self.tr("%1: %2").replace("%1", reader.name).replace("%2", card))
            self._reader_rows.addWidget(state)
            self._reader_rows.addWidget(role_label(reader.name, "caption"))
            self._reader_rows.addSpacing(8)

    def set_can_unlock(self, can_unlock: bool) -> None:
        """A professional card is in (after the idle lock, a cancelled PIN): offer to sign in with it."""
        self._unlock.setVisible(can_unlock)
        (self._unlock if can_unlock else self._password).setFocus()

    def set_reason(self, text: str | None) -> None:
        """Why the screen is locked ("Carte retirée : session verrouillée"); None at the day's first start."""
        show_line(self._reason, text)

    def show_reading(self, holder: str | None = None) -> None:
        """The card is being read; ``holder`` as soon as its name is known."""
        self._show_status(holder, self.tr("Reading the card…"))

    def show_pin_asked(self, holder: str) -> None:
        """The PIN dialog is up over the screen."""
        self._show_status(holder, self.tr("Type your PIN"))

    def show_signing_in(self, holder: str) -> None:
        """The PIN was accepted; the card's proof is on its way to the back office."""
        self._show_status(holder, self.tr("Signing in…"))

    def _show_status(self, holder: str | None, text: str | None) -> None:
        """The status stands in for the instruction: the card is in, what it says no longer applies."""
        self._problem.clear()
        show_line(self._holder, holder)
        show_line(self._status, text)
        self._instruction.setVisible(not text)

    def show_expired_card(self, valid_until: str | None) -> None:
        self._show_status(None, None)
        self._problem.show_expired(valid_until)

    def show_unknown_card(self) -> None:
        self._show_status(None, None)
        self._problem.show_unknown_card()

    def show_read_error(self, detail: str | None = None) -> None:
        self._show_status(None, None)
        self._problem.show_read_error(detail)

    def clear_status(self) -> None:
        """Nothing under way and nothing wrong: the card was pulled, or the PIN dialog cancelled."""
        self._show_status(None, None)

    def status_text(self) -> str:
        """The holder and what is under way, as shown ("" when nothing is)."""
        return " ".join(label.text() for label in (self._holder, self._status) if label.isVisibleTo(self))

    def problem_text(self) -> str:
        return self._problem.text() if self._problem.isVisibleTo(self) else ""

    def reason_text(self) -> str:
        return self._reason.text() if self._reason.isVisibleTo(self) else ""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        (self._unlock if self._unlock.isVisibleTo(self) else self._password).setFocus()
