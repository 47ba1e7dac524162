"""The back office's settings, one typed object (built by the CLI or by tests)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .faults import FaultConfig
from .limits import BodyLimits

__all__ = ["Clock", "BackofficeConfig"]

Clock = Callable[[], float]  # seconds since the epoch; tests pass their own to move time


@dataclass(frozen=True)
class BackofficeConfig:
    db_path: Path  # the SQLite file; documents and the maildir live beside it
    database_url: str | None = None  # the storage engine: sqlite:///PATH (default: db_path)
    trust_anchors: Path | None = None  # directory of CA certificates (PEM) accepted for cards
    challenge_ttl: float = 60.0
    card_proof_interval: float = 600.0  # a card session must re-prove presence this often
    password_idle_limit: float = 3600.0
    password_total_limit: float = 4 * 3600.0
    password_failure_memory: float = 86400.0  # wrong passwords in a row are forgotten this long after the last
    maildir: Path | None = None  # login notifications; default: <db dir>/maildir
    smtp: tuple[str, int] | None = None  # (host, port): notifications by SMTP instead
    faults: FaultConfig | None = None
    body_limits: BodyLimits = field(default_factory=BodyLimits)  # largest request bodies, by route (413 beyond)
    # SCOR reception: each received scan is checked in a child process bounded by these
    scan_memory_limit: int = 256 * 1024 * 1024  # bytes of address space
    scan_cpu_limit: int = 10  # CPU seconds
    scan_time_limit: float = 30.0  # wall-clock seconds
    scan_checks_at_once: int = 2  # checks running together (each up to scan_memory_limit)
    # SCOR reception: unfinished uploads
    upload_expiry: float = 48 * 3600.0  # seconds without a declaration or chunk, then purged
    unfinished_uploads: int = 100  # per practice
    unfinished_bytes: int = 512 * 1024 * 1024  # declared bytes, per practice
    clock: Clock = field(default=time.time)

    @property
    def storage_url(self) -> str:
        return self.database_url or f"sqlite:///{self.db_path}"
