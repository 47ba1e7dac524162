"""Contact's page: the threads with their states, one read with the date its answer is due said plainly,
answered ones marked, a new message and a reply asked only when the back office would take them.
Over a real store's rows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from services_store import filled_store
from view_clock import Clock

from desktop_app.fund_messages import MESSAGE_KINDS, thread_rows, write
from desktop_app.views.contact import ContactView, answer_due_text

ME = "Dr Jeanne Lefèvre-Dupré"


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def french():
    QLocale.setDefault(QLocale("fr"))
    yield
    QLocale.setDefault(QLocale("en"))


def rows(store):
    return thread_rows(store.threads(), store.outbox.actions(MESSAGE_KINDS), ME)


@pytest.fixture
def page(qtbot, store):
    view = ContactView(Clock())
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    view.set_threads(rows(store))
    return view


def shown_texts(view):
    return [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]


def test_the_threads_model_over_a_real_store_passes_the_model_tester(qtmodeltester, page, store):
    write(store, "Patient sans droits", "patient_rights", "Bonjour")
    page.set_threads(rows(store))
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 3


def test_the_due_date_is_said_plainly(french):
    assert answer_due_text(date(2025, 12, 4), date(2025, 12, 1)) == "Answer expected by jeudi 4 décembre"
    assert answer_due_text(date(2026, 1, 5), date(2025, 12, 30)) == "Answer expected by lundi 5 janvier 2026"
    assert answer_due_text(date(2025, 11, 27), date(2025, 12, 1)) == "Answer expected since jeudi 27 novembre"


def test_the_list_says_each_state_and_marks_the_answered(page):
    states = [page.model.index(row, 1).data() for row in range(page.model.rowCount())]
    assert states == ["Answer by 27/11", "Answered"]
    answered = page.model.index(1, 1)
    assert answered.data(Qt.ItemDataRole.FontRole).bold() and answered.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not isinstance(page.model.index(0, 1).data(Qt.ItemDataRole.FontRole), QFont)
    assert page.model.index(0, 0).data() == "Lot 4521 rejeté en entier\nBilling"


def test_reading_a_thread_shows_its_messages_and_its_due_date(page, qtbot, french):
    page.table.selectRow(0)
    assert page.thread_due.text() == "Answer expected by jeudi 27 novembre"
    qtbot.waitUntil(lambda: any("tout le lot 4521" in text for text in shown_texts(page)))
    page.table.selectRow(1)
    assert page.thread_due.text() == "The fund answered."
    qtbot.waitUntil(lambda: any("Le virement est parti le 20/11" in text for text in shown_texts(page)))
    assert not any("tout le lot 4521" in text for text in shown_texts(page))
    page.reply_text.setPlainText("Merci, bien reçu.")
    with qtbot.waitSignal(page.reply_requested) as asked:
        qtbot.mouseClick(page.reply_button, Qt.MouseButton.LeftButton)
    assert asked.args == [1, "Merci, bien reçu."]


def test_a_new_message_needs_a_subject_and_a_body_and_goes_with_its_reason(page, qtbot):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert [page.reason.itemData(i) for i in range(page.reason.count())] == [
        "billing", "patient_rights", "payment_follow_up", "other"]
    with qtbot.assertNotEmitted(page.write_requested):
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.write_outcome.text() == "Give your message a subject."
    page.subject.setText("Virement absent")
    with qtbot.assertNotEmitted(page.write_requested):
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.write_outcome.text() == "Write your message before sending it."
    page.message.setPlainText("Le virement du 15/11 n'est pas arrivé.")
    page.reason.setCurrentIndex(2)
    with qtbot.waitSignal(page.write_requested) as asked:
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["Virement absent", "payment_follow_up", "Le virement du 15/11 n'est pas arrivé."]
    page.sent("Gardé sur ce poste.")
    assert page.subject.text() == "" and page.pages.currentWidget() is page.nothing


def test_a_thread_not_sent_yet_cannot_be_replied_to(page, store):
    write(store, "Patient sans droits", "patient_rights", "Bonjour")
    page.set_threads(rows(store))
    page.table.selectRow(0)
    assert page.shown().status == "pending" and not page.reply_button.isVisibleTo(page)
    assert page.reply_note.text() == "You can reply once the message is sent."


def test_the_thread_read_stays_shown_across_a_sync_and_clear_forgets_it(page, store):
    page.table.selectRow(1)
    write(store, "Autre", "other", "Bonjour")
    page.set_threads(rows(store))
    assert page.shown().thread_id == 1 and page.table.selectionModel().selectedRows()[0].row() == 2
    page.clear()
    assert page.shown() is None and page.model.rowCount() == 0 and page.pages.currentWidget() is page.nothing
