"""What Diagnostics shows and the support archive holds, gathered without Qt: run :func:`collect_facts` on
the pool (it asks pcscd, times a request to the back office, measures the store's files) and hand the
frozen :class:`Facts` to the view.

The facts hold no health data by construction (no reader's card content, no store row), and no path
the store is named by (its name carries the professional's identifier): only sizes and dates.
"""

from __future__ import annotations

import platform
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from cardreader import errors as card_errors

from .settings import SETTING_KEYS, Settings

if TYPE_CHECKING:
    from sync.client import BackofficeClient
    from sync.errors import SyncError
    from sync.store import Store

__all__ = ["DEFAULT_ORIGIN", "Facts", "PcscFacts", "ReaderFact", "Reach", "SettingFact", "StoreFacts",
           "collect_facts", "folder_size", "pcsc_facts", "reach", "setting_facts", "store_facts", "versions"]

DEFAULT_ORIGIN = "default"  # a setting's origin when no layer set it


@dataclass(frozen=True)
class ReaderFact:
    name: str
    atr: str | None  # the card's ATR in spaced hex ("3B 8F …"); None: no card; "" a mute card


@dataclass(frozen=True)
class PcscFacts:
    """pcscd's state: ``available`` with its readers, or not, with pcscd's own words (``error``)."""

    available: bool
    readers: tuple[ReaderFact, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Reach:
    """The back office at ``url``: the HTTP status of ``GET /v1/health`` and how long it took, or the
    error that kept it from answering (:mod:`sync.errors`)."""

    url: str
    status: int | None
    latency_ms: float | None
    error: SyncError | None = field(default=None, compare=False)

    @property
    def reachable(self) -> bool:
        return self.status is not None


@dataclass(frozen=True)
class StoreFacts:
    """The store's files (database, journal) and its scans' folder in bytes, and when each domain of the
    engine was last brought up to date (None: never)."""

    size_bytes: int
    documents_bytes: int
    freshness: tuple[tuple[str, datetime | None], ...]


@dataclass(frozen=True)
class SettingFact:
    name: str
    value: str  # "" when unset
    origin: str  # a file's path, "environment", "command line" or DEFAULT_ORIGIN
    locked: bool


@dataclass(frozen=True)
class Facts:
    collected_at: datetime
    versions: tuple[tuple[str, str], ...]
    pcsc: PcscFacts
    backoffice: Reach | None  # None: no session, no client to ask with
    keyring: str
    store: StoreFacts | None
    settings: tuple[SettingFact, ...]


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def versions(extra: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """Cabinet's and its foundations' versions; ``extra``: those only Qt can tell (Qt, PySide6)."""
    found = [("Cabinet", _installed("cabinet")), ("Python", platform.python_version()), *(extra or {}).items(),
             ("pyscard", _installed("pyscard")), ("OpenSSL", ssl.OPENSSL_VERSION),
             ("System", platform.platform())]
    return tuple(found)


def pcsc_facts(states: Callable[[], list[tuple[str, bytes | None]]]) -> PcscFacts:
    """pcscd's readers and the ATR of each card (``states``: :func:`~desktop_app.card_ops.pcsc_reader_states`),
    or why pcscd does not answer."""
    try:
        found = states()
    except card_errors.CardError as error:
        return PcscFacts(False, error=str(error))
    return PcscFacts(True, tuple(ReaderFact(name, None if atr is None else atr.hex(" ").upper())
                                 for name, atr in found))


def reach(client: BackofficeClient, url: str, timer: Callable[[], float] = time.perf_counter) -> Reach:
    """One ``GET /v1/health``, timed."""
    from sync.errors import SyncError

    start = timer()
    try:
        status = client.health()
    except SyncError as error:
        return Reach(url, None, None, error)
    return Reach(url, status, (timer() - start) * 1000)


def keyring_backend() -> str:
    """The keyring :mod:`keyring` detects (the data key is kept there unless Diagnostics says otherwise)."""
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def folder_size(folder: Path) -> int:
    """The bytes of the files in ``folder`` (not below); 0 when it does not exist."""
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def store_facts(store: Store, documents_folder: Path | None) -> StoreFacts:
    from sync.engine import DOMAINS

    path = store.database.path
    size = sum(companion.stat().st_size for companion in (path, *(path.with_name(path.name + end)
                                                                 for end in ("-wal", "-shm")))
               if companion.exists())
    with store.snapshot():
        freshness = tuple((domain.name, store.as_of(domain.name)) for domain in DOMAINS)
    return StoreFacts(size, folder_size(documents_folder) if documents_folder else 0, freshness)


def setting_facts(settings: Settings) -> tuple[SettingFact, ...]:
    """Every setting with its value and where that value came from (:attr:`Settings.origins`)."""
    facts = []
    for key in SETTING_KEYS:
        value = settings.effective(key.name)
        text = "" if value is None else str(value).lower() if isinstance(value, bool) else f"{value:g}" \
            if isinstance(value, float) else str(value)
        facts.append(SettingFact(key.name, text, settings.origins.get(key.name, DEFAULT_ORIGIN),
                                 key.name in settings.locked))
    return tuple(facts)


def collect_facts(settings: Settings, *, now: datetime, store: Store | None = None,
                  documents_folder: Path | None = None, client: BackofficeClient | None = None,
                  extra_versions: Mapping[str, str] | None = None,
                  pcsc: Callable[[], PcscFacts] | None = None) -> Facts:
    """Every fact Diagnostics shows (blocking: pcscd, the network, the disk); ``pcsc`` gives pcscd's
    (by default, asked through :func:`~desktop_app.card_ops.pcsc_reader_states`)."""
    if pcsc is None:
        from .card_ops import pcsc_reader_states

        pcsc = partial(pcsc_facts, pcsc_reader_states)
    return Facts(collected_at=now, versions=versions(extra_versions), pcsc=pcsc(),
                 backoffice=reach(client, settings.backoffice) if client is not None else None,
                 keyring=keyring_backend(), store=store_facts(store, documents_folder) if store else None,
                 settings=setting_facts(settings))
