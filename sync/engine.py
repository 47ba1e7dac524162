"""The sync loop: pull every domain by cursor into the store, push the outbox, report, back off.

It runs on a worker thread (``run``) or once (``sync_once``, for tests and the "sync now" button). A
domain that fails does not stop the others; an unavailable back office makes the loop wait what it
announced, then start again by itself; ``stop`` ends it promptly. The store stays the single source
of truth: the screens read it, never the network.
"""

from __future__ import annotations

import logging
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .client import BackofficeClient
from .documents import DocumentQueue
from .errors import Offline, ProtocolError, Rejected, ServerUnavailable, SessionExpired, SyncError
from .protocol import (Activity, AldRenewals, EventsPage, FormOrdersPage, FormsCatalog, Me, PatientSituation,
                       ThreadsPage)
from .store import OutboxItem, Store

__all__ = ["SyncReport", "SyncEngine", "Route", "OUTBOX_ROUTES", "DOMAINS"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Route:
    """Where an outbox kind goes. ``path`` names payload fields (``{order_id}``) that are taken out of
    the body; ``client_id`` says the body carries the item's client id, which the server applies once."""

    method: str
    path: str
    client_id: bool = False
    idempotent: bool = False  # a repeat is a no-op on the server (cancel, "not me"): safe to retry

    def request(self, item: OutboxItem) -> tuple[str, dict[str, Any] | None]:
        keys = {name for _, name, _, _ in string.Formatter().parse(self.path) if name}
        body = {k: v for k, v in item.payload.items() if k not in keys}
        if self.client_id:
            body = {"client_id": item.client_id, **body}
        return self.path.format(**item.payload), body or None


OUTBOX_ROUTES = {
    "form_order": Route("POST", "/v1/forms/orders", client_id=True),
    "order_change": Route("PATCH", "/v1/forms/orders/{order_id}"),
    "order_cancel": Route("POST", "/v1/forms/orders/{order_id}/cancel", idempotent=True),
    "message": Route("POST", "/v1/messages", client_id=True),
    "message_reply": Route("POST", "/v1/messages/{thread_id}", client_id=True),
    "delegations": Route("PUT", "/v1/delegations"),
    "not_me": Route("POST", "/v1/auth/logins/{login_id}/not-me", idempotent=True),
}

DOMAINS = ("payments", "rejects", "orders", "messages", "events", "me", "ald", "forms", "activity")


@dataclass
class SyncReport:
    """What one pass did: rows applied per domain, outbox items sent, SCOR documents that got the
    server's final word, errors per domain ("outbox", "documents", then the pulled domains)."""

    applied: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    uploaded: int = 0
    errors: dict[str, SyncError] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class SyncEngine:
    def __init__(self, client: BackofficeClient, store: Store, *,
                 on_report: Callable[[SyncReport], None] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 page_size: int = 500, documents: DocumentQueue | None = None) -> None:
        self._client, self._store, self._clock = client, store, clock
        self._documents = documents
        self._on_report = on_report or (lambda report: None)
        self._page_size = page_size
        self._stopping = threading.Event()

    def _pull(self, domain: str) -> int:
        client, store = self._client, self._store
        whole: dict[str, Callable[[], int]] = {
            "me": lambda: store.replace_me(client.get("/v1/me", Me), self._clock()),
            "ald": lambda: store.replace_ald_renewals(client.get("/v1/ald/renewals", AldRenewals).items,
                                                      self._clock()),
            "forms": lambda: store.replace_form_catalog(client.get("/v1/forms/catalog", FormsCatalog).items,
                                                        self._clock()),
            "activity": lambda: store.replace_activity(client.get("/v1/activity", Activity), self._clock()),
        }
        if domain in whole:
            return self._stored(domain, whole[domain])
        fetch, apply = {
            "payments": (client.payments_page, store.apply_payments),
            "rejects": (client.rejects_page, store.apply_rejects),
            "orders": (lambda c, n: client.page("/v1/forms/orders", FormOrdersPage, c, n), store.apply_orders),
            "messages": (lambda c, n: client.page("/v1/messages", ThreadsPage, c, n), store.apply_threads),
            "events": (lambda c, n: client.page("/v1/events", EventsPage, c, n), store.apply_events),
        }[domain]
        total, seen = 0, {store.cursor(domain)}
        while not self._stopping.is_set():
            page = fetch(store.cursor(domain), self._page_size)
            if page.has_more:
                self._check_progress(domain, page.items, page.next_cursor, seen)
            total += self._stored(domain, apply, page.items, page.next_cursor, self._clock())
            if not page.has_more:
                break
        return total

    @staticmethod
    def _stored(domain: str, write: Callable[..., int], *args: Any) -> int:
        """``write(*args)``: what the server sent, kept; a number beyond SQLite's 64 bits is the
        server's fault (the write's transaction is rolled back)."""
        try:
            return write(*args)
        except OverflowError:
            raise ProtocolError(f"{domain}: a number too large to be kept") from None

    @staticmethod
    def _check_progress(domain: str, items: list[Any], cursor: str | None, seen: set[str | None]) -> None:
        """A page that says "more" must move on: items in it and a cursor not met before in this pass
        (else the loop would ask the same pages for ever). Refused before anything is written."""
        if not items or cursor in seen:
            raise ProtocolError(f"{domain}: the server's cursor does not move on ({cursor!r})")
        seen.add(cursor)

    def _send(self, item: OutboxItem) -> dict[str, Any]:
        route = OUTBOX_ROUTES[item.kind]
        path, body = route.request(item)
        if route.method == "PATCH":
            return self._client.patch(path, body or {})
        if route.method == "PUT":
            return self._client.put(path, body or {})
        return self._client.post(path, body, idempotent=route.idempotent or route.client_id)

    def _push(self) -> int:
        sent = 0
        for item in self._store.pending():
            if self._stopping.is_set():
                break
            self._store.mark_attempt(item)
            try:
                answer = self._send(item)
            except Rejected as refused:  # the server's final word (e.g. order-dispatched): kept with its reason
                self._store.mark_refused(item, refused.problem)
            else:
                self._store.mark_sent(item, answer)
            sent += 1
        return sent

    def patient_situation(self, nir: str) -> tuple[PatientSituation, datetime, bool]:
        """The patient's rights and médecin traitant: read live and kept, or, when the back office
        cannot answer, the last one kept with when it was read (the bool says whether it is live)."""
        try:
            situation = self._client.patient_situation(nir)
        except (Offline, ServerUnavailable):
            cached = self._store.patient_situation(nir)
            if cached is None:
                raise
            return cached[0], cached[1], False
        now = self._clock()
        self._store.save_patient_situation(situation, now)
        return situation, now, True

    def sync_once(self) -> SyncReport:
        report = SyncReport()
        try:
            report.sent = self._push()
        except SyncError as error:
            report.errors["outbox"] = error
        unreachable = (Offline, ServerUnavailable, SessionExpired)
        if self._documents is not None:  # before the pulls: a scan waiting is the user's work
            if isinstance(report.errors.get("outbox"), unreachable):
                report.errors["documents"] = report.errors["outbox"]
            else:
                try:
                    report.uploaded = self._documents.upload_pending(self._client, self._stopping.is_set)
                except SyncError as error:
                    log.warning("upload of documents failed: %s", error)
                    report.errors["documents"] = error
        for domain in DOMAINS:
            cause = next((report.errors[k] for k in ("outbox", "documents")
                          if isinstance(report.errors.get(k), unreachable)), None)
            if cause is not None:
                report.errors[domain] = cause  # no use trying: same cause
                continue
            try:
                report.applied[domain] = self._pull(domain)
            except SyncError as error:
                log.warning("sync of %s failed: %s", domain, error)
                report.errors[domain] = error
        self._on_report(report)
        return report

    def run(self, interval: float = 60.0) -> None:
        """Sync until :meth:`stop`: every ``interval`` seconds; when the server announced until when it
        is unavailable, again right then (sooner or later than ``interval``), to catch up by itself."""
        while not self._stopping.is_set():
            report = self.sync_once()
            announced = [error.until for error in report.errors.values()
                         if isinstance(error, ServerUnavailable) and error.until is not None]
            if any(isinstance(error, SessionExpired) for error in report.errors.values()):
                return  # the session is over: the app signs in again and starts a new engine
            wait = max((until - self._clock()).total_seconds() for until in announced) if announced else interval
            self._stopping.wait(max(wait, 0.5))

    def stop(self) -> None:
        self._stopping.set()
