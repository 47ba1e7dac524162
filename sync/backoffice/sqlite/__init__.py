"""The SQLite engine of the back office: its schema (:mod:`.schema`, an explicit list of named migrations),
its database (:mod:`.database`) and its implementation of every domain of :class:`storage.Storage`."""

from .changes import allocate_seq
from .database import Database, open_database
from .documents import DocumentStore
from .storage import SqliteStorage

__all__ = ["Database", "DocumentStore", "SqliteStorage", "allocate_seq", "open_database"]
