"""The local store's SQLite file as several threads use it: one connection per thread, in WAL mode, so
that readers (the window's tables) never wait for the writer (the engine applying a page) nor hold it
up, and each reads a committed state.

A write is one :meth:`Database.transaction` (``BEGIN IMMEDIATE``): it takes SQLite's write lock at
once, so two writers queue (up to the busy timeout) rather than fail half-way. The engine's thread does
the long writes (pulled pages with their cursor); other threads write briefly (an action queued in
the outbox, a scan added). A reader that needs several queries to agree (a page and its cursor) runs
them in one :meth:`Database.snapshot`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sync.schema import insert

__all__ = ["BUSY_TIMEOUT", "Cursors", "Database"]

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another's transaction before "database is locked"
CACHE_KIB = 65_536  # each connection's page cache, at most (SQLite's default: 2 MiB)
ITERATION_BLOCK = 256  # rows a cursor fetches at once when iterated
CHECKPOINT_PAGES = 16_384  # WAL pages before they are copied back into the database (SQLite's default: 1,000)


class _Connection(sqlite3.Connection):
    """A connection whose every call into SQLite holds its ``busy`` lock, so that :meth:`Database.close`
    on another thread waits for a query under way instead of closing the connection beneath it (which
    crashes CPython's sqlite3 module: the query's thread runs without the GIL meanwhile)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy = threading.Lock()

    def cursor(self, factory: Any = None) -> _Cursor:  # type: ignore[override]
        return super().cursor(_Cursor)

    def execute(self, sql: str, parameters: Any = ()) -> _Cursor:  # type: ignore[override]
        cursor = super().cursor(_Cursor)
        with self.busy:
            sqlite3.Cursor.execute(cursor, sql, parameters)
        return cursor

    def executemany(self, sql: str, parameters: Any) -> _Cursor:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str) -> _Cursor:  # type: ignore[override]
        return self.cursor().executescript(script)


class _Cursor(sqlite3.Cursor):
    """The cursors of a :class:`_Connection`: each step through SQLite holds the connection's lock."""

    connection: _Connection

    def execute(self, sql: str, parameters: Any = ()) -> _Cursor:  # type: ignore[override]
        with self.connection.busy:
            return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> _Cursor:  # type: ignore[override]
        with self.connection.busy:
            return super().executemany(sql, parameters)

    def executescript(self, script: str) -> _Cursor:  # type: ignore[override]
        with self.connection.busy:
            return super().executescript(script)

    def fetchone(self) -> Any:
        with self.connection.busy:
            return super().fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with self.connection.busy:
            return super().fetchmany(self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        with self.connection.busy:
            return super().fetchall()

    def __next__(self) -> Any:
        with self.connection.busy:
            return super().__next__()

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        # By blocks: taking the lock once per row would double the cost of reading a long list.
        while rows := self.fetchmany(ITERATION_BLOCK):
            yield from rows


class Database:
    """The connections to one store file, made on each thread's first use and closed together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[_Connection] = []
        self._closed = False

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection, in autocommit mode outside :meth:`transaction` and :meth:`snapshot`."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._connect()
        return connection

    def _connect(self) -> sqlite3.Connection:
        # Each connection is only ever used by the thread that made it (``self._local``); the check is
        # off so that :meth:`close` can close every thread's connection from the owner's thread.
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False,
                                     factory=_Connection)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # what the user was told is saved stays saved
        connection.execute("PRAGMA secure_delete=ON")  # a replaced or deleted value does not linger in free space
        # A first sync writes a practice's payments with their search tokens, whose indexes take writes
        # all over the file: pages kept in memory and checkpointed seldom, not rewritten at each page.
        connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        connection.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        connection.execute(f"PRAGMA journal_size_limit={CHECKPOINT_PAGES * 4096}")  # the -wal file shrinks back
        with self._lock:
            if self._closed:
                connection.close()
                raise sqlite3.ProgrammingError("the store is closed")
            self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write: committed whole when the block ends, rolled back if it raises. Nested in another
        transaction on the same thread, it is part of that one."""
        connection = self.connection
        if getattr(self._local, "mode", None) == "write":
            yield connection
            return
        if getattr(self._local, "mode", None) == "read":
            raise sqlite3.ProgrammingError("a write cannot start inside a snapshot: open the transaction first")
        with self._held(connection, "BEGIN IMMEDIATE", "write"):
            yield connection

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that see one committed state whatever other threads commit meanwhile (a page of
        payments and its cursor, never one without the other). Inside a transaction, that transaction."""
        connection = self.connection
        if getattr(self._local, "mode", None) is not None:
            yield connection
            return
        with self._held(connection, "BEGIN DEFERRED", "read"):
            yield connection

    @contextmanager
    def _held(self, connection: sqlite3.Connection, begin: str, mode: str) -> Iterator[None]:
        connection.execute(begin)
        self._local.mode = mode
        try:
            yield
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        else:
            connection.execute("COMMIT")
        finally:
            self._local.mode = None

    def close(self) -> None:
        """Close every thread's connection, each once its query under way has returned; the store cannot
        be used after (another thread's next query raises :class:`sqlite3.ProgrammingError`)."""
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for connection in connections:
            with connection.busy:
                connection.close()
        self._local = threading.local()


class Cursors:
    """Where each domain's pull stands: the back office's cursor and when it was last brought up to date."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def cursor(self, domain: str) -> str | None:
        row = self._database.connection.execute("SELECT cursor FROM cursors WHERE domain = ?", (domain,)).fetchone()
        return row["cursor"] if row else None

    def as_of(self, domain: str) -> datetime | None:
        """When ``domain`` was last brought up to date with the back office (UTC)."""
        row = self._database.connection.execute("SELECT as_of FROM cursors WHERE domain = ?", (domain,)).fetchone()
        return datetime.fromisoformat(row["as_of"]) if row else None

    @staticmethod
    def mark(tx: sqlite3.Connection, domain: str, cursor: str | None, as_of: datetime) -> None:
        """Move ``domain`` to ``cursor``, inside the transaction ``tx`` that applies what led there."""
        insert(tx, "cursors", [{"domain": domain, "cursor": cursor, "as_of": as_of.isoformat()}], replace=True)
