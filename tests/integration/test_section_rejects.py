"""Rejets, ALD and the notifications end to end: the doctor's emulated CPS in the private pcscd, the real
back office over HTTPS on loopback. The figures shown are counted in the back office's own database; a
reject marked "treated" with the back office away waits in the outbox, is sent once when it is back, and
changes the back office's row; a new event is notified once, in counts, and opens its section."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from test_sign_in import WAIT
from test_window import own_backoffice, sign_in, start_cabinet, synced  # noqa: F401 (fixtures)

from desktop_app.app import CabinetApp
from desktop_app.models.lazy import LazyTableModel
from desktop_app.sections import Section

pytestmark = pytest.mark.pcsc

GP = "SELECT id FROM professionals WHERE am_number = '751123456'"


def back_office(running, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(running.db_path) as db:
        return db.execute(sql, args).fetchall()


def presenter(cabinet: CabinetApp, section: Section):
    return cabinet.controller.sections.presenters[section]


def shown_rows(qtbot, model: LazyTableModel, count: int) -> list:
    """Every row's record once the model shows ``count`` rows, asked and waited for (it opens them by blocks)."""
    qtbot.waitUntil(lambda: model.loaded and model.rowCount() == count, timeout=WAIT)
    qtbot.waitUntil(lambda: all(model.record(row) is not None for row in range(model.rowCount())), timeout=WAIT)
    return [model.record(row) for row in range(model.rowCount())]


def test_rejects_and_ald_show_what_the_back_office_holds(qtbot, start_cabinet, insert, own_backoffice):
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate)
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    open_rejects = back_office(own_backoffice, f"SELECT id, invoice_number, reject_code FROM rejects "
                                               f"WHERE professional_id = ({GP}) AND status = 'open'")
    every = back_office(own_backoffice, f"SELECT count(*) FROM rejects WHERE professional_id = ({GP})")[0][0]
    assert open_rejects, "the seeded practice has rejects to correct"

    cabinet.window.shell.show_section(Section.REJECTS)
    rejects = presenter(cabinet, Section.REJECTS)
    view = rejects.view
    rows = shown_rows(qtbot, rejects.model, len(open_rejects))
    assert sorted((r.record.id, r.record.invoice_number, r.record.reject_code) for r in rows) == sorted(open_rejects)
    assert [r.record.rejected_on for r in rows] == sorted((r.record.rejected_on for r in rows), reverse=True)
    assert view.count.text().startswith(f"{len(open_rejects)} ")
    assert all(r.state == "new" for r in rows)  # never opened before on this workstation
    view.all_button.click()
    qtbot.waitUntil(lambda: rejects.model.rowCount() == every, timeout=WAIT)

    today = date.today()
    window = back_office(own_backoffice, f"SELECT patient_nir, ald_number, end_date FROM ald WHERE professional_id = "
                                         f"({GP}) AND end_date BETWEEN ? AND ? ORDER BY end_date",
                         today.isoformat(), (today + timedelta(days=90)).isoformat())
    cabinet.window.shell.show_section(Section.ALD)
    model = presenter(cabinet, Section.ALD).view.model
    qtbot.waitUntil(lambda: model.rowCount() == len(window), timeout=WAIT)
    shown = [model.renewal(row) for row in range(model.rowCount())]
    assert sorted((r.nir, r.ald_number, r.end_date.isoformat()) for r in shown) == sorted(window)
    assert [r.end_date for r in shown] == sorted(r.end_date for r in shown)  # soonest first
    assert model.data(model.index(0, 0)).endswith(f"in {(shown[0].end_date - today).days} day(s)")

    cabinet.window.shell.show_section(Section.REJECTS)  # seen on the last visit: no longer new
    qtbot.waitUntil(lambda: all(row.state == "treated" or row.state == "open"
                                for row in shown_rows(qtbot, rejects.model, every)), timeout=WAIT)
    assert "new" not in view.count.text()


def test_treated_offline_is_sent_once_when_the_back_office_is_back(qtbot, start_cabinet, insert, own_backoffice):
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate, sync_interval_seconds=1)
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    cabinet.window.shell.show_section(Section.REJECTS)
    rejects = presenter(cabinet, Section.REJECTS)
    view, model = rejects.view, rejects.model
    (open_count,), = back_office(own_backoffice, f"SELECT count(*) FROM rejects WHERE professional_id = ({GP}) "
                                                 "AND status = 'open'")
    rows = shown_rows(qtbot, model, open_count)
    target = rows[0].record
    (seq_before,), = back_office(own_backoffice, "SELECT seq FROM rejects WHERE id = ?", target.id)

    own_backoffice.stop()
    view.table.selectRow(0)
    assert view.treated_button.isVisibleTo(view) and target.invoice_number in view.facts.text()
    view.treated_button.click()
    qtbot.waitUntil(lambda: model.record(0) is not None and model.record(0).state == "waiting", timeout=WAIT)
    assert view.actions.isVisibleTo(view) and target.invoice_number in " ".join(
        label.text() for label in view.actions.findChildren(type(view.count)))
    assert back_office(own_backoffice, "SELECT status FROM rejects WHERE id = ?", target.id) == [("open",)]

    own_backoffice.start()
    store = cabinet.controller._session.store
    qtbot.waitUntil(lambda: target.id not in store.rejected_invoices.ids("open"), timeout=WAIT)
    (status, treated_by, seq_after), = back_office(own_backoffice, "SELECT status, treated_by, seq FROM rejects "
                                                                   "WHERE id = ?", target.id)
    (gp,), = back_office(own_backoffice, GP)
    assert (status, treated_by) == ("corrected", gp) and seq_after > seq_before
    actions = store.outbox.actions(["reject_treated"], since=None)
    assert store.pending() == [] and store.refused() == [] and actions == []  # sent once, none waiting
    sent = store.database.connection.execute("SELECT count(*) FROM outbox WHERE kind = 'reject_treated' "
                                             "AND outcome = 'sent'").fetchone()[0]
    assert sent == 1
    qtbot.waitUntil(lambda: model.rowCount() == len(rows) - 1, timeout=WAIT)  # gone from "to correct"

    rejects.mark_treated(999_999_999)  # a reject the back office does not know: refused with its reason
    qtbot.waitUntil(lambda: bool(view.actions.buttons), timeout=WAIT)
    (item_id, dismiss), = view.actions.buttons.items()
    assert "Ce rejet de facture n'existe pas." in " ".join(
        label.text() for label in view.actions.findChildren(type(view.count)))
    dismiss.click()
    qtbot.waitUntil(lambda: not view.actions.buttons, timeout=WAIT)
    assert [a.item.id for a in store.outbox.actions(["reject_treated"])] == []


def test_a_new_reject_is_notified_once_without_the_patient_and_opens_rejets(qtbot, start_cabinet, insert,
                                                                           own_backoffice):
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate, sync_interval_seconds=1)
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    notifications = presenter(cabinet, Section.HOME)
    shown: list[tuple[str, str]] = []
    notifications.notified.connect(lambda text, section: shown.append((text, section)))
    (name, nir), = back_office(own_backoffice, f"SELECT last_name, nir FROM patients WHERE treating_doctor_id = "
                                               f"({GP}) LIMIT 1")
    db = sqlite3.connect(own_backoffice.db_path, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")  # two rejects and an ALD due at once, as the fund's processing adds them
    try:
        for kind, ref in (("reject_new", "rejects/1"), ("reject_new", "rejects/2"), ("ald_due", "ald/1")):
            (seq,), = db.execute("UPDATE change_seq SET value = value + 1 RETURNING value").fetchall()
            db.execute(f"INSERT INTO events (practice_id, professional_id, kind, ref, summary, at, seq) SELECT "
                       f"practice_id, id, ?, ?, ?, strftime('%s', 'now'), ? FROM professionals WHERE id = ({GP})",
                       (kind, ref, f"Nouveau rejet pour {name} ({nir})", seq))
        db.execute("COMMIT")
    finally:
        db.close()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    text, section = shown[0]
    assert section == Section.REJECTS.value
    assert text.splitlines()[0].startswith("2 ") and text.splitlines()[1].startswith("1 ")
    assert name not in text and nir[:5] not in text.replace(" ", "")
    store = cabinet.controller._session.store
    newest = store.feeds.newest_event()
    qtbot.waitUntil(lambda: store.marks.get("events_notified") == newest, timeout=WAIT)
    synced_at = store.as_of("events")
    qtbot.waitUntil(lambda: store.as_of("events") > synced_at, timeout=WAIT)  # another pass: nothing more
    assert len(shown) == 1
    notifications.open_notified()
    assert cabinet.window.shell.current_section() is Section.REJECTS
