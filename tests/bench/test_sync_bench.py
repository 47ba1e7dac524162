"""Sync benchmarks (``make bench``) on the large practice (5,000 patients, 27 months), over loopback.

Each figure against a baseline in the same run, so the cost of the design shows as a ratio:
1. First full sync (payments and rejects, 500-item pages) into the encrypted store: time and peak
   Python memory; baseline: the same pages written to a plain, unencrypted SQLite table.
2. Incremental sync of 1,000 new payments; same baseline.
3. p95 of payment searches (date range, patient name, NIR, invoice, batch) in the encrypted store;
   baseline: the same queries on an unencrypted copy (names and NIRs in clear, indexed).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.engine import SyncEngine
from sync.store import Store
from sync.vault import Vault
from figures import record
from first_sync import VAULT_KEY, PlainCopy, signed_in
from server_changes import add_payments

RESULTS = Path(".bench/sync.json")
VAULT = Vault(VAULT_KEY)


def _record(name: str, figures: dict) -> None:
    record(RESULTS, name, figures)


def _p95_ms(samples: list[float]) -> float:
    return round(sorted(samples)[int(0.95 * (len(samples) - 1))] * 1000, 3)


@pytest.fixture(scope="module")
def office(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5000, months=27, tls=False) as running:
        yield running


@pytest.mark.bench
def test_full_and_incremental_sync_and_searches(tmp_path, office, pki_dir):
    client = signed_in("cps", office.url, pki_dir)
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    plain = PlainCopy(tmp_path / "plain.sqlite")

    tracemalloc.start()
    started = time.perf_counter()
    report = SyncEngine(client, store).sync_once()
    full = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.ok, report.errors
    started = time.perf_counter()
    cursor = plain.sync(client, None)
    full_plain = time.perf_counter() - started

    add_payments(office.db_path, 1000)
    started = time.perf_counter()
    incremental = SyncEngine(client, store).sync_once()
    inc = time.perf_counter() - started
    started = time.perf_counter()
    plain.sync(client, cursor)
    inc_plain = time.perf_counter() - started
    assert incremental.applied["payments"] == 1000

    sample = store.search_payments(invoice=None, limit=1, date_from=None)[0]
    some = next(p for p in store.search_payments(limit=5000) if p.patient_name)
    word = some.patient_name.split()[0]
    queries = [
        (dict(date_from=sample.paid_on.replace(day=1), date_to=sample.paid_on),
         "SELECT * FROM payments WHERE paid_on BETWEEN ? AND ? ORDER BY paid_on DESC LIMIT 200",
         (sample.paid_on.replace(day=1).isoformat(), sample.paid_on.isoformat())),
        (dict(patient=word), "SELECT * FROM payments WHERE patient_name LIKE ? ORDER BY paid_on DESC LIMIT 200",
         (f"%{word}%",)),
        (dict(patient=some.patient_nir), "SELECT * FROM payments WHERE patient_nir = ? ORDER BY paid_on DESC LIMIT 200",
         (some.patient_nir,)),
        (dict(invoice=some.invoice_number), "SELECT * FROM payments WHERE invoice_number = ? LIMIT 200",
         (some.invoice_number,)),
        (dict(batch=some.batch_number), "SELECT * FROM payments WHERE batch_number = ? ORDER BY paid_on DESC LIMIT 200",
         (some.batch_number,)),
    ]
    ours, theirs = [], []
    for _ in range(20):
        for kwargs, sql, args in queries:
            started = time.perf_counter()
            store.search_payments(**kwargs)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            plain.db.execute(sql, args).fetchall()
            theirs.append(time.perf_counter() - started)
    payments = len(store.search_payments(limit=10**6))
    _record("sync_large_practice", {
        "payments": payments, "rejects": report.applied["rejects"],
        "first_sync_s": round(full, 2), "first_sync_plain_s": round(full_plain, 2),
        "first_sync_ratio": round(full / full_plain, 2), "first_sync_peak_mb": round(peak / 2**20, 1),
        "incremental_1000_s": round(inc, 3), "incremental_plain_s": round(inc_plain, 3),
        "incremental_ratio": round(inc / inc_plain, 2),
        "search_p95_ms": _p95_ms(ours), "search_plain_p95_ms": _p95_ms(theirs),
        "search_ratio": round(_p95_ms(ours) / max(_p95_ms(theirs), 0.001), 1)})
