"""Dernières connexions: the account's recent sign-ins, and "That wasn't me" for each."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from view_clock import MONDAY, Clock

from desktop_app.views.logins import LoginRow, LoginsView

ROWS = [LoginRow(31, MONDAY - timedelta(hours=2), "card", "ACCUEIL-1", current=True),
        LoginRow(30, MONDAY - timedelta(days=1), "password", "PC-DOMICILE"),
        LoginRow(27, MONDAY - timedelta(days=4), "password", "INCONNU", reported=True)]


@pytest.fixture
def logins(qtbot):
    view = LoginsView(Clock())
    qtbot.addWidget(view)
    view.show()
    return view


def texts(view: LoginsView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]


def test_each_sign_in_says_when_how_and_where(logins):
    logins.set_logins(ROWS)
    shown = texts(logins)
    for expected in ("Today at 8 h 14", "Card", "ACCUEIL-1 (this session)", "Yesterday at 10 h 14", "Password",
                     "PC-DOMICILE", "20/11 at 10 h 14", "Reported"):
        assert expected in shown
    assert "No sign-in to show yet." not in shown


def ask_not_me(logins, qtbot, login: int) -> QMessageBox:
    qtbot.mouseClick(logins.buttons[login], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: logins.confirmation is not None and logins.confirmation.isVisible())
    return logins.confirmation


def test_that_wasnt_me_reports_that_sign_in_once_confirmed(logins, qtbot):
    logins.set_logins(ROWS)
    assert set(logins.buttons) == {31, 30}  # the one already reported has no button
    assert logins.buttons[30].accessibleName() == "That wasn't me: the sign-in of yesterday at 10 h 14 on PC-DOMICILE"
    reported = []
    logins.not_me_reported.connect(reported.append)
    box = ask_not_me(logins, qtbot, 30)
    assert "yesterday at 10 h 14 on PC-DOMICILE" in box.text()
    assert "All your sessions will be closed" in box.informativeText() and reported == []
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter does not report
    with qtbot.waitSignal(logins.not_me_reported) as signal:
        qtbot.mouseClick(box.findChild(QPushButton, "confirmNotMe"), Qt.MouseButton.LeftButton)
    assert signal.args == [30] and reported == [30]
    qtbot.waitUntil(lambda: logins.confirmation is None)


def test_cancelling_or_locking_reports_nothing(logins, qtbot):
    logins.set_logins(ROWS)
    reported = []
    logins.not_me_reported.connect(reported.append)
    box = ask_not_me(logins, qtbot, 31)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: logins.confirmation is None)
    box = ask_not_me(logins, qtbot, 30)
    logins.clear()  # the card is pulled while the question is open
    assert not box.isVisible() and logins.confirmation is None and reported == []


def test_no_sign_in_and_a_cleared_view_show_nothing_of_the_last_session(logins):
    logins.set_logins([])
    assert "No sign-in to show yet." in texts(logins)
    logins.set_logins(ROWS)
    logins.clear()
    assert "PC-DOMICILE" not in [label.text() for label in logins.findChildren(QLabel)]
    assert logins.buttons == {}
