"""The storage interface: the engine is configuration, one protocol per domain; the SQL lives in the
engine's subpackage with its schema as an explicit list; the modules import each other without cycles."""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest

import sync.backoffice as backoffice
from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.engines import UnsupportedEngine, open_storage
from sync.backoffice.errors import DomainError
from sync.backoffice.problems import DOMAIN_PROBLEMS
from sync.backoffice.sqlite import SqliteStorage
from sync.backoffice.sqlite.schema import MIGRATIONS
from sync.backoffice.storage import Storage

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


def _operations(protocol: type) -> set[str]:
    return {name for name in vars(protocol) if not name.startswith("_")}


def test_the_sqlite_storage_implements_every_operation_of_every_domain(tmp_path: Path) -> None:
    storage = open_storage(BackofficeConfig(db_path=tmp_path / "bo.sqlite"))
    domains = typing.get_type_hints(Storage)
    assert set(domains) == {"sign_in", "accounts", "practice", "forms", "messages", "activity", "history", "events",
                            "documents", "awaiting"}
    assert sum(len(_operations(protocol)) for protocol in domains.values()) > 45
    for name, protocol in domains.items():
        assert len(_operations(protocol)) <= 16, f"{name}: one domain, a handful of operations"
        implementation = getattr(storage, name)
        assert not [op for op in _operations(protocol) if not callable(getattr(implementation, op, None))], name


_SQL_FREE = ["access.py", "auth.py", "dates.py", "document_files.py", "documents.py", "errors.py", "paging.py",
             "problems.py", "service_rules.py", "storage.py"]


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("routes_*.py")) + _SQL_FREE)
def test_routes_rules_and_interface_hold_no_sql(module: str) -> None:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import sqlite3|from sqlite3 )", source, re.MULTILINE)
    assert "sqlite3" not in source and "from .sqlite" not in source
    for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE "):
        assert keyword not in source, f"{module} holds SQL ({keyword.strip()})"


def test_the_schema_is_the_released_migrations_in_order() -> None:
    """Existing databases upgrade: the names they recorded are the names of the list, in the same order."""
    assert [m.name for m in MIGRATIONS] == [
        "001_accounts", "002_practice_data", "003_documents", "004_forms_messages_activity", "005_situations",
        "006_auth_hardening", "007_document_hardening", "008_vitale_cards", "009_practice_feeds",
        "010_rejects_treated", "011_awaiting_invoices"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    assert "@migration" not in source  # nothing registers a migration as a side effect of an import


def test_a_database_of_the_first_release_upgrades_to_the_whole_schema(tmp_path: Path) -> None:
    from sync.backoffice.sqlite import open_database
    from sync.backoffice.sqlite.database import Database

    Database(tmp_path / "old.sqlite", MIGRATIONS[:2]).close()
    Database(tmp_path / "new.sqlite").close()
    upgraded = open_database(tmp_path / "old.sqlite").connection
    fresh = open_database(tmp_path / "new.sqlite").connection
    schema = "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    assert upgraded.execute(schema).fetchall() == fresh.execute(schema).fetchall()
    assert [n for n, in upgraded.execute("SELECT name FROM _migrations ORDER BY name")] == [m.name for m in MIGRATIONS]


def test_every_domain_error_has_its_problem() -> None:
    def leaves(cls: type) -> list[type]:
        subclasses = cls.__subclasses__()
        return [cls] if not subclasses else [leaf for sub in subclasses for leaf in leaves(sub)]

    import sync.backoffice.app  # noqa: F401  (every module that defines domain errors)

    assert set(leaves(DomainError)) == set(DOMAIN_PROBLEMS)


def _imports(path: Path, module: str, modules: set[str]) -> set[str]:
    """The package's modules that ``module`` imports, wherever in the file (a function's imports too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def test_the_back_office_has_no_import_cycle() -> None:
    paths = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {module: _imports(path, module, set(paths)) - {module} for module, path in paths.items()}
    assert len(graph) > 35 and graph["sync.backoffice.sqlite.storage"]
    cycles, state = [], {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                cycles.append(stack[stack.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, [*stack, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_serve_refuses_an_unknown_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.backoffice.cli import main

    assert main(["serve", "--db", str(tmp_path / "bo.sqlite"), "--database-url", "postgresql://db/bo"]) == 2
    assert "not implemented in this release" in capsys.readouterr().err
