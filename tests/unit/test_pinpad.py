"""Secure PIN entry, in-process: the PIN_VERIFY_STRUCTURE Cabinet builds, the reader's answers, and
the CPS verified through the emulated PIN-pad reader (which parses the structure on its own).

The keypad is typed before the reader asks, or from another thread while it waits; an empty keypad
is the person who never types, and the reader answers its timeout at once.
"""

from __future__ import annotations

import threading

import pytest

from cardreader import cps, pinpad
from cardreader.apdu import Response, verify_template
from cardreader.atr import classify
from cardreader.emulator.pinpad import Keypad, PinPadReader
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from cardreader.errors import (
    CardError,
    CardProtocolError,
    InvalidPinFormat,
    PinBlocked,
    PinEntryCancelled,
    PinEntryTimeout,
    PinNeeded,
    PinWrong,
    StatusWordError,
)
from cardreader.reading import PinEntry, read_card
from cardreader.transport import FEATURE_VERIFY_PIN_DIRECT, parse_features

# PC/SC part 10 v2.02.09, 2.5.2, written out by hand for the CPS (CARDS.md: 4 ASCII digits padded
# with FF to 8 bytes): 30 s, bytes/offset 0/left/ASCII, block of 8 with no length field, 4 to 4
# digits, OK key, one message, French, then ulDataLength 13 and VERIFY 00 20 00 81 08 FF*8.
CPS_STRUCTURE = bytes.fromhex(
    "1E 1E 82 08 00 0404 02 01 0C04 00 000000 0D000000 0020008108 FFFFFFFFFFFFFFFF"
)


# -- what Cabinet sends and reads ------------------------------------------------------------------


def test_the_cps_structure_follows_part_10():
    cps_format = pinpad.PinFormat(min_digits=4, max_digits=4, block_size=8)
    assert pinpad.verify_structure(verify_template(), cps_format, timeout=30) == CPS_STRUCTURE


@pytest.mark.parametrize("pin_format, timeout", [
    (pinpad.PinFormat(4, 4, 8, offset=1), 30),  # the block would run past the data
    (pinpad.PinFormat(4, 9, 8), 30),  # 9 ASCII digits in 8 bytes
    (pinpad.PinFormat(0, 4, 8), 30),
    (pinpad.PinFormat(4, 4, 8), 256),
])
def test_a_structure_that_cannot_be_right_is_not_built(pin_format, timeout):
    with pytest.raises(ValueError):
        pinpad.verify_structure(verify_template(), pin_format, timeout=timeout)


def test_the_readers_features_are_read_from_their_tlv():
    answer = bytes.fromhex("06 04 42 33 00 06  12 04 42 33 00 12")
    assert parse_features(answer) == {FEATURE_VERIFY_PIN_DIRECT: 0x42330006, 0x12: 0x42330012}
    assert parse_features(b"") == {}
    for broken in (answer[:-1], bytes.fromhex("06 02 42 33 00 06")):
        with pytest.raises(CardProtocolError):
            parse_features(broken)


@pytest.mark.parametrize("sw, error", [
    (0x6400, PinEntryTimeout),
    (0x6401, PinEntryCancelled),
    (0x6403, InvalidPinFormat),
    (0x63C2, PinWrong),
    (0x6983, PinBlocked),
    (0x6402, StatusWordError),  # "the PINs differ" answers a PIN change, never a VERIFY
])
def test_the_readers_answers_are_typed_errors(sw, error):
    with pytest.raises(error):
        pinpad.check(Response(b"", sw))
    assert pinpad.check(Response(b"", 0x9000)) == b""


# -- the emulated reader parses what it is given ---------------------------------------------------


class _RecordingCard:
    """Answers 90 00 and keeps what reached it: what the reader made of the template."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    def process(self, apdu: bytes) -> bytes:
        self.received.append(apdu)
        return b"\x90\x00"


def _structure(format_string: int, block_string: int, length_format: int, data: bytes) -> bytes:
    apdu = bytes.fromhex("00 20 00 81") + bytes([len(data)]) + data
    header = bytes([30, 30, format_string, block_string, length_format, 0x06, 0x04, 0x02, 0x01,
                    0x0C, 0x04, 0x00, 0, 0, 0]) + len(apdu).to_bytes(4, "little")
    return header + apdu


@pytest.mark.parametrize("format_string, block_string, length_format, template, sent", [
    # ASCII, left-justified at byte 0 of an 8-byte block (the CPS)
    (0x82, 0x08, 0x00, "FF" * 8, "31 32 33 34 FF FF FF FF"),
    # ISO 9564 format 2 (GLP): BCD from byte 1, its length in the 4 bits after the control nibble
    (0x89, 0x47, 0x04, "20" + "FF" * 7, "24 12 34 FF FF FF FF FF"),
    # ASCII right-justified in a 6-byte block from bit 8 (the position counted in bits)
    (0x46, 0x06, 0x00, "00" * 8, "00 00 00 31 32 33 34 00"),
])
def test_the_reader_writes_the_typed_pin_where_the_structure_says(
    format_string, block_string, length_format, template, sent
):
    card = _RecordingCard()
    keypad = Keypad()
    keypad.type("1234")
    reader = PinPadReader(card, keypad)  # type: ignore[arg-type]
    answer = reader.verify_pin_direct(_structure(format_string, block_string, length_format,
                                                 bytes.fromhex(template)))
    assert answer == (b"", 0x9000)
    assert card.received == [bytes.fromhex("00 20 00 81 08") + bytes.fromhex(sent)]
    assert (reader.prompts[0].min_digits, reader.prompts[0].max_digits) == (4, 6)


@pytest.mark.parametrize("damage", [
    lambda s: s[:-1],  # ulDataLength no longer matches
    lambda s: s[:7] + b"\x00" + s[8:],  # bEntryValidationCondition 0
    lambda s: s[:3] + b"\x0f" + s[4:],  # a 15-byte block in 8 bytes of data
    lambda s: s[:2] + b"\x83" + s[3:],  # an RFU PIN type
    lambda s: s[:5] + b"\x09\x04" + s[7:],  # 9 ASCII digits in an 8-byte block
    lambda s: s[:10],
])
def test_a_malformed_structure_is_refused_and_nothing_reaches_the_card(damage):
    card = _RecordingCard()
    keypad = Keypad()
    keypad.type("1234")
    with pytest.raises(CardError, match="refused the PIN_VERIFY_STRUCTURE"):
        PinPadReader(card, keypad).verify_pin_direct(damage(CPS_STRUCTURE))  # type: ignore[arg-type]
    assert card.received == []


# -- the CPS through the emulated PIN-pad reader ---------------------------------------------------


@pytest.fixture
def keypad():
    return Keypad()


@pytest.fixture
def reader(pki_dir, keypad):
    reader = PinPadReader(card_from_spec("cps", pki_dir), keypad)
    cps.select_application(reader)
    return reader


def test_the_right_pin_typed_on_the_reader_opens_the_card(reader, keypad):
    assert pinpad.available(reader) and not pinpad.available(EmulatorTransport(reader.card))
    with pytest.raises(PinNeeded):
        cps.read_situations(reader)
    keypad.type("1234")
    cps.verify_pin_on_pinpad(reader)
    assert cps.pin_status(reader).verified
    assert len(cps.read_situations(reader)) == 2
    prompt = reader.prompts[0]
    assert (prompt.min_digits, prompt.max_digits, prompt.timeout, prompt.lang_id) == (4, 4, 30, 0x040C)
    assert prompt.command == bytes.fromhex("00 20 00 81 08" + "FF" * 8)  # no PIN from this side


def test_a_wrong_pin_tells_the_tries_left_and_the_right_one_then_passes(reader, keypad):
    keypad.type("0000")
    keypad.type("1234")
    with pytest.raises(PinWrong) as wrong:
        cps.verify_pin_on_pinpad(reader)
    assert wrong.value.tries_left == 2 and cps.pin_status(reader).tries_left == 2
    cps.verify_pin_on_pinpad(reader)
    assert cps.pin_status(reader) == cps.PinStatus(verified=True, tries_left=3, max_tries=3)


@pytest.mark.parametrize("act, error", [
    (Keypad.cancel, PinEntryCancelled),
    (lambda keypad: None, PinEntryTimeout),  # nobody types
    (lambda keypad: keypad.type("12345"), InvalidPinFormat),
])
def test_cancel_timeout_and_wrong_length_use_no_try(reader, keypad, act, error):
    act(keypad)
    with pytest.raises(error):
        cps.verify_pin_on_pinpad(reader)
    assert cps.pin_status(reader) == cps.PinStatus(verified=False, tries_left=3, max_tries=3)


def test_a_blocked_card_says_so_whatever_is_typed(pki_dir, keypad):
    reader = PinPadReader(card_from_spec("cps", pki_dir), keypad)
    cps.select_application(reader)
    for digits in ("0000", "0000", "0000", "1234"):
        keypad.type(digits)
    for left in (2, 1, 0):
        with pytest.raises(PinWrong) as wrong:
            cps.verify_pin_on_pinpad(reader)
        assert wrong.value.tries_left == left
    with pytest.raises(PinBlocked):
        cps.verify_pin_on_pinpad(reader)
    blocked = PinPadReader(card_from_spec("cps-blocked", pki_dir), keypad)
    cps.select_application(blocked)
    keypad.type("1234")
    with pytest.raises(PinBlocked):
        cps.verify_pin_on_pinpad(blocked)


def test_the_pin_typed_while_the_reader_waits(pki_dir):
    keypad = Keypad(patience=10.0)
    reader = PinPadReader(card_from_spec("cps", pki_dir), keypad)
    cps.select_application(reader)
    outcome: list[BaseException | None] = []

    def card_thread() -> None:
        try:
            cps.verify_pin_on_pinpad(reader)
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            outcome.append(error)

    worker = threading.Thread(target=card_thread)
    worker.start()
    assert keypad.wait_until_prompted()
    keypad.type("1234")
    worker.join(10.0)
    assert outcome == [None] and cps.pin_status(reader).verified


def test_read_card_types_on_the_pin_pad_only_where_there_is_one(pki_dir, keypad):
    card = card_from_spec("cps", pki_dir)
    keypad.type("1234")
    reading = read_card(PinPadReader(card, keypad), "Lecteur à clavier", classify(card.atr), PinEntry.PIN_PAD)
    assert reading.error is None and len(reading.situations) == 2
    plain = read_card(EmulatorTransport(card_from_spec("cps", pki_dir)), "Lecteur", classify(card.atr),
                      PinEntry.PIN_PAD)
    assert "has no PIN pad" in str(plain.error) and plain.situations == ()
    assert plain.professional is not None and plain.professional.pin.tries_left == 3
