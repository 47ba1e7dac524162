"""``kill -9`` of a syncing process at random moments, 30 times, then a restart: no outbox item lost
or applied twice, no payment missing or doubled, the store consistent."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys

import pytest

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.store import Store
from sync.vault import Vault
from server_changes import add_payments

KEY = bytes(range(32))
TRIALS = 30

_SYNCER = r"""
import sys
from pathlib import Path
from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.client import BackofficeClient
from sync.engine import SyncEngine
from sync.store import Store
from sync.vault import Vault

url, ca, pki, store_path = sys.argv[1:5]
card = EmulatorTransport(card_from_spec("cps", Path(pki)))
cps.select_application(card)
cps.verify_pin(card, "1234")
certificate = cps.read_certificate(card, Key.AUTHENTICATION)
client = BackofficeClient(url, ca_file=Path(ca))
client.sign_in_with_card(lambda challenge: (certificate, cps.authenticate(card, challenge)))
print("syncing", flush=True)
report = SyncEngine(client, Store.open(Path(store_path), Vault(bytes(range(32)))), page_size=7).sync_once()
sys.exit(0 if report.ok else 3)
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=60, months=4) as running:
        yield running


def _run(office, pki_dir, store_path, kill_after: float | None) -> int | None:
    child = subprocess.Popen([sys.executable, "-c", _SYNCER, office.url, str(office.ca_certificate),
                              str(pki_dir), str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return child.wait(timeout=120)
    assert child.stdout.readline() == b"syncing\n"  # signed in: now the sync itself is under way
    try:
        return child.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        return None


def test_kill_9_at_random_moments_loses_nothing_and_applies_nothing_twice(tmp_path, office, pki_dir):
    store_path = tmp_path / "store.sqlite"
    store = Store.open(store_path, Vault(KEY))
    items = [store.enqueue("form_order", {"lines": [{"form": "feuille-soins-medecin", "quantity": 50 * (i + 1)}]})
             for i in range(8)]
    store.close()
    rng = random.Random(20261128)
    killed = 0
    for trial in range(TRIALS):
        if trial % 5 == 4:  # now and then, more offline work arrives between two crashes
            more = Store.open(store_path, Vault(KEY))
            items.append(more.enqueue("message", {"subject": f"Rejet {trial}", "reason": "billing",
                                                  "body": "La facture a été rejetée : pouvez-vous vérifier ?"}))
            more.close()
        add_payments(office.db_path, 40)
        killed += _run(office, pki_dir, store_path, kill_after=rng.uniform(0.0, 0.25)) is None
    assert killed >= TRIALS // 2, "most trials must really be killed mid-sync"
    assert _run(office, pki_dir, store_path, kill_after=None) == 0  # the restart after the last crash

    with sqlite3.connect(office.db_path) as server:
        for item in items:
            table = "form_orders" if item.kind == "form_order" else "message_threads"
            assert server.execute(f"SELECT count(*) FROM {table} WHERE client_id = ?",
                                  (item.client_id,)).fetchone()[0] == 1, item
        expected = server.execute("SELECT count(*) FROM payments p JOIN professionals d ON d.id = p.professional_id "
                                  "WHERE d.am_number = '751123456'").fetchone()[0]
    store = Store.open(store_path, Vault(KEY))
    assert store.pending() == []
    payments = store.search_payments(limit=10**6)
    assert len(payments) == len({p.id for p in payments}) == expected
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
