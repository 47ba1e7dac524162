"""Changes made on the back office behind the client's back, for the sync tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

from sync.backoffice.changes import allocate_seq
from sync.backoffice.db import open_database


def add_payments(db_path: Path, count: int, *, am_number: str = "751123456") -> None:
    """``count`` new payments for the doctor with ``am_number`` (copies of random ones, one cent more),
    each with a new change sequence number, as the back office would record them."""
    db = open_database(db_path)
    with db.transaction() as tx:
        rows = tx.execute("SELECT p.* FROM payments p JOIN professionals d ON d.id = p.professional_id "
                          "WHERE d.am_number = ? ORDER BY random() LIMIT ?", (am_number, count)).fetchall()
        first = allocate_seq(tx, len(rows))
        tx.executemany(
            "INSERT INTO payments (professional_id, practice_id, paid_on, kind, label, patient_nir, patient_name, "
            "patient_search, invoice_number, batch_number, amount_cents, payer, seq) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(r["professional_id"], r["practice_id"], r["paid_on"], r["kind"], r["label"], r["patient_nir"],
              r["patient_name"], r["patient_search"], r["invoice_number"], r["batch_number"],
              r["amount_cents"] + 1, r["payer"], first + i) for i, r in enumerate(rows)])
    db.close()
