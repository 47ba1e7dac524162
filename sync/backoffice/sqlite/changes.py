"""The global change sequence: every write to a synced table takes the next numbers, so a client's
cursor is simply "rows with seq greater than N" and sees each change exactly once, in commit order
(writes are serialised by SQLite's ``BEGIN IMMEDIATE``)."""

from __future__ import annotations

import sqlite3

__all__ = ["allocate_seq"]


def allocate_seq(connection: sqlite3.Connection, count: int = 1) -> int:
    """Reserve ``count`` consecutive sequence numbers and return the first one.

    Must run inside the transaction that writes the rows, so that numbers become visible in the
    order they were taken."""
    if count < 1:
        raise ValueError("count must be at least 1")
    row = connection.execute(
        "UPDATE change_seq SET value = value + ? WHERE id = 1 RETURNING value", (count,)
    ).fetchone()
    return int(row[0]) - count + 1
