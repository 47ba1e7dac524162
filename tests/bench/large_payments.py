"""The large practice's payments in a store, without the network: the back office's seed (5,000
patients, 27 months: about 30,000 payments for Dr Lefèvre-Dupré) read from its database and applied to
an encrypted store as the engine applies pages. For the Paiements benchmark and its screenshot."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from cardreader.emulator.profiles import STOCK_CARDS
from sync.backoffice.seed import seed
from sync.backoffice.sqlite import open_database
from sync.protocol import Payment
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
PAGE = 500  # payments per page applied, as the engine's pulls


def large_store(folder: Path, patients: int = 5_000, months: int = 27, today: date | None = None) -> Store:
    """A store at ``folder``/store.sqlite holding the stock doctor's payments of a seeded practice."""
    db = open_database(folder / "backoffice.sqlite")
    seed(db, seed=1, practices=1, patients=patients, months=months, doctors=1, today=today)
    db.connection.row_factory = None
    rows = db.connection.execute(
        "SELECT payments.id, seq, paid_on, kind, label, amount_cents, payer, patient_nir, patient_name, "
        "invoice_number, batch_number FROM payments JOIN professionals p ON p.id = payments.professional_id "
        "WHERE p.national_id = ? ORDER BY seq", (STOCK_CARDS["cps"].holder.national_id,)).fetchall()
    db.close()
    professional = STOCK_CARDS["cps"].holder.national_id
    payments = [Payment(id=r[0], seq=r[1], professional=professional, paid_on=r[2], kind=r[3], label=r[4],
                        amount_cents=r[5], payer=r[6], patient_nir=r[7], patient_name=r[8], invoice_number=r[9],
                        batch_number=r[10]) for r in rows]
    store = Store.open(folder / "store.sqlite", VAULT)
    as_of = datetime.now(timezone.utc)
    for start in range(0, len(payments), PAGE):
        store.apply_payments(payments[start:start + PAGE], str(start), as_of)
    return store
