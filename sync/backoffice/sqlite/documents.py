"""SCOR reception on SQLite: declared documents, resumable uploads, checks on completion, content-addressed storage.

A practice declares a document under an id it chooses, with its SHA-256, size, page count and the
invoice it justifies (refused while that invoice's batch has no positive ARL); the bytes then arrive in
chunks appended to a partial file; completion checks the hash, then that the invoice is one of the
practice's degraded invoices awaiting a document (same batch, number and NIR: :mod:`.awaiting`; an
accepted document marks it justified), then the scan itself (:mod:`pdf_check`, in a child process
bounded in memory and time: a readable PDF of the declared page count, pages of A5 or more scanned at
200 dpi or more, no active content), and answers ``accepted`` or ``rejected`` with a French reason.
The verdict is an event for the doctor(s) the document concerns (:meth:`DocumentStore._verdict_recipients`).
Every step is idempotent: a client that retries whatever it likes never gets a document stored twice.

Unfinished uploads are bounded: one left idle for ``UploadLimits.expiry_seconds`` is purged, row and
bytes (at each declaration and at start-up), and then declaring it again starts it afresh; a practice
holds at most ``max_unfinished`` of them, of ``max_unfinished_bytes`` declared bytes in all.

On disk, beside the database: ``documents/`` (:mod:`document_files`, shared by every engine).

Crash safety. A chunk is written and fsynced *before* the database records the new offset, so the
database never claims bytes that are not on disk; a partial file longer than the recorded offset (a
crash between the two) is truncated back to it (:meth:`DocumentStore._reconcile`, at start-up for every
partial file and again before any use of one). An accepted object is linked (or copied to a temporary
name, fsynced and renamed) into ``objects/`` before the database says ``accepted``; leftovers of a crash
after that point are removed at start-up.

Uploads of one document are serialised by a lock per document: one process serves one storage root
(``cabinet-backoffice serve`` is a single process).
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sync.protocol.documents import MAX_DOCUMENT_PAGES

from ..config import Clock
from ..dates import utc
from ..document_files import DocumentFiles
from ..documents import (COMPLETED, NO_AWAITING_INVOICE, UNFINISHED, BatchNotAcknowledged, Document, IdConflict,
                         OffsetMismatch, UnknownDocument, UploadIncomplete, UploadLimits, admit_chunk)
from ..pdf_check import ScanLimits, check_scan
from .awaiting import awaiting_invoice, justify
from .changes import allocate_seq
from .database import Database
from .services import record_event

__all__ = ["DocumentStore"]

log = logging.getLogger(__name__)






class DocumentStore:
    """Documents of every practice: their rows in SQLite and their bytes under ``root``."""

    _LOCK_STRIPES = 64

    def __init__(self, db: Database, root: Path, clock: Clock, *, scan_limits: ScanLimits | None = None,
                 upload_limits: UploadLimits | None = None) -> None:
        self.db, self.root, self.clock = db, Path(root), clock
        self.scan_limits, self.upload_limits = scan_limits or ScanLimits(), upload_limits or UploadLimits()
        self._inspections = threading.BoundedSemaphore(self.scan_limits.at_once)
        self.files = DocumentFiles(self.root)
        self._locks = [threading.Lock() for _ in range(self._LOCK_STRIPES)]
        self._recover()

    # -- locks

    @contextmanager
    def _locked(self, row_id: int) -> Iterator[None]:
        with self._locks[row_id % self._LOCK_STRIPES]:
            yield

    # -- reading

    def _row(self, client_id: str) -> sqlite3.Row | None:
        return self.db.connection.execute("SELECT * FROM documents WHERE client_id = ?", (client_id,)).fetchone()

    def get(self, practice_id: int, client_id: str) -> Document:
        """The practice's document ``client_id``; :class:`UnknownDocument` for any other (another
        practice's document is indistinguishable from a missing one)."""
        row = self._row(client_id)
        if row is None or row["practice_id"] != practice_id:
            raise UnknownDocument()
        return Document.from_row(row)

    def page(self, practice_id: int, after: int, limit: int, status: str | None = None,
             declared_by: int | None = None) -> list[Document]:
        """Up to ``limit`` documents of the practice changed after ``after`` (``seq``), in seq order;
        only those ``declared_by`` that professional when given."""
        sql = "SELECT * FROM documents WHERE practice_id = ? AND seq > ?"
        args: list[Any] = [practice_id, after]
        if declared_by is not None:
            sql += " AND professional_id = ?"
            args.append(declared_by)
        if status:
            sql += " AND status = ?"
            args.append(status)
        rows = self.db.connection.execute(sql + " ORDER BY seq LIMIT ?", (*args, limit)).fetchall()
        return [Document.from_row(row) for row in rows]

    # -- declaring

    def declare(self, practice_id: int, professional_id: int, *, client_id: str, sha256: str, size: int,
                pages: int, invoice_batch: str, invoice_number: str, invoice_nir: str,
                invoice_date: str) -> tuple[Document, bool]:
        """Declare a document; ``(document, created)``. The same declaration again changes nothing;
        the same id with anything else (or in another practice) raises :class:`IdConflict`; a new one
        past the practice's bounds on unfinished uploads, :class:`TooManyUnfinished`; a new one for a
        degraded invoice whose batch has no positive ARL, :class:`BatchNotAcknowledged` (an invoice
        the fund does not know is declared, and rejected at completion)."""
        sha256 = sha256.lower()
        self.purge_expired()
        with self.db.transaction() as tx:
            row = tx.execute("SELECT * FROM documents WHERE client_id = ?", (client_id,)).fetchone()
            if row is not None:
                same = (row["practice_id"] == practice_id and row["sha256"] == sha256 and row["size"] == size
                        and row["pages"] == pages and row["invoice_batch"] == invoice_batch
                        and row["invoice_number"] == invoice_number and row["invoice_nir"] == invoice_nir
                        and row["invoice_date"] == invoice_date)
                if not same:
                    raise IdConflict()
                if row["status"] in UNFINISHED:
                    tx.execute("UPDATE documents SET touched_at = ? WHERE id = ?", (self.clock(), row["id"]))
                return Document.from_row(row), False
            invoice = awaiting_invoice(tx, practice_id, invoice_batch, invoice_number)
            if invoice is not None and invoice["arl"] != "positive":
                raise BatchNotAcknowledged(invoice_batch, invoice["arl"], invoice["arl_reason"])
            unfinished, held = tx.execute(
                "SELECT count(*), coalesce(sum(size), 0) FROM documents WHERE practice_id = ? "
                "AND status IN ('declared', 'uploading')", (practice_id,)).fetchone()
            self.upload_limits.check_room(unfinished, held, size)
            seq, now = allocate_seq(tx), self.clock()
            row = tx.execute(
                "INSERT INTO documents (client_id, practice_id, professional_id, sha256, size, pages, "
                "invoice_batch, invoice_number, invoice_nir, invoice_date, status, declared_at, touched_at, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'declared', ?, ?, ?) RETURNING *",
                (client_id, practice_id, professional_id, sha256, size, pages, invoice_batch, invoice_number,
                 invoice_nir, invoice_date, now, now, seq)).fetchone()
            return Document.from_row(row), True

    def purge_expired(self) -> int:
        """Delete the unfinished uploads idle for ``upload_limits.expiry_seconds``, rows and partial files;
        how many. Declaring one of them again starts it afresh."""
        cutoff = self.clock() - self.upload_limits.expiry_seconds
        stale = self.db.connection.execute(
            "SELECT id FROM documents WHERE status IN ('declared', 'uploading') AND touched_at < ?",
            (cutoff,)).fetchall()
        purged = 0
        for (row_id,) in stale:
            with self._locked(row_id):
                with self.db.transaction() as tx:  # unless a chunk or a declaration came meanwhile
                    deleted = tx.execute("DELETE FROM documents WHERE id = ? AND status IN ('declared', 'uploading') "
                                         "AND touched_at < ?", (row_id, cutoff)).rowcount
                if deleted:  # after the row: a crash in between leaves a file without a row, removed at start-up
                    self.files.discard(row_id)
                    purged += 1
        if purged:
            log.info("purged %d unfinished uploads idle since before %s", purged, utc(cutoff).isoformat())
        return purged

    # -- uploading

    def offset(self, practice_id: int, client_id: str) -> tuple[Document, int]:
        """The document and the bytes held (``size`` once completed)."""
        document = self.get(practice_id, client_id)
        if document.completed:
            return document, document.received
        with self._locked(document.row_id):
            document = self.get(practice_id, client_id)
            return document, document.received if document.completed else self._reconcile(document)

    def check_chunk(self, practice_id: int, client_id: str, start: int, end: int,
                    total: int) -> tuple[Document, int, bool]:
        """Whether a chunk ``start..end`` (inclusive) of ``total`` bytes may be sent now, before its
        body is read: ``(document, offset, needed)``; ``needed`` is False for a chunk already held."""
        document, offset = self.offset(practice_id, client_id)
        return document, offset, admit_chunk(document, offset, start, end, total)

    def append(self, practice_id: int, client_id: str, start: int, end: int, total: int, body: bytes) -> int:
        """Append the chunk ``start..end`` (inclusive; ``body`` holds exactly its bytes) and return the
        new offset. The bytes are fsynced before the offset is recorded."""
        if len(body) != end - start + 1:
            raise ValueError("the body must hold exactly the bytes of the range")
        document = self.get(practice_id, client_id)
        with self._locked(document.row_id):
            document = self.get(practice_id, client_id)
            offset = document.received if document.completed else self._reconcile(document)
            if not admit_chunk(document, offset, start, end, total):
                return offset
            self.files.write(document.row_id, offset, body)
            new_offset = end + 1
            with self.db.transaction() as tx:
                seq = allocate_seq(tx) if document.status == "declared" else document.seq
                updated = tx.execute(
                    "UPDATE documents SET received = ?, status = 'uploading', seq = ?, touched_at = ? "
                    "WHERE id = ? AND received = ? AND status IN ('declared', 'uploading')",
                    (new_offset, seq, self.clock(), document.row_id, offset)).rowcount
            if not updated:  # cannot happen while this process holds the lock; be safe anyway
                raise OffsetMismatch(self.get(practice_id, client_id).received)
            return new_offset

    def _reconcile(self, document: Document) -> int:
        """The offset really held: min(recorded offset, file size). A longer file (a crash between the
        fsync and the database update) is truncated; a shorter one (never, unless the disk lost data)
        moves the recorded offset back. Call with the document's lock held."""
        on_disk = self.files.held(document.row_id)
        if on_disk > document.received:
            log.warning("document %s: partial file holds %d bytes, %d recorded; truncating",
                        document.row_id, on_disk, document.received)
            self.files.truncate(document.row_id, document.received)
        elif on_disk < document.received:
            log.error("document %s: %d bytes recorded but only %d on disk; the client will resend them",
                      document.row_id, document.received, on_disk)
            with self.db.transaction() as tx:
                tx.execute("UPDATE documents SET received = ?, status = ? WHERE id = ? AND received = ?",
                           (on_disk, "uploading" if on_disk else "declared", document.row_id, document.received))
            return on_disk
        return document.received

    # -- completing

    def complete(self, practice_id: int, client_id: str) -> Document:
        """Check the received bytes and set ``accepted`` or ``rejected``; a completed document is
        answered as it is. :class:`UploadIncomplete` while bytes are missing."""
        document = self.get(practice_id, client_id)
        if document.completed:
            return document
        with self._locked(document.row_id):
            document = self.get(practice_id, client_id)
            if document.completed:
                return document
            offset = self._reconcile(document)
            if offset < document.size:
                raise UploadIncomplete(offset, document.size)
            invoice = self._awaited_invoice(self.db.connection, document)
            if self.files.sha256(document.row_id) != document.sha256:
                reason: str | None = ("Le contenu reçu ne correspond pas à l'empreinte SHA-256 déclarée : "
                                      "le document doit être envoyé de nouveau, sous un nouvel identifiant.")
            elif invoice is None:
                reason = NO_AWAITING_INVOICE
            else:
                reason = self._inspect(document)
            now = self.clock()
            if reason is None:
                self._store_object(document, now)
            with self.db.transaction() as tx:
                if reason is None and invoice is not None and not justify(tx, invoice, document.row_id, now):
                    reason = NO_AWAITING_INVOICE  # another document justified it meanwhile
                status = "rejected" if reason else "accepted"
                tx.execute(
                    "UPDATE documents SET status = ?, reason = ?, received_at = ?, ack_id = ?, seq = ? "
                    "WHERE id = ?",
                    (status, reason, now, "AR-" + secrets.token_hex(12), allocate_seq(tx), document.row_id))
                summary = (f"La pièce justificative de la facture {document.invoice_number} est "
                           + (f"refusée : {reason}" if reason else "acceptée par la caisse."))
                for doctor in self._verdict_recipients(tx, document):
                    record_event(tx, practice_id, doctor, f"document_{status}", f"documents/{client_id}",
                                 summary[:500], now)
            self.files.discard(document.row_id)  # the bytes now live in objects/ (accepted) or are not kept
            return self.get(practice_id, client_id)

    @staticmethod
    def _awaited_invoice(connection: sqlite3.Connection, document: Document) -> int | None:
        """The id of the practice's degraded invoice the document justifies: same batch, number and NIR,
        not justified by another document; None otherwise (the document is then rejected)."""
        invoice = awaiting_invoice(connection, document.practice_id, document.invoice_batch, document.invoice_number)
        if invoice is None or invoice["nir"] != document.invoice_nir \
                or invoice["justified_by"] not in (None, document.row_id):
            return None
        return int(invoice["id"])

    def _inspect(self, document: Document) -> str | None:
        """The scan checks in a bounded child process, at most ``scan_limits.at_once`` at a time."""
        with self._inspections:
            inspection = check_scan(self.files.partial_path(document.row_id), document.pages, MAX_DOCUMENT_PAGES,
                                    self.scan_limits)
        log.info("document %s inspected in %.2f s (CPU %s s, peak memory %s bytes): %s", document.row_id,
                 inspection.wall_seconds, inspection.cpu_seconds, inspection.peak_memory,
                 "refused" if inspection.reason else "acceptable")
        return inspection.reason

    @staticmethod
    def _verdict_recipients(tx: sqlite3.Connection, document: Document) -> list[int]:
        """Whose event feed hears the fund's verdict: the doctor(s) of the invoice the document justifies
        when the fund knows it; else the declarer, when a doctor; else (a secretary's upload for an
        invoice not known yet) every doctor (CPS) of the practice. Never the secretary: her account
        reads no events; she sees her uploads' states in ``GET /v1/documents``."""
        invoice_doctors = [row[0] for row in tx.execute(
            "SELECT DISTINCT professional_id FROM invoices WHERE practice_id = ? AND invoice_number = ? "
            "AND batch_number = ? AND patient_nir = ? ORDER BY professional_id",
            (document.practice_id, document.invoice_number, document.invoice_batch, document.invoice_nir))]
        if invoice_doctors:
            return invoice_doctors
        declarer = tx.execute("SELECT card_type FROM professionals WHERE id = ?",
                              (document.professional_id,)).fetchone()
        if declarer is not None and declarer[0] in ("CPS", "CPF"):
            return [document.professional_id]
        return [row[0] for row in tx.execute(
            "SELECT id FROM professionals WHERE practice_id = ? AND card_type = 'CPS' ORDER BY id",
            (document.practice_id,))]

    def _store_object(self, document: Document, now: float) -> None:
        """The verified bytes kept by content, then recorded."""
        self.files.keep(document.row_id, document.sha256)
        with self.db.transaction() as tx:
            tx.execute("INSERT OR IGNORE INTO document_objects (sha256, size, stored_at) VALUES (?, ?, ?)",
                       (document.sha256, document.size, now))

    # -- start-up

    def _recover(self) -> None:
        """After a restart: expired uploads purged, partial files truncated to the recorded offsets,
        leftovers removed."""
        self.purge_expired()
        for row_id in self.files.partial_row_ids():
            row = self.db.connection.execute("SELECT * FROM documents WHERE id = ?", (row_id,)).fetchone()
            if row is None or row["status"] in COMPLETED:
                self.files.discard(row_id)
                continue
            document = Document.from_row(row)
            with self._locked(document.row_id):
                self._reconcile(document)
        self.files.remove_temporaries()
