"""A card session against the real back office (HTTPS on loopback): signed in through the card thread,
kept alive by the sync thread's renewals with no PIN, lost when the card is pulled."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from functools import partial

import pytest
from conftest import INTERNAL_AUTHENTICATE, VERIFY

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS
from cardreader.errors import CardRemoved
from desktop_app.ops import OpRunner
from desktop_app.threads import SyncThread
from sync.backoffice.local import LocalBackoffice
from sync.client import BackofficeClient
from sync.store import Store
from sync.vault import Vault

pytestmark = pytest.mark.pcsc

WAIT = 60.0  # seconds: a bound for what must happen on a loaded machine, never a pause


class Sync:
    """A sync thread and what it said: its reports, and how it ended; ``seen`` is set by the first report
    after which ``condition()`` holds."""

    def __init__(self, client: BackofficeClient, store: Store, condition: Callable[[], bool] = lambda: True) -> None:
        self.reports, self.ended = [], []
        self.reported, self.over, self.seen = threading.Event(), threading.Event(), threading.Event()
        self.condition = condition
        self.thread = SyncThread(client, store, on_report=self._report, on_ended=self._ended)

    def _report(self, report) -> None:
        self.reports.append(report)
        self.reported.set()
        if self.condition():
            self.seen.set()

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


def test_a_short_proof_period_is_renewed_in_time_through_the_card_thread(qtbot, tmp_path, insert, on_card, cards,
                                                                        pki_dir):
    """A server asking the card every 3 s: the sync thread, left at its default minute between passes as the
    window runs it, brings its passes forward to each renewal, signed on the card thread with no PIN; the
    session outlives three periods and three renewals, in real time, each renewal in its own period (not one
    per request)."""
    period = 3.0
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1, extra_args=("--card-proof-interval", f"{period:g}")) as office:
        reader, card = insert("cps")
        on_card(cards.verify_pin, reader, "1234", STOCK_CARDS["cps"].serial)
        client = BackofficeClient(office.url, ca_file=office.ca_certificate, workstation="poste-test")
        runner, granted = OpRunner(), []
        try:
            runner.run_op(partial(client.sign_in_with_card, cards.signer(reader, timeout=WAIT)), granted.append,
                          granted.append)
            qtbot.waitUntil(lambda: bool(granted), timeout=int(WAIT * 1000))
        finally:
            runner.shutdown()
        signed_in = time.monotonic()
        assert 0 < (granted[0].expires_at - datetime.now(timezone.utc)).total_seconds() <= period  # the flag's

        def renewals() -> int:
            return card.sent(INTERNAL_AUTHENTICATE) - 1  # the sign-in's signature aside

        sync = Sync(client, Store.open(tmp_path / "store.sqlite", Vault(bytes(range(32)))),
                    lambda: renewals() >= 3 and time.monotonic() - signed_in > 3 * period)
        sync.thread.start()
        try:
            assert sync.seen.wait(15), (card.sent(INTERNAL_AUTHENTICATE), [r.errors for r in sync.reports])
        finally:
            sync.thread.stop()
            assert sync.thread.join(WAIT)
        lasted = time.monotonic() - signed_in
        assert lasted < 15 and renewals() <= lasted / (period / 2), (lasted, renewals())
        assert sync.reports and all(report.ok for report in sync.reports), [r.errors for r in sync.reports]
        assert sync.ended == [None] and card.sent(VERIFY, with_data=True) == 1  # stopped by us, one PIN
        log = (office.workdir / "backoffice.log").read_text(errors="replace")
        assert log.count('"POST /v1/auth/card/renew HTTP/1.1" 200') >= 3
        assert client.me().last_name == STOCK_CARDS["cps"].holder.last_name  # still signed in
