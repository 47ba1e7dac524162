"""The SQLite (WAL) implementation of :class:`storage.Storage`: one file on one machine.

Its SQL is organised by domain — :mod:`sqlite_accounts`, :mod:`sqlite_data`, and :mod:`documents` for
SCOR reception (rows in this database, bytes in a directory beside it).
"""

from __future__ import annotations

from pathlib import Path

from .config import BackofficeConfig
from .db import Database, open_database
from .documents import DocumentStore, UploadLimits
from .pdf_check import ScanLimits
from .sqlite_accounts import SqliteAccounts
from .sqlite_data import SqliteData

__all__ = ["SqliteStorage"]


class SqliteStorage(SqliteAccounts, SqliteData):
    """``db`` stays reachable for the SQLite tools (seed, enrolment) and for tests that set up rows
    directly; the routes use only the :class:`storage.Storage` methods."""

    def __init__(self, db: Database, documents: DocumentStore) -> None:
        self.db, self.documents = db, documents

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
