"""The sign-in state machine: card → PIN → challenge → session, and the password fallback. No Qt, no I/O.

Rules (every transition is in this module; the window's controller carries events in and effects out):

1. ``SignIn.handle(event)`` returns the effects to carry out, in order. It never waits, never touches a
   card, the network or a widget; events and effects are frozen values.
2. Generations. Every effect that asks for something that answers later (a card exchange, a request to
   the back office, a dialog, the engine's session) carries ``generation``; the event that answers it
   (an :class:`Answer`) carries it back. An answer whose generation is not the current one is dropped:
   no effect, no change — a PIN check that answers after the card was pulled, a sign-in that answers
   after a lock, a PIN typed in a dialog that a card swap closed (never sent to the new card). The
   generation increases on every lock, every card change and every new sign-in attempt. A current
   answer that the phase did not ask for is the caller's bug: :class:`UnexpectedEvent`.
3. Cards are known by reader and insertion number (increasing across readers), so that the removal of an
   older insertion never affects a newer one. A carte Vitale never touches the session. The last
   professional card inserted, in either slot of any reader, is the one that signs in: inserted while a
   session is open, it locks that session first. An unknown card is reported only when nothing else is
   going on (locked, or showing a card problem).
4. A lock — the session's card pulled (its reader and insertion), another professional card, the idle
   timeout, the user's lock, the back office ending the session (renewal refused, revoked by "ce n'était
   pas moi", delegation withdrawn), a password session past its time — emits, in one call and in this
   order: HideData, StopEngine (when a session was open), ShowLock. Unlocking always signs in again: the
   PIN (the card forgot it when pulled; after an idle lock it is asked again all the same), then the
   challenge. OpenSession.resume is true when the national id is the last session's on this workstation:
   he gets the view he left; another person starts afresh and never sees the first one's data.
5. The PIN is never retried by the software: each VerifyPin carries what the person just typed, or asks
   the reader's PIN pad. AskPin shows the tries left before the first entry and warns when one is left;
   a wrong PIN asks again with the new count; a blocked card is a card problem, with the PUK offered
   where the card allows it.
6. The lock screen shows one prompt at a time: each ShowLock, ReadCard, AskPin, ShowCardProblem and
   AskPassword replaces what it showed before, dialog included.

Phases and their answers (any phase: CardInserted, CardRemoved; UI events are ignored where they mean
nothing)::

    LOCKED        UnlockRequested → READING · PasswordRequested → PASSWORD
    READING       CardRead → PIN | CARD_PROBLEM · CardFailed → CARD_PROBLEM
    PIN           PinEntered → VERIFYING · PinCancelled → LOCKED
    VERIFYING     PinVerified → SIGNING_IN · PinRefused → PIN | CARD_PROBLEM · PinBlocked → CARD_PROBLEM
                  PinCancelled (the PIN pad's cancel or timeout) → LOCKED · CardFailed → CARD_PROBLEM
    CARD_PROBLEM  UnblockEntered (PUK offered) → UNBLOCKING · UnlockRequested → READING
                  PasswordRequested → PASSWORD
    UNBLOCKING    CardUnblocked → READING · CardFailed → CARD_PROBLEM
    SIGNING_IN    SignedIn → OPEN · SignInFailed → LOCKED
    PASSWORD      PasswordEntered → PASSWORD_SIGNING_IN · PasswordCancelled → LOCKED
    NEW_PASSWORD  NewPasswordEntered → PASSWORD_SIGNING_IN · PasswordCancelled → LOCKED
    PASSWORD_SIGNING_IN  SignedIn → OPEN · NewPasswordRequired → NEW_PASSWORD
                  SignInFailed → PASSWORD | NEW_PASSWORD (the one that was asked)
    OPEN          SessionLost, NotMeReported, PasswordTimeUp (password sessions), IdleTimeout,
                  LockRequested → LOCKED
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import TypeAlias

from cardreader import errors as card_errors
from cardreader.atr import CardFamily
from sync.errors import SyncError

__all__ = [
    "Phase", "CardKind", "Method", "LockReason", "CardProblem", "PinPad", "CardSummary", "SessionUser",
    "UnexpectedEvent", "SignIn", "Event", "Effect", "Answer", "Ask",
    # events
    "CardInserted", "CardRemoved", "UnlockRequested", "LockRequested", "IdleTimeout", "PasswordRequested",
    "CardRead", "CardFailed", "PinEntered", "PinCancelled", "PinVerified", "PinRefused", "PinBlocked",
    "UnblockEntered", "CardUnblocked", "SignedIn", "SignInFailed", "PasswordEntered", "NewPasswordRequired",
    "NewPasswordEntered", "PasswordCancelled", "SessionLost", "PasswordTimeUp", "NotMeReported",
    # effects
    "ShowLock", "HideData", "StopEngine", "ReadCard", "AskPin", "VerifyPin", "ShowCardProblem", "UnblockCard",
    "SignInWithCard", "AskPassword", "SignInWithPassword", "OpenSession", "StartEngine",
]


class Phase(enum.Enum):
    LOCKED = "locked"  # the lock screen; a professional card may be in (after an idle lock, a cancel)
    READING = "reading"  # the card's identity is being read
    PIN = "pin"  # the PIN dialog is up
    VERIFYING = "verifying"  # the card checks the PIN
    CARD_PROBLEM = "card problem"  # blocked, expired, unknown kind, unreadable
    UNBLOCKING = "unblocking"  # the card checks the PUK and takes the new PIN
    SIGNING_IN = "signing in"  # the challenge signed on the card thread, the session opened with the back office
    PASSWORD = "password"  # the password dialog is up
    NEW_PASSWORD = "new password"  # the back office asked for a new password
    PASSWORD_SIGNING_IN = "password signing in"
    OPEN = "open"


class CardKind(enum.StrEnum):
    """A professional card's kind, read from its holder file (the ATR tells only the family)."""

    CPS = "CPS"
    CPF = "CPF"
    CPE = "CPE"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def of(cls, card_type: str) -> CardKind:
        return cls.__members__.get(card_type, cls.UNKNOWN)


class Method(enum.StrEnum):
    CARD = "card"
    PASSWORD = "password"


class LockReason(enum.StrEnum):
    NO_CARD = "no-card"  # nothing going on: insert your card
    CARD_PULLED = "card-pulled"
    CARD_CHANGED = "card-changed"  # another professional card: its own sign-in follows
    IDLE = "idle"
    USER_LOCKED = "user-locked"
    PIN_CANCELLED = "pin-cancelled"
    SIGN_IN_FAILED = "sign-in-failed"  # ShowLock.error says why
    SESSION_ENDED = "session-ended"  # the back office ended it; ShowLock.error says why
    PASSWORD_TIME_UP = "password-time-up"  # 1 hour idle or 4 hours in all
    NOT_ME = "not-me"  # "ce n'était pas moi": every session of the account revoked


class CardProblem(enum.StrEnum):
    BLOCKED = "blocked"
    EXPIRED = "expired"
    UNKNOWN_KIND = "unknown-kind"
    READ_FAILED = "read-failed"  # ShowCardProblem.error says why


class PinPad(enum.Enum):
    ON_READER = "typed on the reader's PIN pad"


@dataclass(frozen=True)
class CardSummary:
    """A professional card as the sign-in needs it, read without the PIN (``card_ops`` reads it)."""

    reader: str
    serial: str  # tells the same card back from another one
    kind: CardKind
    display_name: str  # "Dr Émilie Lefèvre-Dupré"
    national_id: str
    valid_until: date
    expired: bool  # past its validity end, as of the day it was read
    tries_left: int
    pin_verified: bool = False
    pin_pad: bool = False  # its reader offers secure PIN entry (PC/SC part 10)

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0

    @property
    def last_try(self) -> bool:
        return self.tries_left == 1

    @property
    def unblock_allowed(self) -> bool:
        """Every professional card has a PUK (CARDS.md, RESET RETRY COUNTER): a blocked card still valid
        may be unblocked. The PUK's own counter cannot be read: a blocked PUK shows when it is tried."""
        return self.blocked and not self.expired


@dataclass(frozen=True)
class SessionUser:
    national_id: str
    display_name: str
    kind: str  # the account's type as the back office gives it: CPS, CPF, CPE, ACCOUNTANT
    scopes: frozenset[str]  # what the back office granted (a CPE: only what was delegated)
    practice: str


class UnexpectedEvent(RuntimeError):
    """A current answer that the phase did not ask for: a fault of the caller, not of the user."""


# -- events: what happened, in; an Answer carries the generation it answers ---------------------------

@dataclass(frozen=True)
class Answer:
    generation: int

@dataclass(frozen=True)
class CardInserted:
    reader: str
    insertion: int  # numbered by the caller, increasing across readers
    family: CardFamily  # from the ATR

@dataclass(frozen=True)
class CardRemoved:
    reader: str
    insertion: int

@dataclass(frozen=True)
class UnlockRequested:
    """The lock screen's "sign in with my card" (ShowLock.can_unlock)."""

@dataclass(frozen=True)
class LockRequested:
    """The user's "lock"."""

@dataclass(frozen=True)
class IdleTimeout:
    """The optional local idle lock fired (card sessions too)."""

@dataclass(frozen=True)
class PasswordRequested:
    """The lock screen's "sign in without my card"."""

@dataclass(frozen=True)
class CardRead(Answer):
    card: CardSummary
    pin_pad: bool = False  # the reader offers secure PIN entry (PC/SC part 10)

@dataclass(frozen=True)
class CardFailed(Answer):
    """Reading, PIN checking or unblocking failed for another reason than a wrong PIN."""
    error: card_errors.CardError

@dataclass(frozen=True)
class PinEntered(Answer):
    pin: str | PinPad = field(repr=False)

@dataclass(frozen=True)
class PinCancelled(Answer):
    """The dialog's cancel, or the PIN pad's cancel key or timeout (``error`` says which, for the lock)."""
    error: card_errors.CardError | None = None

@dataclass(frozen=True)
class PinVerified(Answer):
    """The card took the PIN."""

@dataclass(frozen=True)
class PinRefused(Answer):
    tries_left: int

@dataclass(frozen=True)
class PinBlocked(Answer):
    """The PIN was wrong the last time it could be."""

@dataclass(frozen=True)
class UnblockEntered(Answer):
    puk: str = field(repr=False)
    new_pin: str = field(repr=False)

@dataclass(frozen=True)
class CardUnblocked(Answer):
    """The card took the PUK and the new PIN."""

@dataclass(frozen=True)
class SignedIn(Answer):
    user: SessionUser

@dataclass(frozen=True)
class SignInFailed(Answer):
    error: card_errors.CardError | SyncError  # a password sign-in fails with a SyncError only

@dataclass(frozen=True)
class PasswordEntered(Answer):
    identifier: str
    password: str = field(repr=False)  # the password, or the first-login code

@dataclass(frozen=True)
class NewPasswordRequired(Answer):
    """The back office wants a new password: first sign-in with the code, or the password expired."""

@dataclass(frozen=True)
class NewPasswordEntered(Answer):
    new_password: str = field(repr=False)

@dataclass(frozen=True)
class PasswordCancelled(Answer):
    """The password dialog's cancel."""

@dataclass(frozen=True)
class SessionLost(Answer):
    """The session ended under the engine: renewal refused, proof missed (the card could not sign: its
    CardError), revoked, delegation withdrawn."""
    error: card_errors.CardError | SyncError

@dataclass(frozen=True)
class PasswordTimeUp(Answer):
    """A password session reached 1 hour idle or 4 hours in all (the back office's rules, counted here)."""

@dataclass(frozen=True)
class NotMeReported(Answer):
    """The back office took the "ce n'était pas moi" report: every session of the account is revoked."""


# -- effects: what to do, out; an Ask carries the generation its answer must bring back ----------------

@dataclass(frozen=True)
class Ask:
    generation: int

@dataclass(frozen=True)
class ShowLock:
    reason: LockReason
    can_unlock: bool  # a professional card is in: offer to sign in with it (UnlockRequested)
    error: card_errors.CardError | SyncError | None = None

@dataclass(frozen=True)
class HideData:
    """Drop every view's data, close every dialog, clear the clipboard if it holds Cabinet's copy."""

@dataclass(frozen=True)
class StopEngine:
    """Stop the sync engine and forget its session: nothing more is sent on that user's behalf."""

@dataclass(frozen=True)
class ReadCard(Ask):  # → CardRead | CardFailed
    reader: str

@dataclass(frozen=True)
class AskPin(Ask):  # → PinEntered | PinCancelled
    holder: str
    tries_left: int
    last_try: bool
    pin_pad: bool  # "Saisissez votre code sur le lecteur": answer PinEntered(PinPad.ON_READER)
    after_wrong_pin: bool

@dataclass(frozen=True)
class VerifyPin(Ask):  # → PinVerified | PinRefused | PinBlocked | PinCancelled (PIN pad) | CardFailed
    reader: str
    pin: str | PinPad = field(repr=False)

@dataclass(frozen=True)
class ShowCardProblem(Ask):  # → UnblockEntered when the PUK is offered
    problem: CardProblem
    reader: str
    holder: str | None  # None when the card could not be read
    puk_offered: bool
    error: card_errors.CardError | None = None

@dataclass(frozen=True)
class UnblockCard(Ask):  # → CardUnblocked | CardFailed
    reader: str
    puk: str = field(repr=False)
    new_pin: str = field(repr=False)

@dataclass(frozen=True)
class SignInWithCard(Ask):  # → SignedIn | SignInFailed
    reader: str

@dataclass(frozen=True)
class AskPassword(Ask):  # → PasswordEntered | NewPasswordEntered | PasswordCancelled
    new_password: bool  # ask for a new password (with its rules), not the identifier and password
    error: SyncError | None = None

@dataclass(frozen=True)
class SignInWithPassword(Ask):  # → SignedIn | NewPasswordRequired | SignInFailed
    identifier: str
    password: str = field(repr=False)
    new_password: str | None = field(repr=False)

@dataclass(frozen=True)
class OpenSession(Ask):
    """Open that professional's store and views; ``resume``: restore the view he left."""
    user: SessionUser
    method: Method
    resume: bool

@dataclass(frozen=True)
class StartEngine(Ask):  # → SessionLost | NotMeReported | PasswordTimeUp, while the session lasts
    user: SessionUser


Event: TypeAlias = (
    CardInserted | CardRemoved | UnlockRequested | LockRequested | IdleTimeout | PasswordRequested | CardRead
    | CardFailed | PinEntered | PinCancelled | PinVerified | PinRefused | PinBlocked | UnblockEntered | CardUnblocked
    | SignedIn | SignInFailed | PasswordEntered | NewPasswordRequired | NewPasswordEntered | PasswordCancelled
    | SessionLost | PasswordTimeUp | NotMeReported)
Effect: TypeAlias = (
    ShowLock | HideData | StopEngine | ReadCard | AskPin | VerifyPin | ShowCardProblem | UnblockCard | SignInWithCard
    | AskPassword | SignInWithPassword | OpenSession | StartEngine)

_SIGNING_IN = frozenset({Phase.SIGNING_IN, Phase.PASSWORD_SIGNING_IN})
_ASKED_IN: dict[type[Answer], frozenset[Phase]] = {  # the phases that ask for each answer
    CardRead: frozenset({Phase.READING}),
    CardFailed: frozenset({Phase.READING, Phase.VERIFYING, Phase.UNBLOCKING}),
    PinEntered: frozenset({Phase.PIN}),
    PinCancelled: frozenset({Phase.PIN, Phase.VERIFYING}),
    PinVerified: frozenset({Phase.VERIFYING}),
    PinRefused: frozenset({Phase.VERIFYING}),
    PinBlocked: frozenset({Phase.VERIFYING}),
    UnblockEntered: frozenset({Phase.CARD_PROBLEM}),
    CardUnblocked: frozenset({Phase.UNBLOCKING}),
    SignedIn: _SIGNING_IN,
    SignInFailed: _SIGNING_IN,
    PasswordEntered: frozenset({Phase.PASSWORD}),
    NewPasswordRequired: frozenset({Phase.PASSWORD_SIGNING_IN}),
    NewPasswordEntered: frozenset({Phase.NEW_PASSWORD}),
    PasswordCancelled: frozenset({Phase.PASSWORD, Phase.NEW_PASSWORD}),
    SessionLost: frozenset({Phase.OPEN}),
    PasswordTimeUp: frozenset({Phase.OPEN}),
    NotMeReported: frozenset({Phase.OPEN}),
}

_Card: TypeAlias = tuple[str, int]  # reader, insertion


class SignIn:
    """One workstation's sign-in, driven from one thread (the GUI's). Starts LOCKED, its lock screen shown
    by the caller.

    ``last_national_id``: who had the last session on this workstation, if the caller keeps it across
    runs (read it back from :attr:`last_national_id`)."""

    def __init__(self, last_national_id: str | None = None) -> None:
        self._phase, self._generation = Phase.LOCKED, 0
        self._cards: dict[str, tuple[int, CardFamily]] = {}  # reader → the card in it: insertion, family
        self._card: _Card | None = None  # the card this sign-in, problem or session is about
        self._summary: CardSummary | None = None
        self._pin_pad = self._puk_offered = self._new_password_sent = False
        self._credentials: tuple[str, str] | None = None  # identifier and password, until signed in
        self._user: SessionUser | None = None
        self._method: Method | None = None
        self._last_national_id = last_national_id

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def user(self) -> SessionUser | None:
        """The signed-in user while the session is open, else None."""
        return self._user

    @property
    def method(self) -> Method | None:
        return self._method

    @property
    def last_national_id(self) -> str | None:
        return self._last_national_id

    def handle(self, event: Event) -> list[Effect]:
        if isinstance(event, Answer):
            if event.generation != self._generation:
                return []
            if self._phase not in _ASKED_IN[type(event)]:
                raise UnexpectedEvent(f"{type(event).__name__} in phase {self._phase.name}")
        match event:
            case CardInserted():
                return self._inserted(event)
            case CardRemoved():
                return self._removed(event.reader, event.insertion)
            case UnlockRequested():
                card = self._unlockable()
                return self._read(card) if card and self._phase in (Phase.LOCKED, Phase.CARD_PROBLEM) else []
            case LockRequested() | IdleTimeout():
                reason = LockReason.IDLE if isinstance(event, IdleTimeout) else LockReason.USER_LOCKED
                return self._lock(reason) if self._phase is Phase.OPEN else []
            case PasswordRequested():
                if self._phase not in (Phase.LOCKED, Phase.CARD_PROBLEM):
                    return []
                self._leave()
                self._card = None  # the password dialog stays whatever becomes of a card in a reader
                return self._ask_password(new=False)
            case CardRead():
                return self._card_read(event.card, event.pin_pad)
            case CardFailed() if self._phase is Phase.UNBLOCKING:  # a wrong PUK, or the PUK blocked too
                puk_left = not isinstance(event.error, card_errors.PinBlocked)
                return self._problem(CardProblem.BLOCKED, puk=puk_left, error=event.error)
            case CardFailed():
                return self._problem(CardProblem.READ_FAILED, error=event.error)
            case PinEntered():
                self._phase = Phase.VERIFYING
                return [VerifyPin(self._generation, self._reader(), event.pin)]
            case PinCancelled():
                return self._lock(LockReason.PIN_CANCELLED, event.error)
            case PinVerified():
                self._phase = Phase.SIGNING_IN
                return [SignInWithCard(self._generation, self._reader())]
            case PinRefused() if event.tries_left > 0:
                return self._ask_pin(event.tries_left, after_wrong_pin=True)
            case PinRefused() | PinBlocked():
                return self._blocked()
            case UnblockEntered():
                if not self._puk_offered:
                    raise UnexpectedEvent("UnblockEntered: no PUK was offered")
                self._phase = Phase.UNBLOCKING
                return [UnblockCard(self._generation, self._reader(), event.puk, event.new_pin)]
            case CardUnblocked():  # read again: the card's own word on its new PIN counter
                self._phase = Phase.READING
                return [ReadCard(self._generation, self._reader())]
            case SignedIn():
                return self._open(event.user)
            case SignInFailed() if self._phase is Phase.SIGNING_IN:
                return self._lock(LockReason.SIGN_IN_FAILED, event.error)
            case SignInFailed():
                if not isinstance(event.error, SyncError):
                    raise UnexpectedEvent("SignInFailed: a password sign-in involves no card")
                return self._ask_password(new=self._new_password_sent, error=event.error)
            case PasswordEntered():
                self._credentials = (event.identifier, event.password)
                return self._sign_in_with_password(None)
            case NewPasswordRequired():
                return self._ask_password(new=True)
            case NewPasswordEntered():
                return self._sign_in_with_password(event.new_password)
            case PasswordCancelled():
                return self._lock(LockReason.NO_CARD)
            case SessionLost():
                return self._lock(LockReason.SESSION_ENDED, event.error)
            case PasswordTimeUp():
                if self._method is not Method.PASSWORD:
                    raise UnexpectedEvent("PasswordTimeUp in a card session")
                return self._lock(LockReason.PASSWORD_TIME_UP)
            case NotMeReported():
                return self._lock(LockReason.NOT_ME)
        raise TypeError(f"not an event: {event!r}")

    # -- cards ------------------------------------------------------------------------------------------

    def _inserted(self, event: CardInserted) -> list[Effect]:
        previous = self._cards.get(event.reader)
        if previous and previous[0] >= event.insertion:
            return []  # this insertion, or an older one, told again
        effects = self._removed(event.reader, previous[0]) if previous else []  # its removal went unseen
        self._cards[event.reader] = (event.insertion, event.family)
        card = (event.reader, event.insertion)
        if event.family is CardFamily.PROFESSIONAL:
            return effects + self._read(card)
        if event.family is CardFamily.UNKNOWN and self._phase in (Phase.LOCKED, Phase.CARD_PROBLEM):
            self._leave()
            self._card = card
            return effects + self._problem(CardProblem.UNKNOWN_KIND)
        return effects

    def _removed(self, reader: str, insertion: int) -> list[Effect]:
        if self._cards.get(reader, (None,))[0] != insertion:
            return []  # an older insertion: the card in that reader now is another one
        del self._cards[reader]
        if self._card != (reader, insertion):
            return []  # a Vitale, a card nobody is signing in with
        self._card = None
        return self._lock(LockReason.CARD_PULLED)

    def _unlockable(self) -> _Card | None:
        """The card an unlock signs in with: this sign-in's own while it is in, else the last professional
        card inserted."""
        present = [(reader, insertion) for reader, (insertion, family) in self._cards.items()
                   if family is CardFamily.PROFESSIONAL]
        return self._card if self._card in present else max(present, key=lambda card: card[1], default=None)

    def _reader(self) -> str:
        assert self._card is not None, "a card phase without its card"
        return self._card[0]

    def _read(self, card: _Card) -> list[Effect]:
        effects = self._lock(LockReason.CARD_CHANGED) if self._phase is Phase.OPEN else self._leave()
        self._card, self._phase = card, Phase.READING
        return effects + [ReadCard(self._generation, card[0])]

    def _card_read(self, card: CardSummary, pin_pad: bool) -> list[Effect]:
        self._summary, self._pin_pad = card, pin_pad
        if card.kind is CardKind.UNKNOWN:
            return self._problem(CardProblem.UNKNOWN_KIND)
        if card.expired:
            return self._problem(CardProblem.EXPIRED)
        if card.blocked:
            return self._blocked()
        return self._ask_pin(card.tries_left, after_wrong_pin=False)

    def _ask_pin(self, tries_left: int, *, after_wrong_pin: bool) -> list[Effect]:
        assert self._summary is not None
        self._phase = Phase.PIN
        return [AskPin(self._generation, self._summary.display_name, tries_left, tries_left == 1, self._pin_pad,
                       after_wrong_pin)]

    def _blocked(self) -> list[Effect]:
        # the summary was read before the PIN: blocked since, the card may be unblocked unless it expired
        return self._problem(CardProblem.BLOCKED, puk=self._summary is not None and not self._summary.expired)

    def _problem(self, problem: CardProblem, *, puk: bool = False,
                 error: card_errors.CardError | None = None) -> list[Effect]:
        self._phase, self._puk_offered = Phase.CARD_PROBLEM, puk
        holder = self._summary.display_name if self._summary else None
        return [ShowCardProblem(self._generation, problem, self._reader(), holder, puk, error)]

    # -- password ---------------------------------------------------------------------------------------

    def _ask_password(self, *, new: bool, error: SyncError | None = None) -> list[Effect]:
        if not new:
            self._credentials = None
        self._phase = Phase.NEW_PASSWORD if new else Phase.PASSWORD
        return [AskPassword(self._generation, new, error)]

    def _sign_in_with_password(self, new_password: str | None) -> list[Effect]:
        assert self._credentials is not None
        self._phase, self._new_password_sent = Phase.PASSWORD_SIGNING_IN, new_password is not None
        return [SignInWithPassword(self._generation, *self._credentials, new_password)]

    # -- sessions ---------------------------------------------------------------------------------------

    def _open(self, user: SessionUser) -> list[Effect]:
        method = Method.CARD if self._phase is Phase.SIGNING_IN else Method.PASSWORD
        resume = user.national_id == self._last_national_id
        self._phase, self._user, self._method, self._last_national_id = Phase.OPEN, user, method, user.national_id
        self._credentials = None
        return [OpenSession(self._generation, user, method, resume), StartEngine(self._generation, user)]

    def _lock(self, reason: LockReason, error: card_errors.CardError | SyncError | None = None) -> list[Effect]:
        return self._leave() + [ShowLock(reason, self._unlockable() is not None, error)]

    def _leave(self) -> list[Effect]:
        """End what is going on, with a new generation: an open session is hidden and its engine stopped; a
        sign-in under way is forgotten. The card stays this sign-in's while it is in."""
        effects: list[Effect] = [HideData(), StopEngine()] if self._phase is Phase.OPEN else []
        self._generation += 1
        self._phase, self._user, self._method, self._summary = Phase.LOCKED, None, None, None
        self._credentials, self._puk_offered = None, False
        return effects
