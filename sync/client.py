"""The back-office client: sign-in, the card session kept alive, retries, typed errors. No Qt.

Requests that read, and writes a repeat cannot double, are retried with exponential backoff and
jitter, and wait what ``Retry-After`` asks; a maintenance answer opens a circuit until the announced
time, during which calls fail at once with :class:`ServerUnavailable` instead of hammering the
server. TLS is verified against the system store (truststore), plus a CA file when given (the
demo's). The client never holds a PIN: a card session is renewed by asking ``card_signer`` for a
fresh signature of a fresh challenge.

A misbehaving server cannot hold it: ``Retry-After`` is obeyed up to ``max_retry_after``; a request
and its whole answer must end within ``DEADLINE_FACTOR`` × ``timeout`` (``timeout`` alone bounds
only the wait between two bytes, so a body trickled a byte at a time would never end); an answer
longer than ``max_answer_bytes`` is refused; a page holding more items than asked is refused. Every
answer ends in a result or one of :mod:`sync.errors`.
"""

from __future__ import annotations

import base64
import math
import random
import ssl
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

import httpcore
import httpx
import pydantic
import truststore

from sync.protocol import (Activity, AldRenewals, CardProof, Challenge, DelegationList, EventsPage, FormOrdersPage,
                           FormsCatalog, LoginList, Me, PatientSituation, PaymentsPage, RejectsPage, SessionGrant,
                           ThreadsPage)
from sync.protocol.documents import AwaitingInvoicesPage, DocumentDeclaration, DocumentState
from sync.protocol.redact import redact, redact_http_client_logs
from sync.protocol.services import ReimbursementHistory

from .errors import (Forbidden, Offline, Problem, ProtocolError, Rejected, ServerUnavailable,
                     SessionExpired, SignInRefused)

redact_http_client_logs()  # httpx logs every URL at INFO: /v1/patients/<NIR>/…, ?patient=<name>

__all__ = ["CardSigner", "BackofficeClient", "tls_context", "DEADLINE_FACTOR", "MAX_ANSWER_BYTES",
           "MAX_RETRY_AFTER"]

CardSigner = Callable[[bytes], tuple[bytes, bytes]]
"""Given the challenge bytes, the card's authentication certificate (DER) and its signature."""

Model = TypeVar("Model", bound=pydantic.BaseModel)

_SESSION_ENDED = frozenset({"account-blocked", "delegation-withdrawn"})  # 403s by which the server ended the session
_RENEW_MARGIN = 60.0  # seconds: renew a card session this long before its proof is due…
_RENEW_SHARE = 1 / 3  # …or this share of its proof period when shorter (a test server's few seconds)

DEADLINE_FACTOR = 4  # a request and its whole answer must end within this many ``timeout``s
MAX_ANSWER_BYTES = 16 * 1024 * 1024  # the longest answer read (a page of 1,000 payments is ~300 KB)
MAX_RETRY_AFTER = 15 * 60.0  # seconds: a longer Retry-After is cut to this, then the client tries again


def tls_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """The system's trust store, plus ``ca_file`` when given; never unverified."""
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    """The answer's JSON object; None when the body is anything else (not JSON, an array, nested
    too deep for Python's parser)."""
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def _fields(**fields: Any) -> dict[str, Any]:
    """A request body without the optional fields left None."""
    return {name: value for name, value in fields.items() if value is not None}


def _problem(response: httpx.Response) -> Problem:
    body = _json_object(response)
    if body is None:
        return Problem(response.status_code, "", response.text[:200])
    return Problem(response.status_code, str(body.get("type", "")), str(body.get("detail", "")))


def _delay(header: str, now: float) -> float | None:
    """A ``Retry-After`` value (seconds, or an HTTP date) as seconds from ``now``, at least 0; None
    when it is missing or makes no sense (NaN, garbage)."""
    try:
        seconds = float(header)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(header).timestamp() - now
        except (TypeError, ValueError, OverflowError):
            return None
    return None if math.isnan(seconds) else max(0.0, seconds)


class _Deadline(threading.local):
    """The end (monotonic clock) of the request under way in this thread; its sockets never wait
    past it."""

    def __init__(self) -> None:
        self.at = math.inf

    def start(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def cut(self, timeout: float | None, error: type[Exception]) -> float:
        """``timeout`` shortened to what is left before the deadline; ``error`` once it has passed."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the request's deadline has passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket (plain or TLS) whose every wait ends at the deadline at the latest."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._deadline.cut(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sockets, each wait (connect, TLS, read, write) cut at the request's deadline: the
    status line and headers cannot be trickled either."""

    def __init__(self, deadline: _Deadline) -> None:
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(host, port, self._deadline.cut(timeout, httpcore.ConnectTimeout),
                                           local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _deadline_transport(verify: ssl.SSLContext | bool, deadline: _Deadline) -> httpx.HTTPTransport:
    """httpx's transport over a connection pool whose sockets keep ``deadline``. httpx has no total
    timeout nor a public hook for the pool's network backend (encode/httpx#1450), hence ``_pool``."""
    transport = httpx.HTTPTransport(verify=verify)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=verify if isinstance(verify, ssl.SSLContext) else None, max_connections=100,
        max_keepalive_connections=20, keepalive_expiry=5.0, network_backend=_DeadlineBackend(deadline))
    return transport


class BackofficeClient:
    """One professional's connection to the back office, shared by the threads that work for them (the
    engine's fetchers, a patient lookup): httpx's client is thread-safe, each thread keeps its own
    request deadline, and the session (token, renewal, card signer) is changed by one thread at a time,
    so a session due for renewal is renewed once and the card is never asked for two signatures at once."""

    def __init__(self, base_url: str, *, ca_file: Path | None = None,
                 transport: httpx.BaseTransport | None = None, workstation: str = "",
                 timeout: float = 15.0, max_attempts: int = 5, max_wait: float = 30.0,
                 max_retry_after: float = MAX_RETRY_AFTER, max_answer_bytes: int = MAX_ANSWER_BYTES,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        """``timeout`` bounds each wait on the network and, times ``DEADLINE_FACTOR``, a whole request
        (a ``transport`` given by a test keeps only the former)."""
        verify: ssl.SSLContext | bool = tls_context(ca_file) if base_url.startswith("https") else True
        headers = {"X-Workstation": workstation} if workstation else {}
        self._deadline, self._request_deadline = _Deadline(), DEADLINE_FACTOR * timeout
        self._http = httpx.Client(base_url=base_url, verify=verify, timeout=timeout, headers=headers,
                                  transport=transport or _deadline_transport(verify, self._deadline))
        self._clock, self._sleep, self._random = clock, sleep, rng or random.Random()
        self._max_attempts, self._max_wait, self._max_retry_after = max_attempts, max_wait, max_retry_after
        self._max_answer_bytes = max_answer_bytes
        self._session = threading.RLock()  # guards the token, its expiry, the card signer and the grant
        self._token: str | None = None
        self._expires_at: datetime | None = None
        self._renew_at: float | None = None  # the client's clock: a card session's next request renews from then
        self._card_signer: CardSigner | None = None
        self._unavailable_until: float | None = None
        self.grant: SessionGrant | None = None

    def close(self) -> None:
        self._http.close()

    # -- transport, retries, errors ----------------------------------------------------------------

    def _send(self, method: str, path: str, *, retry: bool, **kwargs: Any) -> httpx.Response:
        now = self._clock()
        if self._unavailable_until is not None and now < self._unavailable_until:
            until = datetime.fromtimestamp(self._unavailable_until, timezone.utc)
            raise ServerUnavailable("the back office announced it is unavailable", until)
        delay, connected = 0.5, False  # connected: an attempt got a connection, so the request may have arrived
        for attempt in range(1, self._max_attempts + 1):
            last = attempt == self._max_attempts or not retry
            try:
                response = self._exchange(method, path, **kwargs)
            except httpx.TransportError as error:
                connected = connected or not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
                if last:
                    raise Offline(f"the back office cannot be reached: {error}", may_have_arrived=connected) from None
                self._sleep(delay * (0.5 + self._random.random()))
                delay = min(delay * 2, self._max_wait)
                continue
            if response.status_code in (429, 502, 503, 504):
                wait = self._retry_after(response, delay)
                if response.status_code == 503 and _problem(response).slug == "maintenance":
                    self._unavailable_until = self._clock() + wait
                    raise ServerUnavailable(_problem(response).detail,
                                            datetime.fromtimestamp(self._unavailable_until, timezone.utc))
                if last:
                    raise ServerUnavailable(_problem(response).detail or "the back office is unavailable")
                self._sleep(min(wait, self._max_wait))
                delay = min(delay * 2, self._max_wait)
                continue
            self._unavailable_until = None
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _exchange(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request and its whole answer, read within the deadline and ``max_answer_bytes``."""
        self._deadline.start(self._request_deadline)
        try:
            with self._http.stream(method, path, **kwargs) as streamed:
                body = self._bounded_body(streamed)
        except httpx.DecodingError:
            raise ProtocolError(f"{path}: the answer's Content-Encoding does not decode") from None
        except httpx.TransportError:
            if self._deadline.passed():
                raise ProtocolError(f"{path}: no whole answer within {self._request_deadline:g} s") from None
            raise
        decoded = [(k, v) for k, v in streamed.headers.multi_items() if k.lower() != "content-encoding"]
        return httpx.Response(streamed.status_code, headers=decoded, content=body, request=streamed.request)

    def _bounded_body(self, response: httpx.Response) -> bytes:
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self._max_answer_bytes:
                raise ProtocolError(f"{redact(response.request.url.path)}: an answer longer than "
                                    f"{self._max_answer_bytes} bytes")
        return bytes(body)

    def _retry_after(self, response: httpx.Response, default: float) -> float:
        """What ``Retry-After`` asks, at most ``max_retry_after``; about ``default`` when it says nothing
        usable."""
        seconds = _delay(response.headers.get("retry-after", ""), self._clock())
        if seconds is None:
            return default * (0.5 + self._random.random())
        return min(seconds, self._max_retry_after)

    @staticmethod
    def _check(response: httpx.Response, *, signing_in: bool = False) -> httpx.Response:
        status = response.status_code
        if status < 400 or status == 304:
            return response
        problem = _problem(response)
        if status == 401:
            raise SignInRefused(problem) if signing_in else SessionExpired(problem)
        if status == 403:
            if signing_in:
                raise SignInRefused(problem)
            raise SessionExpired(problem) if problem.slug in _SESSION_ENDED else Forbidden(problem)
        if status >= 500:
            raise ServerUnavailable(problem.detail or f"the back office failed (HTTP {status})")
        raise Rejected(problem)

    @staticmethod
    def _parse(response: httpx.Response, model: type[Model]) -> Model:
        try:
            return model.model_validate_json(response.content)
        except pydantic.ValidationError as error:
            raise ProtocolError(f"{redact(response.request.url.path)}: not the expected answer "
                                f"({error.error_count()} errors)") from None

    # -- sign-in -----------------------------------------------------------------------------------

    def _card_proof(self, signer: CardSigner) -> dict[str, str]:
        response = self._check(self._send("GET", "/v1/auth/challenge", retry=True))
        challenge = self._parse(response, Challenge)
        certificate, signature = signer(base64.b64decode(challenge.challenge))
        return CardProof(certificate=base64.b64encode(certificate).decode(), challenge=challenge.challenge,
                         signature=base64.b64encode(signature).decode()).model_dump()

    def _start(self, grant: SessionGrant) -> SessionGrant:
        with self._session:
            self.grant, self._token = grant, grant.token
            self._set_expiry(grant)
        return grant

    def _set_expiry(self, grant: SessionGrant) -> None:
        """Keep the grant's expiry and when to renew: ``_RENEW_MARGIN`` before it, or a share of the
        period the grant gives when that is short, so that a renewal never starts past the proof's due."""
        self._expires_at = self._expiry(grant)
        due = self._expires_at.timestamp()
        self._renew_at = due - min(_RENEW_MARGIN, max(due - self._clock(), 0.0) * _RENEW_SHARE)

    @staticmethod
    def _expiry(grant: SessionGrant) -> datetime:
        if grant.expires_at.tzinfo is None:  # not comparable with now: the contract gives a zone
            raise ProtocolError("the session's expiry has no time zone")
        return grant.expires_at

    def sign_in_with_card(self, signer: CardSigner) -> SessionGrant:
        """Sign in with the card; ``signer`` is asked again whenever presence must be re-proved, from
        whichever thread finds the session due, never from two threads at once."""
        with self._session:
            response = self._send("POST", "/v1/auth/card", retry=False, json=self._card_proof(signer))
            grant = self._parse(self._check(response, signing_in=True), SessionGrant)
            self._card_signer = signer
            return self._start(grant)

    def sign_in_with_password(self, identifier: str, password: str,
                              new_password: str | None = None) -> SessionGrant:
        """``new_password`` is required with the first-login code and once the password expired: without it
        the back office refuses with ``password-change-required`` (:class:`SignInRefused`)."""
        body = {"identifier": identifier, "password": password, "new_password": new_password}
        with self._session:
            response = self._send("POST", "/v1/auth/password", retry=False, json=body)
            self._card_signer = None
            return self._start(self._parse(self._check(response, signing_in=True), SessionGrant))

    def renew_card_session(self) -> None:
        """Prove the card is still there; SessionExpired when the session is already over."""
        with self._session:
            if self._card_signer is None or self._token is None:
                raise SessionExpired(Problem(401, "", "no card session to renew"))
            proof = self._card_proof(self._card_signer)
            response = self._send("POST", "/v1/auth/card/renew", retry=False, json=proof,
                                  headers={"Authorization": f"Bearer {self._token}"})
            self._set_expiry(self._parse(self._check(response), SessionGrant))

    def renewal_in(self) -> float | None:
        """Seconds until the card session's next request renews it (0 or less: due now, or a renewal
        failed); None without a card session. The engine paces its passes by it."""
        renew_at, signer = self._renew_at, self._card_signer
        return None if renew_at is None or signer is None else renew_at - self._clock()

    def sign_out(self) -> None:
        """Forget the session (the card was pulled): nothing more is sent on its behalf. It does not wait
        for a renewal under way (the window calls it): that renewal's outcome goes with the token."""
        self._token = self._expires_at = self._renew_at = self._card_signer = self.grant = None

    # -- reading -----------------------------------------------------------------------------------

    def _authorized(self) -> dict[str, str]:
        """The session's header, renewed first when due: the threads that find it due together wait for
        the first one's renewal, then find it no longer due."""
        with self._session:
            if self._token is None:
                raise SessionExpired(Problem(401, "", "not signed in"))
            due = self._renew_at
            if self._card_signer is not None and due is not None and self._clock() >= due:
                self.renew_card_session()
            return {"Authorization": f"Bearer {self._token}"}

    def get(self, path: str, model: type[Model], **params: Any) -> Model:
        query = {k: v for k, v in params.items() if v is not None}
        response = self._send("GET", path, retry=True, params=query, headers=self._authorized())
        return self._parse(self._check(response), model)

    def page(self, path: str, model: type[Model], cursor: str | None, limit: int) -> Model:
        """One page of a change feed (``items``, ``next_cursor``, ``has_more``), refused when it holds
        more items than ``limit``: the server must not make the client keep more than it asked for."""
        page = self.get(path, model, cursor=cursor, limit=limit)
        items = len(page.items)  # type: ignore[attr-defined]
        if items > limit:
            raise ProtocolError(f"{path}: {items} items for {limit} asked")
        return page

    # One method per domain the engine pulls: a page of a change feed, or the whole of it.

    def payments_page(self, cursor: str | None, limit: int = 500) -> PaymentsPage:
        return self.page("/v1/payments", PaymentsPage, cursor, limit)

    def rejects_page(self, cursor: str | None, limit: int = 500) -> RejectsPage:
        return self.page("/v1/rejects", RejectsPage, cursor, limit)

    def orders_page(self, cursor: str | None, limit: int = 500) -> FormOrdersPage:
        return self.page("/v1/forms/orders", FormOrdersPage, cursor, limit)

    def threads_page(self, cursor: str | None, limit: int = 500) -> ThreadsPage:
        return self.page("/v1/messages", ThreadsPage, cursor, limit)

    def events_page(self, cursor: str | None, limit: int = 500) -> EventsPage:
        return self.page("/v1/events", EventsPage, cursor, limit)

    def awaiting_invoices(self, cursor: str | None, limit: int = 500) -> AwaitingInvoicesPage:
        """The practice's degraded invoices awaiting their SCOR document, with their batch's ARL."""
        return self.page("/v1/documents/awaiting", AwaitingInvoicesPage, cursor, limit)

    def me(self) -> Me:
        return self.get("/v1/me", Me)

    def ald_renewals(self) -> AldRenewals:
        return self.get("/v1/ald/renewals", AldRenewals)

    def forms_catalog(self) -> FormsCatalog:
        return self.get("/v1/forms/catalog", FormsCatalog)

    def activity(self) -> Activity:
        return self.get("/v1/activity", Activity)

    def logins(self) -> LoginList:
        """The account's recent sign-ins, newest first."""
        return self.get("/v1/auth/logins", LoginList)

    def delegations(self) -> DelegationList:
        """The CPE cards this titular delegates to, and what each may do."""
        return self.get("/v1/delegations", DelegationList)

    def patient_situation(self, nir: str) -> PatientSituation:
        """Rights and médecin traitant of one patient, read live (ADRi) rather than from the card."""
        compact = nir.replace(" ", "")
        if not compact.isalnum():
            raise ValueError("a NIR is made of digits (2A/2B for Corsica)")
        return self.get(f"/v1/patients/{compact}/situation", PatientSituation)

    def patient_history(self, nir: str, vitale_serial: str, *, consent: bool) -> ReimbursementHistory:
        """12 months of a patient's reimbursements: the back office gives them to a doctor's card session
        only, with the serial of the patient's own carte Vitale and his consent (403/428 problems
        otherwise). Never kept: the answer is ``no-store``, and so is it here."""
        compact = nir.replace(" ", "")
        if not compact.isalnum():
            raise ValueError("a NIR is made of digits (2A/2B for Corsica)")
        return self.get(f"/v1/patients/{compact}/history", ReimbursementHistory, vitale_serial=vitale_serial,
                        consent="true" if consent else "false")

    def _write(self, method: str, path: str, body: dict[str, Any] | None, *, retry: bool) -> dict[str, Any]:
        response = self._send(method, path, retry=retry, json=body, headers=self._authorized())
        checked = self._check(response)
        if checked.status_code == 204:
            return {}
        body = _json_object(checked)
        if body is None:
            raise ProtocolError(f"{path}: the answer is not a JSON object")
        return body

    def post(self, path: str, body: dict[str, Any] | None = None, *, idempotent: bool | None = None
             ) -> dict[str, Any]:
        """Retried only when a repeat is harmless: the body carries a client id the server applies once,
        or the caller says the route is a no-op the second time (``idempotent=True``)."""
        retry = idempotent if idempotent is not None else bool(body and "client_id" in body)
        return self._write("POST", path, body, retry=retry)

    def put(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """A whole replacement: idempotent, so retried."""
        return self._write("PUT", path, body, retry=True)

    def patch(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Not retried: a PATCH is idempotent only when the route says so; the outbox sends it again."""
        return self._write("PATCH", path, body, retry=False)

    # -- what the outbox sends ---------------------------------------------------------------------
    # One method per kind of offline action; each answers the server's JSON object. The body goes as
    # the caller gives it (the server checks it and refuses, with its reason, what is not right); a
    # field left None is not sent.

    def place_form_order(self, client_id: str, lines: list[dict[str, Any]], professional: str | None = None
                         ) -> dict[str, Any]:
        """Retried: the server places one order per client id."""
        return self.post("/v1/forms/orders", _fields(client_id=client_id, lines=lines, professional=professional))

    def change_form_order(self, order_id: int, lines: list[dict[str, Any]]) -> dict[str, Any]:
        return self.patch(f"/v1/forms/orders/{order_id}", {"lines": lines})

    def cancel_form_order(self, order_id: int) -> dict[str, Any]:
        """Retried: cancelling twice is cancelling once."""
        return self.post(f"/v1/forms/orders/{order_id}/cancel", idempotent=True)

    def mark_reject_treated(self, reject_id: int) -> dict[str, Any]:
        """Retried: marking a reject treated twice is marking it once."""
        return self.post(f"/v1/rejects/{reject_id}/treated", idempotent=True)

    def open_thread(self, client_id: str, subject: str, reason: str, body: str, professional: str | None = None
                    ) -> dict[str, Any]:
        """Retried: the server opens one thread per client id."""
        return self.post("/v1/messages", _fields(client_id=client_id, subject=subject, reason=reason, body=body,
                                                 professional=professional))

    def reply_to_thread(self, thread_id: int, client_id: str, body: str) -> dict[str, Any]:
        """Retried: the server adds one message per client id."""
        return self.post(f"/v1/messages/{thread_id}", {"client_id": client_id, "body": body})

    def set_delegations(self, items: list[dict[str, Any]]) -> dict[str, Any]:
        return self.put("/v1/delegations", {"items": items})

    def change_password(self, new_password: str) -> None:
        """Choose the account's password from a card session (what lifts a "not me" suspension). Not
        retried: a repeat that reaches the server after the first would be refused as a reused password."""
        self._write("PUT", "/v1/auth/password", {"new_password": new_password}, retry=False)

    def report_not_me(self, login_id: int) -> dict[str, Any]:
        """Retried: a second report of the same sign-in changes nothing."""
        return self.post(f"/v1/auth/logins/{login_id}/not-me", idempotent=True)

    # -- SCOR documents ----------------------------------------------------------------------------
    def health(self) -> int:
        """One request without a session, not retried, for Diagnostics to time: the answer's HTTP status
        (any answer means reachable; an older back office without the route answers 404). Offline or
        ServerUnavailable (maintenance included) when it does not answer."""
        return self._send("GET", "/v1/health", retry=False).status_code

    # Every call below is retried: the document id is the client's, fixed before the first request,
    # and the server treats a repeated declaration, chunk or completion as a no-op.

    def declare_document(self, declaration: DocumentDeclaration) -> DocumentState:
        """Declare (or declare again, harmlessly) a document before its bytes are sent."""
        response = self._send("POST", "/v1/documents", retry=True, json=declaration.model_dump(mode="json"),
                              headers=self._authorized())
        return self._parse(self._check(response), DocumentState)

    def document_offset(self, document_id: str) -> int:
        """The bytes the server holds (HEAD ``Upload-Offset``): where an upload resumes."""
        response = self._check(self._send("HEAD", f"/v1/documents/{document_id}/content", retry=True,
                                          headers=self._authorized()))
        return self._upload_offset(response)

    def put_document_chunk(self, document_id: str, chunk: bytes, start: int, total: int) -> int:
        """Send bytes ``start..start+len(chunk)-1`` of ``total``; returns the server's new offset. A
        409 ``upload-offset-mismatch`` is not an error here: its offset says where to go on."""
        headers = {**self._authorized(), "Content-Type": "application/octet-stream",
                   "Content-Range": f"bytes {start}-{start + len(chunk) - 1}/{total}"}
        response = self._send("PUT", f"/v1/documents/{document_id}/content", retry=True, content=chunk,
                              headers=headers)
        if response.status_code == 409 and _problem(response).slug == "upload-offset-mismatch":
            return self._upload_offset(response)
        return self._upload_offset(self._check(response))

    def complete_document(self, document_id: str) -> DocumentState:
        """Ask the server to check the uploaded bytes: accepted, or rejected with a French reason."""
        response = self._send("POST", f"/v1/documents/{document_id}/complete", retry=True,
                              headers=self._authorized())
        return self._parse(self._check(response), DocumentState)

    @staticmethod
    def _upload_offset(response: httpx.Response) -> int:
        try:
            return int(response.headers["Upload-Offset"])
        except (KeyError, ValueError):
            raise ProtocolError(f"{redact(response.request.url.path)}: no Upload-Offset in the answer") from None
