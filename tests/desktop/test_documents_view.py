"""Documents: the queue's rows over a real store (order, states, reasons), its model (qtmodeltester), the
page (summary, empty state, progress, the actions on the selection, files dropped, the proof, the
watched folder), the quarantine list over a real quarantine folder, and the presenter over a real queue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from scan_pdf import scan
from view_clock import MONDAY, Clock

from desktop_app.document_rows import DocumentRow, Proof, document_rows, flag_names, overall_progress, percent_sent
from desktop_app.models.documents import COLUMNS, DocumentsModel, flags_text, state_words
from desktop_app.quarantine_list import quarantined
from desktop_app.settings import Settings
from desktop_app.views.documents import DocumentsView
from desktop_app.views.quarantine import QuarantineView, refusal_words
from sync.backoffice.ids import nir_key
from sync.capture.files import Refusal
from sync.capture.quarantine import quarantine
from sync.documents import MISSING_FILE, DocumentQueue, Documents
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
BASE = "1850575112345"
NIR = BASE + f"{nir_key(BASE):02d}"
STATE = COLUMNS.index("state")


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


@pytest.fixture
def queue(tmp_path, store):
    return DocumentQueue(tmp_path / "scans", store, VAULT)


def fill(queue: DocumentQueue, store: Store) -> dict[str, str]:
    """Five scans, one in each state the engine sets; their ids by state."""
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


def test_rows_list_the_secretarys_work_first(store, queue):
    ids = fill(queue, store)
    rows = document_rows(queue, store)
    # what needs her first (refused, lost), then what is on its way, then what the fund accepted
    assert [row.status for row in rows] == ["rejected", "failed", "sending", "ready", "accepted"]
    sending = rows[2]
    assert sending.id == ids["sending"] and sending.nir == NIR and sending.held is None and sending.linked
    assert rows[-1].sent_at is not None and rows[3].sent_at is None


def test_the_model_over_a_real_queue(qtmodeltester, store, queue):
    fill(queue, store)
    model = DocumentsModel(Clock())
    model.set_rows(document_rows(queue, store))
    qtmodeltester.check(model, force_py=True)
    texts = {model.data(model.index(row, 0), Qt.ItemDataRole.UserRole):
             [model.data(model.index(row, c)) for c in range(len(COLUMNS))] for row in range(model.rowCount())}
    refused = dict(zip(COLUMNS, texts["rejected"], strict=True))
    assert refused["invoice"] == "012 / 000000002" and refused["patient"] == "1 85 05 75 112 345 " + NIR[-2:]
    assert refused["state"] == "Refused: Document illisible : numérisez-le à 200 dpi au moins."
    assert texts["failed"][STATE] == "File lost" and texts["ready"][STATE] == "Ready"
    assert texts["sending"][STATE] == "Sending" and texts["accepted"][STATE] == "Accepted"
    assert model.data(model.index(1, STATE), Qt.ItemDataRole.ToolTipRole).startswith("The scan's file cannot be found")


ROW = DocumentRow("d1", "sending", None, "012", "000000001", "2025-11-20", NIR, 1, 200_000, 90_000, MONDAY, None,
                  "SCN_0001.pdf", patient_name="Martin Claire")
DRAFT = replace(ROW, id="d0", status="draft", held=None, batch=None, number=None, care_date=None, nir=None,
                patient_name=None, pages=3, flags=(frozenset(), frozenset({"NEARLY_WHITE"}), frozenset()))


def test_each_state_in_words():
    assert percent_sent(ROW) == 45 and percent_sent(replace(ROW, held=None)) is None
    words = {status: state_words(replace(ROW, status=status, reason=reason)) for status, reason in (
        ("draft", None), ("ready", None), ("waiting_arl", None), ("sending", None), ("sent", None),
        ("accepted", None), ("rejected", "Illisible"), ("paper", "Le back office n'a pas répondu pendant 5 jours."),
        ("failed", MISSING_FILE))}
    assert words == {"draft": "Draft", "ready": "Ready", "waiting_arl": "Waiting for the batch's acknowledgement",
                     "sending": "Sending 45 %", "sent": "Sent", "accepted": "Accepted", "rejected": "Refused: Illisible",
                     "paper": "To send on paper: Le back office n'a pas répondu pendant 5 jours.",
                     "failed": "File lost"}
    assert state_words(replace(ROW, status="rejected")) == \
        "Refused: Refused by the health insurance, without a reason given."


def test_quality_flags_say_the_page_and_why():
    assert flag_names('[[], ["nearly-white"], ["LOW_CONTRAST", "CUT_OR_SHIFTED"]]') == \
        (frozenset(), frozenset({"NEARLY_WHITE"}), frozenset({"LOW_CONTRAST", "CUT_OR_SHIFTED"}))
    assert flags_text(DRAFT) == ("Page 2: nearly white", "Page 2: nearly white")
    two = replace(DRAFT, flags=flag_names([["NEARLY_BLACK"], [], ["LOW_CONTRAST", "CUT_OR_SHIFTED"]]))
    assert flags_text(two) == ("2 page(s) to check", "Page 1: nearly black\nPage 3: cut or shifted, low contrast")
    assert flags_text(ROW) == ("", "")
    model = DocumentsModel(Clock())
    model.set_rows([DRAFT])
    cells = dict(zip(COLUMNS, (model.data(model.index(0, c)) for c in range(len(COLUMNS))), strict=True))
    assert cells == {"document": "SCN_0001.pdf", "patient": "", "invoice": "To link", "pages": "3",
                     "checks": "Page 2: nearly white", "added": "24/11 at 10 h 14", "state": "Draft"}


def test_overall_progress_counts_what_is_being_sent():
    assert overall_progress([DRAFT, replace(ROW, status="accepted")]) is None
    assert overall_progress([replace(ROW, status="waiting_arl", held=None)]) is None  # not being sent
    assert overall_progress([ROW, replace(ROW, id="d2", status="ready", held=None),
                             replace(ROW, id="d3", status="waiting_arl")]) == (90_000, 400_000)


@pytest.fixture
def page(qtbot):
    view = DocumentsView(Clock())
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def test_the_page_says_what_waits_what_went_wrong_and_when_empty(page):
    assert page.empty.isVisible() and not page.table.isVisible() and not page.progress.isVisible()
    page.set_rows([DRAFT, ROW, replace(ROW, id="d2", status="rejected", reason="Illisible"),
                   replace(ROW, id="d3", status="accepted"), replace(ROW, id="d4", status="paper", reason="Hors délai")])
    assert not page.empty.isVisible() and page.table.isVisible()
    assert page.summary.text() == \
        "1 draft(s) to finish · 1 on the way · 1 refused or lost: see the reason · 1 to send on paper · 1 accepted"
    assert page.progress.isVisible() and page.progress.text() == "Sending: 45 %"
    assert page.selected_ids() == ["d2"]  # the refused one, its reason read whole below the table
    assert page.detail.isVisible() and page.detail.text() == "Invoice 000000001 of batch 012 — Refused: Illisible"
    page.table.selectRow(1)
    assert not page.detail.isVisible()  # an upload under way has no reason
    page.set_rows([replace(ROW, held=120_000), replace(ROW, id="d2", status="rejected", reason="Illisible")])
    assert page.selected_ids() == ["d1"]  # the same document stays selected as the queue moves
    page.clear()
    assert page.empty.isVisible() and page.model.rowCount() == 0 and page.freshness.text() == ""


def test_the_actions_follow_the_selection(page, qtbot):
    linked = replace(DRAFT, id="d5", batch="012", number="000000005", nir=NIR, patient_name="Martin Claire")
    refused = replace(ROW, id="d2", status="rejected", reason="Illisible")
    page.set_rows([DRAFT, linked, refused])
    buttons = (page.open_button, page.link_button, page.ready_button, page.resend_button, page.delete_button)

    def enabled() -> list[bool]:
        return [button.isEnabled() for button in buttons]

    page.table.selectRow(0)  # a draft to link: not ready yet
    assert enabled() == [True, True, False, False, True]
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens its pages
    assert opened.args == ["d0"]
    assert page.ready_button.toolTip() == "Link it to its invoice first."
    with qtbot.waitSignal(page.link_requested) as link:
        page.link_button.click()
    assert link.args == ["d0"]
    page.table.selectRow(1)
    assert enabled() == [True, True, True, False, True]
    with qtbot.waitSignal(page.ready_requested) as ready:
        page.ready_button.click()
    assert ready.args == [["d5"]]
    page.table.selectRow(2)
    assert enabled() == [False, False, False, True, False]
    with qtbot.waitSignal(page.resend_requested) as resend:
        page.resend_button.click()
    assert resend.args == ["d2"]
    page.table.selectAll()
    assert enabled() == [False, False, False, False, False]  # a refused one among them: no draft action


def test_deleting_drafts_asks_first(page, qtbot):
    page.set_rows([DRAFT, replace(DRAFT, id="d6")])
    page.table.selectAll()
    page.delete_button.click()
    box = page.findChild(QMessageBox, "confirmDelete")
    assert box is not None and box.text() == "Delete 2 draft(s)? Their pages are deleted from this workstation."
    with qtbot.waitSignal(page.delete_requested) as deleted:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert sorted(deleted.args[0]) == ["d0", "d6"]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # the keyboard's way
    box = next(box for box in page.findChildren(QMessageBox, "confirmDelete") if box.isVisible())
    with qtbot.assertNotEmitted(page.delete_requested):
        box.button(QMessageBox.StandardButton.Cancel).click()


def test_files_dropped_on_the_page_are_imported(page, qtbot, tmp_path):
    sheet = tmp_path / "SCN_0001.pdf"
    sheet.write_bytes(scan())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sheet)), QUrl.fromLocalFile(str(tmp_path / "gone.pdf")),
                  QUrl("https://example.org/x.pdf")])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    page.dragEnterEvent(enter)  # as the application passes it on, over a page that takes drops
    assert page.acceptDrops() and enter.isAccepted()
    drop = QDropEvent(QPoint(50, 50).toPointF(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.files_chosen) as chosen:
        page.dropEvent(drop)
    assert chosen.args == [[str(sheet), str(tmp_path / "gone.pdf")]]  # files of this machine (the import reads them)
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/x.pdf")])
    refused = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, web, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    page.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_the_import_dialog_offers_the_scan_types(page, qtbot):
    page.import_button.click()
    dialog = page._file_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.nameFilters()[0].startswith("Scans (*.pdf *.PDF *.jpg")
    with qtbot.waitSignal(page.files_chosen) as chosen:
        dialog.filesSelected.emit(["/tmp/a.pdf"])
    assert chosen.args == [["/tmp/a.pdf"]]
    dialog.reject()


def test_the_proof_of_sending_and_the_watched_folder(page, qtbot):
    page.proof_field.setText(" 000 004 300 ")
    with qtbot.waitSignal(page.proof_requested) as asked:
        qtbot.keyClick(page.proof_field, Qt.Key.Key_Return)
    assert asked.args == ["000004300"]
    page.set_proof("000004300", [Proof("d", "accepted", "009", "000004300", MONDAY, "AR-118204")])
    assert page.proof_result.text() == \
        "Invoice 000004300 of batch 009: accepted on 24/11/2025 at 10 h 14 — acknowledgement AR-118204"
    page.set_proof("000004301", [Proof("e", "sent", "009", "000004301", None, None),
                                 Proof("f", "rejected", "009", "000004301", MONDAY, None)])
    assert page.proof_result.text().splitlines() == ["Invoice 000004301 of batch 009: sent, no answer yet",
                                                     "Invoice 000004301 of batch 009: refused on 24/11/2025 at 10 h 14"]
    page.set_proof("000000001", [])
    assert page.proof_result.text() == "No document was sent for invoice 000000001."
    page.set_watch("/srv/scans", 3)
    assert page.watch.text() == "Watched folder: /srv/scans — 3 file(s) taken today"
    page.set_watch(None, 0, configure_in="/home/s/.config/cabinet/cabinet.toml")
    assert page.watch.text() == "No watched folder configured: set scan_folder in /home/s/.config/cabinet/cabinet.toml."


def test_the_quarantine_lists_each_refused_file_with_its_reason(qtbot, tmp_path):
    incoming, folder = tmp_path / "in", tmp_path / "quarantine"
    incoming.mkdir()
    for index, refusal in enumerate(Refusal):
        path = incoming / f"SCN_{index:04d}.pdf"
        path.write_bytes(b"x")
        quarantine(path, folder, refusal, "detail")
    (incoming / "SCN_0000.pdf").write_bytes(b"y")  # the copier's same name again
    quarantine(incoming / "SCN_0000.pdf", folder, Refusal.CORRUPT)
    (folder / "by hand.pdf").write_bytes(b"z")  # no reason beside it
    found = quarantined(folder)
    assert len(found) == len(Refusal) + 2
    assert {item.reason for item in found} == {refusal.value for refusal in Refusal} | {""}
    again = next(item for item in found if item.path.name == "SCN_0000 (2).pdf")
    assert again.original == "SCN_0000.pdf" and again.reason == "corrupt"
    assert all(refusal_words(refusal.value) != refusal_words("") for refusal in Refusal)
    assert len({refusal_words(refusal.value) for refusal in Refusal}) == len(Refusal)  # each its own sentence
    assert quarantined(tmp_path / "none") == []
    view = QuarantineView(Clock())
    qtbot.addWidget(view)
    view.set_items(found, str(folder))
    assert view.model.rowCount() == len(found)
    reasons = {view.model.item(row, 0).text(): view.model.item(row, 1).text() for row in range(view.model.rowCount())}
    assert reasons["SCN_0004.pdf"] == refusal_words(list(Refusal)[4].value)
    assert reasons["by hand.pdf"] == "No reason was recorded for this file."
    with qtbot.waitSignal(view.open_folder_requested):
        view.open_folder.click()


def test_the_page_counts_the_quarantine_in_its_tab(page, tmp_path):
    page.set_quarantine([], str(tmp_path))
    assert page.tabs.tabText(1) == "Quarantine"
    (tmp_path / "a.pdf").write_bytes(b"x")
    page.set_quarantine(quarantined(tmp_path), str(tmp_path))
    assert page.tabs.tabText(1) == "Quarantine (1)"


def test_the_scan_folders_are_derived_beside_the_stores_unless_set(tmp_path):
    from desktop_app.diagnosis import setting_facts

    settings = Settings(data_dir=tmp_path)
    assert settings.scan_archive_dir == tmp_path / "scans" / "archive"
    assert settings.quarantine_dir == tmp_path / "scans" / "quarantine"
    facts = {fact.name: fact for fact in setting_facts(settings)}
    assert facts["quarantine_folder"].value == str(tmp_path / "scans" / "quarantine")
    assert facts["scan_folder"].value == "" and facts["scan_folder"].origin == "default"
    chosen = Settings(data_dir=tmp_path, quarantine_folder=Path("/srv/quarantaine"))
    assert chosen.quarantine_dir == Path("/srv/quarantaine") and chosen.scan_archive_dir == settings.scan_archive_dir


def test_the_presenter_follows_an_upload_while_the_page_is_shown_and_forgets_at_the_lock(qtbot, store, queue,
                                                                                        tmp_path):
    from desktop_app.main_window import MainWindow
    from desktop_app.ops import OpRunner
    from desktop_app.presenters.documents import DocumentsPresenter
    from desktop_app.section_presenter import SectionSession
    from desktop_app.sections import Section
    from desktop_app.session import Method, SessionUser

    ids = fill(queue, store)
    (tmp_path / "scans-q").mkdir()
    (tmp_path / "scans-q" / "junk.pdf").write_bytes(b"x")
    window, ops = MainWindow(), OpRunner()
    qtbot.addWidget(window)
    presenter = DocumentsPresenter(window, ops, Settings(data_dir=tmp_path, quarantine_folder=tmp_path / "scans-q"),
                                   clock=Clock())
    window.show_session()
    window.shell.show_section(Section.DOCUMENTS)
    window.show()
    user = SessionUser("810003456786", "Dr Lefèvre", "CPS", frozenset({"documents"}), "Tilleuls")
    session = SectionSession(user, Method.CARD, "R", None, store, lambda: None, documents=queue)
    presenter.open(session)
    model = presenter.view.model
    qtbot.waitUntil(lambda: model.rowCount() == 5 and model.data(model.index(2, STATE)) == "Sending")
    assert presenter.view.tabs.tabText(1) == "Quarantine (1)"
    assert presenter.view.watch.text().startswith("No watched folder configured")
    size = queue.get(ids["sending"]).size
    queue._held[ids["sending"]] = size // 2  # as the engine's upload moves
    qtbot.waitUntil(lambda: model.data(model.index(2, STATE)) == f"Sending {size // 2 * 100 // size} %", timeout=5000)
    presenter.clear()
    assert model.rowCount() == 0 and not presenter._progress.isActive() and not presenter.capture.running
    assert presenter.view.tabs.tabText(1) == "Quarantine"
    ops.shutdown()
