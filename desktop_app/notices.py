"""Which of the back office's events become a desktop notification, and what it says (no Qt widgets:
the tray presenter only carries the result).

Notified: new rejects, ALD renewals due, the fund's answers to messages, documents refused by SCOR
(failed uploads), and documents this workstation could not send for 5 days, to post on paper
(:func:`paper_notice`: a state of the local queue, not an event of the back office); each notice opens
its section. A dispatched order or an accepted document is not
worth interrupting anyone. The notice says kinds and counts only, never the event's summary: it shows
on a screen the patient may see, and the summary may name him.

An event is notified once per store: the caller keeps the highest ``seq`` notified
(:meth:`sync.store.Marks.advance`). On a store that never notified anything (a first sync brings the
whole history), nothing is notified: the mark is only set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .sections import Section

__all__ = ["NOTIFIED_KINDS", "Notice", "notice_text", "notices", "paper_notice"]

_CONTEXT = "Notices"

# In the order notices are listed; the first one's section opens when the notification is clicked.
NOTIFIED_KINDS: dict[str, Section] = {
    "reject_new": Section.REJECTS,
    "ald_due": Section.ALD,
    "message_answered": Section.CONTACT,
    "document_rejected": Section.DOCUMENTS,
    "document_paper": Section.DOCUMENTS,
}

_TEXTS = {
    "reject_new": QT_TRANSLATE_NOOP("Notices", "%n new rejected invoice(s) to correct"),
    "ald_due": QT_TRANSLATE_NOOP("Notices", "%n ALD renewal(s) due within 3 months"),
    "message_answered": QT_TRANSLATE_NOOP("Notices", "%n answer(s) from the health insurance"),
    "document_rejected": QT_TRANSLATE_NOOP("Notices", "%n document(s) refused by SCOR"),
    "document_paper": QT_TRANSLATE_NOOP("Notices", "%n document(s) to send on paper: SCOR could not send them"),
}


class EventLike(Protocol):
    seq: int
    kind: str


@dataclass(frozen=True)
class Notice:
    """One line of a notification: ``count`` events of ``kind``, opening ``section``."""

    kind: str
    section: Section
    count: int


def notices(events: Iterable[EventLike], notified_before: int | None, sections: Set[Section]) -> list[Notice]:
    """The notices of ``events`` whose ``seq`` is above ``notified_before`` (None: nothing was ever
    notified on this store, so nothing is now), for the ``sections`` the session may open, in
    :data:`NOTIFIED_KINDS` order."""
    if notified_before is None:
        return []
    counts = Counter(e.kind for e in events if e.seq > notified_before and e.kind in NOTIFIED_KINDS)
    return [Notice(kind, section, counts[kind]) for kind, section in NOTIFIED_KINDS.items()
            if counts[kind] and section in sections]


def paper_notice(paper: Set[str], known: Set[str] | None, sections: Set[Section]) -> Notice | None:
    """The notice of the documents marked to send on paper (their ids ``paper``) that were not among
    the ``known`` ones; None at the session's first look (``known`` None: they are on Accueil already)."""
    kind = "document_paper"
    if known is None or NOTIFIED_KINDS[kind] not in sections or not (new := paper - known):
        return None
    return Notice(kind, NOTIFIED_KINDS[kind], len(new))


def notice_text(notice: Notice) -> str:
    """"3 new rejected invoices to correct": a count and a kind, nothing about a patient."""
    return QCoreApplication.translate(_CONTEXT, _TEXTS[notice.kind], None, notice.count)
