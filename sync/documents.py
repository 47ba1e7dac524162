"""The SCOR queue: justifying documents kept encrypted on this workstation from the scan to the
fund's answer, and 33 months after it, uploaded in resumable chunks.

Lifecycle (column ``status``)::

    draft ──link, mark_ready──▶ ready ──▶ waiting_arl ──▶ sending ──▶ sent ──▶ accepted ──33 months──▶ purged
      ▲                          │   ▲        (batch ARL          │               └──▶ rejected ──resend──▶ new draft
      └──────back_to_draft───────┘   └──────── not positive)      └──5 days of failures──▶ paper
    failed: the sealed scan's file is gone (it cannot be sent)

Nothing is lost, nothing is sent twice:

- A sealed scan is written to a temporary name, fsynced and renamed to the SHA-256 of the plaintext
  *before* the row is committed: a row never names a file that is not on disk. A crash in between
  leaves a file without a row, removed on the next open.
- The document id (uuid4) is chosen and committed before the first request, and the server applies a
  declaration, a chunk and a completion once whatever the repeats. A document is ``sending`` *before*
  its declaration leaves (from then on the server may know it, so its content and link are frozen);
  a crash at any point is resumed by declaring again and asking the server's offset, never by making a
  second document. An upload left unfinished so long that the server purged it is declared again.
- A document is declared only after its batch's positive acknowledgement (ARL): the store's
  ``awaiting`` domain says so when it knows the batch; otherwise the server does, with ``409
  batch-not-acknowledged``. Either way the document waits (``waiting_arl``), no failure counted.
- A failed sending (unreachable, unavailable, a broken answer) is retried after
  min(1 h, 30 s × 2^attempts), jittered; 5 days after its first failure it is ``paper``: to be posted.
- A scan file is named by its content (identical scans under two invoices are stored once) and sealed
  with its hash as associated data; the NIR in the row is sealed too. The folder is its owner's only
  (0700) and each file too (0600), also when an older version left them readable.
- Retention: 33 calendar months after acceptance the file (when no other row needs it), the sealed NIR,
  the page flags and the source name go; the row stays ``purged`` with its batch, number and the
  server's acknowledgement. Every transition is in ``document_audit`` (codes and invoice numbers only).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import logging
import random
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol, TypedDict

from pydantic import ValidationError

from sync.protocol.documents import (
    MAX_DOCUMENT_PAGES,
    MAX_DOCUMENT_SIZE,
    DocumentDeclaration,
    DocumentState,
    InvoiceRef,
)

from .client import BackofficeClient
from .database import Database
from .errors import Offline, ProtocolError, Reason, Rejected, ServerUnavailable, SyncError
from .schema import insert
from .store import Store
from .vault import TEMPORARY, Vault, private_file, private_folder, write_private

__all__ = ["CHUNK_SIZE", "FIRST_DELAY", "LONGEST_DELAY", "MISSING_FILE", "PAPER_AFTER", "PENDING", "RETENTION_MONTHS",
           "STATUSES", "ArlLookup", "AuditEntry", "AwaitingLookup", "DocumentQueue", "Documents", "Invoice", "LinkError", "Normalised",
           "QueuedDocument", "StateError", "add_months"]

log = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024
STATUSES = ("draft", "ready", "waiting_arl", "sending", "sent", "accepted", "rejected", "paper", "failed", "purged")
PENDING = ("ready", "waiting_arl", "sending", "sent")  # to be sent by the engine's passes
MISSING_FILE = Reason.SCAN_FILE_MISSING  # the reason of a document that failed: its scan's file is gone
PAPER_AFTER = timedelta(days=5)  # of failed sendings, counted from the first: then it goes by post
RETENTION_MONTHS = 33  # after acceptance (the SCOR experiment's bound, DOMAIN.md)
FIRST_DELAY, LONGEST_DELAY = 30.0, 3600.0  # seconds between two attempts of a failing document
# answers that say "go on" rather than "refused": the upload resumes from the server's offset next time
# (or, the practice holding too many unfinished uploads on the server, is declared again next time)
_RESUMABLE = {"upload-offset-mismatch", "upload-incomplete", "document-completed", "too-many-unfinished-uploads"}
_NOT_ACKNOWLEDGED = "batch-not-acknowledged"
_NIR = re.compile(r"[1-478]\d{4}(\d\d|2A|2B)\d{6}\d\d")

ArlLookup = Callable[[str], tuple[str, str | None] | None]  # batch -> (arl, reason), None when unknown


class Invoice(TypedDict):
    """The invoice a scan justifies: batch (3 digits), number (9 digits), the patient's NIR, care date."""

    batch: str
    number: str
    nir: str
    date: str | date


class LinkError(ValueError):
    """A link refused before anything is stored; ``code`` is for the window to put in words:
    ``invalid-invoice`` (batch, number or date malformed), ``invalid-nir`` (malformed or wrong key),
    ``not-awaiting`` (no degraded invoice of the practice waits under that batch and number),
    ``nir-mismatch`` (it does, for another patient), ``already-justified``, ``incomplete`` (no link)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class StateError(ValueError):
    """The document is not in a state that allows this (e.g. editing one the server may already hold)."""


class AwaitingLookup(Protocol):
    """What the queue asks of the practice's degraded invoices waiting for their document
    (``store.awaiting``): a row with ``nir`` and ``justified``, and a batch's ARL."""

    def find(self, batch: str, number: str) -> Any: ...

    def arl(self, batch: str) -> tuple[str, str | None] | None: ...


class Normalised(Protocol):
    """What :func:`sync.capture.normalise.normalise` makes: the PDF, its page count, each page's flags."""

    pdf: bytes
    pages: int
    flags: tuple[Iterable[Any], ...]


@dataclass(frozen=True)
class QueuedDocument:
    id: str
    sha256: str
    size: int
    pages: int
    invoice: Invoice | None  # None: a draft not linked yet; a purged one keeps all but the NIR ("")
    status: str  # one of STATUSES
    reason: str | None  # failed: a Reason code; rejected: the server's French reason; paper: why, in French;
    # waiting_arl: the fund's reason of a negative ARL
    ack: dict | None  # the server's last answer
    created_at: datetime
    sent_at: datetime | None
    flags: tuple[frozenset[str], ...] = ()  # per page, the quality flags' codes (quality.Flag values)
    source_name: str | None = None
    attempts: int = 0  # failed sendings since the first failure
    next_attempt_at: datetime | None = None
    origin_key: str | None = None
    first_failure_at: datetime | None = None
    accepted_at: datetime | None = None
    replaces: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    document_id: str
    event: str  # the new status, or linked, content, deleted, resent
    detail: str | None  # codes, batch and invoice numbers, the server's ack id: never a NIR nor a name


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` that many calendar months later, the day clamped to the month's last (31/05 + 1 → 30/06)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _flag_codes(flags: Iterable[Iterable[Any]]) -> str:
    return json.dumps([sorted(str(getattr(flag, "value", flag)) for flag in page) for page in flags])


def _checked_invoice(invoice: Invoice) -> InvoiceRef:
    """The wire model of ``invoice`` with its NIR's key checked (spaces dropped, upper case)."""
    try:
        ref = InvoiceRef.model_validate(dict(invoice))
    except ValidationError as error:
        raise LinkError("invalid-nir" if any(e["loc"] == ("nir",) for e in error.errors()) else "invalid-invoice",
                        str(error)) from None
    nir = ref.nir.replace(" ", "").upper()
    if not _NIR.fullmatch(nir):
        raise LinkError("invalid-nir")
    department = {"2A": "19", "2B": "18"}.get(nir[5:7], nir[5:7])
    if 97 - int(nir[:5] + department + nir[7:13]) % 97 != int(nir[13:]):
        raise LinkError("invalid-nir", "wrong key")
    return ref.model_copy(update={"nir": nir})


class Documents:
    """The queue's rows in the store: one per scan, its invoice's NIR sealed (``documents/<id>``), and
    the audit log of their transitions."""

    def __init__(self, database: Database, vault: Vault) -> None:
        self._database, self._vault = database, vault

    def add(self, document_id: str, sha256: str, size: int, pages: int, invoice: InvoiceRef | None, *,
            status: str = "ready", flags: str | None = None, source_name: str | None = None,
            origin_key: str | None = None, replaces: str | None = None) -> None:
        """A new row (``ready`` by default: :meth:`DocumentQueue.add`'s linked scans)."""
        now = _iso(_now())
        row = {"id": document_id, "sha256": sha256, "size": size, "pages": pages, "status": status,
               "created_at": now, "flags": flags, "source_name": source_name, "origin_key": origin_key,
               "replaces": replaces, **self._invoice_columns(document_id, invoice)}
        with self._database.transaction() as tx:
            insert(tx, "documents", [row])
            self._audit(tx, document_id, status, "replaces " + replaces if replaces else None)

    def _invoice_columns(self, document_id: str, invoice: InvoiceRef | None) -> dict[str, Any]:
        if invoice is None:
            return {"invoice_batch": None, "invoice_number": None, "invoice_date": None, "invoice_nir": None}
        return {"invoice_batch": invoice.batch, "invoice_number": invoice.number,
                "invoice_date": invoice.date.isoformat(),
                "invoice_nir": self._vault.seal_text(invoice.nir, f"documents/{document_id}")}

    @staticmethod
    def _audit(tx: sqlite3.Connection, document_id: str, event: str, detail: str | None = None,
               at: datetime | None = None) -> None:
        insert(tx, "document_audit", [{"at": _iso(at or _now()), "document_id": document_id, "event": event,
                                       "detail": detail}])

    def get(self, document_id: str) -> QueuedDocument | None:
        row = self._database.connection.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return self._document(row) if row is not None else None

    def search(self, status: str | None = None) -> list[QueuedDocument]:
        """Oldest first; ``status`` one of :data:`STATUSES`."""
        sql, args = "SELECT * FROM documents", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        return [self._document(r) for r in self._database.connection.execute(sql + " ORDER BY created_at, id", args)]

    def select(self, where: str, args: tuple[Any, ...] = ()) -> list[QueuedDocument]:
        return [self._document(r) for r in self._database.connection.execute(
            f"SELECT * FROM documents WHERE {where} ORDER BY created_at, id", args)]

    def count(self, where: str, args: tuple[Any, ...] = ()) -> int:
        return self._database.connection.execute(f"SELECT count(*) FROM documents WHERE {where}", args).fetchone()[0]

    def hashes(self) -> set[str]:
        """The SHA-256 of every scan a row still needs: the files to keep."""
        return {sha for sha, in self._database.connection.execute(
            "SELECT DISTINCT sha256 FROM documents WHERE status != 'purged'")}

    def fail_missing(self, present: Callable[[str], bool], reason: str) -> list[tuple[str, str]]:
        """Mark failed, with ``reason``, every row to send (or being made) whose scan is not ``present``,
        in one transaction; the (id, status) of the finished ones whose scan is missing too."""
        finished = []
        with self._database.transaction() as tx:
            for row in tx.execute("SELECT id, sha256, status FROM documents WHERE status != 'purged'").fetchall():
                if present(row["sha256"]):
                    continue
                if row["status"] in (*PENDING, "draft"):
                    tx.execute("UPDATE documents SET status = 'failed', reason = ? WHERE id = ?", (reason, row["id"]))
                    self._audit(tx, row["id"], "failed", reason)
                else:
                    finished.append((row["id"], row["status"]))
        return finished

    def update(self, document_id: str, *, event: str | None = None, detail: str | None = None,
               expect: Iterable[str] | None = None, at: datetime | None = None, **columns: Any) -> None:
        """Set ``columns`` of the row in one transaction, with an audit entry ``event`` when given;
        StateError when the row's status is not in ``expect`` (checked in that same transaction)."""
        with self._database.transaction() as tx:
            row = tx.execute("SELECT status FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise KeyError(document_id)
            if expect is not None and row["status"] not in tuple(expect):
                raise StateError(f"document {document_id} is {row['status']}")
            if columns:
                tx.execute(f"UPDATE documents SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id",
                           {**columns, "id": document_id})
            if event is not None:
                self._audit(tx, document_id, event, detail, at)

    def set_status(self, document_id: str, status: str, reason: str | None = None,
                   ack: dict[str, Any] | None = None, at: datetime | None = None, detail: str | None = None) -> None:
        """A new status, with its reason; ``ack`` (the server's answer) replaces the last one if given.
        A final answer (accepted, rejected) dates it and ends the count of failures."""
        at = at or _now()
        columns: dict[str, Any] = {"status": status, "reason": reason}
        if ack is not None:
            columns["ack"] = json.dumps(ack)
        if status in ("accepted", "rejected"):
            columns.update(sent_at=_iso(at), attempts=0, first_failure_at=None, next_attempt_at=None)
        if status == "accepted":
            columns["accepted_at"] = _iso(at)
        self.update(document_id, event=status, detail=detail, at=at, **columns)

    def delete_draft(self, document_id: str) -> None:
        """Delete a draft's row, with an audit entry, in one transaction (StateError if not a draft)."""
        with self._database.transaction():
            self.update(document_id, event="deleted", expect=("draft",))
            self._database.connection.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def set_invoice(self, document_id: str, invoice: InvoiceRef, expect: Iterable[str]) -> None:
        self.update(document_id, event="linked", detail=f"batch {invoice.batch} invoice {invoice.number}",
                    expect=expect, **self._invoice_columns(document_id, invoice))

    def audit(self, document_id: str | None = None) -> list[AuditEntry]:
        sql, args = "SELECT * FROM document_audit", ()
        if document_id is not None:
            sql, args = sql + " WHERE document_id = ?", (document_id,)
        return [AuditEntry(datetime.fromisoformat(r["at"]), r["document_id"], r["event"], r["detail"])
                for r in self._database.connection.execute(sql + " ORDER BY id", args)]

    def _document(self, row: sqlite3.Row) -> QueuedDocument:
        invoice: Invoice | None = None
        if row["invoice_batch"] is not None:
            nir = (self._vault.open_text(row["invoice_nir"], f"documents/{row['id']}")
                   if row["invoice_nir"] is not None else "")
            invoice = {"batch": row["invoice_batch"], "number": row["invoice_number"], "nir": nir,
                       "date": row["invoice_date"]}
        flags = tuple(frozenset(page) for page in json.loads(row["flags"])) if row["flags"] else ()
        return QueuedDocument(row["id"], row["sha256"], row["size"], row["pages"], invoice, row["status"],
                              row["reason"], json.loads(row["ack"]) if row["ack"] else None,
                              datetime.fromisoformat(row["created_at"]), _moment(row["sent_at"]), flags,
                              row["source_name"], row["attempts"], _moment(row["next_attempt_at"]),
                              row["origin_key"], _moment(row["first_failure_at"]), _moment(row["accepted_at"]),
                              row["replaces"])


class DocumentQueue:
    """Scans from their draft to the fund's answer, in ``store_dir`` (files) and ``store`` (rows).

    One queue per store; its rows may be read and its drafts edited from any thread (the engine's
    thread uploads). ``awaiting`` (by default the store's ``awaiting`` domain when it has one) checks
    links; ``arl(batch)`` answers a batch's acknowledgement, ``(arl, reason)`` or None when unknown, by
    default ``awaiting.arl``; without either every batch counts as acknowledged (the server still
    answers ``batch-not-acknowledged``). A failing document is tried
    again after min(1 h, ``first_delay`` × 2^attempts) seconds, jittered by ``rng``."""

    def __init__(self, store_dir: Path, store: Store, vault: Vault, *, chunk_size: int = CHUNK_SIZE,
                 awaiting: AwaitingLookup | None = None, arl: ArlLookup | None = None,
                 rng: random.Random | None = None, first_delay: float = FIRST_DELAY) -> None:
        self._dir, self._vault, self._chunk = Path(store_dir), vault, chunk_size
        self._rows = Documents(store.database, vault)
        self._awaiting = awaiting if awaiting is not None else getattr(store, "awaiting", None)
        self._arl = arl if arl is not None else (self._awaiting.arl if self._awaiting is not None else None)
        self._random, self._first_delay = rng or random.Random(), first_delay
        self._held: dict[str, int] = {}  # document id -> bytes the server holds, as this run last heard
        self._files = threading.RLock()  # a file's writing and its row, or a row's end and the file's removal
        private_folder(self._dir)
        self._reconcile()

    @property
    def folder(self) -> Path:
        """Where the sealed scans are kept (its size is a Diagnostics fact)."""
        return self._dir

    # -- on disk -----------------------------------------------------------------------------------

    def _path(self, sha256: str) -> Path:
        return self._dir / sha256

    def _reconcile(self) -> None:
        """After a crash: drop temporary files and files no row needs (an ``add`` that did not commit, a
        purge or an edit that did); mark rows to send whose file is gone as failed (:data:`MISSING_FILE`),
        never dropping them. The files kept are made private (0600)."""
        known = self._rows.hashes()
        for path in self._dir.iterdir():
            if path.is_file() and (TEMPORARY in path.name or path.name not in known):
                path.unlink(missing_ok=True)
            elif path.is_file():
                private_file(path)
        for document_id, status in self._rows.fail_missing(lambda sha256: self._path(sha256).exists(), MISSING_FILE):
            log.warning("the local copy of document %s (%s) is missing", document_id, status)

    def _write(self, sha256: str, pdf: bytes) -> None:
        """Sealed file under its final name, durably (:func:`sync.vault.write_private`)."""
        target = self._path(sha256)
        if not target.exists():  # else the same scan is already kept (content-addressed)
            write_private(target, self._vault.seal(pdf, sha256.encode()))

    def _drop_unused(self, sha256: str) -> None:
        """Remove the scan's file once no row needs it (a crash before this: the next open does it)."""
        if sha256 not in self._rows.hashes():
            self._path(sha256).unlink(missing_ok=True)

    # -- making documents --------------------------------------------------------------------------

    def add(self, pdf_bytes: bytes, *, pages: int, invoice: Invoice) -> QueuedDocument:
        """Keep a scan already linked, ready to send; saved (file and row) once this returns. The
        invoice is checked against the wire model now, so that a typo is refused here rather than at
        upload time (the awaiting list is :meth:`link`'s check: the server makes it anyway)."""
        ref = InvoiceRef.model_validate(dict(invoice))
        return self._new(pdf_bytes, pages, ref, status="ready")

    def add_draft(self, pdf: bytes, pages: int, *, flags: Iterable[Iterable[Any]] = (),
                  source_name: str | None = None, origin_key: str | None = None,
                  invoice: Invoice | None = None) -> QueuedDocument:
        """A normalised scan kept as a draft, to be checked, linked and made ready by the user; saved
        once this returns. ``origin_key`` names what it was made of (:attr:`ScanFolder.Arrival.key`),
        so that a capture cut after this is not made twice (:meth:`has_origin`); ``invoice`` a link
        proposed already (checked as :meth:`link`)."""
        ref = self._valid_link(invoice) if invoice is not None else None
        return self._new(pdf, pages, ref, status="draft", flags=_flag_codes(flags), source_name=source_name,
                         origin_key=origin_key)

    def _new(self, pdf: bytes, pages: int, invoice: InvoiceRef | None, **row: Any) -> QueuedDocument:
        _check_content(len(pdf), pages)
        sha256 = hashlib.sha256(pdf).hexdigest()
        document_id = str(uuid.uuid4())
        with self._files:
            self._write(sha256, pdf)  # before the row: a row never names a missing file
            self._rows.add(document_id, sha256, len(pdf), pages, invoice, **row)
        return self.get(document_id)

    def has_origin(self, origin_key: str) -> bool:
        """Whether a document was made of that origin already (a draft, or anything since)."""
        return self._rows.count("origin_key = ?", (origin_key,)) > 0

    def replace_content(self, document_id: str, normalised: Normalised) -> QueuedDocument:
        """New pages for a draft (the page editor's result); the old file goes when no row needs it."""
        old = self.get(document_id)
        pdf = normalised.pdf
        _check_content(len(pdf), normalised.pages)
        sha256 = hashlib.sha256(pdf).hexdigest()
        with self._files:
            self._write(sha256, pdf)
            try:
                self._rows.update(document_id, event="content", detail=f"{normalised.pages} pages",
                                  expect=("draft",), sha256=sha256, size=len(pdf), pages=normalised.pages,
                                  flags=_flag_codes(normalised.flags))
            finally:
                for unused in {old.sha256, sha256}:  # the old one, or the new one when refused
                    self._drop_unused(unused)
        self._held.pop(document_id, None)
        return self.get(document_id)

    def delete_draft(self, document_id: str) -> None:
        """Forget a draft (its file too when no other row needs it); the audit log keeps that it was."""
        document = self.get(document_id)
        with self._files:
            self._rows.delete_draft(document_id)
            self._drop_unused(document.sha256)

    # -- the link ----------------------------------------------------------------------------------

    def _valid_link(self, invoice: Invoice) -> InvoiceRef:
        """The invoice checked (LinkError): well formed, and one of the practice's degraded invoices
        still waiting, for the same patient, when the store has that list."""
        ref = _checked_invoice(invoice)
        if self._awaiting is not None:
            row = self._awaiting.find(ref.batch, ref.number)
            if row is None:
                raise LinkError("not-awaiting", f"batch {ref.batch} invoice {ref.number}")
            if str(row.nir).replace(" ", "").upper() != ref.nir:
                raise LinkError("nir-mismatch", f"batch {ref.batch} invoice {ref.number}")
            if getattr(row, "justified", False):
                raise LinkError("already-justified", f"batch {ref.batch} invoice {ref.number}")
        return ref

    def link(self, document_id: str, invoice: Invoice) -> QueuedDocument:
        """Link a draft (or a ready one, which stays ready) to its invoice; LinkError when invalid."""
        self._rows.set_invoice(document_id, self._valid_link(invoice), expect=("draft", "ready", "waiting_arl"))
        return self.get(document_id)

    def mark_ready(self, document_id: str) -> QueuedDocument:
        """The user is done with a draft: it goes out with the next passes. It needs a complete, valid
        link (LinkError ``incomplete`` or the link's own code)."""
        document = self.get(document_id)
        if document.status != "draft":
            raise StateError(f"document {document_id} is {document.status}")
        if document.invoice is None:
            raise LinkError("incomplete")
        self._valid_link(document.invoice)
        self._rows.update(document_id, event="ready", expect=("draft",), status="ready", reason=None)
        return self.get(document_id)

    def back_to_draft(self, document_id: str) -> QueuedDocument:
        """Take a document not sent yet back to edit it (pages, link)."""
        self._rows.update(document_id, event="draft", expect=("ready", "waiting_arl"), status="draft", reason=None,
                          attempts=0, first_failure_at=None, next_attempt_at=None)
        return self.get(document_id)

    def resend(self, document_id: str) -> QueuedDocument:
        """A rejected document sent again as a new document: a draft with the same pages and link, to
        fix (pages, link) before making it ready. The rejected one stays as the fund's answer."""
        rejected = self.get(document_id)
        if rejected.status != "rejected":
            raise StateError(f"document {document_id} is {rejected.status}")
        ref = InvoiceRef.model_validate(dict(rejected.invoice)) if rejected.invoice else None
        copy = self._new(self.read(rejected), rejected.pages, ref, status="draft",
                         flags=json.dumps([sorted(page) for page in rejected.flags]),
                         source_name=rejected.source_name, replaces=rejected.id)
        self._rows.update(document_id, event="resent", detail=copy.id)
        return copy

    # -- reading -----------------------------------------------------------------------------------

    def get(self, document_id: str) -> QueuedDocument:
        document = self._rows.get(document_id)
        if document is None:
            raise KeyError(document_id)
        return document

    def documents(self, status: str | None = None) -> list[QueuedDocument]:
        """Oldest first; ``status`` one of :data:`STATUSES`."""
        return self._rows.search(status)

    def proof(self, invoice_number: str) -> list[QueuedDocument]:
        """Every document sent for that invoice (accepted, rejected, purged, on paper...), newest first:
        the back office's acknowledgement of each is its ``ack``, kept after the purge too."""
        found = self._rows.select("invoice_number = ? AND status NOT IN ('draft', 'ready')", (invoice_number,))
        return sorted(found, key=lambda d: (d.sent_at or d.created_at, d.created_at), reverse=True)

    def audit(self, document_id: str | None = None) -> list[AuditEntry]:
        """The log of transitions, oldest first: one document's, or all."""
        return self._rows.audit(document_id)

    def held_bytes(self, document_id: str) -> int | None:
        """How many bytes of the document the server holds, as this run's upload last heard it (its
        progress, read from any thread); None when no upload of it ran since the queue was opened."""
        return self._held.get(document_id)

    def progress(self) -> tuple[int, int]:
        """Overall (bytes the server holds, bytes to send) of the documents waiting to be sent."""
        held = total = 0
        for document in self._rows.select(f"status IN ({','.join('?' * len(PENDING))})", PENDING):
            total += document.size
            held += document.size if document.status == "sent" else self._held.get(document.id, 0)
        return held, total

    def read(self, document: QueuedDocument) -> bytes:
        """The scan in clear (VaultError if the file was tampered with or swapped)."""
        return self._vault.open(self._path(document.sha256).read_bytes(), document.sha256.encode())

    # -- retention ---------------------------------------------------------------------------------

    def purge_expired(self, now: datetime | None = None,
                      discard_original: Callable[[str], None] | None = None) -> int:
        """Purge the documents accepted :data:`RETENTION_MONTHS` calendar months ago or more: their
        file (when no other row needs it), sealed NIR, flags and source name; the row stays ``purged``
        with its batch, number and acknowledgement. ``discard_original(origin_key)`` is called first
        for an origin no other kept document shares, to delete the original from the scan folder's
        archive (:meth:`sync.capture.ingest.Ingest.purge_expired`); it must be idempotent, as a crash
        after it and before the row's commit calls it again. How many were purged."""
        now = now or _now()
        purged = 0
        for document in self._rows.select("status = 'accepted' AND accepted_at IS NOT NULL"):
            if add_months(document.accepted_at, RETENTION_MONTHS) > now:
                continue
            if discard_original is not None and document.origin_key and self._rows.count(
                    "origin_key = ? AND status != 'purged' AND id != ?", (document.origin_key, document.id)) == 0:
                discard_original(document.origin_key)
            with self._files:
                self._rows.update(document.id, event="purged", expect=("accepted",), at=now, status="purged",
                                  purged_at=_iso(now), invoice_nir=None, flags=None, source_name=None)
                self._drop_unused(document.sha256)
            purged += 1
        return purged

    # -- upload ------------------------------------------------------------------------------------

    def upload_pending(self, client: BackofficeClient, stopping: Callable[[], bool] = lambda: False,
                       now: datetime | None = None) -> int:
        """Send every document due (ready, waiting for an ARL, or under way) whose batch is acknowledged;
        returns how many got the server's final word. A failure of the network or the server is counted
        on the document (backoff, paper after :data:`PAPER_AFTER`) and propagates, as do SessionExpired
        and Forbidden: the next pass resumes it from the server's offset."""
        now = now or _now()
        done = 0
        for document in self._rows.select(f"status IN ({','.join('?' * len(PENDING))})", PENDING):
            if stopping():
                break
            if document.next_attempt_at is not None and document.next_attempt_at > now:
                continue  # backing off
            if document.status in ("ready", "waiting_arl") and not self._acknowledged(document):
                continue
            try:
                done += self._attempt(client, document, now)
            except (Offline, ServerUnavailable, ProtocolError) as error:
                self._failed(document.id, error, now)
                raise
        return done

    def _acknowledged(self, document: QueuedDocument) -> bool:
        """Whether the document may be declared: its batch's ARL is positive or unknown here (the
        server then says). Else it waits, with the fund's reason of a negative ARL."""
        known = self._arl(document.invoice["batch"]) if self._arl is not None and document.invoice else None
        if known is None or known[0] == "positive":
            return True
        reason = known[1] if known[0] == "negative" else None
        if (document.status, document.reason) != ("waiting_arl", reason):
            self._rows.update(document.id, event="waiting_arl", detail=f"arl {known[0]}", status="waiting_arl",
                              reason=reason)
        return False

    def _attempt(self, client: BackofficeClient, document: QueuedDocument, now: datetime) -> int:
        """1 when the document got the server's final word, else 0 (it waits)."""
        try:
            self._upload(client, document, now)
        except Rejected as refused:
            slug = refused.problem.slug
            if slug == _NOT_ACKNOWLEDGED:
                self._rows.update(document.id, event="waiting_arl", detail="arl not positive on the server",
                                  status="waiting_arl", reason=None)
                return 0
            if slug in _RESUMABLE:
                if slug == "too-many-unfinished-uploads" and document.status in ("ready", "waiting_arl"):
                    # its declaration was refused: the server does not know it, it may still be edited
                    self._rows.update(document.id, event=document.status, detail=slug, status=document.status)
                return 0  # e.g. completed between two calls: the next pass sees where it is
            self._rows.set_status(document.id, "rejected", refused.problem.detail,
                                  {"type": refused.problem.type, "status": refused.problem.status},
                                  detail=slug)
        return 1

    def _failed(self, document_id: str, error: SyncError, now: datetime) -> None:
        """Count a failed sending: retry after a jittered backoff, or go on paper after 5 days."""
        document = self.get(document_id)
        first = document.first_failure_at or now
        if now - first >= PAPER_AFTER:
            self._rows.update(document_id, event="paper", detail=type(error).__name__, status="paper",
                              reason=_paper_reason(error), next_attempt_at=None)
            return
        base = min(LONGEST_DELAY, self._first_delay * 2 ** min(document.attempts, 20))
        due = now + timedelta(seconds=base / 2 + self._random.uniform(0, base / 2))
        if isinstance(error, ServerUnavailable) and error.until is not None:
            due = max(due, error.until)  # not before the end of a maintenance it announced
        self._rows.update(document_id, attempts=document.attempts + 1, first_failure_at=_iso(first),
                          next_attempt_at=_iso(due))

    def _upload(self, client: BackofficeClient, document: QueuedDocument, now: datetime) -> None:
        if not self._path(document.sha256).exists():
            self._rows.set_status(document.id, "failed", MISSING_FILE, at=now)
            return
        invoice = InvoiceRef.model_validate(dict(document.invoice))
        declaration = DocumentDeclaration(id=document.id, sha256=document.sha256, size=document.size,
                                          pages=document.pages, invoice=invoice)
        editable = document.status in ("ready", "waiting_arl")
        if editable:  # from now on the server may know it: frozen
            self._rows.update(document.id, event="sending", status="sending", reason=None)
        try:
            state = client.declare_document(declaration)
        except Offline as unreached:
            if editable and not unreached.may_have_arrived:  # it never left: still the user's to edit
                self._rows.update(document.id, event=document.status, detail="unreached", status=document.status)
            raise
        if state.status in ("accepted", "rejected"):  # finished before a crash lost the answer
            self._finish(document.id, state, now)
            return
        content = self.read(document)
        offset = self._held[document.id] = _checked_offset(document, client.document_offset(document.id), 0)
        while offset < document.size:
            answer = client.put_document_chunk(document.id, content[offset:offset + self._chunk], offset,
                                               document.size)
            offset = self._held[document.id] = _checked_offset(document, answer, offset + 1)
        if document.status != "sent":
            self._rows.update(document.id, event="sent", status="sent")
        self._finish(document.id, client.complete_document(document.id), now)

    def _finish(self, document_id: str, state: DocumentState, now: datetime) -> None:
        self._rows.set_status(document_id, state.status, state.reason, state.model_dump(mode="json"), at=now)


def _check_content(size: int, pages: int) -> None:
    """A document the back office can take at all (ValueError otherwise): checked when it is kept."""
    if not (1 <= size <= MAX_DOCUMENT_SIZE and 1 <= pages <= MAX_DOCUMENT_PAGES):
        raise ValueError(f"a document of {size} bytes and {pages} pages cannot be sent "
                         f"(at most {MAX_DOCUMENT_SIZE} bytes and {MAX_DOCUMENT_PAGES} pages)")


def _paper_reason(error: SyncError) -> str:
    """Why a document goes by post, in French, for the secretary (the window shows it as it is)."""
    if isinstance(error, Offline):
        cause = "le service de l'Assurance Maladie est resté injoignable"
    elif isinstance(error, ServerUnavailable):
        cause = "le service de l'Assurance Maladie est resté indisponible"
    else:
        cause = "le service de l'Assurance Maladie a répondu de façon incompréhensible"
    return (f"L'envoi a échoué pendant 5 jours ({cause}) : imprimez ce document et envoyez-le "
            "sur papier à la caisse.")


def _checked_offset(document: QueuedDocument, offset: int, least: int) -> int:
    """The server's offset, which must lie in ``least..size``: after a chunk it must move forward, or
    an offset flipping between two values would have the same bytes sent for ever."""
    if not least <= offset <= document.size:
        raise ProtocolError(f"document {document.id}: the server's offset {offset} is outside "
                            f"{least}..{document.size}")
    return offset
