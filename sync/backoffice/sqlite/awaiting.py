"""SQLite storage of SCOR's link to billing (:class:`storage.Awaiting`): the degraded invoices waiting for
their justifying document, and each batch's logical acknowledgement (ARL).

A batch number is unique per professional (it cycles over 999 batches, years apart); a practice's
batch, as the ARL command and the documents name it, is every batch of its professionals under that
number. :func:`awaiting_invoice` is what the document store asks at declaration and completion, in
its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..storage import Row
from .changes import allocate_seq
from .database import Database
from .rows import row, rows

__all__ = ["ARL_STATES", "SqliteAwaiting", "awaiting_invoice", "justify"]

ARL_STATES = ("pending", "positive", "negative")

_SELECT = ("SELECT d.*, b.arl, b.arl_at, b.arl_reason FROM degraded_invoices d "
           "JOIN batches b ON b.id = d.batch_id")


def awaiting_invoice(connection: sqlite3.Connection, practice_id: int, batch: str, number: str) -> Row | None:
    """The practice's degraded invoice ``number`` of batch ``batch`` with its batch's ARL (justified or
    not); None when the fund knows no such degraded invoice."""
    return row(connection.execute(f"{_SELECT} WHERE d.practice_id = ? AND d.batch = ? AND d.number = ?",
                                  (practice_id, batch, number)))


def justify(tx: sqlite3.Connection, invoice_id: int, document_row_id: int, at: float) -> bool:
    """Mark the invoice justified by the accepted document, with a new ``seq`` so that every workstation
    pulls it; False when another document justified it meanwhile."""
    return tx.execute("UPDATE degraded_invoices SET justified_by = ?, justified_at = ?, seq = ? "
                      "WHERE id = ? AND (justified_by IS NULL OR justified_by = ?)",
                      (document_row_id, at, allocate_seq(tx), invoice_id, document_row_id)).rowcount == 1


class SqliteAwaiting:
    def __init__(self, db: Database, clock: Callable[[], float]) -> None:
        self.db, self.clock = db, clock

    def awaiting(self, practice_id: int, after: int, limit: int) -> list[Row]:
        return rows(self.db.connection.execute(
            f"{_SELECT} WHERE d.practice_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?", (practice_id, after, limit)))

    def set_batch_arl(self, practice_id: int, batch: str, arl: str, reason: str | None = None,
                      at: float | None = None) -> int:
        if arl not in ARL_STATES:
            raise ValueError(f"an ARL is one of {', '.join(ARL_STATES)}")
        when = None if arl == "pending" else (self.clock() if at is None else at)
        with self.db.transaction() as tx:
            changed = [batch_id for batch_id, in tx.execute(
                "UPDATE batches SET arl = ?, arl_at = ?, arl_reason = ? WHERE batch_number = ? AND professional_id "
                "IN (SELECT id FROM professionals WHERE practice_id = ?) RETURNING id",
                (arl, when, reason, batch, practice_id)).fetchall()]
            invoices = [invoice_id for invoice_id, in tx.execute(
                f"SELECT id FROM degraded_invoices WHERE batch_id IN ({','.join('?' * len(changed))}) ORDER BY id",
                changed).fetchall()] if changed else []
            if invoices:
                first = allocate_seq(tx, len(invoices))
                tx.executemany("UPDATE degraded_invoices SET seq = ? WHERE id = ?",
                               [(first + i, invoice_id) for i, invoice_id in enumerate(invoices)])
        return len(changed)
