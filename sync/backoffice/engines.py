"""The storage engine a back office runs on, chosen by ``BackofficeConfig.database_url``.

Each engine is a subpackage implementing :class:`storage.Storage` (SQLite: :mod:`sqlite`); it is imported
only when chosen, so the interface never depends on an engine.
"""

from __future__ import annotations

from .config import BackofficeConfig
from .storage import Storage

__all__ = ["UnsupportedEngine", "open_storage"]


class UnsupportedEngine(ValueError):
    """``database_url`` names an engine this release has no storage for."""


def open_storage(config: BackofficeConfig) -> Storage:
    """The storage ``config.database_url`` names (default: SQLite at ``config.db_path``), migrated."""
    url = config.storage_url
    scheme, separator, rest = url.partition("://")
    if scheme == "sqlite" and separator and rest.startswith("/") and rest[1:]:
        from .sqlite import SqliteStorage

        return SqliteStorage.open(rest[1:], config.db_path.parent / "documents", config)
    if scheme in ("postgresql", "postgres"):
        raise UnsupportedEngine(f"database_url {scheme}://…: PostgreSQL storage is not implemented in this "
                                "release; use sqlite:///PATH")
    shown = scheme + separator if separator else url  # never the rest: it may hold a password
    raise UnsupportedEngine(f"database_url {shown!r}: no such storage engine in this release; "
                            "use sqlite:///PATH")
