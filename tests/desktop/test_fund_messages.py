"""Threads with the fund joined with the outbox: a message written offline is a thread waiting to be sent,
a reply waits at the end of its thread; subjects and bodies are checked as the back office checks them,
and the reasons offered are the back office's. Over a real store."""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError
from services_store import DUE, filled_store

from desktop_app.fund_messages import (BODY_MAX, MESSAGE_KINDS, REASONS, SUBJECT_MAX, message_problem, reply,
                                       thread_rows, write)
from sync.backoffice import service_rules as rules
from sync.protocol.services import MessageIn, Reason, ThreadIn

ME = "Dr Jeanne Lefèvre-Dupré"


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def rows(store):
    return thread_rows(store.threads(), store.outbox.actions(MESSAGE_KINDS), ME)


def test_the_reasons_and_limits_are_the_back_offices():
    assert REASONS == typing.get_args(Reason) and set(REASONS) == set(rules.REASONS)
    assert ThreadIn.model_fields["subject"].metadata[1].max_length == SUBJECT_MAX  # min_length, max_length
    assert MessageIn.model_fields["body"].metadata[1].max_length == BODY_MAX


@pytest.mark.parametrize(("subject", "body", "problem"), [
    ("Lot rejeté", "Bonjour", None), ("  ", "Bonjour", "subject_empty"), ("x" * 201, "Bonjour", "subject_long"),
    ("Lot rejeté", " \n ", "body_empty"), ("Lot rejeté", "x" * 5001, "body_long"), (None, "Merci", None)])
def test_a_message_is_checked_as_the_back_office_checks_it(subject, body, problem):
    assert message_problem(body, subject) == problem
    fields = {"client_id": "client-0001", "body": body}
    build = (lambda: MessageIn(**fields)) if subject is None else (
        lambda: ThreadIn(**fields, subject=subject, reason="billing"))
    if problem is None:
        build()
    else:
        with pytest.raises(ValidationError):
            build()


def test_the_threads_waiting_come_first_and_a_reply_waits_at_the_end_of_its_thread(store):
    write(store, "  Patient sans droits  ", "patient_rights", "Bonjour,\nM. X n'a plus de droits.")
    reply(store, 1, "Merci, c'est arrivé.")
    listed = rows(store)
    assert [(row.thread_id, row.status) for row in listed] == [(None, "pending"), (2, "awaiting_answer"),
                                                               (1, "answered")]
    waiting = listed[0]
    assert waiting.subject == "Patient sans droits" and waiting.messages[0].sent_at is None
    assert listed[1].answer_due_on == DUE and not listed[1].reply_pending
    answered = listed[2]
    assert answered.answered and answered.reply_pending
    assert [(m.direction, m.body, m.sent_at is None) for m in answered.messages][-1] == (
        "to_fund", "Merci, c'est arrivé.", True)
    assert [(item.kind, item.payload) for item in store.pending()] == [
        ("message", {"subject": "Patient sans droits", "reason": "patient_rights",
                     "body": "Bonjour,\nM. X n'a plus de droits."}),
        ("message_reply", {"thread_id": 1, "body": "Merci, c'est arrivé."})]


def test_nothing_the_back_office_would_refuse_reaches_the_outbox(store):
    for wrong in (lambda: write(store, "", "billing", "Bonjour"), lambda: write(store, "Objet", "ami", "Bonjour"),
                  lambda: reply(store, 1, "   ")):
        with pytest.raises(ValueError):
            wrong()
    assert store.pending() == []
