"""One first sync in a process of its own, for the group-practice benchmark (``test_group_practice_bench``).

Run as ``python first_sync.py {cabinet|plain} CARD URL PKI_DIR WORKDIR``: signs in with the emulated
card (``cps``: the stock doctor; ``cpe``: the practice's secretary), then makes one first sync and
prints one JSON line: its seconds (wall clock, and this process's CPU time), the process's resident memory when the sync began and its peak
(``VmHWM``, the kernel's high-water mark of the whole process, read before anything else runs), the
payments it wrote and the domains that failed with the error's type.

``cabinet`` is the real thing: ``Store.open`` + ``SyncEngine(...).sync_once()``, every domain, into the
encrypted store. ``plain``, the baseline: the same session pulls the same payment pages into one
unencrypted SQLite table (:class:`PlainCopy`). Both pay the same interpreter, imports and sign-in, so
the difference of their peaks is what the encrypted store and the engine cost.

A process of its own, so that pytest's memory (the test session, the fixtures) is not counted, and so
that the peak is the process's resident set, not only what Python allocated.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.client import BackofficeClient
from sync.engine import SyncEngine
from sync.protocol import Payment
from sync.store import Store
from sync.vault import Vault

VAULT_KEY = bytes(range(32))


class PlainCopy:
    """The baseline: the same payments in one unencrypted, indexed SQLite table."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE payments (id INTEGER PRIMARY KEY, seq INTEGER, paid_on TEXT, kind TEXT, "
                        "label TEXT, amount_cents INTEGER, payer TEXT, invoice_number TEXT, batch_number TEXT, "
                        "patient_nir TEXT, patient_name TEXT)")
        for column in ("paid_on", "invoice_number", "batch_number", "patient_nir", "patient_name"):
            self.db.execute(f"CREATE INDEX by_{column} ON payments({column})")

    def apply(self, items: list[Payment]) -> None:
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR REPLACE INTO payments VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            [(p.id, p.seq, p.paid_on.isoformat(), p.kind, p.label, p.amount_cents, p.payer,
                              p.invoice_number, p.batch_number, p.patient_nir, p.patient_name) for p in items])
        self.db.execute("COMMIT")

    def sync(self, client: BackofficeClient, cursor: str | None) -> str | None:
        """Pull payment pages from ``cursor`` until the last one; the cursor to go on from."""
        while True:
            page = client.payments_page(cursor, 500)
            self.apply(page.items)
            cursor = page.next_cursor
            if not page.has_more:
                return cursor


def _memory_mb(field: str) -> float:
    """``VmRSS`` or ``VmHWM`` of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} in /proc/self/status")


def signed_in(card: str, url: str, pki_dir: Path) -> BackofficeClient:
    transport = EmulatorTransport(card_from_spec(card, pki_dir))
    cps.select_application(transport)
    cps.verify_pin(transport, "1234")
    certificate = cps.read_certificate(transport, Key.AUTHENTICATION)
    client = BackofficeClient(url)
    client.sign_in_with_card(lambda challenge: (certificate, cps.authenticate(transport, challenge)))
    return client


def _cabinet(client: BackofficeClient, workdir: Path) -> tuple[int, dict[str, str]]:
    store = Store.open(workdir / "store.sqlite", Vault(VAULT_KEY))
    report = SyncEngine(client, store, scopes=frozenset(client.grant.scopes)).sync_once()  # as the window runs it
    return report.applied.get("payments", 0), {name: type(error).__name__ for name, error in report.errors.items()}


def _plain(client: BackofficeClient, workdir: Path) -> tuple[int, dict[str, str]]:
    copy = PlainCopy(workdir / "plain.sqlite")
    copy.sync(client, None)
    return copy.db.execute("SELECT count(*) FROM payments").fetchone()[0], {}


def main(mode: str, card: str, url: str, pki_dir: str, workdir: str) -> None:
    work = {"cabinet": _cabinet, "plain": _plain}[mode]
    client = signed_in(card, url, Path(pki_dir))
    rss_start = _memory_mb("VmRSS")
    started, cpu_started = time.perf_counter(), time.process_time()
    payments, errors = work(client, Path(workdir))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = _memory_mb("VmHWM")
    print(json.dumps({"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "rss_start_mb": rss_start,
                      "peak_rss_mb": peak, "payments": payments, "errors": errors}))


if __name__ == "__main__":
    main(*sys.argv[1:])
