"""The sync loop: pull every domain by cursor into the store, push the outbox, report, back off.

It runs on a worker thread (``run``) or once (``sync_once``, for tests and the "sync now" button). A
domain that fails does not stop the others; an unavailable back office makes the loop wait what it
announced, then start again by itself; ``stop`` ends it promptly. The store stays the single source
of truth: the screens read it, never the network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .client import BackofficeClient
from .errors import Offline, Rejected, ServerUnavailable, SessionExpired, SyncError
from .store import Store

__all__ = ["SyncReport", "SyncEngine", "OUTBOX_ROUTES"]

log = logging.getLogger(__name__)

OUTBOX_ROUTES = {"form_order": "/v1/forms/orders", "message": "/v1/messages"}


@dataclass
class SyncReport:
    """What one pass did: rows applied per domain, outbox items sent, errors per domain."""

    applied: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    errors: dict[str, SyncError] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class SyncEngine:
    def __init__(self, client: BackofficeClient, store: Store, *,
                 on_report: Callable[[SyncReport], None] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 page_size: int = 500) -> None:
        self._client, self._store, self._clock = client, store, clock
        self._on_report = on_report or (lambda report: None)
        self._page_size = page_size
        self._stopping = threading.Event()

    def _pull(self, domain: str) -> int:
        fetch, apply = {
            "payments": (self._client.payments_page, self._store.apply_payments),
            "rejects": (self._client.rejects_page, self._store.apply_rejects),
        }[domain]
        total = 0
        while not self._stopping.is_set():
            page = fetch(self._store.cursor(domain), self._page_size)
            total += apply(page.items, page.next_cursor, self._clock())
            if not page.has_more:
                break
        return total

    def _push(self) -> int:
        sent = 0
        for item in self._store.pending():
            if self._stopping.is_set():
                break
            try:
                result = self._client.post(OUTBOX_ROUTES[item.kind], {"client_id": item.client_id, **item.payload})
            except Rejected as refused:  # the server's final word: kept with its reason, not retried
                result = {"rejected": refused.problem.detail, "type": refused.problem.type}
            self._store.mark_sent(item, result)
            sent += 1
        return sent

    def sync_once(self) -> SyncReport:
        report = SyncReport()
        try:
            report.sent = self._push()
        except SyncError as error:
            report.errors["outbox"] = error
        for domain in ("payments", "rejects"):
            if isinstance(report.errors.get("outbox"), (Offline, ServerUnavailable, SessionExpired)):
                report.errors[domain] = report.errors["outbox"]  # no use trying: same cause
                continue
            try:
                report.applied[domain] = self._pull(domain)
            except SyncError as error:
                log.warning("sync of %s failed: %s", domain, error)
                report.errors[domain] = error
        self._on_report(report)
        return report

    def run(self, interval: float = 60.0) -> None:
        """Sync until :meth:`stop`: every ``interval`` seconds, later when the server asked to wait."""
        while not self._stopping.is_set():
            report = self.sync_once()
            wait = interval
            for error in report.errors.values():
                if isinstance(error, ServerUnavailable) and error.until is not None:
                    wait = max(wait, (error.until - self._clock()).total_seconds())
                elif isinstance(error, SessionExpired):
                    return  # the session is over: the app signs in again and starts a new engine
            self._stopping.wait(wait)

    def stop(self) -> None:
        self._stopping.set()
