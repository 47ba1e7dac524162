"""Changes made on the back office behind the client's back, for the sync tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

from sync.backoffice.sqlite import allocate_seq, open_database
from sync.protocol.search import fold


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


def rename_patients(db_path: Path, names: list[tuple[str, str]], *, am_number: str = "751123456") -> list[str]:
    """Give ``names`` (last, first) to as many patients with payments for the doctor with ``am_number``,
    as the back office records a change of name (its folded search form, new change sequence numbers on
    the payments); returns their NIRs, in the order of ``names``."""
    db = open_database(db_path)
    with db.transaction() as tx:
        nirs = [nir for nir, in tx.execute(
            "SELECT DISTINCT p.patient_nir FROM payments p JOIN professionals d ON d.id = p.professional_id "
            "WHERE d.am_number = ? AND p.patient_nir IS NOT NULL ORDER BY p.patient_nir LIMIT ?",
            (am_number, len(names)))]
        for nir, (last, first) in zip(nirs, names, strict=True):
            tx.execute("UPDATE patients SET last_name = ?, first_name = ?, search_name = ? WHERE nir = ?",
                       (last, first, fold(f"{last} {first}"), nir))
            ids = [i for i, in tx.execute("SELECT id FROM payments WHERE patient_nir = ? ORDER BY id", (nir,))]
            first_seq = allocate_seq(tx, len(ids))
            tx.executemany("UPDATE payments SET patient_name = ?, patient_search = ?, seq = ? WHERE id = ?",
                           [(f"{last.upper()} {first}", fold(f"{last} {first}"), first_seq + n, i)
                            for n, i in enumerate(ids)])
    db.close()
    return nirs
