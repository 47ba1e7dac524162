"""The back office's SQLite database: connections in WAL mode and named, transactional migrations.

Each migration is a function registered with :func:`migration` under a name that starts with its
number (``003_documents``); :func:`open_database` applies the ones not yet recorded in ``_migrations``,
each in its own transaction, in name order, whatever order their modules were imported in. Modules
that own tables register their migrations at import (``schema.py`` imports them all).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

__all__ = ["migration", "open_database", "Database"]

_MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(name: str) -> Callable[[Callable[[sqlite3.Connection], None]], Callable[[sqlite3.Connection], None]]:
    """Register ``function(connection)`` as the migration ``name`` (names are never reused)."""

    def register(function: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
        if any(existing == name for existing, _ in _MIGRATIONS):
            raise ValueError(f"migration {name!r} is registered twice")
        if not name[:3].isdigit():
            raise ValueError(f"migration {name!r} must start with its 3-digit number")
        _MIGRATIONS.append((name, function))
        return function

    return register


def _connect(path: Path | str) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


class _MigrationConnection:
    """The connection as a migration sees it: ``executescript`` runs inside the migration's
    transaction (sqlite3's own commits first, which would break the migration's atomicity)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def executescript(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._connection.execute(statement)
                statement = ""
        if statement.strip():
            raise ValueError(f"incomplete SQL statement in a migration: {statement.strip()[:80]}")

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)


def _migrate(connection: sqlite3.Connection) -> list[str]:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in connection.execute("SELECT name FROM _migrations")}
    applied = []
    for name, function in sorted(_MIGRATIONS, key=lambda item: item[0]):
        if name in done:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            function(_MigrationConnection(connection))  # type: ignore[arg-type]
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
    """One connection per thread to the same file; ``transaction()`` for atomic writes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        first = _connect(self.path)
        try:
            _migrate(first)
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
    from . import schema  # noqa: F401  (registers every table's migrations)

    return Database(path)
