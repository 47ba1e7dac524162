"""The account's pages end to end: "Recent sign-ins" with "That wasn't me", "Delegations" saved to the back
office, a new password chosen from a card session, a password session's end. Emulated cards in the private
pcscd's virtual reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from test_sign_in import WAIT, dialog_text, enrol, holder, sign_in_with_a_first_login_code
from test_window import sign_in, start_cabinet  # noqa: F401 (a fixture)

from cardreader.emulator.pki import TestPki
from desktop_app.app import CabinetApp
from desktop_app.sections import Section
from desktop_app.views.new_password_dialog import NewPasswordDialog
from desktop_app.views.password_dialog import PasswordDialog
from sync.backoffice.local import LocalBackoffice

pytestmark = pytest.mark.pcsc

AM_NUMBER = "751123456"  # the emulated CPS's doctor's, in the seeded practice


def labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def server_scopes(backoffice: LocalBackoffice, delegate: str) -> set[str]:
    """What the back office's database says the doctor of the emulated CPS delegates to ``delegate``."""
    with sqlite3.connect(backoffice.db_path) as db:
        (scopes,), = db.execute("SELECT d.scopes FROM delegations d JOIN professionals p ON p.id = d.titular_id "
                                "WHERE d.delegate_national_id = ? AND p.am_number = ?", (delegate, AM_NUMBER))
    return set(scopes.split())


def test_a_doctor_sees_this_sign_in_and_withdraws_a_scope_from_his_secretary(
        qtbot, start_cabinet, insert, backoffice):  # noqa: F811
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    shell = cabinet.window.shell
    qtbot.waitUntil(lambda: "poste-test (this session)" in labels(shell.logins), timeout=WAIT)
    assert shell.logins.new_password_button.isVisibleTo(shell.logins)  # a card session may choose one

    assert shell.show_section(Section.DELEGATIONS)
    page = shell.delegations
    qtbot.waitUntil(lambda: "Marchand-Girard" in " ".join(labels(page)), timeout=WAIT)
    (delegate, scope), box = next(((key, box) for key, box in page.boxes.items() if box.isChecked()))
    assert scope in server_scopes(backoffice, delegate)
    box.setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    outcome = page.findChild(QLabel, "delegationsOutcome")
    qtbot.waitUntil(lambda: outcome.property("tone") == "ok", timeout=WAIT)
    assert scope not in server_scopes(backoffice, delegate)
    assert not page.boxes[(delegate, scope)].isChecked()  # as the back office now has it


@pytest.fixture
def own_backoffice(tmp_path, pki_dir) -> Iterator[LocalBackoffice]:
    """A back office of this test's own: its accounts' passwords change."""
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        yield running


def choose_password(qtbot, cabinet: CabinetApp, password: str) -> None:
    """From a card session's "Recent sign-ins": "Choose a new password", typed twice, saved."""
    shell = cabinet.window.shell
    assert shell.show_section(Section.LOGINS)
    qtbot.mouseClick(shell.logins.new_password_button, Qt.MouseButton.LeftButton)
    dialog = cabinet.controller.account.dialog
    assert isinstance(dialog, NewPasswordDialog) and dialog.isVisible()
    new, again = dialog.findChildren(QLineEdit)
    qtbot.keyClicks(new, password)
    assert "6 to 13 characters: met" in [line.accessibleName() for _, line in dialog.rule_lines.values()]
    qtbot.keyClicks(again, password)
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.saved, timeout=WAIT)
    dialog.reject()


def sign_in_with_password(qtbot, cabinet: CabinetApp, identifier: str, password: str) -> PasswordDialog:
    qtbot.mouseClick(next(button for button in cabinet.window.lock_screen.findChildren(QPushButton)
                          if button.isVisible() and "without" in button.accessibleName()), Qt.MouseButton.LeftButton)
    dialog = cabinet.controller.dialog
    assert isinstance(dialog, PasswordDialog) and dialog.isVisible()
    identifier_field, password_field, *_ = dialog.findChildren(QLineEdit)
    qtbot.keyClicks(identifier_field, identifier)
    qtbot.keyClicks(password_field, password)
    qtbot.keyClick(password_field, Qt.Key.Key_Return)
    return dialog


def test_that_was_not_me_locks_suspends_the_password_and_a_new_one_from_the_card_lifts_it(
        qtbot, start_cabinet, insert, virtual_reader, own_backoffice):  # noqa: F811
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate)
    sign_in(qtbot, cabinet, insert)
    choose_password(qtbot, cabinet, "Tilleul42")

    logins = cabinet.window.shell.logins
    qtbot.waitUntil(lambda: bool(logins.buttons), timeout=WAIT)
    qtbot.mouseClick(next(iter(logins.buttons.values())), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(logins.confirmation.findChild(QPushButton, "confirmNotMe"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    assert holder(cabinet) == "" and "suspended" in cabinet.window.lock_screen.reason_text()

    virtual_reader.pull(0)
    dialog = sign_in_with_password(qtbot, cabinet, AM_NUMBER, "Tilleul42")
    qtbot.waitUntil(lambda: "suspended" in dialog_text(dialog), timeout=WAIT)
    assert cabinet.window.locked()
    dialog.reject()

    sign_in(qtbot, cabinet, insert)  # the card: a new password lifts the suspension
    choose_password(qtbot, cabinet, "Platane77")
    virtual_reader.pull(0)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    sign_in_with_password(qtbot, cabinet, AM_NUMBER, "Platane77")
    qtbot.waitUntil(lambda: not cabinet.window.locked() and "Lefèvre-Dupré" in holder(cabinet), timeout=WAIT)
    assert not cabinet.window.shell.logins.new_password_button.isVisibleTo(cabinet.window.shell.logins)


def test_a_password_session_says_when_it_ends_and_locks_then(qtbot, start_cabinet, tmp_path, pki_dir):  # noqa: F811
    with LocalBackoffice(tmp_path / "short", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1, extra_args=("--password-total-limit", "25")) as office:
        cabinet = start_cabinet(backoffice=office.url, ca=office.ca_certificate)
        sign_in_with_a_first_login_code(qtbot, cabinet, enrol(office, "810009999991", "Remplaçant", "751999991"),
                                        "751999991")
        qtbot.waitUntil(lambda: not cabinet.window.locked() and "Remplaçant" in holder(cabinet), timeout=WAIT)
        assert "Session ends in 1 min" in cabinet.window.status.card.full_text()
        assert cabinet.controller.time_up_timer.isActive()
        idle = cabinet.controller.idle_timer  # no idle lock set: the back office's hour, counted by the window
        assert idle.isActive() and idle.interval() == 60 * 60_000  # (the engine's requests keep it from seeing it)
        qtbot.waitUntil(cabinet.window.locked, timeout=60_000)
        assert "without a card has ended" in cabinet.window.lock_screen.reason_text()
        assert holder(cabinet) == "" and not cabinet.controller.time_up_timer.isActive()
