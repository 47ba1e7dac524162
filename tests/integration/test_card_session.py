"""A card session against the real back office (HTTPS on loopback): signed in through the card thread,
kept alive by the sync thread's renewals with no PIN, lost when the card is pulled."""

from __future__ import annotations

import threading
import time
from functools import partial

import pytest
from conftest import INTERNAL_AUTHENTICATE, VERIFY

from cardreader.emulator.profiles import STOCK_CARDS
from cardreader.errors import CardRemoved
from desktop_app.ops import OpRunner
from desktop_app.threads import SyncThread
from sync.client import BackofficeClient
from sync.store import Store
from sync.vault import Vault

pytestmark = pytest.mark.pcsc

WAIT = 60.0  # seconds: a bound for what must happen on a loaded machine, never a pause


class Sync:
    """A sync thread and what it said: its reports, and how it ended."""

    def __init__(self, client: BackofficeClient, store: Store) -> None:
        self.reports, self.ended = [], []
        self.reported, self.over = threading.Event(), threading.Event()
        self.thread = SyncThread(client, store, on_report=self._report, on_ended=self._ended)

    def _report(self, report) -> None:
        self.reports.append(report)
        self.reported.set()

    def _ended(self, error: BaseException | None) -> None:
        self.ended.append(error)
        self.over.set()


def test_a_card_session_is_kept_alive_by_the_card_thread_and_lost_with_the_card(
        qtbot, tmp_path, backoffice, insert, virtual_reader, cards, on_card):
    reader, card = insert("cps")
    on_card(cards.verify_pin, reader, "1234", STOCK_CARDS["cps"].serial)
    now = [time.time()]
    client = BackofficeClient(backoffice.url, ca_file=backoffice.ca_certificate, workstation="poste-test",
                              clock=lambda: now[0], sleep=lambda seconds: None)
    runner, granted = OpRunner(), []
    try:  # as the window signs in: on the pool, the card signing on the card thread
        runner.run_op(partial(client.sign_in_with_card, cards.signer(reader, timeout=WAIT)), granted.append,
                      granted.append)
        qtbot.waitUntil(lambda: bool(granted), timeout=int(WAIT * 1000))
    finally:
        runner.shutdown()
    assert granted[0].token and card.sent(INTERNAL_AUTHENTICATE) == 1

    # the proof falls due: the engine's threads renew through the card thread, with no PIN
    now[0] = granted[0].expires_at.timestamp() - 60
    sync = Sync(client, Store.open(tmp_path / "store.sqlite", Vault(bytes(range(32)))))
    sync.thread.start()
    assert sync.reported.wait(WAIT)
    assert sync.reports[0].ok, sync.reports[0].errors
    assert card.sent(INTERNAL_AUTHENTICATE) == 2 and card.sent(VERIFY, with_data=True) == 1
    started = time.monotonic()
    sync.thread.stop()  # it waits for its next pass: the stop ends that wait at once
    assert sync.thread.join(5.0) and time.monotonic() - started < 5.0
    assert sync.ended == [None] and len(sync.reports) == 1

    # the card pulled before the next proof: the renewal fails with the card's error, the session is lost
    virtual_reader.pull(0)
    now[0] += 24 * 3600
    lost = Sync(client, Store.open(tmp_path / "store.sqlite", Vault(bytes(range(32)))))
    lost.thread.start()
    assert lost.over.wait(WAIT)
    assert isinstance(lost.ended[0], CardRemoved) and not lost.thread.running
    assert card.sent(INTERNAL_AUTHENTICATE) == 2
