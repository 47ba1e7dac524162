"""Documents: the queue's rows over a real store (order, states, reasons), its model (qtmodeltester) and
the page (summary, empty state, progress)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from scan_pdf import scan
from view_clock import MONDAY, Clock

from desktop_app.document_rows import DocumentRow, document_rows, percent_sent
from desktop_app.models.documents import DocumentsModel
from desktop_app.views.documents import DocumentsView
from sync.backoffice.ids import nir_key
from sync.documents import MISSING_FILE, DocumentQueue, Documents
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
BASE = "1850575112345"
NIR = BASE + f"{nir_key(BASE):02d}"


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


@pytest.fixture
def queue(tmp_path, store):
    return DocumentQueue(tmp_path / "scans", store, VAULT)


def fill(queue: DocumentQueue, store: Store) -> dict[str, str]:
    """Five scans, one in each state; their ids by state."""
    rows = Documents(store.database, VAULT)  # the rows' own repository, to set what the engine would
    ids = {}
    for number, state in enumerate(("accepted", "rejected", "failed", "ready", "sending"), 1):
        document = queue.add(scan(marker=state), pages=1,
                             invoice={"batch": "012", "number": f"{number:09d}", "nir": NIR, "date": "2025-11-20"})
        reason = {"rejected": "Document illisible : numérisez-le à 200 dpi au moins.", "failed": MISSING_FILE}
        if state != "ready":
            rows.set_status(document.id, state, reason.get(state))
        ids[state] = document.id
    return ids


def test_rows_list_the_users_work_first(store, queue):
    ids = fill(queue, store)
    rows = document_rows(queue)
    assert [row.status for row in rows] == ["sending", "ready", "failed", "rejected", "accepted"]
    assert rows[0].id == ids["sending"] and rows[0].nir == NIR and rows[0].held is None
    assert rows[-1].sent_at is not None and rows[1].sent_at is None


def test_the_model_over_a_real_queue(qtmodeltester, store, queue):
    fill(queue, store)
    model = DocumentsModel(Clock())
    model.set_rows(document_rows(queue))
    qtmodeltester.check(model, force_py=True)
    texts = {model.data(model.index(row, 0)): [model.data(model.index(row, c)) for c in range(7)]
             for row in range(model.rowCount())}
    assert set(texts) == {"Sending", "Waiting to be sent", "Cannot be sent", "Refused", "Accepted"}
    refused = texts["Refused"]
    assert refused[1] == "012 / 000000002" and refused[2] == "1 85 05 75 112 345 " + NIR[-2:]
    assert refused[3] == "20/11/2025" and refused[6] == "Document illisible : numérisez-le à 200 dpi au moins."
    assert texts["Cannot be sent"][6].startswith("The scan's file cannot be found")
    assert texts["Waiting to be sent"][5] == "" and texts["Waiting to be sent"][6] == ""


ROW = DocumentRow("d1", "sending", None, "012", "000000001", "2025-11-20", NIR, 1, 200_000, 90_000,
                  MONDAY, None)


def test_an_upload_shows_how_far_it_went():
    assert percent_sent(ROW) == 45 and percent_sent(replace(ROW, held=None)) is None
    model = DocumentsModel(Clock())
    model.set_rows([ROW])
    assert model.data(model.index(0, 0)) == "Sending — 45 %"
    assert model.data(model.index(0, 4)) == "24/11 at 10 h 14"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == "sending"


def test_the_page_says_what_waits_what_went_wrong_and_when_empty(qtbot):
    view = DocumentsView(Clock())
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible() and not view.table.isVisible()
    view.set_rows([ROW, replace(ROW, id="d2", status="rejected", reason="Illisible"),
                   replace(ROW, id="d3", status="accepted")])
    assert not view.empty.isVisible() and view.table.isVisible()
    assert view.summary.text() == "1 to send · 1 refused or not sendable: see the reason · 1 accepted"
    assert view.table.currentIndex().row() == 1  # the refused one, its reason read whole below the table
    assert view.detail.isVisible() and view.detail.text() == "Invoice 000000001 of batch 012: Illisible"
    view.table.selectRow(0)
    assert not view.detail.isVisible()  # an upload under way has no reason
    view.set_rows([replace(ROW, held=120_000), replace(ROW, id="d2", status="rejected", reason="Illisible")])
    assert view.table.currentIndex().row() == 0  # the same document stays selected as the queue moves
    view.clear()
    assert view.empty.isVisible() and view.model.rowCount() == 0 and view.freshness.text() == ""


def test_the_presenter_follows_an_upload_while_the_page_is_shown_and_forgets_at_the_lock(qtbot, store, queue):
    from desktop_app.main_window import MainWindow
    from desktop_app.ops import OpRunner
    from desktop_app.presenters.documents import DocumentsPresenter
    from desktop_app.section_presenter import SectionSession
    from desktop_app.sections import Section
    from desktop_app.session import Method, SessionUser

    ids = fill(queue, store)
    window, ops = MainWindow(), OpRunner()
    qtbot.addWidget(window)
    presenter = DocumentsPresenter(window, ops, Clock())
    window.show_session()
    window.shell.show_section(Section.DOCUMENTS)
    window.show()
    user = SessionUser("810003456786", "Dr Lefèvre", "CPS", frozenset({"documents"}), "Tilleuls")
    session = SectionSession(user, Method.CARD, "R", None, store, lambda: None, documents=queue)
    presenter.open(session)
    model = presenter.view.model
    qtbot.waitUntil(lambda: model.rowCount() == 5 and model.data(model.index(0, 0)) == "Sending")
    size = queue.get(ids["sending"]).size
    queue._held[ids["sending"]] = size // 2  # as the engine's upload moves
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == f"Sending — {size // 2 * 100 // size} %", timeout=5000)
    presenter.clear()
    assert model.rowCount() == 0 and not presenter._progress.isActive()
    ops.shutdown()
