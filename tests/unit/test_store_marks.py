"""The store's rejects read by id and order (for a table that opens rows as they are painted), its marks
(the newest reject seen, the last event notified) and its events after a mark."""

from __future__ import annotations

import threading

import pytest
from store_rows import AS_OF, event, reject

from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


def test_reject_ids_in_every_order_and_their_records_by_id(store):
    store.apply_rejects([reject(1, amount_cents=500), reject(2, status="corrected", amount_cents=100),
                         reject(3, amount_cents=900)], "r1", AS_OF)
    assert store.rejected_invoices.ids() == [1, 2, 3]  # rejected most recently first
    assert store.rejected_invoices.ids("open") == [1, 3]
    assert store.rejected_invoices.ids(None, "amount", descending=False) == [2, 1, 3]
    assert store.rejected_invoices.ids("open", "invoice", descending=True) == [3, 1]
    records = store.rejected_invoices.by_ids([3, 1, 42])
    assert set(records) == {1, 3} and records[3].amount_cents == 900 and records[1].nir == "285037511504263"
    assert store.rejected_invoices.newest_id() == 3


def test_a_mark_only_moves_forward_and_says_where_it_was(store):
    assert store.marks.get("rejects_seen") is None
    assert store.marks.advance("rejects_seen", 5) is None
    assert store.marks.advance("rejects_seen", 3) == 5
    assert store.marks.get("rejects_seen") == 5
    assert store.marks.advance("rejects_seen", 9) == 5 and store.marks.get("rejects_seen") == 9
    assert store.marks.get("events_notified") is None


def test_racing_callers_never_get_the_same_mark_before(store):
    store.marks.advance("events_notified", 0)
    befores: list[int | None] = []
    threads = [threading.Thread(target=lambda n=n: befores.append(store.marks.advance("events_notified", 10)))
               for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(befores, key=lambda b: b or 0) == [0] + [10] * 5


def test_events_after_a_seq_newest_first(store):
    store.apply_events([event(1, "reject_new"), event(4, "ald_due"), event(7, "message_answered")], "e1", AS_OF)
    assert [e.seq for e in store.events(after=1)] == [7, 4]
    assert store.feeds.newest_event() == 7
