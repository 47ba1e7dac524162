"""The practice's degraded invoices awaiting their SCOR document, as the store keeps them: what the link
of a scan to its invoice is chosen from, and each batch's ARL, which says whether a document may be sent.

Pulled from ``GET /v1/documents/awaiting`` (engine domain ``awaiting``). The patient (NIR and name) is
sealed, associated data ``awaiting/<id>``, and found through keyed search tokens, as payments' are: one
per folded word of the name (:func:`sync.schema.name_tokens`) and one per start of the NIR, from 3 to 13
characters (the key follows from them), so that a NIR typed partly finds its invoice. An invoice once
justified stays, flagged: :meth:`AwaitingInvoices.find` still knows it, the suggestions leave it out.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sync.database import Cursors, Database
from sync.protocol.documents import AwaitingInvoice
from sync.protocol.search import name_words
from sync.schema import insert, name_tokens
from sync.vault import Vault

__all__ = ["AwaitingInvoices", "AwaitingRow"]

_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_AMOUNT = re.compile(r"([0-9]{1,6})[,.]([0-9]{1,2})€?")
_NIR_START = re.compile(r"[0-9]{3,15}|[0-9]{5}2[AB][0-9]{0,8}")  # a NIR or its start (Corsica: 2A, 2B)
_WHOLE_NIR = re.compile(r"[1-478][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?")
_NIR_STARTS = range(3, 14)  # lengths of the NIR's starts given a token


@dataclass(frozen=True)
class AwaitingRow:
    batch: str
    number: str
    nir: str
    patient_name: str
    care_date: date
    amount_cents: int
    arl: str  # pending, positive or negative
    arl_reason: str | None
    justified: bool


class AwaitingInvoices:
    """The degraded invoices awaiting their document, by server id, upserted page by page with their cursor."""

    def __init__(self, database: Database, vault: Vault, cursors: Cursors) -> None:
        self._database, self._vault, self._cursors = database, vault, cursors

    def apply(self, page: Iterable[AwaitingInvoice], next_cursor: str | None, as_of: datetime) -> int:
        """Upsert a page and move the ``awaiting`` cursor past it, atomically; the count."""
        with self._database.transaction() as tx:
            rows, terms = [], []
            for invoice in page:
                rows.append(self._row(invoice))
                terms += [{"invoice_id": invoice.id, "token": token} for token in self._tokens(invoice)]
            tx.executemany("DELETE FROM awaiting_terms WHERE invoice_id = ?", [(row["id"],) for row in rows])
            insert(tx, "awaiting_invoices", rows, replace=True)
            insert(tx, "awaiting_terms", terms)
            self._cursors.mark(tx, "awaiting", next_cursor, as_of)
        return len(rows)

    def _row(self, invoice: AwaitingInvoice) -> dict[str, Any]:
        patient = self._vault.seal(json.dumps({"nir": invoice.nir, "name": invoice.patient_name}).encode(),
                                   f"awaiting/{invoice.id}".encode())
        return {"id": invoice.id, "seq": invoice.seq, "batch": invoice.batch, "number": invoice.number,
                "care_date": invoice.care_date.isoformat(), "amount_cents": invoice.amount_cents, "arl": invoice.arl,
                "arl_at": invoice.arl_at.isoformat() if invoice.arl_at else None, "arl_reason": invoice.arl_reason,
                "justified": int(invoice.justified), "patient": patient}

    def _tokens(self, invoice: AwaitingInvoice) -> set[str]:
        nir = invoice.nir.upper()
        return set(name_tokens(self._vault, invoice.patient_name)) | {self._nir_token(nir[:n]) for n in _NIR_STARTS}

    def _nir_token(self, start: str) -> str:
        return self._vault.search_token("nir:" + start)  # apart from the name's words

    # -- reading

    def suggestions(self, text: str = "", limit: int = 50) -> list[AwaitingRow]:
        """The invoices still awaiting a document that ``text`` matches, most recent care first: every
        term of ``text`` must match the patient's name (whole words, folded), the NIR (or its start,
        spaces allowed when it is whole), the care date (dd/mm/yyyy), the amount ("26,50" or "26"),
        the batch or the invoice number (or its start)."""
        conditions, args = ["justified = 0"], []
        for condition, values in self._conditions(text):
            conditions.append(condition)
            args += values
        sql = (f"SELECT * FROM awaiting_invoices WHERE {' AND '.join(conditions)} "
               f"ORDER BY care_date DESC, id DESC LIMIT ?")
        return [self._record(row) for row in self._database.connection.execute(sql, (*args, limit))]

    def _conditions(self, text: str) -> list[tuple[str, list[Any]]]:
        compact = re.sub(r"\s+", "", text).upper()
        if _WHOLE_NIR.fullmatch(compact):
            return [self._by_token(self._nir_token(compact[:13]))]
        found: list[tuple[str, list[Any]]] = []
        for term in text.split():
            found += self._term(term.upper())
        return found

    def _term(self, term: str) -> list[tuple[str, list[Any]]]:
        """The conditions one term of the query adds (all must hold)."""
        if match := _DATE.fullmatch(term):
            day, month, year = (int(part) for part in match.groups())
            try:
                return [("care_date = ?", [date(year, month, day).isoformat()])]
            except ValueError:
                return [("0", [])]
        if match := _AMOUNT.fullmatch(term):
            return [("amount_cents = ?", [int(match[1]) * 100 + int(match[2].ljust(2, "0"))])]
        options: list[tuple[str, list[Any]]] = []
        if _NIR_START.fullmatch(term):
            options.append(self._by_token(self._nir_token(term[:13])))
        if term.isdigit():
            if len(term) <= 3:
                options.append(("batch = ?", [term.zfill(3)]))
            if len(term) <= 9:
                options.append(("number LIKE ?", [term + "%"]))
            if len(term) <= 6:
                options.append(("amount_cents = ?", [int(term) * 100]))
        if options:
            return [("(" + " OR ".join(c for c, _ in options) + ")", [a for _, values in options for a in values])]
        return [self._by_token(self._vault.search_token(word)) for word in name_words(term)]

    @staticmethod
    def _by_token(token: str) -> tuple[str, list[Any]]:
        return "id IN (SELECT invoice_id FROM awaiting_terms WHERE token = ?)", [token]

    def find(self, batch: str, number: str) -> AwaitingRow | None:
        """The invoice ``number`` of batch ``batch``, justified or not; None when the store knows none."""
        row = self._database.connection.execute(
            "SELECT * FROM awaiting_invoices WHERE batch = ? AND number = ? ORDER BY seq DESC LIMIT 1",
            (batch, number)).fetchone()
        return self._record(row) if row is not None else None

    def arl(self, batch: str) -> tuple[str, str | None] | None:
        """The ARL of batch ``batch`` and the reason of a refusal; None when no invoice of it is known."""
        row = self._database.connection.execute(
            "SELECT arl, arl_reason FROM awaiting_invoices WHERE batch = ? ORDER BY seq DESC LIMIT 1",
            (batch,)).fetchone()
        return (row["arl"], row["arl_reason"]) if row is not None else None

    def _record(self, row: sqlite3.Row) -> AwaitingRow:
        patient = json.loads(self._vault.open(row["patient"], f"awaiting/{row['id']}".encode()))
        return AwaitingRow(row["batch"], row["number"], patient["nir"], patient["name"],
                           date.fromisoformat(row["care_date"]), row["amount_cents"], row["arl"], row["arl_reason"],
                           bool(row["justified"]))
