"""Documents end to end: scans queued in the signed-in session's SCOR queue are uploaded by its engine and
the page shows what the back office answered — accepted, or refused with its reason (read from its
database); a care sheet dropped by the copier in the watched folder becomes a draft, is linked to its
awaiting invoice with the picker, made ready, sent and accepted, and the proof of sending is found; a
file that is no scan goes to quarantine with its reason, for the doctor and for the secretary at her
CPE. The emulated card in the private pcscd's reader,
the real back office over HTTPS on loopback."""

from __future__ import annotations

import sqlite3

import pytest
from awaiting_invoices import awaiting_invoice
from capture_sheets import care_sheet, jpeg_bytes
from PySide6.QtCore import Qt
from scan_pdf import scan
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet, sync_phase, synced  # noqa: F401 (a fixture)

from desktop_app.app import CabinetApp
from desktop_app.models.documents import COLUMNS
from desktop_app.sections import Section

pytestmark = pytest.mark.pcsc

STATE = COLUMNS.index("state")


def states(cabinet: CabinetApp) -> dict[str, list[str]]:
    """The page's rows by invoice number: state, the state's tooltip (the fund's reason whole)."""
    model = cabinet.controller.sections.presenters[Section.DOCUMENTS].view.model
    return {model.row_at(row).number: [model.data(model.index(row, STATE)),
                                       model.data(model.index(row, STATE), Qt.ItemDataRole.ToolTipRole)]
            for row in range(model.rowCount())}


def practice_and_professional(db: str, national_id: str) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT practice_id, id FROM professionals WHERE national_id = ?",
                                  (national_id,)).fetchone()


def test_queued_scans_are_uploaded_by_the_session_and_shown_with_the_back_offices_answer(
        qtbot, start_cabinet, insert, backoffice):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    queue = cabinet.controller._session.documents
    assert queue is not None and queue.folder.parent == cabinet.settings.data_dir / "stores"
    presenter = cabinet.controller.sections.presenters[Section.DOCUMENTS]
    practice, professional = practice_and_professional(backoffice.db_path, presenter.session.user.national_id)
    first, second = (awaiting_invoice(backoffice.db_path, practice, professional_id=professional) for _ in range(2))
    good = queue.add(scan(padding=300_000), pages=1, invoice=first)
    blurred = queue.add(scan(dpi=150), pages=1, invoice=second)
    cabinet.window.shell.show_section(Section.DOCUMENTS)
    cabinet.controller._sync_now()
    qtbot.waitUntil(lambda: sorted(state.split(":")[0] for state, _ in states(cabinet).values())
                    == ["Accepted", "Refused"], timeout=WAIT)
    with sqlite3.connect(backoffice.db_path) as db:
        server = dict(db.execute("SELECT client_id, status FROM documents WHERE client_id IN (?, ?)",
                                 (good.id, blurred.id)).fetchall())
        reason = db.execute("SELECT reason FROM documents WHERE client_id = ?", (blurred.id,)).fetchone()[0]
    assert server == {good.id: "accepted", blurred.id: "rejected"}
    assert states(cabinet)[second["number"]] == [f"Refused: {reason}", reason] and "150 ppp" in reason
    page = presenter.view
    assert page.summary.text() == "1 refused or lost: see the reason · 1 accepted"
    failed = cabinet.window.shell.home.lines["failed"]  # Accueil counts the session's queue too
    qtbot.waitUntil(lambda: failed.accessibleName().startswith("1 "), timeout=WAIT)


@pytest.mark.parametrize(("card", "name"), [("cps", "Lefèvre-Dupré"), ("cpe", "Marchand-Girard")],
                         ids=["doctor", "secretary"])
def test_a_care_sheet_from_the_copier_is_linked_made_ready_and_accepted_and_a_hostile_file_is_put_aside(
        qtbot, start_cabinet, insert, backoffice, tmp_path, card, name):
    """The doctor at his card, or the secretary at hers within the delegations the doctors gave her."""
    copier = tmp_path / "copier"
    copier.mkdir()
    cabinet = start_cabinet(scan_folder=copier)
    sign_in(qtbot, cabinet, insert, card, name)
    qtbot.waitUntil(lambda: sync_phase(cabinet) == "current", timeout=WAIT)  # no rejects line for her: not delegated
    presenter = cabinet.controller.sections.presenters[Section.DOCUMENTS]
    view = presenter.view
    cabinet.window.shell.show_section(Section.DOCUMENTS)
    practice, professional = practice_and_professional(backoffice.db_path, presenter.session.user.national_id)
    invoice = awaiting_invoice(backoffice.db_path, practice, professional_id=professional if card == "cps" else None)
    cabinet.controller._sync_now()  # the awaiting invoice handed out may be a new one: pulled by the next pass
    (copier / "SCN_0001.jpg").write_bytes(jpeg_bytes(care_sheet(200, seed=11)))
    qtbot.waitUntil(lambda: [row.status for row in view.model.rows()].count("draft") == 1, timeout=WAIT)
    draft = next(row for row in view.model.rows() if row.status == "draft")
    assert draft.source_name == "SCN_0001.jpg" and not draft.linked and draft.pages == 1
    assert not (copier / "SCN_0001.jpg").exists()  # archived once sealed
    assert (cabinet.settings.scan_archive_dir / "SCN_0001.jpg").exists()
    assert view.watch.text() == f"Watched folder: {copier} — 1 file(s) taken today"

    # linked with the keyboard: its number typed, Enter on the one suggestion
    view.table.selectRow(view.model.rows().index(draft))
    view.link_button.click()
    dialog = presenter.links.dialog
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() > 0, timeout=WAIT)
    qtbot.keyClicks(dialog.picker.field, invoice["number"])
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(dialog.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: presenter.links.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: view.model.rows()[0].number == invoice["number"], timeout=WAIT)
    linked = view.model.rows()[0]
    assert linked.id == draft.id and linked.batch == invoice["batch"] and linked.patient_name

    # ready: the engine's next pass sends it, the fund accepts it
    view.table.selectRow(0)
    view.ready_button.click()
    qtbot.waitUntil(lambda: [row.status for row in view.model.rows() if row.id == draft.id] == ["accepted"],
                    timeout=WAIT)
    with sqlite3.connect(backoffice.db_path) as db:
        assert db.execute("SELECT status FROM documents WHERE client_id = ?", (draft.id,)).fetchone() == ("accepted",)
    assert view.model.data(view.model.index(view.model.rows().index(next(
        row for row in view.model.rows() if row.id == draft.id)), STATE)) == "Accepted"
    view.proof_field.setText(invoice["number"])
    view.proof_button.click()
    qtbot.waitUntil(lambda: view.proof_result.text().startswith(
        f"Invoice {invoice['number']} of batch {invoice['batch']}: accepted on "), timeout=WAIT)

    # a file that is no scan: put aside with its reason, nothing deleted
    (copier / "SCN_0002.pdf").write_bytes(b"%!PS-Adobe-3.0 not a scan at all\n" * 20)
    qtbot.waitUntil(lambda: view.tabs.tabText(1) == "Quarantine (1)", timeout=WAIT)
    assert view.quarantine.model.item(0, 0).text() == "SCN_0002.pdf"
    assert view.quarantine.model.item(0, 1).text() == "This is not a PDF, JPEG, PNG or TIFF file."
    assert (cabinet.settings.quarantine_dir / "SCN_0002.pdf").exists() and not (copier / "SCN_0002.pdf").exists()
    assert view.watch.text() == f"Watched folder: {copier} — 2 file(s) taken today"
