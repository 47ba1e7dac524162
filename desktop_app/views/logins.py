"""Dernières connexions: the account's recent sign-ins, each with "That wasn't me".

The back office e-mails the professional at each sign-in; one he did not make is reported from here.
The view only asks (``not_me_reported``), once the doctor has confirmed in a dialog that says what follows:
the owner reports it, which revokes every session and locks. "Choose a new password"
(``new_password_requested``), offered to card sessions, is the way back to password sign-in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..account import LoginRow
from ..formatting import capitalized, moment
from ..status import local_now
from .common import role_label, show_line

__all__ = ["LoginRow", "LoginsView"]


class LoginsView(QWidget):
    not_me_reported = Signal(int)  # the login's id
    new_password_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginsPage")
        self.setAccessibleName(self.tr("Recent sign-ins"))
        self._clock = clock
        self.buttons: dict[int, QPushButton] = {}
        self.confirmation: QMessageBox | None = None  # open while "That wasn't me" waits for its answer
        intro = QLabel(self.tr("The last sign-ins to your account. If one of them was not you, report it: every "
                               "session of your account is closed at once."), objectName="pageIntro", wordWrap=True)
        self._empty = QLabel(self.tr("No sign-in to show yet."), objectName="pageIntro")
        self._scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        self._error = role_label(role="error")
        self.new_password_button = QPushButton(self.tr("Choose a new password"), objectName="newPasswordButton")
        self.new_password_button.setAccessibleName(self.tr("Choose a new password for signing in without your card"))
        self.new_password_button.clicked.connect(self.new_password_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(QLabel(self.tr("Recent sign-ins"), objectName="pageTitle"))
        layout.addWidget(intro)
        layout.addWidget(self._empty)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._error)
        layout.addWidget(self.new_password_button)
        self.set_can_choose_password(False)
        self.set_logins(())

    def set_can_choose_password(self, allowed: bool) -> None:
        """Offer "Choose a new password" (a card session: the back office refuses it to others)."""
        self.new_password_button.setVisible(allowed)

    def show_error(self, message: str) -> None:
        """Reading the sign-ins or reporting one failed (a sentence of ``desktop_app.messages``)."""
        show_line(self._error, message)

    def set_logins(self, rows: Sequence[LoginRow]) -> None:
        """Newest first, as the back office lists them. The table is made anew: the last one is deleted."""
        self.buttons = {}
        show_line(self._error, None)
        self._empty.setVisible(not rows)
        table = QWidget(objectName="loginsTable")
        grid = QGridLayout(table)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        if rows:
            for column, header in enumerate((self.tr("When"), self.tr("How"), self.tr("Workstation"))):
                grid.addWidget(QLabel(header, objectName="columnHeader"), 0, column)
        now = self._clock()
        for line, row in enumerate(rows, 1):
            when = moment(row.at, now)
            how = self.tr("Card") if row.method == "card" else self.tr("Password")
            where = self.tr("%1 (this session)").replace("%1", row.workstation) if row.current else row.workstation
            for column, text in enumerate((capitalized(when), how, where)):
                grid.addWidget(QLabel(text), line, column)
            grid.addWidget(self._action(row, when), line, 3)
        grid.setColumnStretch(4, 1)  # the blank is on the right, each button next to its sign-in
        grid.setRowStretch(len(rows) + 1, 1)
        self._scroll.setWidget(table)
        self._scroll.setVisible(bool(rows))

    def _action(self, row: LoginRow, when: str) -> QWidget:
        if row.reported:
            return QLabel(self.tr("Reported"), objectName="loginReported")
        button = QPushButton(self.tr("That wasn't me"), objectName="notMeButton")
        button.setAccessibleName(self.tr("That wasn't me: the sign-in of %1 on %2").replace("%1", when)
                                 .replace("%2", row.workstation))
        button.clicked.connect(lambda _=False, login=row.id: self._confirm(login, when, row.workstation))
        self.buttons[row.id] = button
        return button

    def _confirm(self, login: int, when: str, workstation: str) -> None:
        """Ask before reporting: it closes every session of the account, this one too. Window-modal and not
        waited on (``open``), so a lock can close it; Cancel is the default, Escape answers it."""
        self._close_confirmation()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("That wasn't me"),
                          self.tr("Report the sign-in of %1 on %2?").replace("%1", when).replace("%2", workstation),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("All your sessions will be closed at once, on every workstation, and this "
                                       "window will lock. Signing in with the password stays suspended until you "
                                       "choose a new one with your card."))
        report = box.addButton(self.tr("Report and close my sessions"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("notMeConfirmation")
        report.setObjectName("confirmNotMe")
        report.clicked.connect(lambda: self.not_me_reported.emit(login))
        box.finished.connect(self._forget_confirmation)
        self.confirmation = box
        box.open()

    def _forget_confirmation(self) -> None:
        if self.confirmation is not None:
            self.confirmation.deleteLater()
            self.confirmation = None

    def _close_confirmation(self) -> None:
        if self.confirmation is not None:
            self.confirmation.reject()

    def clear(self) -> None:
        """Drop the rows and close the confirmation left open (the card was pulled)."""
        self._close_confirmation()
        self.set_logins(())
