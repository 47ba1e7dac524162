"""Signing in on a PIN-pad reader, end to end: the window's card operations reach the private pcscd's
virtual reader through an emulated PIN-pad reader (vpcd has no keypad), whose keypad the test types on
from another thread as the person at the reader would; the real back office over HTTPS on loopback.
The PIN never passes through the window: the dialog has no field and no event carries digits."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from conftest import VERIFY, RecordedCard
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from test_sign_in import WAIT, dialog_text, holder, pin_dialog, signed_in

from cardreader.emulator.pinpad import Keypad, PcscPinPadReader
from cardreader.errors import PinEntryCancelled, PinEntryTimeout
from cardreader.transport import PcscTransport
from desktop_app import session as s
from desktop_app.app import CabinetApp
from desktop_app.messages import card_error_text
from desktop_app.settings import Settings
from desktop_app.views.pin_dialog import PinDialog

pytestmark = pytest.mark.pcsc


class Pad:
    """The keypad of the PIN-pad reader in front of every vpcd slot, and the cards the test put there."""

    def __init__(self) -> None:
        self.keypad = Keypad(patience=WAIT / 1000)  # how long the reader waits once it asks
        self.cards: dict[str, RecordedCard] = {}

    def connect(self, reader: str) -> PcscPinPadReader:
        """The window's card operations' way to a reader: pcscd, behind the emulated keypad."""
        return PcscPinPadReader(self.cards[reader], self.keypad, PcscTransport(reader))

    def at_prompt(self, prompt: int, act: Callable[[Keypad], None]) -> threading.Thread:
        """From another thread, as the person at the reader: once the reader asks for the PIN the
        ``prompt``-th time, ``act`` on its keypad."""

        def person() -> None:
            if self.keypad.wait_until_prompted(prompt, timeout=WAIT / 1000):
                act(self.keypad)

        thread = threading.Thread(target=person, daemon=True)
        thread.start()
        return thread


@pytest.fixture
def pad() -> Pad:
    return Pad()


@pytest.fixture
def cabinet(qapp, qtbot, backoffice, pcscd, virtual_reader, tmp_path, pad):
    settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=tmp_path,
                        workstation="poste-test", sync_interval_seconds=3600)
    running = CabinetApp(qapp, settings, connect=pad.connect)
    qtbot.addWidget(running.window)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def entries(cabinet) -> list[s.Event]:
    """Every event the sign-in machine is given."""
    seen: list[s.Event] = []
    machine = cabinet.controller.sign_in
    handle = machine.handle

    def recording(event: s.Event) -> list[s.Effect]:
        seen.append(event)
        return handle(event)

    machine.handle = recording  # type: ignore[method-assign]
    return seen


@pytest.fixture
def insert_on_pad(insert, pad) -> Callable[[str], RecordedCard]:
    def put(spec: str) -> RecordedCard:
        reader, card = insert(spec)
        pad.cards[reader] = card
        return card

    return put


def pad_dialog(qtbot, cabinet: CabinetApp) -> PinDialog:
    dialog = pin_dialog(qtbot, cabinet)
    assert dialog.pin_pad and dialog.findChild(QLineEdit) is None  # nowhere to type the PIN in the window
    return dialog


def type_the_code_again(qtbot, dialog: PinDialog) -> None:
    again = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Type the code again")
    qtbot.waitUntil(again.isVisible, timeout=WAIT)
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)


def no_pin_passed_through(entries: list[s.Event]) -> bool:
    pins = [event.pin for event in entries if isinstance(event, s.PinEntered)]
    return bool(pins) and all(pin is s.PinPad.ON_READER for pin in pins)


def test_the_pin_typed_on_the_pad_signs_in(qtbot, cabinet, pad, insert_on_pad, entries):
    card = insert_on_pad("cps")
    dialog = pad_dialog(qtbot, cabinet)
    assert "Type your code on the reader" in dialog_text(dialog) and "3" in dialog_text(dialog)
    pad.at_prompt(1, lambda keypad: keypad.type("1234"))
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")
    assert cabinet.controller.dialog is None
    assert no_pin_passed_through(entries)
    assert pad.keypad.prompts == 1 and card.sent(VERIFY, with_data=True) == 1


def test_a_wrong_pin_on_the_pad_then_the_right_one(qtbot, cabinet, pad, insert_on_pad, entries):
    card = insert_on_pad("cps")
    dialog = pad_dialog(qtbot, cabinet)
    pad.at_prompt(1, lambda keypad: keypad.type("0000"))
    qtbot.waitUntil(lambda: "2" in dialog_text(dialog), timeout=WAIT)  # the tries left, in the same dialog
    assert cabinet.controller.dialog is dialog and dialog.pin_pad and cabinet.window.locked()
    assert pad.keypad.prompts == 1  # the reader asks again only when the person says so
    pad.at_prompt(2, lambda keypad: keypad.type("1234"))
    type_the_code_again(qtbot, dialog)
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")
    assert no_pin_passed_through(entries)
    assert pad.keypad.prompts == 2 and card.sent(VERIFY, with_data=True) == 2


@pytest.mark.parametrize(("patience", "person", "error"), [
    (WAIT / 1000, Keypad.cancel, PinEntryCancelled()),  # Cancel pressed on the reader
    (0.0, None, PinEntryTimeout()),  # nothing typed: the reader gives up
])
def test_the_pads_cancel_or_timeout_locks_with_its_sentence_and_the_card_may_sign_in_again(
        qtbot, cabinet, pad, insert_on_pad, entries, patience, person, error):
    pad.keypad.patience = patience
    card = insert_on_pad("cps")
    pad_dialog(qtbot, cabinet)
    if person is not None:
        pad.at_prompt(1, person)
    qtbot.waitUntil(lambda: cabinet.controller.dialog is None, timeout=WAIT)
    lock = cabinet.window.lock_screen
    assert cabinet.window.locked() and lock.reason_text() == card_error_text(error)
    assert card.sent(VERIFY, with_data=True) == 0  # the card was sent nothing: no try used

    pad.keypad.patience = WAIT / 1000
    unlock = next(button for button in lock.findChildren(QPushButton) if button.isVisible()
                  and button.accessibleName() == "Sign in with the card in the reader")  # the card is still in
    qtbot.mouseClick(unlock, Qt.MouseButton.LeftButton)
    pad_dialog(qtbot, cabinet)
    pad.at_prompt(2, lambda keypad: keypad.type("1234"))
    signed_in(qtbot, cabinet, "Lefèvre-Dupré")
    assert no_pin_passed_through(entries) and "Lefèvre" in holder(cabinet)
