"""A password session's window: the status bar says until when it lasts, Accueil warns of the password's
expiry 15 days ahead; choosing a new password ticks its rules as it is typed."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from view_clock import MONDAY, Clock

from desktop_app.formatting import french_time
from desktop_app.main_window import MainWindow
from desktop_app.ops import OpRunner
from desktop_app.password_rules import PasswordRule
from desktop_app.presenter import SessionPresenter
from desktop_app.session import Method, SessionUser
from desktop_app.status import local_now
from desktop_app.views.new_password_dialog import NewPasswordDialog

USER = SessionUser("810001234567", "Dr Paul Remplaçant", "CPS", frozenset({"me", "payments"}), "")


@pytest.fixture
def presenter(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    ops = OpRunner(window)
    yield SessionPresenter(window, ops, tmp_path / "last", shared_workstation=False, clock=Clock())
    ops.shutdown()


@pytest.mark.parametrize(("expires_in", "warned"), [(timedelta(days=10), True), (timedelta(days=15), True),
                                                    (timedelta(days=16), False), (-timedelta(days=1), False)])
def test_the_password_s_expiry_is_warned_on_accueil_15_days_ahead(presenter, expires_in, warned):
    presenter.open(USER, Method.PASSWORD, None, "home", ends_at=MONDAY + timedelta(hours=4),
                   password_expires_at=MONDAY + expires_in)
    line = presenter.window.shell.home.password_warning
    assert line.isVisibleTo(presenter.window.shell.home) is warned
    if warned:
        assert str(expires_in.days) in line.text()
    presenter.clear()
    assert not line.isVisibleTo(presenter.window.shell.home)


def test_the_status_bar_says_when_a_password_session_ends(presenter):
    ends_at = local_now() + timedelta(hours=3)  # the status bar reads the real clock
    presenter.open(USER, Method.PASSWORD, None, "home", ends_at=ends_at)
    assert presenter.window.status.card.full_text().endswith(f"Session ends at {french_time(ends_at)}")
    assert not presenter.window.shell.home.password_warning.isVisibleTo(presenter.window.shell.home)


def test_a_new_password_s_rules_are_ticked_as_typed_and_it_is_sent_once_acceptable(qtbot):
    dialog = NewPasswordDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    new, again = dialog.findChildren(QLineEdit)
    ok = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Save the password")

    def met() -> dict[PasswordRule, str]:
        return {rule: mark.text() for rule, (mark, _) in dialog.rule_lines.items()}

    qtbot.keyClicks(new, "abc")
    assert met()[PasswordRule.LENGTH] == "•" and met()[PasswordRule.CHARACTERS] == "✓" and not ok.isEnabled()
    new.insert("déf")  # QTest types ASCII only
    assert met()[PasswordRule.CHARACTERS] == "•"
    new.clear()
    qtbot.keyClicks(new, "Tilleul42")
    qtbot.keyClicks(again, "Tilleul4")
    assert met()[PasswordRule.CONFIRMED] == "•" and not ok.isEnabled()
    qtbot.keyClicks(again, "2")
    assert met()[PasswordRule.CONFIRMED] == "✓" and met()[PasswordRule.NOT_RECENT] == "•" and ok.isEnabled()
    with qtbot.waitSignal(dialog.password_chosen) as chosen:
        qtbot.keyClick(again, Qt.Key.Key_Return)
    assert chosen.args == ["Tilleul42"] and not new.text()
    dialog.show_done()
    assert dialog.saved() and not ok.isVisible() and not new.isEnabled()
