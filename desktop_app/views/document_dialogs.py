"""The Documents section's two dialogs around the capture widgets: the link entry (a document → its
awaiting invoice, with :class:`~desktop_app.views.invoice_picker.InvoicePicker`) and the pages of a
draft (:class:`~desktop_app.views.page_editor.PageEditor`), saved or dropped as a whole. No I/O:
signals out, the presenter answers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .common import role_label, show_line

__all__ = ["LinkDialog", "PagesDialog"]


class LinkDialog(QDialog):
    """Which awaiting invoice the document ``what`` justifies: ``picker.filter_changed`` asks for
    suggestions, ``picker.chosen(batch, number)`` is the choice; the presenter closes the dialog once
    the link is kept (:meth:`accept`) or says why not (:meth:`show_error`)."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .invoice_picker import InvoicePicker  # the capture widgets: loaded when first used

        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("Link to an invoice"))
        self.resize(1000, 480)  # every column of the picker without a scroll bar
        self.picker = InvoicePicker(self)
        self.what = QLabel(what, objectName="pageIntro", wordWrap=True)
        self.error = role_label(role="error")
        self.error.setObjectName("linkError")
        cancel = QPushButton(self.tr("Cancel"), objectName="cancelLink", autoDefault=False)
        cancel.clicked.connect(self.reject)
        self.link = QPushButton(self.tr("Link"), objectName="chooseInvoice", autoDefault=False)
        self.link.clicked.connect(self._choose_current)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Type, choose with ↓ ↑, confirm with Enter."), objectName="linkHint"), 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.link)
        _lay_out(self, self.picker, buttons)
        self.picker.setFocus()

    def show_error(self, text: str | None) -> None:
        show_line(self.error, text)

    def _choose_current(self) -> None:
        """The button does what Enter does: the selected suggestion is the choice."""
        current = self.picker.current()
        if current is not None:
            self.picker.chosen.emit(*current)


class PagesDialog(QDialog):
    """A draft's pages in the page editor (``editor``'s signals are its edits); ``save_requested`` when
    the secretary keeps them (the presenter writes, then :meth:`accept`), Cancel drops every edit."""

    save_requested = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .page_editor import PageEditor  # the capture widgets: loaded when first used

        self.setObjectName("pagesDialog")
        self.setWindowTitle(self.tr("Pages of the document"))
        self.resize(1100, 680)
        self.editor = PageEditor(self)
        self.what = QLabel(what, objectName="pageIntro", wordWrap=True)
        self.note = role_label(role="muted")
        self.note.setObjectName("pagesNote")
        self.error = role_label(role="error")
        self.error.setObjectName("pagesError")
        self.save = QPushButton(self.tr("Save the pages"), objectName="savePages", default=True)
        self.save.clicked.connect(self.save_requested)
        cancel = QPushButton(self.tr("Cancel"), objectName="cancelPages", autoDefault=False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        _lay_out(self, self.editor, buttons)
        self.set_loading(True)

    def set_loading(self, loading: bool) -> None:
        """While the pages are read (or written): the editor and Save wait."""
        self.editor.setEnabled(not loading)
        self.save.setEnabled(not loading)
        if loading:
            self.note.setText(self.tr("Reading the pages…"))

    def set_documents(self, documents: int) -> None:
        """How many documents the edits make (a split gives more than one)."""
        self.note.setText(self.tr("These pages will make %n document(s).", "", documents) if documents
                          else self.tr("No page left: saving deletes the draft."))

    def show_error(self, text: str | None) -> None:
        show_line(self.error, text)


def _lay_out(dialog: LinkDialog | PagesDialog, body: QWidget, buttons: QHBoxLayout) -> None:
    """The documents' dialogs alike: what it is about, the body taking the room, an error line, buttons."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(22, 18, 22, 16)
    layout.setSpacing(10)
    layout.addWidget(dialog.what)
    layout.addWidget(body, 1)
    layout.addWidget(dialog.error)
    layout.addLayout(buttons)
