"""The sign-in widgets: what they show from the values given, and what they hand back (no card, no server)."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton

from desktop_app.views.lock_screen import LockScreen, ReaderState
from desktop_app.views.password_dialog import PasswordDialog, Rule
from desktop_app.views.pin_dialog import BlockedCardDialog, PinDialog

HOLDER = "Dr Marie Lefèvre-Dupré"


def rules(identifier, new_password):
    """A small stand-in for the password-account rules (the real ones are tested with their module)."""
    broken = set()
    if "@" in identifier:
        broken.add(Rule.IDENTIFIER_EMAIL)
    elif not re.fullmatch(r"[0-9]{9}", identifier):
        broken.add(Rule.IDENTIFIER_FORMAT)
    if not 6 <= len(new_password) <= 13:
        broken.add(Rule.PASSWORD_LENGTH)
    if not new_password.isalnum():
        broken.add(Rule.PASSWORD_CHARACTERS)
    return broken


@pytest.fixture
def shown(qtbot):
    def show(widget):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        return widget
    return show


def ok_button(dialog):
    return next(b for b in dialog.findChildren(QPushButton) if b.isDefault())


# -- PIN dialog -------------------------------------------------------------------------------------

def test_the_pin_field_is_masked_focused_and_takes_four_digits_only(shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 3))
    field = dialog.findChild(QLineEdit)
    assert dialog.focusWidget() is field
    assert field.echoMode() is QLineEdit.EchoMode.Password
    QTest.keyClicks(field, "1a2 b3-99")  # letters, a space, a sign: refused; a fifth digit too
    assert field.text() == "1239"
    field.clear()
    field.insert("١٢٣٤")  # Arabic-Indic digits are digits to Unicode, not to the card
    assert field.text() == ""


def test_ok_is_enabled_only_at_the_pin_length(shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 3))
    field = dialog.findChild(QLineEdit)
    QTest.keyClicks(field, "123")
    assert not ok_button(dialog).isEnabled()
    with_three = []
    dialog.pin_entered.connect(with_three.append)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert with_three == []
    QTest.keyClicks(field, "4")
    assert ok_button(dialog).isEnabled()
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    assert not ok_button(dialog).isEnabled()


def test_tries_left_are_shown_before_the_first_entry_and_the_last_try_warned(shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 3))
    assert dialog._tries.isVisible() and "3" in dialog._tries.text()
    assert not dialog._last_try.isVisible()
    last = shown(PinDialog(HOLDER, "CPE", 1))
    assert "1" in last._tries.text() and last._last_try.isVisible()
    dialog.set_tries_left(1)  # after a wrong PIN
    assert dialog._last_try.isVisible()


def test_enter_hands_the_pin_over_once_and_forgets_it(qtbot, shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 3))
    field = dialog.findChild(QLineEdit)
    QTest.keyClicks(field, "1234")
    with qtbot.waitSignal(dialog.pin_entered) as entered:
        QTest.keyClick(field, Qt.Key.Key_Enter)
    assert entered.args == ["1234"]
    assert field.text() == "" and not field.isEnabled() and not ok_button(dialog).isEnabled()
    with qtbot.assertNotEmitted(dialog.pin_entered):
        QTest.keyClick(dialog, Qt.Key.Key_Return)  # a second Enter while the card checks: nothing sent
    dialog.set_tries_left(2)
    dialog.show_error("Wrong PIN: 2 tries left.")
    assert dialog._error.isVisible() and field.isEnabled() and dialog.focusWidget() is field
    QTest.keyClicks(field, "4321")
    with qtbot.waitSignal(dialog.pin_entered) as entered:
        ok_button(dialog).click()
    assert entered.args == ["4321"] and not dialog._error.isVisible()


def test_escape_cancels_and_clears_but_the_controllers_close_is_no_cancel(qtbot, shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 3))
    field = dialog.findChild(QLineEdit)
    QTest.keyClicks(field, "12")
    with qtbot.waitSignal(dialog.cancelled):
        QTest.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and not dialog.isVisible()
    other = shown(PinDialog(HOLDER, "CPS", 3))
    QTest.keyClicks(other.findChild(QLineEdit), "12")
    with qtbot.assertNotEmitted(other.cancelled):
        other.dismiss()  # the card was pulled
    assert other.findChild(QLineEdit).text() == "" and not other.isVisible()


def test_pin_pad_mode_has_no_field_and_asks_the_reader_again_after_an_error(qtbot, shown):
    dialog = shown(PinDialog(HOLDER, "CPS", 2, pin_pad=True))
    assert dialog.pin_pad and dialog.findChildren(QLineEdit) == []
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()] == ["Cancel"]
    dialog.show_error("The reader's time ran out.")
    again = next(b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text() != "Cancel")
    with qtbot.waitSignal(dialog.pin_pad_requested):
        again.click()
    assert not again.isVisible() and not dialog._error.isVisible()
    with qtbot.waitSignal(dialog.cancelled):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)


# -- blocked card ---------------------------------------------------------------------------------------

def test_unblocking_takes_an_eight_digit_puk_and_the_new_pin_twice(qtbot, shown):
    dialog = shown(BlockedCardDialog(HOLDER, "CPS", can_unblock=True))
    puk, new, again = dialog.findChildren(QLineEdit)
    assert dialog.focusWidget() is puk and all(f.echoMode() is QLineEdit.EchoMode.Password for f in (puk, new, again))
    QTest.keyClicks(puk, "1234567x89")
    QTest.keyClicks(new, "1111")
    QTest.keyClicks(again, "2222")
    assert puk.text() == "12345678"
    assert dialog._mismatch.isVisible() and not ok_button(dialog).isEnabled()
    again.clear()
    QTest.keyClicks(again, "1111")
    assert not dialog._mismatch.isVisible() and ok_button(dialog).isEnabled()
    with qtbot.waitSignal(dialog.unblock_requested) as asked:
        QTest.keyClick(again, Qt.Key.Key_Return)
    assert asked.args == ["12345678", "1111"]
    assert [f.text() for f in (puk, new, again)] == ["", "", ""]


def test_a_card_that_cannot_be_unblocked_here_only_says_so(qtbot, shown):
    dialog = shown(BlockedCardDialog(HOLDER, "CPS", can_unblock=False))
    assert dialog.findChildren(QLineEdit) == []
    with qtbot.waitSignal(dialog.cancelled):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)


# -- password -------------------------------------------------------------------------------------------

def test_signing_in_with_a_password_hands_over_identifier_and_password(qtbot, shown):
    dialog = shown(PasswordDialog(rules))
    identifier, password, *_ = dialog.findChildren(QLineEdit)
    assert dialog.focusWidget() is identifier and password.echoMode() is QLineEdit.EchoMode.Password
    QTest.keyClicks(identifier, "751234567")
    assert not ok_button(dialog).isEnabled()
    QTest.keyClicks(password, "secret42")
    with qtbot.waitSignal(dialog.sign_in_requested) as asked:
        QTest.keyClick(password, Qt.Key.Key_Return)
    assert asked.args == ["751234567", "secret42", None]
    assert identifier.text() == "751234567" and password.text() == ""
    dialog.show_error("Wrong identifier or password.")
    assert dialog.focusWidget() is password and dialog._error.isVisible()
    with qtbot.waitSignal(dialog.cancelled):
        QTest.keyClick(password, Qt.Key.Key_Escape)


def test_an_email_is_refused_as_identifier_with_the_reason(shown):
    dialog = shown(PasswordDialog(rules))
    identifier, password, *_ = dialog.findChildren(QLineEdit)
    QTest.keyClicks(identifier, "dr.lefevre@")
    QTest.keyClicks(password, "secret42")
    assert dialog._identifier_problem.isVisible() and "e-mail" in dialog._identifier_problem.text()
    assert not ok_button(dialog).isEnabled()
    identifier.clear()
    QTest.keyClicks(identifier, "7512")  # a number being typed: no complaint yet
    assert not dialog._identifier_problem.isVisible()
    QTest.keyClick(identifier, Qt.Key.Key_Return)  # done typing: the format is said
    assert dialog._identifier_problem.isVisible()


def test_first_login_rules_are_ticked_as_the_new_password_is_typed(qtbot, shown):
    dialog = shown(PasswordDialog(rules))
    identifier, code, new, again = dialog.findChildren(QLineEdit)
    assert not new.isVisible()
    QTest.keyClicks(identifier, "751234567")
    dialog.require_new_password(first_login=True)
    assert new.isVisible() and again.isVisible()
    marks = {rule: dialog._rule_lines[rule] for rule in (Rule.PASSWORD_LENGTH, Rule.PASSWORD_CHARACTERS, "same")}

    def ticked():
        return {rule: mark.text() == "✓" for rule, (mark, _) in marks.items()}

    QTest.keyClicks(code, "Q7RT2K")
    assert dialog.focusWidget() is code
    QTest.keyClicks(new, "abc1")
    assert ticked() == {Rule.PASSWORD_LENGTH: False, Rule.PASSWORD_CHARACTERS: True, "same": False}
    QTest.keyClicks(new, "23")
    assert ticked()[Rule.PASSWORD_LENGTH]
    QTest.keyClicks(new, "!")
    assert ticked()[Rule.PASSWORD_LENGTH] and not ticked()[Rule.PASSWORD_CHARACTERS]
    assert marks[Rule.PASSWORD_CHARACTERS][1].accessibleName().endswith("not met yet")
    QTest.keyClick(new, Qt.Key.Key_Backspace)
    QTest.keyClicks(again, "abc123")
    assert all(ticked().values()) and marks["same"][1].accessibleName().endswith(": met")
    assert ok_button(dialog).isEnabled()
    with qtbot.waitSignal(dialog.sign_in_requested) as asked:
        QTest.keyClick(again, Qt.Key.Key_Enter)
    assert asked.args == ["751234567", "Q7RT2K", "abc123"]
    assert [f.text() for f in (code, new, again)] == ["", "", ""]


def test_the_expiry_warning_says_the_days_left(shown):
    dialog = shown(PasswordDialog(rules))
    dialog.set_expiry_warning(12)
    assert dialog._expiry.isVisible() and "12" in dialog._expiry.text()
    dialog.set_expiry_warning(None)
    assert not dialog._expiry.isVisible()


# -- lock screen -------------------------------------------------------------------------------------

def test_the_lock_screen_lists_the_readers_and_offers_the_password(qtbot, shown):
    lock = shown(LockScreen())
    lock.set_readers([ReaderState("Reader 00 00", "Carte CPS — " + HOLDER), ReaderState("Reader 00 01")])

    def shown_labels():
        rows = lock._reader_rows
        return [rows.itemAt(i).widget() for i in range(rows.count()) if rows.itemAt(i).widget() is not None]

    names = [label.accessibleName() for label in shown_labels()]
    assert any("Reader 00 00" in n and HOLDER in n for n in names)
    assert any("Reader 00 01" in n and "No card" in n for n in names)
    lock.set_readers([])
    assert [label.text() for label in shown_labels()] == ["No card reader is connected."]
    with qtbot.waitSignal(lock.password_requested):
        QTest.keyClick(lock.focusWidget(), Qt.Key.Key_Return)


def test_the_lock_screen_says_why_what_is_under_way_and_what_is_wrong(shown):
    lock = shown(LockScreen())
    assert lock.reason_text() == "" and lock.status_text() == "" and lock._instruction.isVisible()
    lock.set_reason("Carte retirée : session verrouillée")
    assert lock.reason_text() == "Carte retirée : session verrouillée"
    lock.show_reading()
    assert lock.status_text() and not lock._instruction.isVisible()
    lock.show_reading(HOLDER)
    assert HOLDER in lock.status_text()
    lock.show_expired_card("2024-11-30")
    assert "30/11/2024" in lock.problem_text() and lock.status_text() == "" and lock._instruction.isVisible()
    lock.show_read_error("The card reader was disconnected.")
    assert "The card reader was disconnected." in lock.problem_text()
    lock.show_unknown_card()
    assert lock.problem_text()
    lock.clear_status()
    assert lock.problem_text() == "" and lock.status_text() == ""


def test_every_control_has_an_accessible_name(shown):
    widgets = [shown(LockScreen()), shown(PinDialog(HOLDER, "CPS", 3)),
               shown(BlockedCardDialog(HOLDER, "CPS", can_unblock=True)), shown(PasswordDialog(rules))]
    widgets[-1].require_new_password(first_login=False)
    for widget in widgets:
        for field in widget.findChildren(QLineEdit):
            assert field.accessibleName(), field
        for button in widget.findChildren(QPushButton):
            assert button.accessibleName() or button.text(), button
    assert widgets[0]._password.accessibleName()


def test_the_style_sheet_parses(qtbot, qtlog):
    sheet = (Path(__file__).resolve().parents[2] / "resources" / "style" / "cabinet.qss").read_text(encoding="utf-8")
    lock = LockScreen()
    qtbot.addWidget(lock)
    lock.setStyleSheet(sheet)
    lock.show()
    qtbot.waitExposed(lock)
    assert not [r.message for r in qtlog.records if "style" in r.message.lower()]
