"""The account's pages of the open session: "Recent sign-ins" and, for a doctor, "Delegations", filled
from the back office (:mod:`desktop_app.account`) when the session opens and each time the user opens
them; "That wasn't me" reported; a new password chosen from a card session.

Every request runs on the pool. Its outcome is shown only while the same session is open (one object
per session: outcomes are told by it), so nothing of a session locked since reaches the pages. A "not me"
accepted by the back office is the state machine's to act on: the owner's ``on_not_me`` is called.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from sync.errors import SyncError

from .account import DelegationsState, apply_delegations, delegation_state, recent_logins
from .main_window import MainWindow
from .messages import sync_error_text
from .ops import OpRunner
from .sections import Section
from .session import Method, SessionUser
from .views.new_password_dialog import NewPasswordDialog

if TYPE_CHECKING:
    from sync.client import BackofficeClient

__all__ = ["AccountPresenter"]

log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Open:
    """The open session's client and what the account pages may do with it."""

    client: BackofficeClient
    user: SessionUser
    method: Method
    on_not_me: Callable[[], None]

    @property
    def delegates(self) -> bool:
        """A doctor's session that declares delegations (a CPE has none; the back office says by its scope)."""
        return "delegations" in self.user.scopes


class AccountPresenter(QObject):
    """Made on the GUI thread with the window whose account pages it fills."""

    def __init__(self, window: MainWindow, ops: OpRunner, workstation: str) -> None:
        super().__init__(window)
        self.window, self._ops, self._workstation = window, ops, workstation
        self._open: _Open | None = None
        self._delegations_asked = 0  # delegations requests so far: only the last one's answer is shown
        self.dialog: NewPasswordDialog | None = None  # "Choose a new password", while it is open
        shell = window.shell
        shell.section_changed.connect(self._section_changed)
        shell.logins.not_me_reported.connect(self._report_not_me)
        shell.logins.new_password_requested.connect(self._choose_password)
        shell.delegations.save_requested.connect(self._save_delegations)

    def open(self, client: BackofficeClient, user: SessionUser, method: Method, on_not_me: Callable[[], None]) -> None:
        """A session opened: its pages are read now. ``on_not_me``: the back office took a "not me"
        report of this session's account (every session of it is revoked)."""
        self._open = _Open(client, user, method, on_not_me)
        self.window.shell.logins.set_can_choose_password(method is Method.CARD)
        self._load_logins()
        self._load_delegations()

    def clear(self) -> None:
        """The session locked: outcomes still under way are dropped, the dialog closed (the pages are
        cleared by the shell)."""
        self._open = None
        self._close_dialog()
        self.window.shell.logins.set_can_choose_password(False)

    # -- inside ------------------------------------------------------------------------------------

    def _run(self, work: Callable[[BackofficeClient], Any], done: Callable[[Any], None],
             failed: Callable[[str], None] | None = None) -> None:
        """``work(client)`` on the pool; ``done(result)`` or ``failed(sentence)`` on the GUI thread, only
        while the session that asked is still the open one."""
        opened = self._open
        if opened is None:
            return

        def succeeded(result: Any) -> None:
            if self._open is opened:
                done(result)

        def went_wrong(error: BaseException) -> None:
            if not isinstance(error, SyncError):
                log.error("an account request failed", exc_info=error)
            elif self._open is opened and failed is not None:
                failed(sync_error_text(error))
            else:
                log.warning("an account request failed: %s", error)

        self._ops.run_op(lambda: work(opened.client), succeeded, went_wrong)

    def _load_logins(self) -> None:
        workstation = self._workstation
        self._run(lambda client: recent_logins(client, workstation), self.window.shell.logins.set_logins,
                  self.window.shell.logins.show_error)

    def _load_delegations(self) -> None:
        if self._open is not None and self._open.delegates:
            delegations = self.window.shell.delegations
            self._delegations_request(delegation_state, delegations.set_state, delegations.set_error)

    def _section_changed(self, section: str) -> None:
        if section == Section.LOGINS:
            self._load_logins()
        elif section == Section.DELEGATIONS:
            self._load_delegations()

    def _save_delegations(self, state: DelegationsState) -> None:
        delegations = self.window.shell.delegations
        self._delegations_request(lambda client: apply_delegations(client, state), delegations.set_saved,
                                  delegations.set_error)

    def _delegations_request(self, work: Callable[[BackofficeClient], Any], done: Callable[[Any], None],
                             failed: Callable[[str], None]) -> None:
        """Only the delegations request asked last is shown: a list read before a save and answering
        after it would put the old ticks over the saved ones."""
        self._delegations_asked += 1
        asked = self._delegations_asked

        def latest(then: Callable[[Any], None]) -> Callable[[Any], None]:
            return lambda result: then(result) if asked == self._delegations_asked else None
        self._run(work, latest(done), latest(failed))

    def _report_not_me(self, login_id: int) -> None:
        opened = self._open
        if opened is not None:
            self._run(lambda client: client.report_not_me(login_id), lambda _: opened.on_not_me(),
                      self.window.shell.logins.show_error)

    def _choose_password(self) -> None:
        if self._open is None or self._open.method is not Method.CARD:
            return
        self._close_dialog()
        dialog = NewPasswordDialog(self.window)

        def answered(then: Callable[..., None]) -> Callable[[Any], None]:  # dropped once the dialog is closed
            return lambda result: then(result) if self.dialog is dialog else None

        dialog.password_chosen.connect(
            lambda password: self._run(lambda client: client.change_password(password),
                                       answered(lambda _: dialog.show_done()), answered(dialog.show_error)))
        dialog.finished.connect(lambda _: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()

    def _forget_dialog(self, dialog: NewPasswordDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.dismiss()
