"""The back office's storage interface: every read and write the routes and the authenticator make.

DESIGN.md ("Scale"): one machine runs on SQLite; a larger deployment moves to PostgreSQL. So routes
and sign-in speak only to a :class:`Storage` — one protocol per domain (sign-in, accounts, practice
data, forms, messages, activity, history, events, documents, invoices awaiting their document), each of domain operations returning plain
rows (read-only mappings of column name to value) or dataclasses — and the engine is chosen by
``BackofficeConfig.database_url`` through :func:`engines.open_storage` (SQLite: :mod:`sqlite`). Each write
method is atomic on its own: a use case that spans several writes (opening a session, reporting a
login, placing an order) is one method, so no caller needs to hold a transaction. Refusals by the
rules are the domain errors of :mod:`errors`, never HTTP answers.

Sign-in and data rules (who may see what, password policy, pagination) stay with their callers;
the storage only answers the questions they ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .documents import Document

__all__ = ["Row", "Delegator", "NewSession", "PaymentFilter", "SignIn", "Accounts", "PracticeData", "Forms",
           "Messages", "Activity", "History", "Events", "Documents", "Awaiting", "Storage"]

Row = Mapping[str, Any]  # one record, by column name


@dataclass(frozen=True)
class Delegator:
    """A titular who delegated scopes to a CPE card."""

    professional_id: int
    national_id: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class NewSession:
    """A session to open, with the login it records."""

    token_hash: str
    professional_id: int
    kind: str  # card or password
    scopes: frozenset[str]
    certificate_sha256: str | None
    at: float
    proof_due_at: float | None
    workstation: str


@dataclass(frozen=True)
class PaymentFilter:
    """What ``/v1/payments`` narrows on; the patient as a full NIR, a NIR without key, or name words."""

    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    invoice_number: str | None = None
    batch_number: str | None = None
    patient_nir: str | None = None
    patient_nir_prefix: str | None = None  # 13 characters: the NIR without its key
    patient_words: tuple[str, ...] = ()  # folded words (sync.protocol.search), each a word of the patient's name


class SignIn(Protocol):
    """What the authenticator reads and writes: challenges, accounts by identifier, password attempts,
    sessions and logins."""

    def add_challenge(self, value: str, expires_at: float, purge_before: float) -> None: ...
    def use_challenge(self, value: str, now: float) -> bool:
        """Mark an unused, unexpired challenge used; False when there is none."""
    def account_by_national_id(self, national_id: str) -> Row | None: ...
    def account_by_identifier(self, identifier: str) -> Row | None:
        """The account of a numéro AM, else the accountant of a practice's FINESS number."""
    def count_password_attempt(self, identifier: str, now: float, lock_for: Callable[[int], float],
                               forget_before: float) -> float | None:
        """Count one attempt on ``identifier`` *before* its password is checked, atomically: None when it
        may be checked (the identifier then locked ``lock_for(failures)`` seconds when not 0), else the
        end of the lock in force (not counted). Counts last seen before ``forget_before`` are dropped."""
    def forget_password_attempts(self, identifier: str) -> None:
        """The right password was given: the failures in a row start again from 0."""
    def recent_password_hashes(self, account_id: int, count: int) -> list[str]: ...
    def set_password(self, account_id: int, password_hash: str, at: float) -> None:
        """The new password, in the history; the first-login code and a "not me" flag are cleared."""
    def block_account(self, account_id: int, at: float) -> None:
        """Block the account and end every session of it."""
    def open_session(self, session: NewSession) -> int:
        """Store the session, record the login; the login's id."""
    def find_session(self, token_hash: str) -> Row | None:
        """The session with its account's practice_id, national_id, card_type and blocked."""
    def touch_session(self, token_hash: str, at: float) -> None: ...
    def end_session(self, token_hash: str, at: float, reason: str) -> None: ...
    def renew_card_session(self, token_hash: str, certificate_sha256: str, proof_due_at: float,
                           at: float) -> bool:
        """Push back the next proof of a live session of this card; False when none matches."""
    def report_not_me(self, professional_id: int, login_id: int, at: float) -> bool:
        """Flag the login and the account, end its sessions; False for a login not of the account."""
    def logins(self, professional_id: int, limit: int) -> list[Row]: ...


class Accounts(Protocol):
    """The account's page and who acts for whom: profiles, situations, delegations."""

    def profile(self, professional_id: int) -> Row:
        """The professional's row with its ``practice_name``."""
    def situations(self, professional_id: int) -> list[Row]: ...
    def national_ids(self, professional_ids: Iterable[int], practice_id: int | None = None) -> dict[int, str]: ...
    def practice_doctors(self, practice_id: int) -> dict[int, str]:
        """The practice's CPS holders: id -> national id."""
    def delegators(self, delegate_national_id: str, practice_id: int) -> list[Delegator]: ...
    def delegations(self, titular_id: int) -> list[Row]: ...
    def replace_delegations(self, titular_id: int, delegations: list[tuple[str, frozenset[str]]]) -> None: ...


class PracticeData(Protocol):
    """What the fund knows of the practice: payments, rejects, ALD, patients and their cartes Vitale."""

    def payments(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                 where: PaymentFilter) -> list[Row]: ...
    def rejects(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                status: str | None) -> list[Row]: ...
    def mark_reject_treated(self, reject_id: int, practice_id: int, visible: Iterable[int], by: int,
                            now: float) -> Row | None:
        """Mark a reject of ``visible``'s treated (``corrected``, with a new ``seq`` so every workstation
        pulls it) and return it; one already treated is returned unchanged; None when not visible."""
    def ald_ending(self, professional_id: int, practice_id: int, start: date, end: date) -> list[Row]:
        """ALD ending between the dates, with the patient's names and birth date."""
    def patient(self, practice_id: int, nir: str) -> Row | None:
        """The patient with ``doctor_last`` and ``doctor_first`` of the declared médecin traitant."""
    def vitale_card_carries(self, serial: str, nir: str) -> bool:
        """True when the fund issued the carte Vitale ``serial`` with ``nir`` among its beneficiaries."""


class Forms(Protocol):
    """Orders of paper forms (rules: :mod:`service_rules`): refusals are its domain errors."""

    def form_orders(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                    status: str | None) -> list[Row]: ...
    def form_order(self, order_id: int) -> Row: ...
    def order_lines(self, order_ids: list[int]) -> dict[int, dict[str, int]]: ...
    def place_order(self, *, practice_id: int, professional_id: int, placed_by: int, client_id: str,
                    lines: dict[str, int], now: float, visible: set[int]) -> tuple[int, bool]: ...
    def change_order(self, *, order_id: int, practice_id: int, visible: set[int], changes: dict[str, int],
                     now: float, delay: float) -> None:
        """A refusal because the order was dispatched meanwhile still records the dispatch."""
    def cancel_order(self, *, order_id: int, practice_id: int, visible: set[int], now: float,
                     delay: float) -> None: ...


class Messages(Protocol):
    """Threads of messages with the fund."""

    def threads(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                status: str | None) -> list[Row]: ...
    def thread(self, thread_id: int) -> Row: ...
    def thread_messages(self, thread_ids: list[int]) -> dict[int, list[Row]]: ...
    def open_thread(self, *, practice_id: int, professional_id: int, author_id: int, client_id: str,
                    subject: str, reason: str, body: str, now: float, visible: set[int]) -> tuple[int, bool]: ...
    def add_message(self, *, thread_id: int, practice_id: int, visible: set[int], author_id: int,
                    client_id: str, body: str, now: float) -> bool: ...


class Activity(Protocol):
    """The figures of the doctor's activity page."""

    def acts_by_month(self, professional_id: int, practice_id: int, first: date, last: date) -> list[Row]:
        """Per month and act code: ``month``, ``act_code``, ``acts``, ``tp`` and ``fees``."""
    def patients_by_month(self, professional_id: int, practice_id: int, first: date, last: date) -> dict[str, int]: ...
    def treating_declarations(self, professional_id: int, practice_id: int) -> list[str | None]: ...
    def contract_indicators(self, professional_id: int, practice_id: int) -> list[Row]: ...
    def optam(self, professional_id: int) -> Row:
        """``national_id``, ``convention_sector``, OPTAM ``adherent`` and ``since``."""


class History(Protocol):
    """A patient's reimbursements, and the log of who read them."""

    def log_history_access(self, professional_id: int, nir: str, vitale_serial: str, at: float) -> None: ...
    def reimbursements(self, practice_id: int, nir: str, first: date, last: date) -> list[Row]: ...


class Events(Protocol):
    """The change feed (``/v1/events``)."""

    def catch_up(self, practice_id: int, now: float, today: date, dispatch_delay: float) -> None:
        """Move what time has made due: dispatched orders, ALD entering their last 90 days."""
    def events(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
               kind: str | None) -> list[Row]: ...


class Documents(Protocol):
    """SCOR reception: documents' rows and bytes (rules and refusals: :mod:`documents`)."""

    def declare(self, practice_id: int, professional_id: int, *, client_id: str, sha256: str, size: int,
                pages: int, invoice_batch: str, invoice_number: str, invoice_nir: str,
                invoice_date: str) -> tuple[Document, bool]: ...
    def offset(self, practice_id: int, client_id: str) -> tuple[Document, int]: ...
    def check_chunk(self, practice_id: int, client_id: str, start: int, end: int,
                    total: int) -> tuple[Document, int, bool]: ...
    def append(self, practice_id: int, client_id: str, start: int, end: int, total: int, body: bytes) -> int: ...
    def complete(self, practice_id: int, client_id: str) -> Document: ...
    def get(self, practice_id: int, client_id: str) -> Document: ...
    def page(self, practice_id: int, after: int, limit: int, status: str | None = None,
             declared_by: int | None = None) -> list[Document]: ...


class Awaiting(Protocol):
    """SCOR's link to billing: the degraded invoices waiting for their justifying document, and the
    batches' logical acknowledgement (ARL). The document store checks declarations and completions
    against the same rows."""

    def awaiting(self, practice_id: int, after: int, limit: int) -> list[Row]:
        """The practice's degraded invoices changed after ``after`` (``seq``), justified ones included, each
        with its batch's ``arl``, ``arl_at`` and ``arl_reason``, in ``seq`` order."""
    def set_batch_arl(self, practice_id: int, batch: str, arl: str, reason: str | None = None,
                      at: float | None = None) -> int:
        """Set the ARL (``pending``, ``positive`` or ``negative``, with its French ``reason``) of the
        practice's batch ``batch``, at ``at`` (default now; none while pending); its invoices take a new
        ``seq``. How many batches carry that number in the practice (0: unknown)."""


class Storage(Protocol):
    """Everything the routes and the authenticator read or write, one interface per domain: an engine
    implements each. Lists paged by change sequence take ``after`` (a ``seq``) and ``limit`` and answer
    in ``seq`` order."""

    sign_in: SignIn
    accounts: Accounts
    practice: PracticeData
    forms: Forms
    messages: Messages
    activity: Activity
    history: History
    events: Events
    documents: Documents
    awaiting: Awaiting
