"""Contact: fills :class:`~desktop_app.views.contact.ContactView` from the store (the threads, the
outbox's message actions), read on the pool, and puts the user's new messages and replies in the
outbox (:mod:`desktop_app.fund_messages`) before asking the engine to send them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..fund_messages import MESSAGE_KINDS, ThreadRow, reply, thread_rows, write
from ..main_window import MainWindow
from ..ops import OpRunner
from ..sections import Section
from ..status import SyncState, local_now
from ..views.contact import ContactView
from ..views.section_page import ActionLine
from .outbox import OutboxPresenter

if TYPE_CHECKING:
    from sync.store import OutboxAction, Store

__all__ = ["ContactPresenter"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Picture:
    rows: list[ThreadRow]
    actions: list[OutboxAction]


class ContactPresenter(OutboxPresenter):
    section = Section.CONTACT
    domains = frozenset({"messages", "outbox"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = ContactView(clock)
        self.view.write_requested.connect(self._write)
        self.view.reply_requested.connect(self._reply)
        self.view.actions.dismissed.connect(self.dismiss)
        self._subjects: dict[int, str] = {}  # thread id → subject, for the actions' lines
        window.shell.set_page(Section.CONTACT, self.view)

    def reload(self) -> None:
        super().reload()
        session, since = self.session, self.since
        if session is None:
            return

        def read() -> _Picture:
            actions = session.store.outbox.actions(MESSAGE_KINDS, since=since)
            return _Picture(thread_rows(session.store.threads(), actions, session.user.display_name), actions)

        self.run(read, self._show)

    def forget(self) -> None:
        self._subjects = {}
        self.view.clear()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    # -- inside ------------------------------------------------------------------------------------

    def _show(self, picture: _Picture) -> None:
        self._subjects = {row.thread_id: row.subject for row in picture.rows if row.thread_id is not None}
        self.view.set_threads(picture.rows)
        self.view.actions.set_actions([self._line(action) for action in picture.actions])

    def _line(self, action: OutboxAction) -> ActionLine:
        payload = action.item.payload
        if action.item.kind == "message":
            what = self.tr("Message « %1 »").replace("%1", payload["subject"])
        else:
            subject = self._subjects.get(payload["thread_id"], "")
            what = self.tr("Reply in « %1 »").replace("%1", subject) if subject else self.tr("Reply")
        return ActionLine(action.item.id, what, action.state, action.reason)

    def _write(self, subject: str, reason: str, body: str) -> None:
        self._act(lambda store: write(store, subject, reason, body))

    def _reply(self, thread_id: int, body: str) -> None:
        self._act(lambda store: reply(store, thread_id, body))

    def _act(self, work: Callable[[Store], object]) -> None:
        def failed(error: BaseException) -> None:
            log.error("a message could not be saved", exc_info=error)
            self.view.set_outcome(self.tr("The message could not be saved on this workstation: try again."), "error")

        self.act(work, lambda _: self.view.sent(self.tr("Your message is kept on this workstation and sent to your "
                                                        "fund.")), failed)
