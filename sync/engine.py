"""The sync loop: push the outbox, pull every domain by cursor into the store, report, back off.

It runs on a worker thread (``run``, which ``wake`` hurries for the "sync now" button or when the
network comes back) or once (``sync_once``, for tests); that thread is the store's writer. It asks only
the domains the session's scopes allow (a secretary's CPE sees what was delegated to it). The domains are fetched by a few threads at once, so a slow or
failing one does not hold the others back, and each page is applied on the writer thread with its
cursor, in one transaction. A domain that fails does not stop the others; an unavailable back office
makes the loop wait what it announced, then start again by itself; ``stop`` ends it promptly. The
store stays the single source of truth: the screens read it, never the network.
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .client import BackofficeClient
from .documents import DocumentQueue
from .errors import Offline, Problem, ProtocolError, Reason, Rejected, ServerUnavailable, SessionExpired, SyncError
from .store import OutboxItem, Store

__all__ = ["SyncReport", "SyncEngine", "Domain", "DOMAINS", "OUTBOX", "FETCHERS"]

log = logging.getLogger(__name__)

FETCHERS = 3  # domains fetched at once: one slow domain leaves the others two threads
APPLY_ROWS = 5_000  # rows of a domain's pages applied in one transaction, at most…
APPLY_SECONDS = 1.0  # …and seconds of fetching before they are: a slow server's pages show as they come


@dataclass(frozen=True)
class Domain:
    """One domain of the back office kept in the store: the session scope its route requires, its
    client call and how its answer is applied. A change feed (``paged``) is read page by page from the
    store's cursor, ``fetch(client, cursor, limit)``, each page applied with its cursor; any other is
    read whole, ``fetch(client)``, and replaces the last one."""

    name: str
    scope: str  # as the back office's ``require_scope`` names it
    fetch: Callable[..., Any]
    apply: Callable[[Store, Any, datetime], int]  # (store, page or whole, as of) -> rows applied
    paged: bool = False


DOMAINS: tuple[Domain, ...] = (
    Domain("payments", "payments", BackofficeClient.payments_page,
           lambda store, page, as_of: store.apply_payments(page.items, page.next_cursor, as_of), paged=True),
    Domain("rejects", "rejects", BackofficeClient.rejects_page,
           lambda store, page, as_of: store.apply_rejects(page.items, page.next_cursor, as_of), paged=True),
    Domain("orders", "forms", BackofficeClient.orders_page,
           lambda store, page, as_of: store.apply_orders(page.items, page.next_cursor, as_of), paged=True),
    Domain("messages", "messages", BackofficeClient.threads_page,
           lambda store, page, as_of: store.apply_threads(page.items, page.next_cursor, as_of), paged=True),
    Domain("events", "events", BackofficeClient.events_page,
           lambda store, page, as_of: store.apply_events(page.items, page.next_cursor, as_of), paged=True),
    Domain("awaiting", "documents", BackofficeClient.awaiting_invoices,
           lambda store, page, as_of: store.awaiting.apply(page.items, page.next_cursor, as_of), paged=True),
    Domain("me", "me", BackofficeClient.me, lambda store, me, as_of: store.replace_me(me, as_of)),
    Domain("ald", "ald", BackofficeClient.ald_renewals,
           lambda store, ald, as_of: store.replace_ald_renewals(ald.items, as_of)),
    Domain("forms", "forms", BackofficeClient.forms_catalog,
           lambda store, catalog, as_of: store.replace_form_catalog(catalog.items, as_of)),
    Domain("activity", "activity", BackofficeClient.activity,
           lambda store, activity, as_of: store.replace_activity(activity, as_of)),
)

# How each kind of offline action is sent: the client's method, given the payload as its arguments and,
# where the method takes it, the item's client id.
OUTBOX: dict[str, tuple[Callable[..., dict[str, Any]], bool]] = {
    "form_order": (BackofficeClient.place_form_order, True),
    "order_change": (BackofficeClient.change_form_order, False),
    "order_cancel": (BackofficeClient.cancel_form_order, False),
    "message": (BackofficeClient.open_thread, True),
    "message_reply": (BackofficeClient.reply_to_thread, True),
    "delegations": (BackofficeClient.set_delegations, False),
    "not_me": (BackofficeClient.report_not_me, False),
    "reject_treated": (BackofficeClient.mark_reject_treated, False),
}


def _sender(client: BackofficeClient, item: OutboxItem) -> Callable[[], dict[str, Any]] | None:
    """The call that sends ``item``; None when this version cannot send it (a kind it does not know, or a
    payload of another shape, say from another version), so that one such item never stops the outbox."""
    method, takes_client_id = OUTBOX.get(item.kind, (None, False))
    if method is None:
        return None
    arguments = {**item.payload, **({"client_id": item.client_id} if takes_client_id else {})}
    try:
        inspect.signature(method).bind(client, **arguments)
    except TypeError:
        return None
    return functools.partial(method, client, **arguments)


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


@dataclass
class _Pull:
    """One domain's progress in a pass: rows applied so far and the cursors met (a page that says
    "more" must name a new one)."""

    domain: Domain
    seen: set[str | None]
    applied: int = 0


@dataclass(frozen=True)
class _Run:
    """Pages of a change feed fetched one after the other, to be applied in one transaction; ``error``
    ended the run early (the pages before it are good)."""

    pages: list[Any]
    error: SyncError | None = None


class SyncEngine:
    def __init__(self, client: BackofficeClient, store: Store, *,
                 on_report: Callable[[SyncReport], None] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 page_size: int = 500, documents: DocumentQueue | None = None, fetchers: int = FETCHERS,
                 apply_rows: int = APPLY_ROWS, scopes: frozenset[str] | None = None) -> None:
        """``fetchers`` threads fetch the domains; the pages are applied on the thread of ``sync_once``,
        up to ``apply_rows`` rows of a domain at once. Only the domains whose scope is in ``scopes`` (the
        session grant's) are asked, the others skipped, not failed; None asks every domain."""
        if fetchers < 1:
            raise ValueError("at least one fetcher")
        self._client, self._store, self._clock = client, store, clock
        self._domains = tuple(d for d in DOMAINS if scopes is None or d.scope in scopes)
        self._documents = documents
        self._on_report = on_report or (lambda report: None)
        self._page_size, self._fetchers, self._apply_rows = page_size, fetchers, apply_rows
        self._stopping = threading.Event()
        self._woken = threading.Event()  # set by wake() and stop(): the loop's wait ends

    # -- pulling -----------------------------------------------------------------------------------

    def _pull(self, report: SyncReport) -> None:
        """Fetch every domain asked on the fetcher threads and apply each answer here as it comes; a domain
        ends in ``report.applied`` or ``report.errors``."""
        with ThreadPoolExecutor(self._fetchers, thread_name_prefix="sync-fetch") as pool:
            running: dict[Future[Any], _Pull] = {}
            for domain in self._domains:
                cursor = self._store.cursor(domain.name) if domain.paged else None
                pull = _Pull(domain, {cursor})
                running[self._fetch(pool, pull, cursor)] = pull
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    pull = running.pop(future)
                    try:
                        following = self._take(pool, pull, future.result())
                    except SyncError as error:
                        log.warning("sync of %s failed: %s", pull.domain.name, error)
                        report.errors[pull.domain.name] = error
                        continue
                    if following is None:
                        report.applied[pull.domain.name] = pull.applied
                    else:
                        running[following] = pull
                if self._stopping.is_set():  # a fetch not started never will; one under way ends by its deadline
                    for future in [f for f in running if f.cancel()]:
                        del running[future]

    def _fetch(self, pool: ThreadPoolExecutor, pull: _Pull, cursor: str | None) -> Future[Any]:
        if pull.domain.paged:
            return pool.submit(self._fetch_run, pull, cursor)
        return pool.submit(pull.domain.fetch, self._client)

    def _fetch_run(self, pull: _Pull, cursor: str | None) -> _Run:
        """Pages of a change feed from ``cursor``, on a fetcher thread, until the last one, until
        ``apply_rows`` rows or :data:`APPLY_SECONDS` (a slow server's pages show as they come).
        Applied together, they rewrite each index page of the store once per run, not once per page:
        a first sync's cost."""
        pages: list[Any] = []
        rows, started = 0, time.monotonic()
        try:
            while True:
                page = pull.domain.fetch(self._client, cursor, self._page_size)
                if page.has_more:
                    self._check_progress(pull.domain.name, page.items, page.next_cursor, pull.seen)
                pages.append(page)
                rows, cursor = rows + len(page.items), page.next_cursor
                if (not page.has_more or rows >= self._apply_rows or time.monotonic() - started >= APPLY_SECONDS
                        or self._stopping.is_set()):
                    return _Run(pages)
        except SyncError as error:
            return _Run(pages, error)

    def _take(self, pool: ThreadPoolExecutor, pull: _Pull, answer: Any) -> Future[Any] | None:
        """Apply a whole, or a run of pages as one page (their items, the last one's cursor) after
        asking for the next run, so that the network and the disk work at once. Returns the next
        run's fetch, or None when the domain is done."""
        if not isinstance(answer, _Run):
            self._apply(pull, answer)
            return None
        following = None
        if answer.pages:
            last = answer.pages[-1]
            if answer.error is None and last.has_more and not self._stopping.is_set():
                following = self._fetch(pool, pull, last.next_cursor)
            try:
                self._apply(pull, last.model_copy(update={"items": [i for page in answer.pages for i in page.items]}))
            except SyncError:
                if following is not None:
                    following.cancel()
                raise
        if answer.error is not None:
            raise answer.error
        return following

    def _apply(self, pull: _Pull, answer: Any) -> None:
        try:
            pull.applied += pull.domain.apply(self._store, answer, self._clock())
        except OverflowError:  # beyond SQLite's 64 bits: the server's fault (the write was rolled back)
            raise ProtocolError(f"{pull.domain.name}: a number too large to be kept") from None

    @staticmethod
    def _check_progress(domain: str, items: list[Any], cursor: str | None, seen: set[str | None]) -> None:
        """A page that says "more" must move on: items in it and a cursor not met before in this pass
        (else the loop would ask the same pages for ever). Refused before anything is written."""
        if not items or cursor in seen:
            raise ProtocolError(f"{domain}: the server's cursor does not move on ({cursor!r})")
        seen.add(cursor)

    # -- pushing -----------------------------------------------------------------------------------

    def _push(self) -> int:
        sent = 0
        for item in self._store.pending():
            if self._stopping.is_set():
                break
            send = _sender(self._client, item)
            if send is None:
                log.error("outbox item %s of kind %r cannot be sent by this version", item.client_id, item.kind)
                self._store.mark_refused(item, Problem(0, Reason.OUTBOX_ITEM_UNSENDABLE, "cannot be sent"))
                continue
            self._store.mark_attempt(item)
            try:
                answer = send()
            except Offline as unreached:
                if not unreached.may_have_arrived:  # it never left: the user may still revise it
                    self._store.outbox.forget_attempt(item)
                raise
            except Rejected as refused:  # the server's final word (e.g. order-dispatched): kept with its reason
                self._store.mark_refused(item, refused.problem)
            else:
                self._store.mark_sent(item, answer)
            sent += 1
        return sent

    # -- the pass and the loop ---------------------------------------------------------------------

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
                    report.uploaded = self._documents.upload_pending(self._client, self._stopping.is_set,
                                                                     now=self._clock())
                except SyncError as error:
                    log.warning("upload of documents failed: %s", error)
                    report.errors["documents"] = error
        cause = next((report.errors[k] for k in ("outbox", "documents")
                      if isinstance(report.errors.get(k), unreachable)), None)
        if cause is None:
            self._pull(report)
        else:
            report.errors.update((domain.name, cause) for domain in self._domains)  # no use trying: same cause
        self._on_report(report)
        return report

    def run(self, interval: float = 60.0) -> None:
        """Sync until :meth:`stop`: every ``interval`` seconds; when the server announced until when it
        is unavailable, again right then (sooner or later than ``interval``), to catch up by itself; at
        once after :meth:`wake`. A card session's renewal falling due brings the next pass forward (its
        first request renews), so the session outlives any ``interval``."""
        while not self._stopping.is_set():
            self._woken.clear()  # a wake from now on asks for one more pass; earlier ones are served by this one
            report = self.sync_once()
            if any(isinstance(error, SessionExpired) for error in report.errors.values()):
                return  # the session is over: the app signs in again and starts a new engine
            self._woken.wait(self._pause(report, interval))

    def _pause(self, report: SyncReport, interval: float) -> float:
        """Seconds until the next pass: ``interval``, or until the announced end of an unavailability;
        sooner when the card session's renewal falls due (not when it is overdue: that pass's renewal
        failed, and the next is the report's business, not a loop's)."""
        announced = [error.until for error in report.errors.values()
                     if isinstance(error, ServerUnavailable) and error.until is not None]
        pause = max((until - self._clock()).total_seconds() for until in announced) if announced else interval
        renewal = self._client.renewal_in()
        if renewal is not None and renewal > 0:
            pause = min(pause, renewal)
        return max(pause, 0.5)

    def wake(self) -> None:
        """Start the next pass now rather than at its time; from any thread. A pass under way goes on,
        and the wakes it gets make one more pass after it, not one each."""
        self._woken.set()

    def stop(self) -> None:
        self._stopping.set()
        self._woken.set()
