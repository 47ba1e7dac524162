"""PcscTransport and the reader helpers, against a real pcscd with vpcd readers and emulators."""

from __future__ import annotations

import logging
import time

import pytest

from cardreader.atr import parse_hex
from cardreader.emulator.profiles import card_from_spec
from cardreader.errors import (
    CardError,
    CardProtocolError,
    CardRemoved,
    NoCard,
    ReaderGone,
    ServiceUnavailable,
)
from cardreader.transport import TRACE, TRAFFIC_LOGGER, PcscTransport, list_readers, reader_states

pytestmark = pytest.mark.pcsc

VITALE_ATR = parse_hex("3B 75 13 00 00 43 09 EA 90 00")
SELECT_MF = bytes.fromhex("00 A4 00 00 02 3F 00")
READ_IDENTITIES = bytes.fromhex("00 B0 82 00 00")


@pytest.fixture
def vitale(pki_dir):
    return card_from_spec("vitale", pki_dir)


@pytest.fixture
def slot0(pcscd, virtual_reader, card_presence, vitale):
    """A Vitale card in slot 0, seen by pcscd; the reader's name."""
    virtual_reader.insert(0, vitale)
    name = pcscd.reader_names[0]
    assert card_presence(name) == VITALE_ATR
    return name


class _OneByteCard:
    """Answers every command with a lone byte: no status word."""

    atr = VITALE_ATR

    def reset(self) -> None:
        pass

    def process(self, apdu: bytes) -> bytes:
        return b"\x90"


def test_a_command_goes_to_the_card_and_its_answer_comes_back(slot0):
    with PcscTransport(slot0) as transport:
        assert transport.reader == slot0
        assert transport.atr == VITALE_ATR
        assert transport.transmit(SELECT_MF) == (b"", 0x9000)
        data, sw = transport.transmit(READ_IDENTITIES)
        assert sw == 0x9000 and data[0] == 0x65  # one 65 block per person (CARDS.md)
    with pytest.raises(CardError, match="closed"):
        transport.transmit(SELECT_MF)


def test_list_and_states_show_which_slot_holds_what(pcscd, slot0):
    assert list_readers() == list(pcscd.reader_names)
    assert reader_states() == [(pcscd.reader_names[0], VITALE_ATR), (pcscd.reader_names[1], None)]


def test_an_empty_slot_is_no_card_and_an_unknown_reader_is_gone(pcscd, slot0):
    with pytest.raises(NoCard) as empty:
        PcscTransport(pcscd.reader_names[1])
    assert empty.value.reader == pcscd.reader_names[1]
    with pytest.raises(ReaderGone) as gone:
        PcscTransport("No Such Reader 00 00")
    assert gone.value.reader == "No Such Reader 00 00"


def test_a_card_pulled_between_two_commands_is_card_removed(virtual_reader, slot0):
    with PcscTransport(slot0) as transport:
        assert transport.transmit(SELECT_MF)[1] == 0x9000
        virtual_reader.pull(0)
        started = time.monotonic()
        with pytest.raises(CardRemoved) as removed:
            transport.transmit(READ_IDENTITIES)
        assert removed.value.reader == slot0
        assert time.monotonic() - started < transport.removal_grace + 0.5
        with pytest.raises(CardRemoved):  # and it stays so
            transport.transmit(SELECT_MF)


def test_a_card_pulled_in_the_middle_of_an_exchange_is_card_removed(
    pcscd, virtual_reader, card_presence, vitale
):
    virtual_reader.insert(0, vitale, pull_after=2)  # the second command gets no answer
    reader = pcscd.reader_names[0]
    card_presence(reader)
    with PcscTransport(reader) as transport:
        assert transport.transmit(SELECT_MF)[1] == 0x9000
        with pytest.raises(CardRemoved):
            transport.transmit(READ_IDENTITIES)


def test_another_card_in_the_slot_does_not_continue_the_old_session(
    pcscd, virtual_reader, card_presence, slot0, pki_dir
):
    with PcscTransport(slot0) as transport:
        assert transport.transmit(SELECT_MF)[1] == 0x9000
        virtual_reader.pull(0)
        card_presence(slot0, present=False)
        virtual_reader.insert(0, card_from_spec("vitale", pki_dir))
        card_presence(slot0)
        with pytest.raises(CardRemoved):
            transport.transmit(READ_IDENTITIES)
    with PcscTransport(slot0) as fresh:  # a new connection works
        assert fresh.transmit(SELECT_MF)[1] == 0x9000


def test_an_answer_without_status_word_is_the_cards_fault(pcscd, virtual_reader, card_presence):
    virtual_reader.insert(1, _OneByteCard())
    reader = pcscd.reader_names[1]
    card_presence(reader)
    with PcscTransport(reader) as transport:
        transport.removal_grace = 0.3  # the card stays in: do not wait the full second
        with pytest.raises(CardProtocolError) as failure:
            transport.transmit(SELECT_MF)
        assert not isinstance(failure.value, CardRemoved)
        assert "no status word" in str(failure.value)


def test_pcscd_stopping_is_service_unavailable(pcscd, slot0):
    transport = PcscTransport(slot0)
    pcscd.stop()
    try:
        with pytest.raises(ServiceUnavailable):
            transport.transmit(SELECT_MF)
        transport.close()
        with pytest.raises(ServiceUnavailable):
            list_readers()
        with pytest.raises(ServiceUnavailable):
            reader_states()
        with pytest.raises(ServiceUnavailable):
            PcscTransport(slot0)
    finally:
        transport.close()
        pcscd.start()
    assert list_readers() == list(pcscd.reader_names)


def test_pins_are_never_logged_and_answers_only_at_trace(slot0, caplog):
    verify = bytes.fromhex("00 20 00 81 08") + b"1234" + b"\xff" * 4
    unblock = bytes.fromhex("00 2C 00 81 10") + b"87654321" + b"4321" + b"\xff" * 4
    change = bytes.fromhex("00 24 00 81 10") + b"1234" + b"\xff" * 4 + b"9876" + b"\xff" * 4
    with PcscTransport(slot0) as transport:
        caplog.set_level(logging.DEBUG, logger=TRAFFIC_LOGGER)
        for command in (verify, unblock, change, SELECT_MF, READ_IDENTITIES):
            transport.transmit(command)
        at_debug = caplog.text
        caplog.clear()
        caplog.set_level(TRACE, logger=TRAFFIC_LOGGER)
        for command in (verify, unblock, change, READ_IDENTITIES):
            transport.transmit(command)
        at_trace = caplog.text
    for text in (at_debug, at_trace):
        assert "00 20 00 81 08 <8 bytes not logged>" in text
        assert "00 2C 00 81 10 <16 bytes not logged>" in text
        assert "00 24 00 81 10 <16 bytes not logged>" in text
        for secret in (b"1234", b"8765", b"4321", b"9876"):
            assert secret.hex(" ").upper() not in text
    assert "00 A4 00 00 02 3F 00" in at_debug  # other commands are logged whole
    assert "< 9000" in at_debug
    assert "< 65" not in at_debug and "< 65" in at_trace  # the personal data only at TRACE
