"""Invoices for tests that upload documents to the real back office: since SCOR accepts a document only
for a degraded invoice of the practice awaiting one (batch, number and NIR), each upload needs its own.

:func:`awaiting_invoice` hands out the seeded ones no document names yet, then (a test may send many
more than a small seed holds) adds one beside them, as the seed would: a degraded invoice of a seeded
patient in one of the practice's batches with the ARL asked for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["awaiting_invoice", "database_path", "practice_of"]

_HANDED: set[tuple[str, int]] = set()  # (database, invoice id): given to a test, maybe not declared yet


def database_path(connection: sqlite3.Connection) -> Path:
    """The file of an open back-office database (the in-process app's ``storage.db.connection``)."""
    return Path(next(row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"))


def practice_of(db: Path | str, headers: dict[str, str]) -> int:
    """The practice of the session whose ``Authorization`` header is ``headers``'."""
    from sync.backoffice.sessions import token_hash

    token = headers["Authorization"].removeprefix("Bearer ")
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT p.practice_id FROM sessions s JOIN professionals p ON "
                                  "p.id = s.professional_id WHERE s.token_hash = ?", (token_hash(token),)).fetchone()[0]


def awaiting_invoice(db: Path | str, practice_id: int = 1, *, arl: str = "positive",
                     professional_id: int | None = None) -> dict[str, str]:
    """A degraded invoice of ``practice_id`` (billed by ``professional_id`` when given) awaiting its
    document, in a batch whose ARL is ``arl``, as a declaration names it: ``{"batch", "number", "nir",
    "date"}``. Never the same one twice."""
    connection = sqlite3.connect(db, timeout=30, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("BEGIN IMMEDIATE")
        row = _unused(connection, str(db), practice_id, arl, professional_id) \
            or _added(connection, practice_id, arl, professional_id)
        connection.execute("COMMIT")
    finally:
        connection.close()
    _HANDED.add((str(db), row["id"]))
    return {"batch": row["batch"], "number": row["number"], "nir": row["nir"], "date": row["care_date"]}


def _unused(connection: sqlite3.Connection, db: str, practice_id: int, arl: str,
            professional_id: int | None) -> sqlite3.Row | None:
    for row in connection.execute(
            "SELECT d.* FROM degraded_invoices d JOIN batches b ON b.id = d.batch_id WHERE d.practice_id = ? "
            "AND b.arl = ? AND coalesce(?, d.professional_id) = d.professional_id AND d.justified_by IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM documents WHERE practice_id = d.practice_id AND invoice_batch = d.batch "
            "AND invoice_number = d.number) ORDER BY d.id", (practice_id, arl, professional_id)):
        if (db, row["id"]) not in _HANDED:
            return row
    return None


def _added(connection: sqlite3.Connection, practice_id: int, arl: str, professional_id: int | None) -> sqlite3.Row:
    batch = connection.execute(
        "SELECT b.* FROM batches b JOIN professionals p ON p.id = b.professional_id WHERE p.practice_id = ? "
        "AND b.arl = ? AND coalesce(?, b.professional_id) = b.professional_id ORDER BY b.sent_on DESC, b.id LIMIT 1",
        (practice_id, arl, professional_id)).fetchone()
    if batch is None:
        raise LookupError(f"practice {practice_id} has no batch whose ARL is {arl}")
    patients = connection.execute("SELECT nir, last_name, first_name FROM patients WHERE practice_id = ? ORDER BY id",
                                  (practice_id,)).fetchall()
    count, = connection.execute("SELECT count(*) FROM degraded_invoices").fetchone()
    patient = patients[count % len(patients)]
    number, = connection.execute(
        "SELECT max(n) + 1 FROM (SELECT CAST(invoice_number AS INTEGER) AS n FROM invoices UNION ALL "
        "SELECT CAST(number AS INTEGER) FROM degraded_invoices)").fetchone()
    seq, = connection.execute("UPDATE change_seq SET value = value + 1 RETURNING value").fetchone()
    connection.execute(  # a degraded invoice is an invoice the fund received first
        "INSERT INTO invoices (professional_id, practice_id, batch_number, invoice_number, patient_nir, care_date, "
        "act_code, amount_cents, tiers_payant, status) VALUES (?, ?, ?, ?, ?, ?, 'G', 3000, 1, 'pending')",
        (batch["professional_id"], practice_id, batch["batch_number"], f"{number:09d}", patient["nir"],
         batch["sent_on"]))
    return connection.execute(
        "INSERT INTO degraded_invoices (practice_id, professional_id, batch_id, batch, number, nir, patient_name, "
        "care_date, amount_cents, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 3000, ?) RETURNING *",
        (practice_id, batch["professional_id"], batch["id"], batch["batch_number"], f"{number:09d}", patient["nir"],
         f"{patient['last_name'].upper()} {patient['first_name']}", batch["sent_on"], seq)).fetchone()
