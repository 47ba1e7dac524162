"""The Documents section's dialogs, each a small flow owned by :class:`~desktop_app.presenters.documents.
DocumentsPresenter`: the link entry (suggestions of the awaiting invoices as the secretary types), a
draft's pages (thumbnails read on the pool, edits applied to a :class:`sync.capture.pages.Batch`, the
result assembled and saved on the pool) and the scanner (devices listed on the pool, the batch scanned
on a thread of its own). Each flow keeps at most one dialog open; a lock closes it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QPixmap, QTransform

from ..capture import ScanJob
from ..document_rows import DocumentRow, flag_names
from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionSession
from ..views.documents import DocumentsView

if TYPE_CHECKING:
    from sync.capture.pages import Batch

    from ..views.document_dialogs import LinkDialog, PagesDialog
    from ..views.scanner_dialog import ScannerDialog

__all__ = ["LinkFlow", "PagesFlow", "ScanFlow", "action_error_text"]

log = logging.getLogger(__name__)

T = TypeVar("T")
translate = QCoreApplication.translate  # the name lupdate looks for


class DocumentsPresenter(Protocol):
    """What the flows use of their presenter (:class:`~desktop_app.presenters.documents.DocumentsPresenter`)."""

    window: MainWindow
    ops: OpRunner
    view: DocumentsView

    @property
    def session(self) -> SectionSession | None: ...

    def run(self, work: Callable[[], T], done: Callable[[T], None],
            failed: Callable[[BaseException], None] | None = None) -> None: ...

    def reload(self) -> None: ...


THUMBNAIL_PIXELS = 352  # the long side of a page's thumbnail: the editor's tile (176) on a 2× screen


def action_error_text(error: BaseException, fallback: str) -> str:
    """The sentence for an action that failed: the sync layer's own words, else ``fallback`` (logged)."""
    from sync.errors import SyncError

    from ..messages import sync_error_text

    if isinstance(error, SyncError):
        return sync_error_text(error)
    log.warning("a documents action failed: %s", fallback, exc_info=error)
    return fallback


def _row(presenter: DocumentsPresenter, document_id: str) -> DocumentRow | None:
    return next((row for row in presenter.view.model.rows() if row.id == document_id), None)


def _linked_elsewhere(queue: Any, document_id: str) -> set[tuple[str, str]]:
    """The invoices another document of the queue justifies already, or will (a refused or lost one
    leaves its invoice to a new document)."""
    return {(d.invoice["batch"], d.invoice["number"]) for d in queue.documents()
            if d.invoice and d.id != document_id and d.status not in ("rejected", "failed", "purged")}


def _what(row: DocumentRow | None) -> str:
    if row is None:
        return ""
    name, pages = row.source_name or translate("DocumentFlows", "Scanned here"), row.pages
    return translate("DocumentFlows", "« %1 », %n page(s).", None, pages).replace("%1", name)


class _Flow(QObject):
    def __init__(self, presenter: DocumentsPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.dialog: Any = None

    def _keep(self, dialog: Any) -> None:
        self.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _=0, d=dialog: self._ended(d))

    def _ended(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _for(self, dialog: Any, slot: Callable[..., None]) -> Callable[..., None]:
        """``slot`` only while ``dialog`` is the one open."""
        return lambda *args: slot(*args) if self.dialog is dialog else None

    def close(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.reject()
            dialog.deleteLater()


class LinkFlow(_Flow):
    """A document → one of the awaiting invoices (``store.awaiting``), keyboard first."""

    def open(self, document_id: str) -> None:
        from ..views.document_dialogs import LinkDialog

        presenter = self.presenter
        session = presenter.session
        if session is None:
            return
        what = translate("DocumentFlows", "Which invoice does this document justify? %1") \
            .replace("%1", _what(_row(presenter, document_id)))
        dialog = LinkDialog(what, presenter.window)
        self._keep(dialog)
        dialog.picker.filter_changed.connect(self._for(dialog, lambda text: self._suggest(dialog, document_id, text)))
        dialog.picker.chosen.connect(self._for(dialog, lambda batch, number: self._link(dialog, document_id,
                                                                                           batch, number)))
        dialog.open()
        self._suggest(dialog, document_id, "")

    def _suggest(self, dialog: LinkDialog, document_id: str, text: str) -> None:
        session = self.presenter.session
        if session is None:
            return
        store = session.store

        queue = session.documents

        def read() -> list[dict]:
            taken = _linked_elsewhere(queue, document_id)
            return [asdict(row) for row in store.awaiting.suggestions(text) if (row.batch, row.number) not in taken]

        unread = translate("DocumentFlows", "The invoices awaiting their care sheet could not be read.")
        self.presenter.run(read, self._for(dialog, dialog.picker.set_suggestions),
                           self._for(dialog, lambda error: dialog.show_error(action_error_text(error, unread))))

    def _link(self, dialog: LinkDialog, document_id: str, batch: str, number: str) -> None:
        session = self.presenter.session
        if session is None or session.documents is None:
            return
        store, queue = session.store, session.documents

        def link() -> None:
            found = store.awaiting.find(batch, number)
            if found is None:
                raise LookupError(f"invoice {batch}/{number} is not awaiting")
            queue.link(document_id, {"batch": found.batch, "number": found.number, "nir": found.nir,
                                     "date": found.care_date})

        def linked(_: None) -> None:
            dialog.accept()
            self.presenter.reload()

        refused = translate("DocumentFlows", "This document cannot be linked to that invoice: choose another one.")
        self.presenter.run(link, self._for(dialog, linked),
                           self._for(dialog, lambda error: dialog.show_error(action_error_text(error, refused))))


@dataclass
class _Pages:
    """A draft's pages being edited: its content, each source page's thumbnail and flags, the batch."""

    document_id: str
    pdf: bytes
    thumbnails: list[bytes]  # PNG, one per page of the draft as saved
    flags: tuple[frozenset[str], ...]
    batch: Batch


def _turned(pixmap: QPixmap, quarter_turns: int) -> QPixmap:
    """``pixmap`` turned as a PageRef's rotation says (quarter turns clockwise, 0-3)."""
    return pixmap.transformed(QTransform().rotate(90 * quarter_turns)) if quarter_turns % 4 else pixmap


class PagesFlow(_Flow):
    """A draft's pages in the page editor; saved as one draft, or several after a split."""

    def __init__(self, presenter: DocumentsPresenter, parent: QObject | None = None) -> None:
        super().__init__(presenter, parent)
        self.edit: _Pages | None = None
        self._pixmaps: list[QPixmap] = []

    def open(self, document_id: str) -> None:
        from ..views.document_dialogs import PagesDialog

        presenter = self.presenter
        session = presenter.session
        if session is None or session.documents is None:
            return
        queue = session.documents
        dialog = PagesDialog(_what(_row(presenter, document_id)), presenter.window)
        self._keep(dialog)
        editor = dialog.editor
        editor.rotate.connect(self._for(dialog, lambda doc, page, turns: self._apply("rotate", doc, page, turns)))
        editor.move.connect(self._for(dialog, lambda doc, page, to_doc, to: self._apply("move", doc, page, to_doc, to)))
        editor.delete.connect(self._for(dialog, lambda doc, page: self._apply("delete", doc, page)))
        editor.split.connect(self._for(dialog, lambda doc, page: self._apply("split", doc, page)))
        editor.merge.connect(self._for(dialog, lambda doc, other: self._apply("merge", doc, other)))
        dialog.save_requested.connect(self._for(dialog, lambda: self._save(dialog)))
        dialog.open()

        def read() -> _Pages:
            from sync.capture.pages import Batch, PageRef
            from sync.capture.pdf_pages import thumbnail

            document = queue.get(document_id)
            pdf = queue.read(document)
            thumbnails = [thumbnail(pdf, page, THUMBNAIL_PIXELS) for page in range(document.pages)]
            batch = Batch((tuple(PageRef(0, page, 0) for page in range(document.pages)),))
            return _Pages(document_id, pdf, thumbnails, flag_names(document.flags), batch)

        unread = translate("DocumentFlows", "The pages could not be read.")
        presenter.run(read, self._for(dialog, lambda edit: self._loaded(dialog, edit)),
                      self._for(dialog, lambda error: dialog.show_error(action_error_text(error, unread))))

    def _loaded(self, dialog: PagesDialog, edit: _Pages) -> None:
        self.edit = edit
        self._pixmaps = []
        for png in edit.thumbnails:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self._pixmaps.append(pixmap)
        dialog.set_loading(False)
        self._render(dialog)

    def _render(self, dialog: PagesDialog) -> None:
        edit = self.edit
        assert edit is not None
        thumbnails = [[_turned(self._pixmaps[ref.index], ref.rotation) for ref in document]
                      for document in edit.batch.documents]
        flags = [[set(edit.flags[ref.index]) if ref.index < len(edit.flags) else set() for ref in document]
                 for document in edit.batch.documents]
        dialog.editor.set_batch(thumbnails, flags)
        dialog.set_documents(sum(1 for document in edit.batch.documents if document))

    def _apply(self, edit_name: str, *args: int) -> None:
        if self.edit is None or self.dialog is None:
            return
        try:
            self.edit.batch = getattr(self.edit.batch, edit_name)(*args)
        except (ValueError, IndexError) as error:  # an edit the batch refuses (a split at its first page...)
            log.info("page edit %s%s refused: %s", edit_name, args, error)
            return
        self._render(self.dialog)

    def _save(self, dialog: PagesDialog) -> None:
        presenter, edit = self.presenter, self.edit
        session = presenter.session
        if edit is None or session is None or session.documents is None:
            return
        queue = session.documents
        dialog.set_loading(True)

        def save() -> None:
            from sync.capture.pdf_pages import assemble

            documents = [document for document in edit.batch.documents if document]
            if not documents:
                queue.delete_draft(edit.document_id)
                return
            first = queue.get(edit.document_id)
            for index, pages in enumerate(documents):
                normalised = assemble([edit.pdf], pages)
                if index == 0:
                    queue.replace_content(edit.document_id, normalised)
                else:  # a split: a new draft, to link on its own
                    queue.add_draft(normalised.pdf, normalised.pages, flags=normalised.flags,
                                    source_name=first.source_name)

        def saved(_: None) -> None:
            dialog.accept()
            presenter.reload()

        def failed(error: BaseException) -> None:
            dialog.set_loading(False)
            dialog.show_error(action_error_text(error, translate("DocumentFlows", "The pages could not be saved.")))

        presenter.run(save, self._for(dialog, saved), self._for(dialog, failed))

    def close(self) -> None:
        super().close()
        self.edit, self._pixmaps = None, []


_SCANNER_TEXTS = {  # sync.capture.scanner.CODES in words
    "no-sane": QT_TRANSLATE_NOOP("DocumentFlows", "No scanner driver (SANE) is installed on this workstation."),
    "feeder-empty": QT_TRANSLATE_NOOP("DocumentFlows",
                                      "The feeder is empty: put the care sheets in it, or choose the glass."),
    "no-feeder": QT_TRANSLATE_NOOP("DocumentFlows", "This scanner has no feeder: choose the glass."),
    "jammed": QT_TRANSLATE_NOOP("DocumentFlows", "The paper is jammed in the feeder: take it out, then scan again."),
    "cover-open": QT_TRANSLATE_NOOP("DocumentFlows", "The scanner's cover is open: close it, then scan again."),
    "busy": QT_TRANSLATE_NOOP("DocumentFlows", "The scanner is busy with another job: try again in a moment."),
    "cancelled": QT_TRANSLATE_NOOP("DocumentFlows", "The scan was stopped."),
}


def scanner_error_text(error: BaseException) -> str:
    """A :class:`sync.capture.scanner.ScannerError` in words (by its code)."""
    from sync.capture.scanner import ScannerError  # loaded already: it raised the error

    if not isinstance(error, ScannerError):
        return action_error_text(error, translate("DocumentFlows", "The scan failed."))
    if error.code in _SCANNER_TEXTS:
        return translate("DocumentFlows", _SCANNER_TEXTS[error.code])
    return translate("DocumentFlows", "The scanner did not answer (%1): check that it is on, with paper, "
                                      "then try again.").replace("%1", error.code)


class ScanFlow(_Flow):
    """The scanner dialog: devices listed on the pool, a batch scanned page by page into one draft;
    ``progressed(pages)`` as each page arrives."""

    progressed = Signal(int)

    def __init__(self, presenter: DocumentsPresenter, parent: QObject | None = None) -> None:
        super().__init__(presenter, parent)
        self.job: ScanJob | None = None

    def open(self) -> None:
        from ..views.scanner_dialog import ScannerDialog

        presenter = self.presenter
        if presenter.session is None:
            return
        dialog = ScannerDialog(presenter.window)
        self._keep(dialog)
        dialog.start_scan.connect(self._for(dialog, lambda: self._start(dialog)))
        dialog.cancel_scan.connect(self._for(dialog, self._cancel))
        dialog.open()

        def found() -> list[tuple[str, str]]:
            from sync.capture.scanner import devices

            return [(device.name, " ".join(part for part in (device.vendor, device.model) if part) or device.name)
                    for device in devices()]

        def not_found(error: BaseException) -> None:
            dialog.set_devices([])
            dialog.set_finished(scanner_error_text(error), error=True)

        presenter.run(found, self._for(dialog, dialog.set_devices), self._for(dialog, not_found))

    def _start(self, dialog: ScannerDialog) -> None:
        session = self.presenter.session
        if session is None or session.documents is None or self.job is not None:
            return
        job = self.job = ScanJob(self.presenter.ops, self)
        job.page.connect(self.progressed)
        job.page.connect(self._for(dialog, lambda pages: dialog.set_progress(pages)))
        self.presenter.view.set_scanning(True)

        def ended() -> None:
            self.job = None
            job.deleteLater()
            self.presenter.view.set_scanning(False)

        def done(draft: Any) -> None:
            ended()
            pages = getattr(draft, "pages", 0)
            if self.dialog is dialog:
                dialog.set_finished(
                    translate("DocumentFlows", "%n page(s) scanned: the draft is in the list.", None, pages) if pages
                    else translate("DocumentFlows", "No page was scanned: is there paper in the feeder?"))
            self.presenter.reload()

        def failed(error: BaseException) -> None:
            ended()
            if self.dialog is dialog:
                dialog.set_finished(scanner_error_text(error), error=True)

        job.start(dialog.settings(), session.documents, done, failed)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def close(self) -> None:
        if self.job is not None:
            self.job.abandon()
        super().close()
