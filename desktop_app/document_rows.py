"""The SCOR queue as the Documents section lists it (no Qt): read on the pool with :func:`document_rows`,
the user's work first — what is still to send, then what went wrong, then what the fund accepted — each
group newest first, with the upload's progress as the queue last heard it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.documents import DocumentQueue

__all__ = ["DocumentRow", "document_rows", "percent_sent"]

_ORDER = {"sending": 0, "sent": 0, "ready": 1, "waiting_arl": 1, "draft": 1, "paper": 2, "failed": 2, "rejected": 3,
          "accepted": 4, "purged": 5}


@dataclass(frozen=True)
class DocumentRow:
    """One scan: its state (:data:`sync.documents.STATUSES`) and reason (failed: a
    :class:`sync.errors.Reason` code; rejected: the fund's French reason), the invoice it justifies."""

    id: str
    status: str
    reason: str | None
    batch: str
    number: str
    care_date: str  # ISO
    nir: str
    pages: int
    size: int
    held: int | None  # bytes the back office holds, as the upload last heard; None: not sent in this session
    created_at: datetime
    sent_at: datetime | None


def percent_sent(row: DocumentRow) -> int | None:
    """How much of an upload under way the back office holds, in whole percent (None: nothing heard)."""
    if row.held is None or row.size <= 0:
        return None
    return min(100, row.held * 100 // row.size)


def document_rows(queue: DocumentQueue) -> list[DocumentRow]:
    """Every document of the queue, the user's work first (see the module's docstring)."""
    unlinked = {"batch": "", "number": "", "date": "", "nir": ""}  # a draft not linked yet
    rows = [DocumentRow(d.id, d.status, d.reason, (i := d.invoice or unlinked)["batch"], i["number"], str(i["date"]),
                        i["nir"], d.pages, d.size, queue.held_bytes(d.id), d.created_at, d.sent_at)
            for d in queue.documents()]
    rows.sort(key=lambda row: row.created_at, reverse=True)
    return sorted(rows, key=lambda row: _ORDER.get(row.status, len(_ORDER)))
