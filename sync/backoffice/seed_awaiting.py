"""Demo data of SCOR's link to billing: the batches' ARL and the degraded invoices awaiting their document.

Drawn from the invoices the main seed made (so a document's verdict reaches the invoice's doctor), by a
random generator of its own (the other rows stay the same whatever is drawn here). Per practice: about
one recent invoice in 25 was made without a carte Vitale (4 at least, 60 at most: the large practice
has 60); every batch is acknowledged (ARL positive) the day after it was sent, but those of the last
day, still pending, and one batch refused (ARL negative) among those holding a degraded invoice.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from .sqlite import allocate_seq

__all__ = ["NEGATIVE_ARL_REASON", "seed_awaiting"]

NEGATIVE_ARL_REASON = ("Lot illisible : la structure du fichier de facturation est incorrecte. Renvoyez le lot "
                       "depuis votre logiciel de facturation.")
_WINDOW_DAYS = 45  # degraded invoices are drawn among those of the last weeks
_PER_INVOICES, _FEWEST, _MOST = 25, 4, 60


def seed_awaiting(tx: sqlite3.Connection, r: random.Random, *, practice_ids: list[int], today: date) -> int:
    """Set the ARL of the practices' batches and add their degraded invoices; how many invoices."""
    added = 0
    for practice_id in practice_ids:
        _acknowledge(tx, practice_id, today)
        added += _degrade(tx, r, practice_id, today)
    return added


def _acknowledge(tx: sqlite3.Connection, practice_id: int, today: date) -> None:
    """Every batch acknowledged at noon the day after it was sent, but those sent since yesterday: pending."""
    pending_from = (today - timedelta(days=1)).isoformat()
    tx.execute("UPDATE batches SET arl = CASE WHEN sent_on >= ? THEN 'pending' ELSE 'positive' END, "
               "arl_at = CASE WHEN sent_on >= ? THEN NULL ELSE unixepoch(sent_on) + 86400 + 12 * 3600 END, "
               "arl_reason = NULL WHERE professional_id IN (SELECT id FROM professionals WHERE practice_id = ?)",
               (pending_from, pending_from, practice_id))


def _degrade(tx: sqlite3.Connection, r: random.Random, practice_id: int, today: date) -> int:
    query = ("SELECT i.professional_id, i.batch_number, i.invoice_number, i.patient_nir, i.care_date, i.amount_cents, "
             "b.id AS batch_id, b.arl, p.last_name, p.first_name FROM invoices i "
             "JOIN batches b ON b.professional_id = i.professional_id AND b.batch_number = i.batch_number "
             "JOIN patients p ON p.practice_id = i.practice_id AND p.nir = i.patient_nir "
             "WHERE i.practice_id = ? AND i.care_date >= ? ORDER BY i.id")
    recent = tx.execute(query, (practice_id, (today - timedelta(days=_WINDOW_DAYS)).isoformat())).fetchall()
    candidates = recent if len(recent) >= _FEWEST else tx.execute(query, (practice_id, "")).fetchall()
    wanted = min(_MOST, max(_FEWEST, len(recent) // _PER_INVOICES), len(candidates))
    chosen = r.sample(candidates, wanted)
    acknowledged = sorted({row["batch_id"] for row in chosen if row["arl"] == "positive"})
    if acknowledged:
        tx.execute("UPDATE batches SET arl = 'negative', arl_reason = ? WHERE id = ?",
                   (NEGATIVE_ARL_REASON, r.choice(acknowledged)))
    chosen.sort(key=lambda row: (row["care_date"], row["invoice_number"]))
    first = allocate_seq(tx, len(chosen)) if chosen else 0
    return tx.executemany(
        "INSERT OR IGNORE INTO degraded_invoices (practice_id, professional_id, batch_id, batch, number, nir, "
        "patient_name, care_date, amount_cents, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(practice_id, row["professional_id"], row["batch_id"], row["batch_number"], row["invoice_number"],
          row["patient_nir"], f"{row['last_name'].upper()} {row['first_name']}", row["care_date"],
          row["amount_cents"], first + offset) for offset, row in enumerate(chosen)]).rowcount
