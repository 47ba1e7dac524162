"""Fixtures for the window's card operations: the card thread with its operations, and emulated cards put
in the private pcscd's virtual reader behind a recorder of what they are sent."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cardreader.emulator.base import CardEmulator
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from desktop_app.card_ops import CardOps
from desktop_app.threads import CardThread
from sync.backoffice.local import LocalBackoffice

VERIFY, INTERNAL_AUTHENTICATE, RESET_RETRY_COUNTER = 0x20, 0x88, 0x2C


class RecordedCard:
    """An emulated card that keeps the commands it receives and tells when its power goes or comes."""

    def __init__(self, card: CardEmulator) -> None:
        self.card, self.commands, self.power_changed = card, [], threading.Event()

    @property
    def atr(self) -> bytes:
        return self.card.atr

    def reset(self) -> None:  # the vpcd bridge's power off, power on and reset
        self.power_changed.set()
        self.card.reset()

    def process(self, apdu: bytes) -> bytes:
        self.commands.append(apdu)
        return self.card.process(apdu)

    def sent(self, instruction: int, *, with_data: bool = False) -> int:
        """How many commands of ``instruction`` the card received; ``with_data``: those carrying a PIN or
        PUK (VERIFY with no data only asks the PIN state)."""
        return sum(1 for apdu in self.commands if apdu[1] == instruction and (len(apdu) > 5 or not with_data))


@pytest.fixture
def card_thread() -> Iterator[CardThread]:
    thread = CardThread()
    yield thread
    assert thread.stop(10)


@pytest.fixture
def cards(card_thread: CardThread) -> Iterator[CardOps]:
    ops = CardOps(card_thread)
    yield ops
    card_thread.submit(ops.release_all).result(10)


@pytest.fixture
def on_card(card_thread: CardThread) -> Callable[..., Any]:
    """``on_card(fn, *args)``: run on the card thread, the test waiting for the result (a test may wait)."""
    return lambda fn, *args: card_thread.submit(fn, *args).result(30)


@pytest.fixture
def insert(pcscd, virtual_reader, card_presence, pki_dir) -> Callable[..., tuple[str, RecordedCard]]:
    """``insert(spec, slot=0, **bridge_options)``: the card in the slot, seen by pcscd; its reader and card."""

    def put(spec: str, slot: int = 0, **bridge_options: Any) -> tuple[str, RecordedCard]:
        card = RecordedCard(card_from_spec(spec, pki_dir))
        virtual_reader.insert(slot, card, **bridge_options)
        card_presence(pcscd.reader_names[slot])
        return pcscd.reader_names[slot], card

    return put


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir) -> Iterator[LocalBackoffice]:
    """The reference back office over HTTPS on loopback, trusting the emulated cards' test CA."""
    card_from_spec("cps", pki_dir)  # makes the test PKI whose CA the back office trusts
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        yield running
