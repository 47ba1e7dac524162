"""Message threads with the fund as Contact shows them, and the messages the user writes (no Qt).

The threads are the store's (``store.threads()``) with what waits in the outbox joined in: a new
message written offline is a thread of its own, "waiting to be sent"; a reply waiting is shown at the
end of its thread. A message's subject and body are checked as the back office checks them
(:mod:`sync.protocol.services`: not blank, 200 and 5000 characters at most), so nothing the user typed
is refused later for its shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.store import OutboxAction, OutboxItem, Store
    from sync.store_services import ThreadRecord

__all__ = ["BODY_MAX", "MESSAGE_KINDS", "REASONS", "SUBJECT_MAX", "MessageRow", "ThreadRow", "message_problem",
           "reply", "thread_rows", "write"]

MESSAGE_KINDS = ("message", "message_reply")
SUBJECT_MAX, BODY_MAX = 200, 5000  # the back office's limits (ThreadIn, MessageIn)
# The reasons the back office takes (sync.protocol.services.Reason), in the order they are offered.
REASONS = ("billing", "patient_rights", "payment_follow_up", "other")


@dataclass(frozen=True)
class MessageRow:
    direction: str  # to_fund, from_fund
    author: str
    body: str
    sent_at: datetime | None  # None: waiting to be sent
    answer_due_on: date | None = None


@dataclass(frozen=True)
class ThreadRow:
    """One thread. ``status``: ``pending`` (written here, not sent yet), ``awaiting_answer``, ``answered``
    or ``closed``; ``reply_pending``: a reply waits in the outbox."""

    key: str  # "thread/<id>" or "outbox/<id>"
    thread_id: int | None
    subject: str
    reason: str
    reason_label: str | None  # the back office's label (None for a thread not sent yet)
    status: str
    answer_due_on: date | None
    updated_at: datetime
    messages: tuple[MessageRow, ...]
    reply_pending: bool = False

    @property
    def answered(self) -> bool:
        """The fund's answer is the thread's last word."""
        return self.status == "answered"


def message_problem(body: str, subject: str | None = None) -> str | None:
    """What keeps the message from being sent as it is (``subject`` None: a reply): ``subject_empty``,
    ``subject_long``, ``body_empty`` or ``body_long``; None when it can go."""
    if subject is not None:
        if not subject.strip():
            return "subject_empty"
        if len(subject.strip()) > SUBJECT_MAX:
            return "subject_long"
    if not body.strip():
        return "body_empty"
    if len(body) > BODY_MAX:
        return "body_long"
    return None


def thread_rows(threads: Iterable[ThreadRecord], actions: Iterable[OutboxAction], author: str) -> list[ThreadRow]:
    """Threads waiting to be sent first (newest first), then the store's (most recently updated first),
    each with its replies waiting at its end. ``author``: how the user's waiting messages are signed."""
    pending = [a for a in actions if a.state == "pending"]
    replies: dict[int, list[OutboxAction]] = {}
    for action in pending:
        if action.item.kind == "message_reply":
            replies.setdefault(action.item.payload["thread_id"], []).append(action)
    rows = [ThreadRow(f"outbox/{a.item.id}", None, a.item.payload["subject"], a.item.payload["reason"], None,
                      "pending", None, a.created_at, (MessageRow("to_fund", author, a.item.payload["body"], None),))
            for a in reversed(pending) if a.item.kind == "message"]
    for thread in threads:
        waiting = tuple(MessageRow("to_fund", author, a.item.payload["body"], None) for a in replies.get(thread.id, ()))
        messages = tuple(MessageRow(m.direction, m.author, m.body, m.sent_at, m.answer_due_on) for m in thread.messages)
        rows.append(ThreadRow(f"thread/{thread.id}", thread.id, thread.subject, thread.reason, thread.reason_label,
                              thread.status, thread.answer_due_on, thread.updated_at, messages + waiting,
                              reply_pending=bool(waiting)))
    return rows


def write(store: Store, subject: str, reason: str, body: str) -> OutboxItem:
    """Put a new thread in the outbox; ValueError when :func:`message_problem` finds one or the reason
    is not one of :data:`REASONS`."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    problem = message_problem(body, subject)
    if problem:
        raise ValueError(problem)
    return store.enqueue("message", {"subject": subject.strip(), "reason": reason, "body": body})


def reply(store: Store, thread_id: int, body: str) -> OutboxItem:
    """Put a reply to the back office's thread ``thread_id`` in the outbox; ValueError as for :func:`write`."""
    problem = message_problem(body)
    if problem:
        raise ValueError(problem)
    return store.enqueue("message_reply", {"thread_id": thread_id, "body": body})
