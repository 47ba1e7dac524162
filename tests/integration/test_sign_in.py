"""The window's sign-in end to end: emulated cards in the private pcscd's virtual reader, the real back
office over HTTPS on loopback, the window driven as a person would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop_app.app import CabinetApp
from desktop_app.controller import copy_to_clipboard
from desktop_app.settings import Settings
from desktop_app.views.password_dialog import PasswordDialog
from desktop_app.views.pin_dialog import BlockedCardDialog, PinDialog

pytestmark = pytest.mark.pcsc

WAIT = 30_000  # ms: a bound for what must happen on a loaded machine, never a pause


@pytest.fixture
def cabinet(qapp, qtbot, backoffice, pcscd, virtual_reader, tmp_path):
    settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=tmp_path,
                        workstation="poste-test", sync_interval_seconds=3600, idle_lock_minutes=5)
    running = CabinetApp(qapp, settings)
    qtbot.addWidget(running.window)
    running.start()
    yield running
    running.stop()


def pin_dialog(qtbot, cabinet: CabinetApp) -> PinDialog:
    qtbot.waitUntil(lambda: isinstance(cabinet.controller.dialog, PinDialog)
                    and cabinet.controller.dialog.isVisible(), timeout=WAIT)
    return cabinet.controller.dialog


def dialog_text(dialog) -> str:
    """What the dialog's lines say, as shown."""
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def type_pin(qtbot, dialog: PinDialog, pin: str) -> None:
    field = dialog.findChild(QLineEdit)
    qtbot.waitUntil(field.isEnabled, timeout=WAIT)
    qtbot.keyClicks(field, pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def holder(cabinet: CabinetApp) -> str:
    """Who the status bar says is signed in ("" when locked)."""
    return cabinet.window.status.professional.full_text()


def signed_in(qtbot, cabinet: CabinetApp, name: str) -> None:
    qtbot.waitUntil(lambda: not cabinet.window.locked() and name in holder(cabinet), timeout=WAIT)


def test_sign_in_with_the_cps_then_pull_locks_at_once_and_reinsert_asks_the_pin_again(
        qtbot, cabinet, insert, virtual_reader, tmp_path):
    assert cabinet.window.locked() and cabinet.window.isVisible()
    insert("cps")
    dialog = pin_dialog(qtbot, cabinet)
    assert "3" in dialog_text(dialog)  # the tries left, before the first entry
    type_pin(qtbot, dialog, "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")
    assert cabinet.controller.dialog is None
    stores = tmp_path / "stores"
    qtbot.waitUntil(lambda: stores.is_dir() and any(stores.glob("*.sqlite")), timeout=WAIT)  # the engine's store
    copy_to_clipboard("Dr Émilie Lefèvre-Dupré")
    assert QGuiApplication.clipboard().text() == "Dr Émilie Lefèvre-Dupré"

    with qtbot.waitSignal(cabinet.bridge.event, timeout=WAIT):
        virtual_reader.pull(0)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    assert holder(cabinet) == "" and QGuiApplication.clipboard().text() == ""
    assert cabinet.window.lock_screen.reason_text()

    insert("cps")
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")


def test_a_wrong_pin_then_the_right_one(qtbot, cabinet, insert):
    insert("cps")
    dialog = pin_dialog(qtbot, cabinet)
    type_pin(qtbot, dialog, "0000")
    qtbot.waitUntil(lambda: "2" in dialog_text(dialog), timeout=WAIT)
    assert cabinet.controller.dialog is dialog and cabinet.window.locked()
    type_pin(qtbot, dialog, "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")


def backoffice_cli(backoffice, command: str, *args: str) -> str:
    """Run ``cabinet-backoffice command --db <its database> args``; what it printed."""
    done = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", command, "--db", str(backoffice.db_path),
                           *args], capture_output=True, text=True, check=True)
    return done.stdout


def sign_in_with_a_first_login_code(qtbot, cabinet: CabinetApp, code: str, am_number: str) -> None:
    """The password dialog from the lock screen: the identifier and the code, then a new password."""
    qtbot.mouseClick(next(button for button in cabinet.window.lock_screen.findChildren(QPushButton)
                          if button.isVisible() and "without" in button.accessibleName()), Qt.MouseButton.LeftButton)
    dialog = cabinet.controller.dialog
    assert isinstance(dialog, PasswordDialog) and dialog.isVisible()
    identifier, password, *_ = dialog.findChildren(QLineEdit)
    qtbot.keyClicks(identifier, am_number)
    qtbot.keyClicks(password, code)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.asking_new_password, timeout=WAIT)
    _, code_field, new, again = dialog.findChildren(QLineEdit)
    qtbot.waitUntil(new.isEnabled, timeout=WAIT)
    qtbot.keyClicks(code_field, code)
    qtbot.keyClicks(new, "Tilleul42")
    qtbot.keyClicks(again, "Tilleul42")
    qtbot.keyClick(again, Qt.Key.Key_Return)


def enrol(backoffice, national_id: str, last_name: str, am_number: str) -> str:
    """A new doctor's account on the back office; its first-login code."""
    printed = backoffice_cli(backoffice, "enrol", "--national-id", national_id, "--last-name", last_name,
                             "--first-name", "Paul", "--am-number", am_number)
    return printed.rsplit(": ", 1)[1].strip()


def test_the_first_password_sign_in_asks_a_new_password_then_opens_the_session(qtbot, cabinet, backoffice):
    sign_in_with_a_first_login_code(qtbot, cabinet, enrol(backoffice, "810009999991", "Remplaçant", "751999991"),
                                    "751999991")
    signed_in(qtbot, cabinet, "Remplaçant")
    qtbot.mouseClick(cabinet.window.findChild(QPushButton, "lockButton"), Qt.MouseButton.LeftButton)
    assert cabinet.window.locked() and holder(cabinet) == ""


def test_the_idle_lock_locks_a_card_session_and_the_pin_is_asked_again(qtbot, cabinet, insert):
    insert("cps")
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")
    idle = cabinet.controller.idle_timer
    assert idle.isActive() and idle.interval() == 5 * 60_000
    idle.start(50)  # five minutes are long for a test: the same countdown, shortened
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    assert holder(cabinet) == "" and not idle.isActive()
    assert cabinet.window.lock_screen.reason_text()
    unlock = next(button for button in cabinet.window.lock_screen.findChildren(QPushButton) if button.isVisible()
                  and button.accessibleName() == "Sign in with the card in the reader")  # the card is still in
    qtbot.mouseClick(unlock, Qt.MouseButton.LeftButton)
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")


def test_a_blocked_cps_is_unblocked_with_its_puk_then_signs_in(qtbot, cabinet, insert):
    insert("cps-blocked")
    qtbot.waitUntil(lambda: isinstance(cabinet.controller.dialog, BlockedCardDialog), timeout=WAIT)
    dialog = cabinet.controller.dialog
    puk, new, again = dialog.findChildren(QLineEdit)
    qtbot.keyClicks(puk, "12345678")
    qtbot.keyClicks(new, "4321")
    qtbot.keyClicks(again, "4321")
    qtbot.keyClick(again, Qt.Key.Key_Return)
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "4321")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")


def reader_line(cabinet: CabinetApp, reader: str) -> str:
    """What the lock screen says of ``reader`` (its accessible name: "reader: card")."""
    return next((label.accessibleName() for label in cabinet.window.lock_screen.findChildren(QLabel)
                 if label.accessibleName().startswith(f"{reader}: ")), "")


def test_a_vitale_never_touches_the_session_and_another_professional_card_swaps_users(
        qtbot, cabinet, insert, virtual_reader):
    insert("cps")
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")

    vitale_reader, _ = insert("vitale", slot=1)
    qtbot.waitUntil(lambda: "Vitale" in reader_line(cabinet, vitale_reader), timeout=WAIT)
    virtual_reader.pull(1)
    qtbot.waitUntil(lambda: "Vitale" not in reader_line(cabinet, vitale_reader), timeout=WAIT)
    assert not cabinet.window.locked() and "Lefèvre-Dupré" in holder(cabinet)

    insert("cpe", slot=1)  # the secretary's card while the doctor's is still in
    dialog = pin_dialog(qtbot, cabinet)
    assert cabinet.window.locked() and holder(cabinet) == ""
    assert "Marchand-Girard" in dialog_text(dialog) and "Lefèvre" not in dialog_text(dialog)
    type_pin(qtbot, dialog, "1234")
    signed_in(qtbot, cabinet, "Marchand-Girard")
    assert "Lefèvre" not in holder(cabinet)
