"""Documents: the secretary's capture window for SCOR — the justifying documents of degraded invoices,
from the scanner, the copier's folder or a file, to "accepted by the fund".

The page holds the queue (each document, its patient and invoice, its pages, its state in words, its
quality checks), the overall progress while documents are sent, the actions on the selection (open its
pages, link it to an awaiting invoice, mark it ready, send a refused one again, delete a draft), the
lookup of a proof of sending, the watched folder's state and the quarantine. Files are imported by the
button or dropped on the page. No I/O here: every action leaves as a signal, the presenter does it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..document_rows import DocumentRow, Proof, overall_progress
from ..formatting import french_date, french_time
from ..models.documents import COLUMNS, DocumentsModel, reason_words, state_words
from ..quarantine_list import Quarantined
from ..sections import Section
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .quarantine import QuarantineView
from .section_page import SectionPage
from .shell import section_title
from .tables import data_table

__all__ = ["IMPORT_SUFFIXES", "DocumentsView"]

IMPORT_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


class DocumentsView(SectionPage):
    """Signals carry the selected documents' ids (:class:`~desktop_app.document_rows.DocumentRow`), or
    the files chosen or dropped (their paths)."""

    files_chosen = Signal(list)  # list[str]: files to import (dialog or drag and drop)
    scan_requested = Signal()
    open_requested = Signal(str)
    link_requested = Signal(str)
    ready_requested = Signal(list)  # list[str]
    resend_requested = Signal(str)
    delete_requested = Signal(list)  # list[str], confirmed
    proof_requested = Signal(str)  # an invoice number
    open_quarantine_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent=None) -> None:
        super().__init__(section_title(Section.DOCUMENTS.value), clock, parent)
        self.setObjectName("documentsPage")
        self.setAcceptDrops(True)
        self.model = DocumentsModel(clock, self)
        intro = QLabel(self.tr("The care sheets of invoices sent without the carte Vitale: scan them, import them "
                               "or drop them here, link each one to its invoice, and they leave by themselves "
                               "once the batch is acknowledged. They are kept here, encrypted, 33 months."),
                       objectName="pageIntro", wordWrap=True)
        self.body.addWidget(intro)
        self.body.addLayout(self._capture_bar())
        self.tabs = QTabWidget(objectName="documentsTabs")
        self.tabs.addTab(self._queue_tab(), self.tr("Queue"))
        self.quarantine = QuarantineView(clock)
        self.quarantine.open_folder_requested.connect(self.open_quarantine_requested)
        self.tabs.addTab(self.quarantine, self.tr("Quarantine"))
        self.body.addWidget(self.tabs, 1)
        self._file_dialog: QFileDialog | None = None
        self.set_rows(())
        self.set_watch(None, 0)
        self.set_quarantine((), None)
        self.set_capture_outcome(None)

    # -- building ----------------------------------------------------------------------------------

    def _capture_bar(self) -> QHBoxLayout:
        self.import_button = QPushButton(self.tr("Import files…"), objectName="importFiles")
        self.import_button.setToolTip(self.tr("PDF, JPEG, PNG or TIFF files; you can also drop them on this page."))
        self.import_button.clicked.connect(self.choose_files)
        self.scan_button = QPushButton(self.tr("Scan…"), objectName="scanDocuments")
        self.scan_button.clicked.connect(self.scan_requested)
        self.watch = QLabel(objectName="watchedFolder", wordWrap=True)
        self.watch.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.watch.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.capture_outcome = role_label(role="muted")
        self.capture_outcome.setObjectName("captureOutcome")
        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(self.import_button)
        bar.addWidget(self.scan_button)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.watch, 1)
        column.addWidget(self.capture_outcome)
        bar.addSpacing(8)
        bar.addLayout(column, 1)
        return bar

    def _queue_tab(self) -> QWidget:
        tab = QWidget(objectName="documentsQueue")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        self.summary = QLabel(objectName="documentsSummary", wordWrap=True)
        self.progress = QProgressBar(objectName="documentsProgress")
        self.progress.setAccessibleName(self.tr("Sending progress"))
        self.progress.setFixedWidth(240)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.progress)
        self.empty = QLabel(self.tr("No document yet. Import the scans of the care sheets, drop them here, or "
                                    "scan them: each becomes a draft to link to its invoice."),
                            objectName="pageIntro", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table = data_table("documentsTable", self.tr("Documents"), sortable=False)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("document"), QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the state, with the fund's reason
        self.table.setColumnWidth(COLUMNS.index("document"), 180)
        # a cut state's reason is read whole under the table (and in its tooltip)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.activated.connect(lambda _: self._open_selected())  # Enter or a double click
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._confirm_delete)
        self.detail = role_label(role="error")
        self.detail.setObjectName("documentDetail")
        self.detail.setAccessibleName(self.tr("Reason of the selected document"))
        layout.addLayout(head)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(self._actions())
        layout.addLayout(self._proof())
        return tab

    def _actions(self) -> QHBoxLayout:
        self.open_button = QPushButton(self.tr("Open"), objectName="openDocument")
        self.open_button.setToolTip(self.tr("See the pages: turn, reorder, delete, split or merge them."))
        self.link_button = QPushButton(self.tr("Link to an invoice"), objectName="linkDocument")
        self.ready_button = QPushButton(self.tr("Ready to send"), objectName="readyDocument")
        self.ready_button.setToolTip(self.tr("It leaves once its batch is acknowledged by the fund."))
        self.resend_button = QPushButton(self.tr("Send again"), objectName="resendDocument")
        self.resend_button.setToolTip(self.tr("A refused document becomes a new draft, with the same pages and "
                                              "invoice, to correct before it leaves."))
        self.delete_button = QPushButton(self.tr("Delete the draft"), objectName="deleteDraft")
        self.open_button.clicked.connect(self._open_selected)
        self.link_button.clicked.connect(lambda: self._emit_one(self.link_requested))
        self.ready_button.clicked.connect(lambda: self.ready_requested.emit(self._ids("draft", linked=True)))
        self.resend_button.clicked.connect(lambda: self._emit_one(self.resend_requested))
        self.delete_button.clicked.connect(self._confirm_delete)
        row = QHBoxLayout()
        row.setSpacing(8)
        for button in (self.open_button, self.link_button, self.ready_button, self.resend_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        return row

    def _proof(self) -> QHBoxLayout:
        self.proof_field = QLineEdit(objectName="proofNumber")
        self.proof_field.setPlaceholderText(self.tr("Invoice number"))
        self.proof_field.setAccessibleName(self.tr("Invoice number of the proof of sending"))
        self.proof_field.setMaximumWidth(180)
        self.proof_field.returnPressed.connect(self._ask_proof)
        self.proof_button = QPushButton(self.tr("Proof of sending"), objectName="proofButton")
        self.proof_button.clicked.connect(self._ask_proof)
        self.proof_result = QLabel(objectName="proofResult", wordWrap=True)
        self.proof_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.proof_field)
        row.addWidget(self.proof_button)
        row.addWidget(self.proof_result, 1)
        return row

    # -- what the presenter shows ------------------------------------------------------------------

    def set_rows(self, rows: Sequence[DocumentRow]) -> None:
        """The queue as it stands (:func:`~desktop_app.document_rows.document_rows`); the selection follows
        its documents."""
        selected = set(self.selected_ids())
        current = self._current_id()
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        if not selected:  # else the first whose reason is to read, so that it is read whole
            first = next((row.id for row in rows if row.status in ("failed", "rejected", "paper")), None)
            selected, current = ({first}, first) if first else (set(), None)
        selection = self.table.selectionModel()
        for index, document in enumerate(ids):
            if document in selected:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                if document == current:
                    flags |= QItemSelectionModel.SelectionFlag.Current
                selection.select(self.model.index(index, 0), flags)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.summary.setText(self._summary(rows))
        self.summary.setVisible(bool(rows))
        progress = overall_progress(rows)
        self.progress.setVisible(progress is not None)
        if progress is not None:
            held, total = progress
            percent = held * 100 // total if total else 0
            self.progress.setValue(percent)
            self.progress.setFormat(self.tr("Sending: %1 %").replace("%1", str(percent)))
        self._selection_changed()

    def set_watch(self, folder: str | None, taken_today: int, *, configure_in: str | None = None,
                  problem: str | None = None) -> None:
        """The watched scan folder's state: its path and the files taken today, or where to set one."""
        if folder is None:
            text = self.tr("No watched folder configured: set scan_folder in %1.").replace(
                "%1", configure_in or "cabinet.toml")
        else:
            text = self.tr("Watched folder: %1 — %n file(s) taken today", "", taken_today).replace("%1", folder)
        if problem:
            text = f"{text}\n{problem}"
        self.watch.setText(text)
        set_style_state(self.watch, "role", "warning" if problem else "muted")

    def set_capture_outcome(self, text: str | None) -> None:
        """What the last import or scan gave ("2 documents added, 1 file put in quarantine")."""
        show_line(self.capture_outcome, text)

    def set_quarantine(self, items: Sequence[Quarantined], folder: str | None) -> None:
        self.quarantine.set_items(items, folder)
        count = len(items)
        self.tabs.setTabText(1, self.tr("Quarantine (%1)").replace("%1", str(count)) if count
                             else self.tr("Quarantine"))

    def set_scanning(self, scanning: bool) -> None:
        self.scan_button.setEnabled(not scanning)

    def set_proof(self, number: str, proofs: Sequence[Proof]) -> None:
        """The proof of sending found for the invoice ``number``."""
        if not proofs:
            self.proof_result.setText(self.tr("No document was sent for invoice %1.").replace("%1", number))
            return
        lines = []
        for proof in proofs:
            text = self.tr("Invoice %1 of batch %2: %3").replace("%1", proof.number).replace("%2", proof.batch) \
                .replace("%3", self._proof_words(proof))
            if proof.ack_id:
                text += " — " + self.tr("acknowledgement %1").replace("%1", proof.ack_id)
            lines.append(text)
        self.proof_result.setText("\n".join(lines))

    def _proof_words(self, proof: Proof) -> str:
        """"accepted on 24/11/2025 at 10 h 14", "refused on…", "sent, no answer yet"…"""
        dated = {"accepted": self.tr("accepted on %1 at %2"), "rejected": self.tr("refused on %1 at %2"),
                 "purged": self.tr("accepted on %1 at %2; its copy was purged after 33 months")}
        if proof.status in dated and proof.answered_at is not None:
            when = proof.answered_at.astimezone(self._clock().tzinfo)
            return dated[proof.status].replace("%1", french_date(when.date().isoformat())) \
                .replace("%2", french_time(when))
        return {"sent": self.tr("sent, no answer yet"), "sending": self.tr("being sent"),
                "waiting_arl": self.tr("waiting for the batch's acknowledgement"),
                "paper": self.tr("to send on paper"), "failed": self.tr("its file is lost"),
                "accepted": self.tr("accepted"), "rejected": self.tr("refused")}.get(proof.status, proof.status)

    def clear(self) -> None:
        """The session locked: nothing of it stays."""
        self.set_rows(())
        self.set_watch(None, 0)
        self.set_quarantine((), None)
        self.set_capture_outcome(None)
        self.proof_field.clear()
        self.proof_result.clear()
        self.set_freshness(None)

    # -- the selection -----------------------------------------------------------------------------

    def select_ids(self, ids: Sequence[str]) -> None:
        """Select these documents (new drafts, to link next), the first one current and in view."""
        rows = [index for index, row in enumerate(self.model.rows()) if row.id in set(ids)]
        if not rows:
            return
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if row == rows[0]:
                flags |= QItemSelectionModel.SelectionFlag.Current
            selection.select(self.model.index(row, 0), flags)
        self.table.scrollTo(self.model.index(rows[0], 0))

    def selected_rows(self) -> list[DocumentRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows if row < self.model.rowCount()]

    def selected_ids(self) -> list[str]:
        return [row.id for row in self.selected_rows()]

    def _current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() and index.row() < self.model.rowCount() else None

    def _ids(self, status: str, *, linked: bool = False) -> list[str]:
        return [row.id for row in self.selected_rows() if row.status == status and (row.linked or not linked)]

    def _emit_one(self, signal: Signal) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            signal.emit(rows[0].id)

    def _open_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and rows[0].status == "draft":
            self.open_requested.emit(rows[0].id)

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.open_button.setEnabled(one is not None and one.status == "draft")
        self.link_button.setEnabled(one is not None and one.status == "draft")
        self.ready_button.setEnabled(bool(rows) and all(row.status == "draft" and row.linked for row in rows))
        self.resend_button.setEnabled(one is not None and one.status in ("rejected", "paper"))
        self.delete_button.setEnabled(bool(rows) and all(row.status == "draft" for row in rows))
        if one is not None and not one.linked and one.status == "draft":
            self.ready_button.setToolTip(self.tr("Link it to its invoice first."))
        else:
            self.ready_button.setToolTip(self.tr("It leaves once its batch is acknowledged by the fund."))
        reason = reason_words(one) if one is not None else ""
        if one is not None and reason:
            where = self.tr("Invoice %1 of batch %2").replace("%1", one.number or "").replace("%2", one.batch or "") \
                if one.linked else (one.source_name or "")
            show_line(self.detail, f"{where} — {state_words(one)}" if where else state_words(one))
        else:
            show_line(self.detail, None)

    def _summary(self, rows: Sequence[DocumentRow]) -> str:
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        going = sum(counts.get(status, 0) for status in ("ready", "waiting_arl", "sending", "sent"))
        wrong = sum(counts.get(status, 0) for status in ("rejected", "failed"))
        parts = []
        if drafts := counts.get("draft", 0):
            parts.append(self.tr("%n draft(s) to finish", "", drafts))
        if going:
            parts.append(self.tr("%n on the way", "", going))
        if wrong:
            parts.append(self.tr("%n refused or lost: see the reason", "", wrong))
        if paper := counts.get("paper", 0):
            parts.append(self.tr("%n to send on paper", "", paper))
        if accepted := counts.get("accepted", 0):
            parts.append(self.tr("%n accepted", "", accepted))
        return " · ".join(parts)

    # -- files in ------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """The import dialog (window-modal, not blocking the loop): the files chosen go out as ``files_chosen``."""
        dialog = QFileDialog(self, self.tr("Import scanned documents"))
        dialog.setObjectName("importDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Scans (%1)").replace("%1", " ".join(
            f"*{suffix} *{suffix.upper()}" for suffix in IMPORT_SUFFIXES)), self.tr("All files (*)")])
        dialog.filesSelected.connect(lambda files: self.files_chosen.emit([str(file) for file in files]))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
        data = event.mimeData()
        if not data.hasUrls():
            return []
        # not looked at here (a share may be slow): the import says which cannot be read
        return [url.toLocalFile() for url in data.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event) and self.import_button.isEnabled():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_chosen.emit(files)

    # -- confirmations -----------------------------------------------------------------------------

    def _ask_proof(self) -> None:
        number = "".join(self.proof_field.text().split())
        if number:
            self.proof_requested.emit(number)

    def _confirm_delete(self) -> None:
        ids = self._ids("draft")
        if not ids:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete the draft"),
                          self.tr("Delete %n draft(s)? Their pages are deleted from this workstation.", "", len(ids)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDelete")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.delete_requested.emit(ids) if button is yes else None)
        box.finished.connect(box.deleteLater)
        box.open()
