"""The SCOR queue as the Documents section lists it (no Qt): read on the pool with :func:`document_rows`,
the secretary's work first — drafts to finish, then what went wrong (refused, to send on paper, file
lost), then what is on its way, then what the fund accepted — each group newest first, with the
upload's progress as the queue last heard it.

The queue's states (``sync.documents``): draft, ready, waiting_arl, sending, sent, accepted, rejected,
paper, failed (the scan's file is lost), purged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.documents import DocumentQueue, QueuedDocument
    from sync.store import Store

__all__ = ["ACTIVE", "DocumentRow", "Proof", "document_rows", "flag_names", "overall_progress", "percent_sent",
           "proof_rows"]

_ORDER = {"draft": 0, "rejected": 1, "paper": 2, "failed": 3, "sending": 4, "waiting_arl": 5, "ready": 6,
          "sent": 7, "accepted": 8, "purged": 9}
ACTIVE = frozenset({"ready", "waiting_arl", "sending", "sent"})  # on their way: the engine moves them


@dataclass(frozen=True)
class DocumentRow:
    """One document: its state and reason (failed: a :class:`sync.errors.Reason` code; rejected: the
    fund's French reason; paper: why it could not be sent), the invoice it justifies (None for a draft
    not linked yet) and the patient's name as the awaiting invoices know it, its pages' quality flags."""

    id: str
    status: str
    reason: str | None
    batch: str | None
    number: str | None
    care_date: str | None  # ISO
    nir: str | None
    pages: int
    size: int
    held: int | None  # bytes the back office holds, as the upload last heard; None: not sent in this session
    created_at: datetime
    sent_at: datetime | None
    source_name: str | None = None  # the file it came from ("SCN_0001.pdf"); None: scanned here
    flags: tuple[frozenset[str], ...] = ()  # per page: the quality flags' names (NEARLY_WHITE...)
    patient_name: str | None = None
    ack_id: str | None = None  # the back office's acknowledgement of reception

    @property
    def linked(self) -> bool:
        return self.batch is not None and self.number is not None


@dataclass(frozen=True)
class Proof:
    """The proof of sending of one document for an invoice: when the fund answered, its acknowledgement."""

    document_id: str
    status: str
    batch: str
    number: str
    answered_at: datetime | None
    ack_id: str | None


def percent_sent(row: DocumentRow) -> int | None:
    """How much of an upload under way the back office holds, in whole percent (None: nothing heard)."""
    if row.held is None or row.size <= 0:
        return None
    return min(100, row.held * 100 // row.size)


def overall_progress(rows: Sequence[DocumentRow]) -> tuple[int, int] | None:
    """(bytes held, bytes to send) over the documents being sent (ready ones leave with the same pass);
    None when none is (those waiting for their batch's ARL are not being sent)."""
    going = [row for row in rows if row.status in ("ready", "sending")]
    if not any(row.status == "sending" for row in going):
        return None
    return sum(min(row.held or 0, row.size) for row in going), sum(row.size for row in going)


def flag_names(raw: Any) -> tuple[frozenset[str], ...]:
    """Per page, the names of its quality flags (``NEARLY_WHITE``...) from what the queue keeps: a JSON
    text or a sequence, of per-page sequences of enum members or of their names or values."""
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str | bytes):
        raw = json.loads(raw)
    return tuple(frozenset(_flag_name(flag) for flag in (page or ())) for page in raw)


def _flag_name(flag: Any) -> str:
    name = getattr(flag, "name", None)
    return name if isinstance(name, str) else str(flag).upper().replace("-", "_").replace(" ", "_")


def _invoice_part(document: QueuedDocument, key: str) -> str | None:
    invoice = document.invoice
    value = invoice.get(key) if invoice else None
    return str(value) if value is not None else None


def _ack_id(ack: dict | None) -> str | None:
    if not ack:
        return None
    value = ack.get("ack_id") or ack.get("ack")
    return str(value) if value else None


def _patients(store: Store | None, invoices: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The patients' names of the awaiting invoices (``store.awaiting``), by (batch, number)."""
    if store is None:
        return {}
    names = {}
    for batch, number in set(invoices):
        found = store.awaiting.find(batch, number)
        if found is not None:
            names[(batch, number)] = found.patient_name
    return names


def _row(queue: DocumentQueue, document: QueuedDocument, names: dict[tuple[str, str], str]) -> DocumentRow:
    batch, number = _invoice_part(document, "batch"), _invoice_part(document, "number")
    answered = document.accepted_at or document.sent_at
    return DocumentRow(document.id, document.status, document.reason, batch, number, _invoice_part(document, "date"),
                       _invoice_part(document, "nir"), document.pages, document.size, queue.held_bytes(document.id),
                       document.created_at, answered, document.source_name, flag_names(document.flags),
                       names.get((batch, number)) if batch and number else None, _ack_id(document.ack))


def document_rows(queue: DocumentQueue, store: Store | None = None) -> list[DocumentRow]:
    """Every document of the queue, the secretary's work first (see the module's docstring); the patients'
    names from ``store``'s awaiting invoices when given."""
    documents = [d for d in queue.documents() if d.status != "purged"]
    names = _patients(store, ((b, n) for d in documents
                              if (b := _invoice_part(d, "batch")) and (n := _invoice_part(d, "number"))))
    rows = [_row(queue, document, names) for document in documents]
    rows.sort(key=lambda row: row.created_at, reverse=True)
    return sorted(rows, key=lambda row: _ORDER.get(row.status, len(_ORDER)))


def proof_rows(queue: DocumentQueue, number: str) -> list[Proof]:
    """The documents sent for the invoice ``number`` (nine digits, spaces ignored), newest first, with
    their acknowledgement (:meth:`sync.documents.DocumentQueue.proof`)."""
    return [Proof(d.id, d.status, _invoice_part(d, "batch") or "", _invoice_part(d, "number") or "",
                  d.accepted_at or d.sent_at, _ack_id(d.ack))
            for d in queue.proof("".join(number.split()))]

