"""The SQLite (WAL) implementation of :class:`storage.Storage`: one file on one machine.

One object per domain of the interface — :mod:`.accounts` (sign-in, accounts), :mod:`.practice` (practice
data, activity, history), :mod:`.services` (forms, messages, events), :mod:`.awaiting` (degraded invoices
awaiting their document, batches' ARL) and :mod:`.documents` for SCOR reception (rows in this database,
bytes in a directory beside it) — all on one :class:`Database`.
"""

from __future__ import annotations

from pathlib import Path

from ..config import BackofficeConfig
from ..documents import UploadLimits
from ..pdf_check import ScanLimits
from .accounts import SqliteAccounts, SqliteSignIn
from .awaiting import SqliteAwaiting
from .database import Database, open_database
from .documents import DocumentStore
from .practice import SqliteActivity, SqliteHistory, SqlitePractice
from .services import SqliteEvents, SqliteForms, SqliteMessages

__all__ = ["SqliteStorage"]


class SqliteStorage:
    """``db`` stays reachable for the SQLite tools (seed, enrolment) and for tests that set up rows
    directly; the routes use only the domains of :class:`storage.Storage`."""

    def __init__(self, db: Database, documents: DocumentStore) -> None:
        self.db, self.documents = db, documents
        self.awaiting = SqliteAwaiting(db, documents.clock)
        self.sign_in, self.accounts = SqliteSignIn(db), SqliteAccounts(db)
        self.practice, self.activity, self.history = SqlitePractice(db), SqliteActivity(db), SqliteHistory(db)
        self.forms, self.messages, self.events = SqliteForms(db), SqliteMessages(db), SqliteEvents(db)

    @classmethod
    def open(cls, path: Path | str, documents_root: Path, config: BackofficeConfig) -> SqliteStorage:
        """The database at ``path`` (created and migrated) and the documents under ``documents_root``,
        with the config's clock and SCOR bounds."""
        db = open_database(path)
        scan = ScanLimits(memory_bytes=config.scan_memory_limit, cpu_seconds=config.scan_cpu_limit,
                          wall_seconds=config.scan_time_limit, at_once=config.scan_checks_at_once)
        uploads = UploadLimits(expiry_seconds=config.upload_expiry, max_unfinished=config.unfinished_uploads,
                               max_unfinished_bytes=config.unfinished_bytes)
        return cls(db, DocumentStore(db, documents_root, config.clock, scan_limits=scan, upload_limits=uploads))
