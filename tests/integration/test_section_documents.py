"""Documents end to end: scans queued in the signed-in session's SCOR queue are uploaded by its engine and
the page shows what the back office answered — accepted, or refused with its reason (read from its
database). The emulated CPS in the private pcscd's reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import sqlite3

import pytest
from awaiting_invoices import awaiting_invoice
from scan_pdf import scan
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet, synced  # noqa: F401 (a fixture)

from desktop_app.app import CabinetApp
from desktop_app.sections import Section

pytestmark = pytest.mark.pcsc

def states(cabinet: CabinetApp) -> dict[str, list[str]]:
    """The page's rows by invoice number: state, reason."""
    model = cabinet.controller.sections.presenters[Section.DOCUMENTS].view.model
    return {model.row_at(row).number: [model.data(model.index(row, column)) for column in (0, 6)]
            for row in range(model.rowCount())}


def test_queued_scans_are_uploaded_by_the_session_and_shown_with_the_back_offices_answer(
        qtbot, start_cabinet, insert, backoffice):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    queue = cabinet.controller._session.documents
    assert queue is not None and queue.folder.parent == cabinet.settings.data_dir / "stores"
    good = queue.add(scan(padding=300_000), pages=1, invoice=awaiting_invoice(backoffice.db_path, 1))
    blurred = queue.add(scan(dpi=150), pages=1, invoice=awaiting_invoice(backoffice.db_path, 1))
    cabinet.window.shell.show_section(Section.DOCUMENTS)
    cabinet.controller._sync_now()
    qtbot.waitUntil(lambda: [state for state, _ in states(cabinet).values()] == ["Refused", "Accepted"],
                    timeout=WAIT)
    with sqlite3.connect(backoffice.db_path) as db:
        server = dict(db.execute("SELECT client_id, status FROM documents WHERE client_id IN (?, ?)",
                                 (good.id, blurred.id)).fetchall())
        reason = db.execute("SELECT reason FROM documents WHERE client_id = ?", (blurred.id,)).fetchone()[0]
    assert server == {good.id: "accepted", blurred.id: "rejected"}
    assert states(cabinet)[blurred.invoice["number"]] == ["Refused", reason] and "150 ppp" in reason
    page = cabinet.controller.sections.presenters[Section.DOCUMENTS].view
    assert page.summary.text() == "1 refused or not sendable: see the reason · 1 accepted"
    failed = cabinet.window.shell.home.lines["failed"]  # Accueil counts the session's queue too
    qtbot.waitUntil(lambda: failed.accessibleName().startswith("1 "), timeout=WAIT)
