"""Rows out of the SQLite driver, as the storage interface hands them: plain mappings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ..storage import Row

__all__ = ["rows", "row", "placeholders", "of_owners", "changed_since"]


def rows(cursor: sqlite3.Cursor) -> list[Row]:
    """Detach rows from the driver: callers get plain mappings."""
    return [dict(r) for r in cursor.fetchall()]


def row(cursor: sqlite3.Cursor) -> Row | None:
    found = cursor.fetchone()
    return dict(found) if found is not None else None


def placeholders(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def of_owners(owners: Iterable[int], practice_id: int) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (and their arguments) of a feed's rows of ``owners`` in ``practice_id``: one
    doctor's rows are read through his own indexes (``+`` keeps SQLite off the practice's), several
    doctors' through the practice's ``seq`` index, in order, rather than doctor by doctor then sorted."""
    ids = list(owners)
    if len(ids) == 1:
        return ["professional_id = ?", "+practice_id = ?"], [ids[0], practice_id]
    return [f"professional_id IN ({placeholders(ids)})", "practice_id = ?"], [*ids, practice_id]


def changed_since(connection: sqlite3.Connection, table: str, owners: Iterable[int], practice_id: int, after: int,
                  limit: int, **equal: Any) -> list[Row]:
    """Rows of ``table`` of ``owners`` in ``practice_id`` after ``seq`` (``equal``: column = value,
    None ignored), in ``seq`` order."""
    where, args = of_owners(owners, practice_id)
    where.append("seq > ?")
    args.append(after)
    for column, value in equal.items():
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    return rows(connection.execute(
        f"SELECT * FROM {table} WHERE {' AND '.join(where)} ORDER BY seq LIMIT ?", (*args, limit)))
