"""The SCOR queue: scanned justifying documents kept encrypted on this workstation until the back
office has accepted (or rejected) them, uploaded in resumable chunks.

Nothing is lost, nothing is sent twice:

- :meth:`DocumentQueue.add` writes the sealed scan to a temporary name, fsyncs it and renames it to
  the SHA-256 of the plaintext *before* the row is committed: a row never names a file that is not on
  disk. A crash in between leaves a file without a row, removed on the next open.
- The document id (uuid4) is chosen and committed before the first request, and the server applies a
  declaration, a chunk and a completion once whatever the repeats: a crash at any point is resumed by
  declaring again and asking the server's offset (the server's offset is the truth), never by making
  a second document. An upload left unfinished so long that the server purged it is declared again
  the same way, and sent whole.
- A scan file is named by its content (identical scans under two invoices are stored once) and sealed
  with its hash as associated data; the NIR in the row is sealed too. The folder is its owner's only
  (0700) and each file too (0600), also when an older version left them readable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypedDict

from sync.protocol.documents import DocumentDeclaration, DocumentState, InvoiceRef

from .client import BackofficeClient
from .database import Database
from .errors import ProtocolError, Reason, Rejected
from .schema import insert
from .store import Store
from .vault import TEMPORARY, Vault, private_file, private_folder, write_private

__all__ = ["CHUNK_SIZE", "MISSING_FILE", "PENDING", "DocumentQueue", "Documents", "Invoice", "QueuedDocument"]

log = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024
PENDING = ("queued", "uploading")
MISSING_FILE = Reason.SCAN_FILE_MISSING  # the reason of a document that failed: its scan's file is gone
# answers that say "go on" rather than "refused": the upload resumes from the server's offset next time
# (or, the practice holding too many unfinished uploads on the server, is declared again next time)
_RESUMABLE = {"upload-offset-mismatch", "upload-incomplete", "document-completed", "too-many-unfinished-uploads"}


class Invoice(TypedDict):
    """The invoice a scan justifies: batch (3 digits), number (9 digits), the patient's NIR, care date."""

    batch: str
    number: str
    nir: str
    date: str | date


@dataclass(frozen=True)
class QueuedDocument:
    id: str
    sha256: str
    size: int
    pages: int
    invoice: Invoice
    status: str  # queued, uploading, accepted, rejected, failed
    reason: str | None  # failed: a Reason code; rejected: the server's French reason (its problem type in ack)
    ack: dict | None  # the server's last answer
    created_at: datetime
    sent_at: datetime | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Documents:
    """The queue's rows in the store: one per scan, its invoice's NIR sealed (``documents/<id>``)."""

    def __init__(self, database: Database, vault: Vault) -> None:
        self._database, self._vault = database, vault

    def add(self, document_id: str, sha256: str, size: int, pages: int, invoice: InvoiceRef) -> None:
        """A new row, queued."""
        row = {"id": document_id, "sha256": sha256, "size": size, "pages": pages, "invoice_batch": invoice.batch,
               "invoice_number": invoice.number, "invoice_date": invoice.date.isoformat(),
               "invoice_nir": self._vault.seal_text(invoice.nir, f"documents/{document_id}"), "status": "queued",
               "created_at": _now()}
        with self._database.transaction() as tx:
            insert(tx, "documents", [row])

    def get(self, document_id: str) -> QueuedDocument | None:
        row = self._database.connection.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return self._document(row) if row is not None else None

    def search(self, status: str | None = None) -> list[QueuedDocument]:
        """Oldest first; ``status`` one of queued, uploading, accepted, rejected, failed."""
        sql, args = "SELECT * FROM documents", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        return [self._document(r) for r in self._database.connection.execute(sql + " ORDER BY created_at, id", args)]

    def hashes(self) -> set[str]:
        """The SHA-256 of every scan a row names: the files to keep."""
        return {sha for sha, in self._database.connection.execute("SELECT DISTINCT sha256 FROM documents")}

    def fail_missing(self, present: Callable[[str], bool], reason: str) -> list[tuple[str, str]]:
        """Mark failed, with ``reason``, every pending row whose scan is not ``present``, in one
        transaction; the (id, status) of the finished ones whose scan is missing too."""
        finished = []
        with self._database.transaction() as tx:
            for row in tx.execute("SELECT id, sha256, status FROM documents").fetchall():
                if present(row["sha256"]):
                    continue
                if row["status"] in PENDING:
                    tx.execute("UPDATE documents SET status = 'failed', reason = ? WHERE id = ?", (reason, row["id"]))
                else:
                    finished.append((row["id"], row["status"]))
        return finished

    def set_status(self, document_id: str, status: str, reason: str | None = None,
                   ack: dict[str, Any] | None = None) -> None:
        """A new status, with its reason; ``ack`` (the server's answer) replaces the last one if given."""
        sent_at = _now() if status in ("accepted", "rejected") else None
        with self._database.transaction() as tx:
            tx.execute("UPDATE documents SET status = ?, reason = ?, ack = coalesce(?, ack), "
                       "sent_at = coalesce(?, sent_at) WHERE id = ?",
                       (status, reason, json.dumps(ack) if ack is not None else None, sent_at, document_id))

    def _document(self, row: sqlite3.Row) -> QueuedDocument:
        invoice: Invoice = {"batch": row["invoice_batch"], "number": row["invoice_number"],
                            "nir": self._vault.open_text(row["invoice_nir"], f"documents/{row['id']}"),
                            "date": row["invoice_date"]}
        return QueuedDocument(row["id"], row["sha256"], row["size"], row["pages"], invoice, row["status"],
                              row["reason"], json.loads(row["ack"]) if row["ack"] else None,
                              datetime.fromisoformat(row["created_at"]),
                              datetime.fromisoformat(row["sent_at"]) if row["sent_at"] else None)


class DocumentQueue:
    """Scans waiting for (or done with) SCOR, in ``store_dir`` (files) and ``store`` (rows).

    One queue per store; its rows may be read from any thread, as the store's."""

    def __init__(self, store_dir: Path, store: Store, vault: Vault, *, chunk_size: int = CHUNK_SIZE) -> None:
        self._dir, self._vault, self._chunk = Path(store_dir), vault, chunk_size
        self._rows = Documents(store.database, vault)
        self._held: dict[str, int] = {}  # document id -> bytes the server holds, as this run last heard
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
        """After a crash: drop temporary files and files no row names (an ``add`` that did not commit);
        mark pending rows whose file is gone as failed (:data:`MISSING_FILE`), never dropping them. The
        files kept are made private (0600)."""
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

    # -- the queue ---------------------------------------------------------------------------------

    def add(self, pdf_bytes: bytes, *, pages: int, invoice: Invoice) -> QueuedDocument:
        """Keep a scan to send; saved (file and row) once this returns. The invoice is checked against
        the wire model now, so that a typo is refused here rather than at upload time."""
        ref = InvoiceRef.model_validate(dict(invoice))
        sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        DocumentDeclaration(id="x", sha256=sha256, size=len(pdf_bytes), pages=pages, invoice=ref)
        self._write(sha256, pdf_bytes)  # before the row: a row never names a missing file
        document_id = str(uuid.uuid4())
        self._rows.add(document_id, sha256, len(pdf_bytes), pages, ref)
        return self.get(document_id)

    def get(self, document_id: str) -> QueuedDocument:
        document = self._rows.get(document_id)
        if document is None:
            raise KeyError(document_id)
        return document

    def documents(self, status: str | None = None) -> list[QueuedDocument]:
        """Oldest first; ``status`` one of queued, uploading, accepted, rejected, failed."""
        return self._rows.search(status)

    def held_bytes(self, document_id: str) -> int | None:
        """How many bytes of the document the server holds, as this run's upload last heard it (its
        progress, read from any thread); None when no upload of it ran since the queue was opened."""
        return self._held.get(document_id)

    def read(self, document: QueuedDocument) -> bytes:
        """The scan in clear (VaultError if the file was tampered with or swapped)."""
        return self._vault.open(self._path(document.sha256).read_bytes(), document.sha256.encode())

    def _finish(self, document_id: str, state: DocumentState) -> None:
        self._rows.set_status(document_id, state.status, state.reason, state.model_dump(mode="json"))

    # -- upload ------------------------------------------------------------------------------------

    def upload_pending(self, client: BackofficeClient, stopping: Callable[[], bool] = lambda: False) -> int:
        """Send every queued document; returns how many got the server's final word. Offline,
        ServerUnavailable and SessionExpired propagate and leave the document pending: the next pass
        resumes it from the server's offset."""
        done = 0
        for document in self.documents("queued") + self.documents("uploading"):
            if stopping():
                break
            try:
                self._upload(client, document)
            except Rejected as refused:
                if refused.problem.slug in _RESUMABLE:
                    continue  # e.g. completed between two calls: the next pass sees where it is
                self._rows.set_status(document.id, "rejected", refused.problem.detail,
                          {"type": refused.problem.type, "status": refused.problem.status})
            done += 1
        return done

    def _upload(self, client: BackofficeClient, document: QueuedDocument) -> None:
        if not self._path(document.sha256).exists():
            self._rows.set_status(document.id, "failed", MISSING_FILE)
            return
        invoice = InvoiceRef.model_validate(dict(document.invoice))
        declaration = DocumentDeclaration(id=document.id, sha256=document.sha256, size=document.size,
                                          pages=document.pages, invoice=invoice)
        state = client.declare_document(declaration)
        if state.status in ("accepted", "rejected"):  # finished before a crash lost the answer
            self._finish(document.id, state)
            return
        if document.status != "uploading":
            self._rows.set_status(document.id, "uploading")
        content = self.read(document)
        offset = self._held[document.id] = _checked_offset(document, client.document_offset(document.id), 0)
        while offset < document.size:
            answer = client.put_document_chunk(document.id, content[offset:offset + self._chunk], offset,
                                               document.size)
            offset = self._held[document.id] = _checked_offset(document, answer, offset + 1)
        self._finish(document.id, client.complete_document(document.id))


def _checked_offset(document: QueuedDocument, offset: int, least: int) -> int:
    """The server's offset, which must lie in ``least..size``: after a chunk it must move forward, or
    an offset flipping between two values would have the same bytes sent for ever."""
    if not least <= offset <= document.size:
        raise ProtocolError(f"document {document.id}: the server's offset {offset} is outside "
                            f"{least}..{document.size}")
    return offset
