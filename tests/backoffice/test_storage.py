"""The storage interface: the engine is configuration, and routes and sign-in hold no SQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sync.backoffice as backoffice
from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.sqlite_storage import SqliteStorage
from sync.backoffice.storage import Storage, UnsupportedEngine, open_storage

PACKAGE = Path(backoffice.__file__).parent


def test_sqlite_by_default_in_wal_mode(tmp_path: Path) -> None:
    storage = open_storage(BackofficeConfig(db_path=tmp_path / "bo.sqlite"))
    assert isinstance(storage, SqliteStorage)
    assert storage.db.path == tmp_path / "bo.sqlite"
    assert storage.db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_url_names_the_file(tmp_path: Path) -> None:
    storage = open_storage(BackofficeConfig(db_path=tmp_path / "unused.sqlite",
                                            database_url=f"sqlite:///{tmp_path / 'other.sqlite'}"))
    assert isinstance(storage, SqliteStorage) and storage.db.path == tmp_path / "other.sqlite"


def test_postgresql_is_refused_clearly(tmp_path: Path) -> None:
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite",
                              database_url="postgresql://cabinet:secret@db.example/backoffice")
    with pytest.raises(UnsupportedEngine, match="not implemented in this release") as refused:
        open_storage(config)
    assert "secret" not in str(refused.value)  # the URL's password is never echoed
    with pytest.raises(UnsupportedEngine):
        create_app(config)
    assert not (tmp_path / "bo.sqlite").exists()


@pytest.mark.parametrize("url", ["mysql://db.example/bo", "sqlite://", "sqlite:///", "bo.sqlite"])
def test_unknown_engine_is_refused_clearly(tmp_path: Path, url: str) -> None:
    with pytest.raises(UnsupportedEngine, match="no such storage engine"):
        open_storage(BackofficeConfig(db_path=tmp_path / "bo.sqlite", database_url=url))


def test_the_sqlite_storage_implements_every_operation(tmp_path: Path) -> None:
    storage = open_storage(BackofficeConfig(db_path=tmp_path / "bo.sqlite"))
    operations = {name for name in vars(Storage) if not name.startswith("_")} | set(Storage.__annotations__)
    assert len(operations) > 40
    assert not [name for name in operations if not hasattr(storage, name)]


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("routes_*.py")) + ["auth.py"])
def test_routes_and_sign_in_hold_no_sql(module: str) -> None:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import sqlite3|from sqlite3 )", source, re.MULTILINE)
    assert "sqlite3" not in source
    for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE "):
        assert keyword not in source, f"{module} holds SQL ({keyword.strip()})"


def test_serve_refuses_an_unknown_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.backoffice.cli import main

    assert main(["serve", "--db", str(tmp_path / "bo.sqlite"), "--database-url", "postgresql://db/bo"]) == 2
    assert "not implemented in this release" in capsys.readouterr().err
