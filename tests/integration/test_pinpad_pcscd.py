"""PIN-pad readers through the private pcscd.

The vpcd reader has no PIN pad, and the real pcscd must say so. The PIN-pad reader is emulated in
front of it: Cabinet's APDUs go through pcscd to the card in the vpcd slot, and the keypad's VERIFY
goes from the emulated reader to that same card, as a real reader's firmware sends it. So a PIN
typed on the pad opens the card that pcscd shows, and no PIN ever crosses PC/SC or its logs.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from cardreader import cps, pinpad
from cardreader.emulator.pinpad import Keypad, PinPadReader
from cardreader.emulator.pki import TestPki
from cardreader.emulator.professional import ProfessionalCard
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from cardreader.errors import CardError, PinBlocked, PinEntryCancelled, PinEntryTimeout, PinWrong
from cardreader.transport import PcscTransport

pytestmark = pytest.mark.pcsc


@pytest.fixture
def insert(pcscd, virtual_reader, card_presence, pki_dir):
    """Put a stock card, or a CPS with another PIN, in slot 0; the card and the reader's name."""

    def insert(spec: str, pin: str | None = None):
        card = card_from_spec(spec, pki_dir)
        if pin is not None:
            profile = replace(STOCK_CARDS[spec], pin=pin)
            card = ProfessionalCard(profile, TestPki.open(pki_dir).card_credentials(profile))
        virtual_reader.insert(0, card)
        card_presence(pcscd.reader_names[0])
        return card, pcscd.reader_names[0]

    return insert


def test_the_vpcd_reader_has_no_pin_pad(insert):
    _, name = insert("cps")
    with PcscTransport(name) as transport:
        assert transport.pinpad_features() == frozenset()
        assert not pinpad.available(transport)
        with pytest.raises(CardError, match="no PIN pad"):
            transport.verify_pin_direct(b"\x00" * 20)
        assert cps.read_identity(transport).pin.tries_left == 3  # the connection is still good


def test_the_pin_typed_on_the_pad_opens_the_card_and_is_never_logged(insert, caplog):
    card, name = insert("cps", pin="9587")  # digits found nowhere else on the card
    keypad = Keypad()
    caplog.set_level(1)  # everything, TRACE included
    with PcscTransport(name) as transport:
        reader = PinPadReader(card, keypad, transport)
        assert cps.read_identity(reader).pin == cps.PinStatus(False, 3, 3)
        keypad.type("9587")
        cps.verify_pin_on_pinpad(reader)
        assert cps.pin_status(transport).verified  # asked through pcscd
        assert len(cps.read_situations(transport)) == 2
    traffic = caplog.text.upper()
    assert "< 90 00" in traffic  # the transport's traffic is there, at TRACE: answers' bytes included
    assert not any(secret in traffic for secret in ("9587", "39 35 38 37", "39353837"))


def test_wrong_then_right_cancel_and_timeout(insert):
    card, name = insert("cps")
    keypad = Keypad()
    with PcscTransport(name) as transport:
        reader = PinPadReader(card, keypad, transport)
        cps.select_application(reader)
        keypad.cancel()
        with pytest.raises(PinEntryCancelled):
            cps.verify_pin_on_pinpad(reader)
        with pytest.raises(PinEntryTimeout):  # nothing typed
            cps.verify_pin_on_pinpad(reader)
        assert cps.pin_status(transport).tries_left == 3
        keypad.type("4321")
        with pytest.raises(PinWrong) as wrong:
            cps.verify_pin_on_pinpad(reader)
        assert wrong.value.tries_left == 2 == cps.pin_status(transport).tries_left
        keypad.type("1234")
        cps.verify_pin_on_pinpad(reader)
        assert cps.pin_status(transport) == cps.PinStatus(True, 3, 3)


def test_a_blocked_card_on_the_pad(insert):
    card, name = insert("cps-blocked")
    keypad = Keypad()
    keypad.type("1234")
    with PcscTransport(name) as transport:
        reader = PinPadReader(card, keypad, transport)
        assert cps.read_identity(reader).pin.blocked
        with pytest.raises(PinBlocked):
            cps.verify_pin_on_pinpad(reader)


def test_the_cli_asks_for_the_pin_pad_only_where_there_is_one(insert):
    _, name = insert("cps")
    done = subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--json", "--pin-pad"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"{name} has no PIN pad" in done.stderr and "type the PIN" not in done.stderr
    assert '"pin_tries_left": 3' in done.stdout and '"situations": []' in done.stdout
    both = subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--pin-pad", "--pin-stdin"],
                          input="1234\n", capture_output=True, text=True, timeout=60)
    assert both.returncode == 2 and "not allowed with" in both.stderr
