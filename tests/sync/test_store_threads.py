"""The store used by several threads at once, as the window will: readers (the screens' tables) and a
writer of user actions (the outbox) while the engine applies a first sync from the real back office
and pushes the outbox. Nobody gets "database is locked", and a reader never sees a page without its
cursor: every (cursor, rows) it reads in one snapshot is a state the engine committed."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from test_engine import card_signer, client_for, server_count

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.engine import SyncEngine
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
PAGE = 10
LINES = [{"form": "feuille-soins-medecin", "quantity": 100}]


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=400, months=12) as running:
        yield running


def committed_states(fetch) -> dict[str | None, int]:
    """Each cursor of the feed, page by page from the start, with how many rows the store holds once it
    is applied: the only (cursor, rows) pairs a reader may see."""
    states, cursor, total = {None: 0}, None, 0
    while True:
        page = fetch(cursor, PAGE)
        total, cursor = total + len(page.items), page.next_cursor
        states[cursor] = total
        if not page.has_more:
            return states


def test_readers_and_a_writer_run_beside_a_first_sync_and_only_see_committed_pages(tmp_path, backoffice, pki_dir):
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queued = [store.enqueue("form_order", {"lines": LINES}) for _ in range(10)]
    syncing, failures = threading.Event(), []
    seen: list[tuple[str | None, int, str | None, int]] = []
    added: list[str] = []

    def screen() -> None:
        """The window's tables: payments searched, rejects and the outbox read, in a loop."""
        while syncing.is_set():
            with store.snapshot():
                state = (store.cursor("payments"), store.payments.count(), store.cursor("rejects"),
                         len(store.rejects()))
                assert len(store.search_payments(limit=PAGE)) == min(state[1], PAGE)
                store.pending()
            seen.append(state)

    def user() -> None:
        """Orders placed while the engine works: short writes beside its long ones."""
        while syncing.is_set() and len(added) < 50:
            added.append(store.enqueue("form_order", {"lines": LINES}).client_id)

    def guarded(work):
        def run() -> None:
            try:
                work()
            except (AssertionError, sqlite3.Error) as error:  # "database is locked" among them: reported below
                failures.append(error)
        return run

    syncing.set()
    threads = [threading.Thread(target=guarded(work)) for work in (screen, screen, user)]
    for thread in threads:
        thread.start()
    try:
        report = SyncEngine(client, store, page_size=PAGE, apply_rows=PAGE).sync_once()  # a commit per page
    finally:
        syncing.clear()
        for thread in threads:
            thread.join()
    assert failures == [], [repr(error) for error in failures]
    assert report.ok, report.errors

    payments, rejects = committed_states(client.payments_page), committed_states(client.rejects_page)
    assert len(payments) > 20 and len(rejects) > 2  # a large first sync: many pages, each its own commit
    assert store.payments.count() == max(payments.values()) and len(store.rejects()) == max(rejects.values())
    wrong = [s for s in seen if payments.get(s[0]) != s[1] or rejects.get(s[2]) != s[3]]
    assert wrong == []
    assert any(0 < count < max(payments.values()) for _, count, _, _ in seen)  # the readers ran during the pulls

    again = SyncEngine(client, store).sync_once()  # the orders placed after the first push began
    assert report.sent + again.sent == len(queued) + len(added) and store.pending() == []
    for client_id in [item.client_id for item in queued] + added:
        assert server_count(backoffice, "SELECT count(*) FROM form_orders WHERE client_id = ?", client_id) == 1
    store.close()
