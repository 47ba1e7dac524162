"""The SQLite (WAL) implementation of :class:`storage.Storage`: one file on one machine.

Its SQL is organised by domain — :mod:`sqlite_accounts`, :mod:`sqlite_data`, and :mod:`documents` for
SCOR reception (rows in this database, bytes in a directory beside it).
"""

from __future__ import annotations

from pathlib import Path

from .config import Clock
from .db import Database, open_database
from .documents import DocumentStore
from .sqlite_accounts import SqliteAccounts
from .sqlite_data import SqliteData

__all__ = ["SqliteStorage"]


class SqliteStorage(SqliteAccounts, SqliteData):
    """``db`` stays reachable for the SQLite tools (seed, enrolment) and for tests that set up rows
    directly; the routes use only the :class:`storage.Storage` methods."""

    def __init__(self, db: Database, documents: DocumentStore) -> None:
        self.db, self.documents = db, documents

    @classmethod
    def open(cls, path: Path | str, documents_root: Path, clock: Clock) -> SqliteStorage:
        """The database at ``path`` (created and migrated) and the documents under ``documents_root``."""
        db = open_database(path)
        return cls(db, DocumentStore(db, documents_root, clock))
