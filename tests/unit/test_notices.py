"""Which events are notified, once each, in counts and kinds only."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.notices import Notice, notice_text, notices, paper_notice
from desktop_app.sections import Section

EVERY = frozenset(Section)


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    summary: str = "Rejet de la facture de BÉRARD Éloïse (2 85 03 75 115 042 63)"


FEED = [Event(1, "reject_new"), Event(2, "order_dispatched"), Event(3, "reject_new"), Event(4, "ald_due"),
        Event(5, "document_accepted"), Event(6, "message_answered"), Event(7, "document_rejected"),
        Event(8, "reject_new")]


def test_new_rejects_ald_answers_and_refused_documents_are_counted_in_order():
    assert notices(FEED, 0, EVERY) == [Notice("reject_new", Section.REJECTS, 3), Notice("ald_due", Section.ALD, 1),
                                       Notice("message_answered", Section.CONTACT, 1),
                                       Notice("document_rejected", Section.DOCUMENTS, 1)]


def test_only_events_after_the_last_notified_and_none_on_a_first_sync():
    assert notices(FEED, 6, EVERY) == [Notice("reject_new", Section.REJECTS, 1),
                                       Notice("document_rejected", Section.DOCUMENTS, 1)]
    assert notices(FEED, 8, EVERY) == []
    assert notices(FEED, None, EVERY) == []  # the store's whole history: not news


def test_a_section_the_session_cannot_open_is_not_notified():
    assert [n.kind for n in notices(FEED, 0, {Section.REJECTS, Section.CONTACT})] == ["reject_new",
                                                                                      "message_answered"]


def test_the_text_says_a_count_and_a_kind_never_the_summary():
    texts = [notice_text(n) for n in notices(FEED, 0, EVERY)]
    assert texts[0].startswith("3 ") and "reject" in texts[0]
    for text in texts:
        assert "BÉRARD" not in text and "85 03" not in text and "Éloïse" not in text


def test_documents_newly_to_send_on_paper_are_notified_once_not_at_the_first_look():
    assert paper_notice({"a", "b"}, None, EVERY) is None  # already on Accueil when the session opens
    assert paper_notice({"a", "b", "c"}, {"a", "b"}, EVERY) == Notice("document_paper", Section.DOCUMENTS, 1)
    assert paper_notice({"a"}, {"a", "b"}, EVERY) is None  # one sent again: nothing new
    assert paper_notice({"c"}, set(), {Section.REJECTS}) is None  # a session without the Documents section
