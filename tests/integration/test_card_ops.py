"""The window's card operations on the card thread, against the private pcscd and emulated cards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import INTERNAL_AUTHENTICATE, RESET_RETRY_COUNTER, VERIFY

from cardreader.atr import classify
from cardreader.emulator.profiles import STOCK_CARDS
from cardreader.emulator.pinpad import Keypad, PcscPinPadReader
from cardreader.errors import CardError, CardRemoved, NoCard, PinBlocked, PinWrong
from cardreader.transport import PcscTransport
from desktop_app.card_ops import CardOps
from desktop_app.session import CardKind

pytestmark = pytest.mark.pcsc

GP = STOCK_CARDS["cps"]


@pytest.mark.parametrize("spec, kind, name, tries, expired", [
    ("cps", CardKind.CPS, "Dr Émilie Lefèvre-Dupré", 3, False),
    ("cps-blocked", CardKind.CPS, "Dr Émilie Lefèvre-Dupré", 0, False),
    ("cps-expired", CardKind.CPS, "Dr Émilie Lefèvre-Dupré", 3, True),
    ("cpf", CardKind.CPF, "M. Benoît Lemaître", 3, False),
    ("cpe", CardKind.CPE, "Mme Chloé Marchand-Girard", 3, False),
])
def test_a_professional_cards_summary(insert, cards, on_card, spec, kind, name, tries, expired):
    reader, _ = insert(spec, slot=1)
    summary = on_card(cards.read_summary, reader)
    profile = STOCK_CARDS[spec]
    assert (summary.reader, summary.serial, summary.kind, summary.display_name, summary.national_id) == (
        reader, profile.serial, kind, name, profile.holder.national_id)
    assert (summary.tries_left, summary.blocked, summary.expired, summary.pin_verified) == (
        tries, tries == 0, expired, False)
    assert summary.valid_until == profile.valid_until and not summary.last_try
    assert summary.unblock_allowed == (spec == "cps-blocked")  # an expired card is not worth unblocking


def test_expiry_is_judged_against_the_day_given(insert, card_thread, on_card):
    reader, _ = insert("cps")
    on_the_last_day = CardOps(card_thread, today=lambda: GP.valid_until)
    the_day_after = CardOps(card_thread, today=lambda: GP.valid_until + timedelta(days=1))
    assert not on_card(on_the_last_day.read_summary, reader).expired
    assert on_card(the_day_after.read_summary, reader).expired


def test_a_wrong_pin_then_the_right_one_each_sent_once(insert, cards, on_card):
    reader, card = insert("cps")
    with pytest.raises(PinWrong) as wrong:
        on_card(cards.verify_pin, reader, "0000", GP.serial)
    assert wrong.value.tries_left == 2
    assert on_card(cards.read_summary, reader).tries_left == 2
    summary = on_card(cards.verify_pin, reader, "1234", GP.serial)
    assert summary.pin_verified and summary.tries_left == 3
    assert card.sent(VERIFY, with_data=True) == 2  # never retried


def test_the_last_try_is_told_before_it_is_used(insert, cards, on_card):
    reader, _ = insert("cps")
    for pin in ("0000", "1111"):
        with pytest.raises(PinWrong):
            on_card(cards.verify_pin, reader, pin, GP.serial)
    assert on_card(cards.read_summary, reader).last_try
    with pytest.raises(PinBlocked):
        on_card(cards.verify_pin, reader, "2222", GP.serial)
    assert on_card(cards.read_summary, reader).blocked


def test_a_pin_goes_only_to_the_card_it_was_typed_for(insert, cards, on_card):
    reader, card = insert("cpe")
    with pytest.raises(CardRemoved):
        on_card(cards.verify_pin, reader, "1234", GP.serial)  # typed for the doctor's card, since swapped
    assert card.sent(VERIFY, with_data=True) == 0
    on_card(cards.verify_pin, reader, "1234", STOCK_CARDS["cpe"].serial)
    with pytest.raises(CardRemoved):  # a late PIN for the doctor's card: the secretary's session goes on
        on_card(cards.verify_pin, reader, "0000", GP.serial)
    assert len(on_card(cards.authenticate, reader, b"challenge")[1]) == 256
    assert card.sent(VERIFY, with_data=True) == 1


def test_a_blocked_card_is_unblocked_with_its_puk(insert, cards, on_card):
    reader, card = insert("cps-blocked")
    serial = STOCK_CARDS["cps-blocked"].serial
    with pytest.raises(PinBlocked):
        on_card(cards.verify_pin, reader, "1234", serial)
    with pytest.raises(PinWrong):  # a wrong PUK: the PUK's tries left
        on_card(cards.unblock_pin, reader, "00000000", "4321", serial)
    summary = on_card(cards.unblock_pin, reader, "12345678", "4321", serial)
    assert not summary.blocked and summary.tries_left == 3 and not summary.pin_verified
    assert on_card(cards.verify_pin, reader, "4321", serial).pin_verified
    assert card.sent(RESET_RETRY_COUNTER) == 2


def test_a_card_pulled_in_the_middle_of_an_operation_is_the_card_error(insert, cards, on_card):
    reader, _ = insert("cps", pull_after=4)  # the fourth command gets no answer: the card is gone
    with pytest.raises(CardRemoved):
        on_card(cards.read_summary, reader)


def test_the_session_link_keeps_the_verified_card_until_released(insert, cards, on_card):
    """pcscd powers a card down once its last connection closes, and the PIN goes with the power: the
    card thread keeps the verified card's connection, and another program's connections come and go."""
    reader, card = insert("cps")
    on_card(cards.verify_pin, reader, "1234", GP.serial)
    with PcscTransport(reader):  # another program sharing the reader
        pass
    certificate, signature = on_card(cards.authenticate, reader, b"challenge")
    assert certificate.startswith(b"\x30") and len(signature) == 256
    assert on_card(cards.read_summary, reader).pin_verified

    card.power_changed.clear()
    on_card(cards.release, reader)
    assert card.power_changed.wait(10)  # powered down: nothing holds it any more
    assert not on_card(cards.read_summary, reader).pin_verified
    with pytest.raises(CardRemoved):
        on_card(cards.authenticate, reader, b"challenge")
    assert card.sent(INTERNAL_AUTHENTICATE) == 1 and card.sent(VERIFY, with_data=True) == 1


def test_a_card_reset_by_another_program_ends_the_session_link(insert, cards, on_card):
    reader, card = insert("cps")
    on_card(cards.verify_pin, reader, "1234", GP.serial)
    PcscTransport(reader).close(reset=True)  # the billing software resets the card: the PIN is gone
    with pytest.raises(CardRemoved):
        on_card(cards.authenticate, reader, b"challenge")
    with pytest.raises(CardRemoved):  # and stays gone: no PIN is ever sent again by itself
        on_card(cards.authenticate, reader, b"challenge")
    assert card.sent(INTERNAL_AUTHENTICATE) == 0 and card.sent(VERIFY, with_data=True) == 1


def test_a_vitale_card_is_read_whole(insert, cards, on_card):
    reader, card = insert("vitale", slot=1)
    reading = on_card(cards.read_card, reader, classify(card.atr))
    assert reading.error is None and reading.kind == "VITALE"
    assert [person.first_name for person in reading.vitale.beneficiaries] == [
        person.first_name for person in STOCK_CARDS["vitale"].beneficiaries]


def test_an_empty_reader_is_said_in_the_reading(pcscd, virtual_reader, cards, on_card):
    reader = pcscd.reader_names[0]
    reading = on_card(cards.read_card, reader, classify(bytes.fromhex("3B 75 13 00 00 43 09 EA 90 00")))
    assert isinstance(reading.error, NoCard) and reading.vitale is None


def test_card_io_runs_on_the_card_thread_only(pcscd, cards):
    with pytest.raises(RuntimeError, match="card thread"):
        cards.read_summary(pcscd.reader_names[0])


def test_the_summary_says_whether_the_reader_has_a_pin_pad_and_the_pin_is_typed_there(insert, card_thread, on_card):
    reader, card = insert("cps")
    plain = CardOps(card_thread)
    assert not on_card(plain.read_summary, reader).pin_pad  # vpcd has no keypad
    with pytest.raises(CardError, match="no PIN pad"):
        on_card(plain.verify_pin_on_pinpad, reader, GP.serial)
    keypad = Keypad()
    keypad.type("1234")
    pad = CardOps(card_thread, connect=lambda name: PcscPinPadReader(card, keypad, PcscTransport(name)))
    assert on_card(pad.read_summary, reader).pin_pad
    summary = on_card(pad.verify_pin_on_pinpad, reader, GP.serial)
    assert summary.pin_verified and summary.pin_pad and keypad.prompts == 1
    assert card.sent(VERIFY, with_data=True) == 1  # from the keypad; none from the reader without one
    on_card(pad.release_all)
