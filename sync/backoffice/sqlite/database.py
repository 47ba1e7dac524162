"""The SQLite engine's database: connections in WAL mode, one per thread, and named, transactional
migrations.

The migrations are the explicit list :data:`schema.MIGRATIONS` (nothing registers itself at import):
:func:`open_database` applies the ones not yet recorded in ``_migrations``, each in its own
transaction, in list order. Their names never change, so an existing database upgrades.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from .schema import MIGRATIONS, Migration

__all__ = ["Database", "open_database"]


def _connect(path: Path | str) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


def _execute_script(connection: sqlite3.Connection, script: str) -> None:
    """Run ``script`` statement by statement inside the migration's transaction (sqlite3's own
    ``executescript`` commits first, which would break the migration's atomicity)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            connection.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {statement.strip()[:80]}")


def _migrate(connection: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in connection.execute("SELECT name FROM _migrations")}
    applied = []
    for name, script in migrations:
        if name in done:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            _execute_script(connection, script)
            connection.execute(
                "INSERT INTO _migrations VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", (name,)
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        applied.append(name)
    return applied


class Database:
    """One connection per thread to the same file; ``transaction()`` for atomic writes. Opening it
    applies ``migrations`` (a prefix of :data:`schema.MIGRATIONS` builds an older release's database)."""

    def __init__(self, path: Path | str, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self.path = Path(path)
        self._local = threading.local()
        first = _connect(self.path)
        try:
            _migrate(first, migrations)
        finally:
            first.close()

    @property
    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = _connect(self.path)
        return connection

    def transaction(self) -> _Transaction:
        return _Transaction(self.connection)

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None


class _Transaction:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")


def open_database(path: Path | str) -> Database:
    """The database at ``path``, created and migrated to the current schema."""
    return Database(path)
