"""Contact end to end: the signed-in window, the real back office over HTTPS on loopback, the emulated CPS
in the private pcscd. The threads shown are the back office's, answered ones marked; a new message
reaches it once with its reason, and the page then says by when the fund must answer (the back
office's date); a reply joins its thread; the fund's answer marks it answered."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet, synced  # noqa: F401 (fixtures)

from desktop_app.sections import Section
from desktop_app.views.contact import long_day
from sync.backoffice.sqlite.services import answer_thread

pytestmark = pytest.mark.pcsc

SUBJECT = "Droits de M. Petit non ouverts"


def count(backoffice, sql: str, *args) -> int:
    with sqlite3.connect(backoffice.db_path, timeout=10) as db:
        return db.execute(sql, args).fetchone()[0]


def test_a_message_reaches_the_fund_once_with_its_due_date_said_and_a_reply_joins_it(
        qtbot, start_cabinet, insert, backoffice):  # noqa: F811
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    cabinet.window.shell.show_section(Section.CONTACT)
    presenter = cabinet.controller.sections.presenters[Section.CONTACT]
    page = presenter.view
    doctor = presenter.session.user.national_id
    mine = "FROM message_threads t JOIN professionals p ON p.id = t.professional_id WHERE p.national_id = ?"
    qtbot.waitUntil(lambda: page.model.rowCount() == count(backoffice, f"SELECT count(*) {mine}", doctor) > 0,
                    timeout=WAIT)
    qtbot.waitUntil(lambda: page.freshness.text().startswith("Up to date"), timeout=WAIT)
    with sqlite3.connect(backoffice.db_path) as db:
        statuses = dict(db.execute(f"SELECT t.id, t.status {mine}", (doctor,)).fetchall())
    assert {page.model.record(r).thread_id: page.model.record(r).status for r in range(page.model.rowCount())} == \
        statuses

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.subject.setText(SUBJECT)
    page.reason.setCurrentIndex(page.reason.findData("patient_rights"))
    page.message.setPlainText("Bonjour,\nles droits de M. Petit ne sont pas ouverts depuis le 01/11.")
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)

    def sent_thread():
        return next((page.model.record(r) for r in range(page.model.rowCount())
                     if page.model.record(r).subject == SUBJECT and page.model.record(r).thread_id is not None), None)
    qtbot.waitUntil(lambda: sent_thread() is not None, timeout=WAIT)
    thread = sent_thread()
    assert count(backoffice, f"SELECT count(*) {mine} AND t.subject = ? AND t.reason = 'patient_rights'",
                 doctor, SUBJECT) == 1
    with sqlite3.connect(backoffice.db_path) as db:
        due = date.fromisoformat(db.execute("SELECT answer_due_on FROM message_threads WHERE id = ?",
                                            (thread.thread_id,)).fetchone()[0])
    assert thread.answer_due_on == due and (due - date.today()).days >= 3  # three working days on

    page.table.selectRow(page.model.row_of(thread.key))
    today = presenter.clock().date()
    assert page.thread_due.isVisible() and page.thread_due.text().endswith(long_day(due, today))
    assert str(due.day) in page.thread_due.text()

    page.reply_text.setPlainText("J'ajoute son numéro de dossier : 4521.")
    qtbot.mouseClick(page.reply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.shown() is not None and page.shown().thread_id == thread.thread_id
                    and len(page.shown().messages) == 2 and page.shown().messages[-1].sent_at is not None,
                    timeout=WAIT)
    assert count(backoffice, "SELECT count(*) FROM messages WHERE thread_id = ?", thread.thread_id) == 2
    assert not cabinet.controller._session.store.pending()

    with sqlite3.connect(backoffice.db_path) as db:  # the fund answers, as its agents' side does
        db.row_factory = sqlite3.Row
        answer_thread(db, thread.thread_id, "Les droits sont ouverts depuis ce matin.", time.time())
    presenter.session.sync_now()
    qtbot.waitUntil(lambda: page.shown().status == "answered" and len(page.shown().messages) == 3, timeout=WAIT)
    assert page.thread_due.text() == "The fund answered."
    state = page.model.index(page.model.row_of(thread.key), 1)
    assert state.data() == "Answered" and state.data(Qt.ItemDataRole.FontRole).bold()  # marked
