"""The Documents presenter over the real capture pipeline and queue: the watched folder polled on the pool
(a care sheet becomes a draft, its original archived; a file that is no scan goes to quarantine), files
imported by the dialog or dropped, a draft linked to an awaiting invoice with the picker and made ready,
its pages split in the page editor and saved as two drafts, a refused one sent again, a draft deleted,
and a feeder batch scanned with SANE's `test` backend into one draft."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from capture_sheets import care_sheet, jpeg_bytes, png_bytes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from view_clock import Clock

from desktop_app.main_window import MainWindow
from desktop_app.ops import OpRunner
from desktop_app.presenters.documents import DocumentsPresenter
from desktop_app.section_presenter import SectionSession
from desktop_app.sections import Section
from desktop_app.session import Method, SessionUser
from desktop_app.settings import Settings
from sync.backoffice.ids import nir_key
from sync.capture.normalise import normalise_images
from sync.documents import DocumentQueue, Documents
from sync.protocol.documents import AwaitingInvoice
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
BASE = "2850375115042"
NIR = BASE + f"{nir_key(BASE):02d}"
USER = SessionUser("810003456786", "Mme Roux", "CPE", frozenset({"documents"}), "Tilleuls")
WAIT = 20_000


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


@pytest.fixture
def queue(tmp_path, store):
    return DocumentQueue(tmp_path / "scans", store, VAULT)


class Opened:
    """The presenter on a shown window, its session open over ``store`` and ``queue``."""

    def __init__(self, qtbot, store: Store, queue: DocumentQueue, settings: Settings) -> None:
        self.window, self.ops = MainWindow(), OpRunner()
        qtbot.addWidget(self.window)
        self.presenter = DocumentsPresenter(self.window, self.ops, settings, clock=Clock(datetime.now(UTC).astimezone()),
                                            poll_ms=100)
        self.window.show_session()
        self.window.shell.show_section(Section.DOCUMENTS)
        self.window.show()
        self.synced: list[bool] = []
        self.presenter.open(SectionSession(USER, Method.CARD, "R", None, store, lambda: self.synced.append(True),
                                           documents=queue))
        self.view = self.presenter.view

    def statuses(self) -> list[str]:
        return [row.status for row in self.view.model.rows()]

    def select(self, document_id: str) -> None:
        self.view.table.selectRow([row.id for row in self.view.model.rows()].index(document_id))


@pytest.fixture
def opened(qtbot, store, queue, tmp_path):
    made: list[Opened] = []

    def make(**settings) -> Opened:
        made.append(Opened(qtbot, store, queue, Settings(data_dir=tmp_path / "data", **settings)))
        return made[-1]

    yield make
    for one in made:
        one.presenter.clear()
        one.ops.shutdown()


def test_the_watched_folder_gives_drafts_and_puts_aside_what_is_no_scan(qtbot, opened, queue, tmp_path):
    copier = tmp_path / "copier"
    copier.mkdir()
    (copier / "SCN_0001.jpg").write_bytes(jpeg_bytes(care_sheet(200, seed=1)))  # there before the session
    page = opened(scan_folder=copier)
    qtbot.waitUntil(lambda: page.statuses() == ["draft"], timeout=WAIT)
    (draft,) = queue.documents()
    assert draft.source_name == "SCN_0001.jpg" and draft.invoice is None and draft.pages == 1
    archive = tmp_path / "data" / "scans" / "archive"
    assert not (copier / "SCN_0001.jpg").exists() and (archive / "SCN_0001.jpg").exists()
    assert page.view.watch.text() == f"Watched folder: {copier} — 1 file(s) taken today"
    assert page.presenter.capture._timer.interval() == 100  # paced: the first poll's zero delay does not stick
    (copier / "SCN_0002.pdf").write_bytes(b"not a scan at all " * 100)
    qtbot.waitUntil(lambda: page.view.tabs.tabText(1) == "Quarantine (1)", timeout=WAIT)
    assert page.view.quarantine.model.item(0, 1).text() == "This is not a PDF, JPEG, PNG or TIFF file."
    assert (tmp_path / "data" / "scans" / "quarantine" / "SCN_0002.pdf").exists()
    assert page.view.watch.text() == f"Watched folder: {copier} — 2 file(s) taken today"
    assert page.statuses() == ["draft"]  # nothing else made of it


def test_files_imported_stay_where_they_are_and_each_refusal_is_said(qtbot, opened, tmp_path):
    page = opened()
    assert page.view.watch.text().startswith("No watched folder configured: set scan_folder in ")
    sheet, junk = tmp_path / "feuille.png", tmp_path / "notes.pdf"
    sheet.write_bytes(png_bytes(care_sheet(200, seed=2)))
    junk.write_bytes(b"%PDF-1.4 broken")
    page.view.files_chosen.emit([str(sheet), str(junk)])
    qtbot.waitUntil(lambda: page.statuses() == ["draft"], timeout=WAIT)
    assert page.view.selected_ids() == [page.view.model.rows()[0].id]  # the new draft, to link next
    assert page.view.capture_outcome.text().splitlines() == [
        "1 document(s) added as draft(s): link each one to its invoice.",
        "« notes.pdf » not taken: The file is damaged or incomplete: scan the sheet again."]
    assert sheet.exists() and junk.exists()  # the user's own files
    page.view.files_chosen.emit([str(sheet), str(tmp_path / "gone.pdf")])
    qtbot.waitUntil(lambda: page.view.capture_outcome.text().splitlines() == [
        "1 file(s) already in the list.", "« gone.pdf » cannot be read: check that it is still there."], timeout=WAIT)


def awaiting(number: int, name: str, arl: str = "positive") -> AwaitingInvoice:
    return AwaitingInvoice(id=number, seq=number, batch="012", number=f"{number:09d}", nir=NIR, patient_name=name,
                           care_date=date(2025, 11, 20), amount_cents=2650, arl=arl, arl_at=None, arl_reason=None,
                           justified=False)


def test_a_draft_is_linked_with_the_keyboard_then_made_ready(qtbot, opened, store, queue):
    store.awaiting.apply([awaiting(4512, "MARTIN Claire"), awaiting(4513, "BERNARD Louis"),
                          awaiting(4514, "BERNARD Anne")], None, datetime.now(UTC))
    content = normalise_images([care_sheet(200, seed=3)])
    queue.add(content.pdf, pages=1, invoice={"batch": "012", "number": "000004514", "nir": NIR, "date": "2025-11-20"})
    draft = queue.add_draft(normalise_images([care_sheet(200, seed=8)]).pdf, 1, source_name="SCN_0003.jpg")
    page = opened()
    qtbot.waitUntil(lambda: page.statuses() == ["draft", "ready"], timeout=WAIT)
    page.select(draft.id)
    assert not page.view.ready_button.isEnabled()  # not linked yet
    page.view.link_button.click()
    dialog = page.presenter.links.dialog
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 2, timeout=WAIT)  # not the one sent already
    qtbot.keyClicks(dialog.picker.field, "bernard")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(dialog.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.presenter.links.dialog is None and page.view.model.rows()[0].linked, timeout=WAIT)
    row = page.view.model.rows()[0]
    assert (row.batch, row.number, row.patient_name, row.nir) == ("012", "000004513", "BERNARD Louis", NIR)
    page.select(draft.id)
    assert page.view.ready_button.isEnabled()
    page.view.ready_button.click()
    qtbot.waitUntil(lambda: queue.get(draft.id).status == "ready" and bool(page.synced), timeout=WAIT)


def test_pages_split_in_the_editor_make_two_drafts(qtbot, opened, queue):
    sheets = normalise_images([care_sheet(200, seed=seed) for seed in (4, 5, 6)])
    draft = queue.add_draft(sheets.pdf, sheets.pages, flags=sheets.flags, source_name="lot.pdf")
    page = opened()
    qtbot.waitUntil(lambda: page.statuses() == ["draft"], timeout=WAIT)
    page.select(draft.id)
    page.view.open_button.click()
    dialog = page.presenter.pages.dialog
    qtbot.waitUntil(lambda: dialog.save.isEnabled(), timeout=WAIT)
    editor = dialog.editor
    assert len(editor.strips) == 1 and dialog.note.text() == "These pages will make 1 document(s)."
    editor.rotate.emit(0, 0, 1)
    editor.split.emit(0, 2)
    assert len(editor.strips) == 2 and dialog.note.text() == "These pages will make 2 document(s)."
    dialog.save.click()
    qtbot.waitUntil(lambda: page.presenter.pages.dialog is None and page.statuses() == ["draft", "draft"],
                    timeout=WAIT)
    pages = sorted(document.pages for document in queue.documents())
    assert pages == [1, 2] and queue.get(draft.id).pages == 2


def test_a_refused_one_is_sent_again_as_a_draft_and_a_draft_is_deleted(qtbot, opened, store, queue):
    store.awaiting.apply([awaiting(4600, "PETIT Jeanne")], None, datetime.now(UTC))
    content = normalise_images([care_sheet(200, seed=7)])
    refused = queue.add(content.pdf, pages=1, invoice={"batch": "012", "number": "000004600", "nir": NIR,
                                                         "date": "2025-11-20"})
    Documents(store.database, VAULT).set_status(refused.id, "rejected", "Document illisible.")
    page = opened()
    qtbot.waitUntil(lambda: page.statuses() == ["rejected"], timeout=WAIT)
    assert page.view.detail.text() == "Invoice 000004600 of batch 012 — Refused: Document illisible."
    page.view.resend_button.click()
    qtbot.waitUntil(lambda: page.statuses() == ["draft", "rejected"], timeout=WAIT)
    copy = page.view.model.rows()[0]
    assert copy.number == "000004600" and copy.id != refused.id
    assert page.view.selected_ids() == [copy.id]  # to fix next
    page.select(copy.id)
    page.view.delete_button.click()
    page.view.findChild(QMessageBox, "confirmDelete").button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.statuses() == ["rejected"], timeout=WAIT)


def test_a_feeder_batch_is_scanned_page_by_page_into_one_draft(qtbot, opened, queue, tmp_path, monkeypatch):
    config = tmp_path / "sane"
    config.mkdir()
    (config / "dll.conf").write_text("test\n")
    (config / "test.conf").write_text('number_of_devices 1\ntest-picture "Grid"\n')
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))  # SANE's `test` backend alone
    page = opened()
    page.view.scan_button.click()
    dialog = page.presenter.scans.dialog
    qtbot.waitUntil(lambda: dialog.device.count() == 1, timeout=WAIT)
    dialog.source.setCurrentIndex(dialog.source.findData("ADF"))
    dialog.resolution.setCurrentIndex(dialog.resolution.findData(200))
    progress: list[int] = []
    page.presenter.scans.progressed.connect(progress.append)
    dialog.scan_button.click()
    qtbot.waitUntil(lambda: page.statuses() == ["draft"], timeout=60_000)
    (draft,) = queue.documents()
    assert draft.pages == 10 and progress == list(range(1, 11))  # the test feeder's 10 sheets, one by one
    assert dialog.progress.text() == "10 page(s) scanned: the draft is in the list."
    assert page.view.scan_button.isEnabled()


def test_without_a_scanner_the_dialog_says_so(qtbot, opened, tmp_path, monkeypatch):
    config = tmp_path / "sane"
    config.mkdir()
    (config / "dll.conf").write_text("")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))
    page = opened()
    page.view.scan_button.click()
    dialog = page.presenter.scans.dialog
    qtbot.waitUntil(lambda: dialog.no_device.isVisible(), timeout=WAIT)
    assert not dialog.scan_button.isEnabled()


def test_a_scan_folder_that_cannot_be_reached_is_said(qtbot, opened, tmp_path):
    page = opened(scan_folder=tmp_path / "share-not-mounted")
    qtbot.waitUntil(lambda: "cannot be reached" in page.view.watch.text(), timeout=WAIT)
    assert Path(tmp_path / "share-not-mounted").exists() is False


def test_documents_newly_to_send_on_paper_are_notified(qtbot, store, queue):
    from desktop_app.presenters.notifications import NotificationsPresenter
    from desktop_app.section_presenter import SyncPass

    rows = Documents(store.database, VAULT)
    content = normalise_images([care_sheet(200, seed=9)])
    old, new = (queue.add(content.pdf, pages=1, invoice={"batch": "012", "number": f"{n:09d}", "nir": NIR,
                                                        "date": "2025-11-20"}) for n in (4700, 4701))
    rows.set_status(old.id, "paper", "Hors délai.")
    window, ops = MainWindow(), OpRunner()
    qtbot.addWidget(window)
    presenter = NotificationsPresenter(window, ops)
    said: list[tuple[str, str]] = []
    presenter.notified.connect(lambda text, section: said.append((text, section)))
    presenter.open(SectionSession(USER, Method.CARD, "R", None, store, lambda: None, documents=queue))
    qtbot.waitUntil(lambda: presenter._paper == {old.id}, timeout=WAIT)  # known at the opening: on Accueil already
    rows.set_status(new.id, "paper", "Hors délai.")
    presenter.synced(SyncPass(frozenset({"documents"}), {}))
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT)
    assert said == [("1 document(s) to send on paper: SCOR could not send them", Section.DOCUMENTS.value)]
    assert presenter._paper == {old.id, new.id}  # not notified again (tests/unit/test_notices.py)
    presenter.clear()
    ops.shutdown()


def test_scanner_troubles_are_said_in_words():
    from desktop_app.presenters.document_flows import scanner_error_text
    from sync.capture.scanner import CODES, ScannerError

    texts = {code: scanner_error_text(ScannerError(code)) for code in CODES}
    assert texts["jammed"] == "The paper is jammed in the feeder: take it out, then scan again."
    assert texts["io-error"] == "The scanner did not answer (io-error): check that it is on, with paper, then try again."
    assert len(set(texts.values())) == len(CODES)


def test_a_document_accepted_33_months_ago_is_purged_and_its_proof_still_found(qtbot, opened, store, queue):
    content = normalise_images([care_sheet(200, seed=10)])
    old = queue.add(content.pdf, pages=1, invoice={"batch": "009", "number": "000004800", "nir": NIR,
                                                     "date": "2023-01-10"})
    Documents(store.database, VAULT).set_status(old.id, "accepted", at=datetime(2023, 1, 12, 9, 30, tzinfo=UTC))
    page = opened()
    qtbot.waitUntil(lambda: queue.get(old.id).status == "purged", timeout=WAIT)
    qtbot.waitUntil(lambda: page.statuses() == [], timeout=WAIT)  # gone from the list
    page.view.proof_field.setText("000004800")
    page.view.proof_button.click()
    qtbot.waitUntil(lambda: page.view.proof_result.text().startswith(
        "Invoice 000004800 of batch 009: accepted on 12/01/2023 at ") and page.view.proof_result.text().endswith(
        "; its copy was purged after 33 months"), timeout=WAIT)


def test_accueil_counts_the_drafts_and_those_to_send_on_paper(store, queue):
    from desktop_app.summaries import home_summary

    content = normalise_images([care_sheet(200, seed=12)])
    queue.add_draft(content.pdf, 1)
    queue.add_draft(normalise_images([care_sheet(200, seed=13)]).pdf, 1)
    paper = queue.add(content.pdf, pages=1, invoice={"batch": "012", "number": "000004900", "nir": NIR,
                                                       "date": "2025-11-20"})
    Documents(store.database, VAULT).set_status(paper.id, "paper", "Hors délai.")
    queue.add(content.pdf, pages=1, invoice={"batch": "012", "number": "000004901", "nir": NIR, "date": "2025-11-20"})
    summary = home_summary(store, date(2025, 11, 24), queue)
    assert (summary.documents_drafts, summary.documents_paper, summary.documents_waiting) == (2, 1, 1)


def test_a_scan_folder_journal_that_cannot_be_read_stops_the_watch_and_says_so(qtbot, opened, tmp_path):
    copier = tmp_path / "copier"
    copier.mkdir()
    (copier / "SCN_0001.jpg").write_bytes(jpeg_bytes(care_sheet(200, seed=14)))
    journal = tmp_path / "data" / "scans" / "journal.json"
    journal.parent.mkdir(parents=True)
    journal.write_text("{ not json")
    page = opened(scan_folder=copier)
    qtbot.waitUntil(lambda: "journal cannot be read" in page.view.watch.text(), timeout=WAIT)
    assert (copier / "SCN_0001.jpg").exists() and page.statuses() == []  # nothing taken, nothing lost
    assert not page.presenter.capture._timer.isActive()
