"""The sign-in's Qt glue: reader events and the user's answers go into :class:`~desktop_app.session.SignIn`,
its effects come out as pages, dialogs, card operations, back office requests and the sync engine.

Every decision is the state machine's; this module only carries. Each answer is sent back with the
generation of the effect that asked for it, so the machine drops what comes too late (a PIN check
answering after the card was pulled). Card operations go to the card thread, network and disk to the
pool; their outcomes come back on the GUI thread through :class:`~desktop_app.ops.OpRunner`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from cardreader import errors as card_errors
from cardreader.atr import CardFamily
from cardreader.monitor import EventKind, ReaderEvent
from sync.errors import SessionExpired, SyncError

from . import session as s
from .account_presenter import AccountPresenter
from .bridges import SyncReportBridge
from .card_ops import CardOps
from .last_session import LastSession, last_session_path
from .main_window import MainWindow
from .messages import card_error_text, key_warning_text, sync_error_text
from .ops import OpRunner
from .password_rules import (
    PASSWORD_IDLE_LIMIT,
    IdentifierProblem,
    PasswordRule,
    identifier_problem,
    new_password_rules,
    normalized_identifier,
)
from .presenter import SessionPresenter
from .section_presenter import SectionSession, SectionsHub
from .sections import Section
from .settings import Settings
from .threads import CardThread, SyncThread
from .views.common import card_kind_text
from .views.lock_screen import ReaderState
from .views.password_dialog import PasswordDialog, Rule
from .views.pin_dialog import BlockedCardDialog, PinDialog

# The rest of the sync package (httpx, the protocol's pydantic models, cryptography, SQLite's store) takes
# longer to load than the window to show: imported where a session opens, not before the lock screen shows.
if TYPE_CHECKING:
    from sync.client import BackofficeClient
    from sync.documents import DocumentQueue
    from sync.engine import SyncReport
    from sync.protocol.auth import SessionGrant
    from sync.store import Store
    from sync.vault import KeyWarning

__all__ = ["CABINET_MIME", "SessionController", "copy_to_clipboard"]

log = logging.getLogger(__name__)

CABINET_MIME = "application/x-cabinet-copy"  # marks what Cabinet put on the clipboard, for the lock to clear

_NEW_PASSWORD_REQUIRED = "password-change-required"  # the back office's problem: first sign-in, or expired
_IDENTIFIER_RULES = {IdentifierProblem.EMAIL: Rule.IDENTIFIER_EMAIL, IdentifierProblem.FORMAT: Rule.IDENTIFIER_FORMAT}
_PASSWORD_RULES = {Rule.PASSWORD_LENGTH: PasswordRule.LENGTH, Rule.PASSWORD_CHARACTERS: PasswordRule.CHARACTERS}
_USER_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                         QEvent.Type.Wheel, QEvent.Type.TouchBegin})


def copy_to_clipboard(text: str) -> None:
    """Copy ``text`` marked as Cabinet's, so that a lock clears it."""
    data = QMimeData()
    data.setText(text)
    data.setData(CABINET_MIME, b"1")
    QGuiApplication.clipboard().setMimeData(data)


def _error_text(error: card_errors.CardError | SyncError) -> str:
    return card_error_text(error) if isinstance(error, card_errors.CardError) else sync_error_text(error)


def _sign_in_with_password(client: BackofficeClient, *, identifier: str, password: str,
                           new_password: str | None) -> SessionGrant:
    return client.sign_in_with_password(identifier, password, new_password)


def _broken_rules(identifier: str, new_password: str) -> set[Rule]:
    """The password dialog's checks that what is typed breaks (:mod:`desktop_app.password_rules`)."""
    broken = {_IDENTIFIER_RULES[problem] for problem in [identifier_problem(identifier)] if problem in _IDENTIFIER_RULES}
    states = {state.rule: state.met for state in new_password_rules(new_password, new_password)}
    broken |= {rule for rule, ours in _PASSWORD_RULES.items() if states[ours] is False}
    return broken


@dataclass
class _Session:
    """The open session's back office client and, once started, its store and sync thread."""

    client: BackofficeClient
    reader: str | None  # the card's reader; None for a password session
    store: Store | None = None
    documents: DocumentQueue | None = None
    sync: SyncThread | None = None


class SessionController(QObject):
    """Owns the :class:`~desktop_app.session.SignIn` of the window; made and used on the GUI thread."""

    def __init__(self, window: MainWindow, settings: Settings, card_thread: CardThread, cards: CardOps,
                 ops: OpRunner, last: LastSession | None = None) -> None:
        """``last``: the last session on this workstation (:func:`~desktop_app.last_session.read_last_session`),
        whose holder, back, finds the section he left."""
        super().__init__(window)
        self.window, self.settings = window, settings
        self._card_thread, self._cards, self._ops = card_thread, cards, ops
        self.sign_in = s.SignIn(last_national_id=last.national_id if last else None)
        self._last_section = last.section if last else Section.HOME
        self.presenter = SessionPresenter(window, ops, last_session_path(settings.data_dir),
                                          shared_workstation=settings.kiosk)
        self.presenter.sync_requested.connect(self._sync_now)
        self.account = AccountPresenter(window, ops, settings.workstation)
        self._sections: SectionsHub | None = None  # made once the lock screen is painted (make_sections)
        self._early_events: list[ReaderEvent] = []  # reader events before, passed on when they are made
        window.shell.section_changed.connect(self._section_changed)
        self._reports = SyncReportBridge(self)
        self._reports.report.connect(self._report)
        self._insertions = 0
        self._in_reader: dict[str, tuple[int, CardFamily]] = {}  # reader → insertion, family of its card
        self._readers: dict[str, str | None] = {}  # reader → what is said of its card
        self._summaries: dict[str, s.CardSummary] = {}  # reader → its card as last read
        self._verified: set[str] = set()  # readers whose card took the PIN, the session not open yet
        self._dialog: QDialog | None = None
        self._dialog_generation: int | None = None  # the generation its signals answer
        self._session: _Session | None = None
        self._signing_in: _Session | None = None  # the client that signed in, until the session opens
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(lambda: self.handle(s.IdleTimeout()))
        self._time_up = QTimer(self)  # a password session's end, however active (the grant's ends_at)
        self._time_up.setSingleShot(True)
        self._time_up.timeout.connect(lambda: self.handle(s.PasswordTimeUp(self._time_up_generation)))
        self._time_up_generation = -1
        window.lock_requested.connect(lambda: self.handle(s.LockRequested()))
        window.lock_screen.password_requested.connect(lambda: self.handle(s.PasswordRequested()))
        window.lock_screen.unlock_requested.connect(lambda: self.handle(s.UnlockRequested()))
        self._show_lock(s.ShowLock(s.LockReason.NO_CARD, can_unlock=False))

    @property
    def sections(self) -> SectionsHub:
        """The sections' presenters, made at their first need if :meth:`make_sections` has not run yet."""
        return self.make_sections()

    def make_sections(self) -> SectionsHub:
        """Make the sections' presenters and pages (once): the application asks it just after the lock
        screen is painted, since their modules and pages would hold the lock screen back half a second.
        The reader events that came before are passed on to them, in order."""
        if self._sections is None:
            from .section_list import section_presenters  # every section's view: loaded once the lock shows

            self._sections = SectionsHub(self.window, section_presenters(
                self.window, self._ops, self.settings, self._card_thread, self._cards))
            for event in self._early_events:
                self._sections.reader_event(event)
            self._early_events.clear()
        return self._sections

    @property
    def idle_timer(self) -> QTimer:
        """The idle lock's countdown: running while a session is open and the idle lock is set."""
        return self._idle

    @property
    def time_up_timer(self) -> QTimer:
        """A password session's end: running while one is open."""
        return self._time_up

    @property
    def dialog(self) -> QDialog | None:
        """The sign-in dialog shown, if any."""
        return self._dialog

    # -- events in ------------------------------------------------------------------------------------

    def on_reader_event(self, event: ReaderEvent) -> None:
        """A ReaderMonitor event (through :class:`~desktop_app.bridges.ReaderEventBridge`)."""
        if event.kind is EventKind.READER_ADDED:
            self._readers.setdefault(event.reader, None)
        elif event.kind is EventKind.CARD_INSERTED and event.card is not None:
            self._insertions += 1
            family = event.card.family
            self._in_reader[event.reader] = (self._insertions, family)
            self._readers[event.reader] = self._family_text(family)
            self.handle(s.CardInserted(event.reader, self._insertions, family))
        elif event.kind in (EventKind.CARD_REMOVED, EventKind.READER_REMOVED):
            self._summaries.pop(event.reader, None)
            if event.kind is EventKind.READER_REMOVED:
                self._readers.pop(event.reader, None)
            else:
                self._readers[event.reader] = None
            present = self._in_reader.pop(event.reader, None)
            if present is not None:
                self.handle(s.CardRemoved(event.reader, present[0]))
        if self._sections is None:
            self._early_events.append(event)
        else:
            self._sections.reader_event(event)
        self.window.lock_screen.set_readers([ReaderState(name, card) for name, card in sorted(self._readers.items())])

    def handle(self, event: s.Event) -> None:
        for effect in self.sign_in.handle(event):
            self._carry_out(effect)

    def handle_quit(self) -> None:
        """The application ends: the engine stops, nothing more is sent on the user's behalf, and the
        sections stop their timers (the capture's polls) before the pool goes."""
        self._close_dialog()
        session, self._session = self._session, None
        if session is not None and session.sync is not None:
            session.sync.stop()
        if self._sections is not None:
            self._sections.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the application: user input restarts the idle lock's countdown."""
        if event.type() in _USER_INPUT and self._idle.isActive():
            self._idle.start()
        return False

    # -- effects out ----------------------------------------------------------------------------------

    def _carry_out(self, effect: s.Effect) -> None:
        match effect:
            case s.ShowLock():
                self._show_lock(effect)
            case s.HideData():
                self._hide_data()
            case s.StopEngine():
                self._stop_engine()
            case s.ReadCard():
                self._close_dialog()
                self.window.lock_screen.set_can_unlock(False)
                self.window.lock_screen.show_reading()
                self._on_card(effect, self._cards.read_summary, effect.reader, answer=self._card_read)
            case s.AskPin():
                self._ask_pin(effect)
            case s.VerifyPin():
                self._verify_pin(effect)
            case s.ShowCardProblem():
                self._show_card_problem(effect)
            case s.UnblockCard():
                serial = self._summaries[effect.reader].serial
                self._on_card(effect, self._cards.unblock_pin, effect.reader, effect.puk, effect.new_pin, serial,
                              answer=lambda generation, _: s.CardUnblocked(generation))
            case s.SignInWithCard():
                card = self._summaries[effect.reader]
                self.window.lock_screen.show_signing_in(card.display_name)
                signer = self._cards.signer(effect.reader)
                self._sign_in(effect.generation, effect.reader, lambda client: client.sign_in_with_card(signer), card)
            case s.OpenSession():
                self._open_session(effect)
            case s.StartEngine():
                self._start_engine(effect)
            case s.AskPassword():
                self._ask_password(effect)
            case s.SignInWithPassword():
                password_sign_in = partial(_sign_in_with_password, identifier=effect.identifier,
                                           password=effect.password, new_password=effect.new_password)
                self._sign_in(effect.generation, None, password_sign_in, effect.identifier)
            case _:
                raise TypeError(f"not an effect: {effect!r}")

    def _show_lock(self, effect: s.ShowLock) -> None:
        self._idle.stop()
        self._time_up.stop()
        self._close_dialog()
        for reader in self._verified:  # a PIN verified for a sign-in that did not open: the card forgets it
            self._card_thread.submit(partial(self._cards.release, reader, reset=True))
        self._verified.clear()
        lock = self.window.lock_screen
        lock.clear_status()
        reason = self._reason_text(effect.reason)
        if effect.error is not None and effect.reason is s.LockReason.PIN_CANCELLED:
            reason = _error_text(effect.error)  # the PIN pad's cancel or timeout, in its own words
        elif reason and effect.error is not None:
            reason = f"{reason} {_error_text(effect.error)}"
        lock.set_reason(reason)
        lock.set_can_unlock(effect.can_unlock)
        self.window.show_lock()

    def _hide_data(self) -> None:
        self._close_dialog()
        self.window.show_lock()  # painted now, before the pages behind it are emptied (restyling them takes a while)
        self.window.lock_screen.repaint()
        self.account.clear()
        if self._sections is not None:
            self._sections.clear()
        self.presenter.clear()
        clipboard = QGuiApplication.clipboard()
        data = clipboard.mimeData()
        if data is not None and data.hasFormat(CABINET_MIME):
            clipboard.clear()

    def _stop_engine(self) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        if session.sync is not None:
            session.sync.stop()
        if session.reader is not None:  # the card forgets its PIN: unlocking asks it again
            self._card_thread.submit(partial(self._cards.release, session.reader, reset=True))

        def close() -> None:
            if session.sync is not None:
                session.sync.join(60.0)
            if session.store is not None:
                session.store.close()
            session.client.close()

        self._ops.run_op(close, lambda _: None)

    def _on_card(self, effect: s.Ask, operation: Callable[..., Any], *args: Any,
                 answer: Callable[[int, Any], s.Event]) -> None:
        """``operation(*args)`` on the card thread; its result as ``answer(generation, result)``, its card
        error as the answer the machine expects for it."""
        generation = effect.generation
        self._ops.deliver(self._card_thread.submit(operation, *args),
                          lambda result: self.handle(answer(generation, result)),
                          lambda error: self.handle(self._card_failure(generation, error)))

    @staticmethod
    def _card_failure(generation: int, error: BaseException) -> s.Event:
        match error:
            case card_errors.PinWrong():
                return s.PinRefused(generation, error.tries_left)
            case card_errors.PinBlocked():
                return s.PinBlocked(generation)
            case card_errors.PinEntryCancelled() | card_errors.PinEntryTimeout():
                return s.PinCancelled(generation, error)
            case card_errors.CardError():
                return s.CardFailed(generation, error)
        raise error

    def _card_read(self, generation: int, summary: s.CardSummary) -> s.Event:
        if generation != self.sign_in.generation:  # the card pulled or swapped since: the machine drops it
            return s.CardRead(generation, summary, summary.pin_pad)
        self._summaries[summary.reader] = summary
        if summary.reader in self._readers:
            self._readers[summary.reader] = self.tr("%1 — %2").replace("%1", card_kind_text(summary.kind.value)) \
                .replace("%2", summary.display_name)
            self.window.lock_screen.set_readers(
                [ReaderState(name, card) for name, card in sorted(self._readers.items())])
        self.window.lock_screen.show_reading(summary.display_name)
        return s.CardRead(generation, summary, summary.pin_pad)

    def _ask_pin(self, effect: s.AskPin) -> None:
        if effect.after_wrong_pin and isinstance(self._dialog, PinDialog):
            self._dialog.set_tries_left(effect.tries_left)
            self._dialog.show_error(card_error_text(card_errors.PinWrong(effect.tries_left)))
            return
        self._close_dialog()
        self.window.lock_screen.show_pin_asked(effect.holder)
        kind = self._kind_of(effect.holder)
        dialog = PinDialog(effect.holder, kind, effect.tries_left, pin_pad=effect.pin_pad, parent=self.window)
        generation = effect.generation
        dialog.pin_entered.connect(lambda pin: self.handle(s.PinEntered(generation, pin)))
        dialog.pin_pad_requested.connect(lambda: self.handle(s.PinEntered(generation, s.PinPad.ON_READER)))
        dialog.cancelled.connect(lambda: self.handle(s.PinCancelled(generation)))
        self._open_dialog(dialog, generation)
        if effect.pin_pad:  # the reader asks for the PIN at once; "type the code again" after a wrong one
            self.handle(s.PinEntered(generation, s.PinPad.ON_READER))

    def _verify_pin(self, effect: s.VerifyPin) -> None:
        serial = self._summaries[effect.reader].serial

        def verified(generation: int, _: s.CardSummary) -> s.Event:
            if generation == self.sign_in.generation:
                self._close_dialog()
                self._verified.add(effect.reader)
            else:  # too late (a PIN pad answering after a cancel or a lock): dropped, and the card forgets it
                self._card_thread.submit(partial(self._cards.release, effect.reader, reset=True))
            return s.PinVerified(generation)

        if isinstance(effect.pin, s.PinPad):  # typed on the reader: the card thread waits on it meanwhile
            self._on_card(effect, self._cards.verify_pin_on_pinpad, effect.reader, serial, answer=verified)
        else:
            self._on_card(effect, self._cards.verify_pin, effect.reader, effect.pin, serial, answer=verified)

    def _show_card_problem(self, effect: s.ShowCardProblem) -> None:
        lock = self.window.lock_screen
        if effect.problem is not s.CardProblem.BLOCKED:
            self._close_dialog()
            summary = self._summaries.get(effect.reader)
            if effect.problem is s.CardProblem.EXPIRED:
                lock.show_expired_card(summary.valid_until.isoformat() if summary else None)
            elif effect.problem is s.CardProblem.UNKNOWN_KIND:
                lock.show_unknown_card()
            else:
                lock.show_read_error(card_error_text(effect.error) if effect.error else None)
            return
        if isinstance(self._dialog, BlockedCardDialog) and effect.error is not None and effect.puk_offered:
            self._dialog.show_error(card_error_text(effect.error))  # a wrong PUK: type it again
            return
        self._close_dialog()
        lock.clear_status()
        dialog = BlockedCardDialog(effect.holder or "", self._kind_of(effect.holder), can_unblock=effect.puk_offered,
                                   parent=self.window)
        generation = effect.generation
        dialog.unblock_requested.connect(lambda puk, pin: self.handle(s.UnblockEntered(generation, puk, pin)))
        self._open_dialog(dialog, generation)

    def _sign_in(self, generation: int, reader: str | None, sign_in: Callable[[BackofficeClient], SessionGrant],
                 who: s.CardSummary | str) -> None:
        """On the pool: a client for this person, signed in by ``sign_in``, then who he is: ``who``, the card,
        says it (a CPE may not read the account, "me", unless delegated), else the account, else ``who``, the
        identifier typed."""
        settings = self.settings

        def work() -> tuple[BackofficeClient, s.SessionUser]:
            from sync.client import BackofficeClient  # on the pool, at the first sign-in (see the imports)

            client = BackofficeClient(settings.backoffice, ca_file=settings.ca, workstation=settings.workstation)
            try:
                grant = sign_in(client)
                me = client.me() if "me" in grant.scopes else None
            except BaseException:
                client.close()
                raise
            scopes, practice = frozenset(grant.scopes), me.practice if me else ""
            if isinstance(who, s.CardSummary):
                return client, s.SessionUser(who.national_id, who.display_name, who.kind.value, scopes, practice)
            if me is None:  # an account that may not read itself (the accountant's): known by its identifier
                return client, s.SessionUser(who, who, "", scopes, practice)
            return client, s.SessionUser(me.national_id, f"{me.first_name} {me.last_name}", me.card_type, scopes,
                                         practice)

        def signed_in(result: tuple[BackofficeClient, s.SessionUser]) -> None:
            client, user = result
            if generation != self.sign_in.generation:  # too late: the machine drops it, the client goes
                self._ops.run_op(client.close, lambda _: None)
                return
            self._signing_in = _Session(client, reader)
            self.handle(s.SignedIn(generation, user))
            if self._signing_in is not None:  # the session did not open after all
                self._ops.run_op(self._signing_in.client.close, lambda _: None)
                self._signing_in = None

        def failed(error: BaseException) -> None:
            if not isinstance(error, card_errors.CardError | SyncError):
                raise error
            problem = getattr(error, "problem", None)
            if isinstance(who, str) and problem is not None and problem.slug == _NEW_PASSWORD_REQUIRED:
                self.handle(s.NewPasswordRequired(generation))
            else:
                self.handle(s.SignInFailed(generation, error))

        self._ops.run_op(work, signed_in, failed)

    def _ask_password(self, effect: s.AskPassword) -> None:
        dialog = self._dialog if isinstance(self._dialog, PasswordDialog) else None
        if dialog is None or self._dialog_generation != effect.generation:
            self._close_dialog()
            self.window.lock_screen.clear_status()
            dialog = PasswordDialog(_broken_rules, parent=self.window)
            generation = effect.generation

            def entered(identifier: str, password: str, new_password: str | None) -> None:
                if new_password is None:
                    self.handle(s.PasswordEntered(generation, normalized_identifier(identifier), password))
                else:
                    self.handle(s.NewPasswordEntered(generation, new_password))

            dialog.sign_in_requested.connect(entered)
            dialog.cancelled.connect(lambda: self.handle(s.PasswordCancelled(generation)))
            self._open_dialog(dialog, generation)
        if effect.new_password and not dialog.asking_new_password():
            dialog.require_new_password(first_login=True)
        if effect.error is not None:
            dialog.show_error(sync_error_text(effect.error))
        elif effect.new_password:
            dialog.show_error("")  # the fields open again for the new password

    def _open_session(self, effect: s.OpenSession) -> None:
        self._session, self._signing_in = self._signing_in, None
        self._verified.clear()  # the session's card link is the session's now (released by StopEngine)
        self._close_dialog()
        session = self._session
        assert session is not None, "OpenSession without the client that signed in"
        grant, generation = session.client.grant, effect.generation
        ends_at = grant.ends_at if grant is not None and effect.method is s.Method.PASSWORD else None
        self._last_section = self.presenter.open(
            effect.user, effect.method, session.reader, self._last_section if effect.resume else Section.HOME,
            ends_at=ends_at, password_expires_at=grant.password_expires_at if grant is not None else None)
        self.account.open(session.client, effect.user, effect.method,
                          lambda: self.handle(s.NotMeReported(generation)))
        if ends_at is not None:
            self._time_up_generation = generation
            self._time_up.start(max(0, int((ends_at - datetime.now(UTC)).total_seconds() * 1000)))
        self.window.show_session()
        idle = [timedelta(minutes=self.settings.idle_lock_minutes)] if self.settings.idle_lock_minutes else []
        if effect.method is s.Method.PASSWORD:  # the back office's hour idle: the engine's requests hide it
            idle.append(PASSWORD_IDLE_LIMIT)  # from the back office, so the window counts the person's own
        if idle:
            self._idle.start(int(min(idle).total_seconds() * 1000))

    def _start_engine(self, effect: s.StartEngine) -> None:
        session, generation, settings = self._session, effect.generation, self.settings
        assert session is not None, "StartEngine without the session it follows"
        user = effect.user

        def open_store() -> tuple[Store, DocumentQueue, KeyWarning | None]:
            # On the pool, once signed in (see the imports); the engine's module too, which SyncThread (made
            # next, on the GUI thread) imports: so the GUI thread never waits on loading it.
            import sync.engine  # noqa: F401
            from sync.documents import DocumentQueue
            from sync.store import Store, default_store_path
            from sync.vault import Vault, load_or_create_key

            name = default_store_path(user.national_id, settings.workstation).name
            key = load_or_create_key(name, settings.data_dir / "keys" / f"{name}.key")
            vault = Vault(key.key)
            store = Store.open(settings.data_dir / "stores" / name, vault)
            try:  # the scans beside the store, in a folder of their own (the queue drops any file it does not know)
                documents = DocumentQueue(settings.data_dir / "stores" / f"{Path(name).stem}.documents", store, vault)
            except BaseException:
                store.close()
                raise
            return store, documents, key.warning

        def start(opened: tuple[Store, DocumentQueue, KeyWarning | None]) -> None:
            store, documents, warning = opened
            if self._session is not session:  # locked while the store was opening: it is dropped
                self._ops.run_op(store.close, lambda _: None)
                return
            session.store, session.documents = store, documents
            self.window.diagnostics.set_key_warning(key_warning_text(warning) if warning is not None else None)
            self.presenter.attach_store(store, documents)
            method = s.Method.CARD if session.reader is not None else s.Method.PASSWORD
            grant = session.client.grant
            self.sections.open(SectionSession(
                user, method, session.reader, session.client, store,
                lambda: session.sync.sync_now() if session.sync else None,
                password_expires_at=grant.password_expires_at if grant is not None else None, documents=documents))
            ended: Future[BaseException | None] = Future()
            last: list[SyncReport] = []  # the last report, kept on the sync thread

            def report(sync_report: SyncReport) -> None:
                last[:] = [sync_report]
                self._reports.deliver(session, sync_report)

            def over(error: BaseException | None) -> None:  # on the sync thread: a session expired ends it too
                expired = [e for e in (last[0].errors.values() if last else ()) if isinstance(e, SessionExpired)]
                ended.set_result(error or next(iter(expired), None))

            session.sync = SyncThread(session.client, store, on_report=report, on_ended=over,
                                      interval=settings.sync_interval_seconds, documents=documents)
            self._ops.deliver(ended, partial(self._engine_ended, generation))
            session.sync.start()

        self._ops.run_op(open_store, start, lambda error: log.error("the store did not open", exc_info=error))

    def _report(self, session: _Session, report: SyncReport) -> None:
        if session is self._session:  # a report of a session locked since is dropped
            self.presenter.report(report)
            self.sections.synced(report)

    def _sync_now(self) -> None:
        """"Synchronize now": the engine's next pass at once."""
        sync = self._session.sync if self._session is not None else None
        if sync is not None:
            self.presenter.syncing()
            sync.sync_now()

    def _section_changed(self, section: str) -> None:
        if self.presenter.showing():
            self._last_section = Section(section)

    def _engine_ended(self, generation: int, error: BaseException | None) -> None:
        if isinstance(error, card_errors.CardError | SyncError):
            self.handle(s.SessionLost(generation, error))

    # -- helpers ----------------------------------------------------------------------------------------

    def _open_dialog(self, dialog: QDialog, generation: int) -> None:
        self._dialog, self._dialog_generation = dialog, generation
        dialog.open()

    def _close_dialog(self) -> None:
        dialog, self._dialog, self._dialog_generation = self._dialog, None, None
        if dialog is not None:
            dialog.dismiss()
            dialog.deleteLater()

    def _kind_of(self, holder: str | None) -> str:
        return next((summary.kind.value for summary in self._summaries.values() if summary.display_name == holder),
                    "")

    def _family_text(self, family: CardFamily) -> str:
        if family is CardFamily.PROFESSIONAL:
            return self.tr("Professional card")
        if family is CardFamily.VITALE:
            return self.tr("Carte Vitale")
        return self.tr("Unknown card")

    def _reason_text(self, reason: s.LockReason) -> str | None:
        texts = {
            s.LockReason.NO_CARD: None,
            s.LockReason.CARD_PULLED: self.tr("Card removed: Cabinet is locked."),
            s.LockReason.CARD_CHANGED: self.tr("Another card was inserted: Cabinet is locked."),
            s.LockReason.IDLE: self.tr("Locked after a while without activity."),
            s.LockReason.USER_LOCKED: self.tr("Cabinet is locked."),
            s.LockReason.PIN_CANCELLED: self.tr("PIN entry cancelled."),
            s.LockReason.SIGN_IN_FAILED: self.tr("The sign-in failed."),
            s.LockReason.SESSION_ENDED: self.tr("The session has ended."),
            s.LockReason.PASSWORD_TIME_UP: self.tr("The session without a card has ended: sign in again."),
            s.LockReason.NOT_ME: self.tr("Every session of your account has been closed. Signing in with the "
                                         "password is suspended until you choose a new one from a session opened "
                                         "with your card."),
        }
        return texts[reason]

