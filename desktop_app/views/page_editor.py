"""The page editor: the scanned pages of a capture batch as rows of thumbnails, one row per document
(one care sheet = one document), to put in order before they are linked to their invoices.

The view holds no state of its own beyond the selection: each edit is a signal (``rotate``, ``move``,
``delete``, ``split``, ``merge``) to the presenter, which owns the batch, applies the edit and calls
:meth:`PageEditor.set_batch` again with the new thumbnails (already turned) and flags. Until then
nothing is redrawn, so what is shown is always what the presenter holds.

Keyboard first: arrows move the selection (↑/↓ between documents), Ctrl+arrows move the selected page,
R / Shift+R turn it a quarter clockwise / anticlockwise, Suppr deletes it (after a confirmation),
S splits the document before it, F merges the document with the next one. The mouse drags a page to
another place, in its document or another.

A ``move(doc, page, to_doc, to_index)`` names the page's place once moved: ``to_index`` counts the
pages of ``to_doc`` without the moved one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QMimeData, QPoint, QRect, QSize, Qt,
                            QTimer, Signal)
from PySide6.QtGui import (QColor, QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QKeyEvent, QMouseEvent,
                           QPainter, QPaintEvent, QPen, QPixmap)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

__all__ = ["PageEditor", "flag_text"]

PAGE_MIME = "application/x-cabinet-page"  # "doc,page" of the page dragged, inside this editor only

# Quality flags (sync.capture.quality.Flag names, any case) and what the secretary reads on the page.
_FLAG_TEXTS = {
    "NEARLY_WHITE": QT_TRANSLATE_NOOP("PageEditor", "Nearly white"),
    "NEARLY_BLACK": QT_TRANSLATE_NOOP("PageEditor", "Nearly black"),
    "LOW_CONTRAST": QT_TRANSLATE_NOOP("PageEditor", "Low contrast"),
    "CUT_OR_SHIFTED": QT_TRANSLATE_NOOP("PageEditor", "Cut or shifted"),
}
_THUMB = QSize(140, 198)  # the thumbnail's box: an A4 page's proportions
_TILE = QSize(_THUMB.width() + 20, _THUMB.height() + 34)
_ACCENT, _WARN, _TEXT, _MUTED, _LINE = "#1f5f8b", "#a35f00", "#1c2430", "#5a6472", "#dde3ea"


def flag_text(flag: str) -> str:
    """A quality flag in the user's language ("NEARLY_WHITE" or "nearly-white" → "Nearly white"); an
    unknown flag is shown as given rather than hidden."""
    text = _FLAG_TEXTS.get(flag.upper().replace("-", "_"))
    return QCoreApplication.translate("PageEditor", text) if text else flag


class _PageTile(QWidget):
    """One page: its thumbnail, its number and its flags' badges; a click selects it, a drag moves it."""

    def __init__(self, editor: PageEditor, doc: int, page: int, pixmap: QPixmap, flags: list[str],
                 name: str) -> None:
        super().__init__()
        self.setObjectName("pageTile")
        self.setFixedSize(_TILE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor keeps the focus and the keys
        self.setAccessibleName(name)
        self.setToolTip(name)
        self._editor, self.doc, self.page = editor, doc, page
        self.flags = flags
        self._picture = pixmap.scaled(_THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)  # once, not at each paint
        self._press: QPoint | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        selected = self._editor.selection() == (self.doc, self.page)
        box = QRect(QPoint(10, 6), _THUMB)
        picture = self._picture
        place = QRect(QPoint(0, 0), picture.size())
        place.moveCenter(box.center())
        painter.fillRect(place, QColor("#ffffff"))
        painter.drawPixmap(place, picture)
        frame = QColor(_ACCENT if selected else _WARN if self.flags else "#b9c1cc")
        painter.setPen(QPen(frame, 3 if selected or self.flags else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(place.adjusted(-2, -2, 2, 2), 3, 3)
        self._paint_badges(painter, place)
        font = QFont(self.font())
        font.setBold(selected)
        painter.setFont(font)
        painter.setPen(QColor(_ACCENT if selected else _TEXT))
        label = QCoreApplication.translate("PageEditor", "Page %1").replace("%1", str(self.page + 1))
        painter.drawText(QRect(0, box.bottom() + 6, self.width(), 22), Qt.AlignmentFlag.AlignCenter, label)

    def _paint_badges(self, painter: QPainter, place: QRect) -> None:
        """Each flag as an amber label across the foot of the thumbnail, readable over any scan."""
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setBold(True)
        painter.setFont(font)
        height = painter.fontMetrics().height() + 6
        bottom = place.bottom() - 4
        for flag in reversed(self.flags):
            text = flag_text(flag)
            width = min(self.width() - 4, painter.fontMetrics().horizontalAdvance(text) + 14)  # may pass the page's edges
            badge = QRect(place.center().x() - width // 2, bottom - height, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(_WARN))
            painter.drawRoundedRect(badge, height / 2, height / 2)
            painter.setPen(QColor("#ffffff"))
            elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - 10)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, elided)
            bottom = badge.top() - 3

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._editor.select(self.doc, self.page)
            self._editor.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        mime = QMimeData()
        mime.setData(PAGE_MIME, QByteArray(f"{self.doc},{self.page}".encode("ascii")))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self._picture.scaled(_THUMB / 2, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None


class _DocumentStrip(QFrame):
    """A document: its title ("Document 1 — 3 pages") over its pages in a row; pages dropped on it land
    where the insertion line shows."""

    def __init__(self, editor: PageEditor, doc: int, tiles: list[_PageTile], title: str) -> None:
        super().__init__()
        self.setObjectName("pageDocument")
        self.setAcceptDrops(True)
        self.setAccessibleName(title)
        self._editor, self.doc, self.tiles = editor, doc, tiles
        self._slot: int | None = None  # where a page being dragged over would land
        self.title = QLabel(title, objectName="pageDocumentTitle")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for tile in tiles:
            row.addWidget(tile)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(6)
        column.addWidget(self.title)
        column.addLayout(row)

    def slot_at(self, x: int) -> int:
        """The insertion place (0 … number of pages) nearest to ``x``: before the first tile whose
        middle is right of it."""
        for index, tile in enumerate(self.tiles):
            if x < tile.geometry().center().x():
                return index
        return len(self.tiles)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(PAGE_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(PAGE_MIME):
            return
        event.acceptProposedAction()
        point = event.position().toPoint()
        self._editor.scroll_near(self.mapTo(self._editor.documents, point))  # towards a document out of view
        slot = self.slot_at(point.x())
        if slot != self._slot:
            self._slot = slot
            self.update()

    def dragLeaveEvent(self, event: object) -> None:
        self._slot = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._slot = None
        self.update()
        data = event.mimeData().data(PAGE_MIME)
        try:
            doc, page = (int(part) for part in bytes(data.data()).decode("ascii").split(","))
        except ValueError:
            return
        event.acceptProposedAction()
        self._editor.drop_page(doc, page, self.doc, self.slot_at(event.position().toPoint().x()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._slot is None or not self.tiles:
            return
        if self._slot < len(self.tiles):
            x = self.tiles[self._slot].geometry().left() - 5
        else:
            x = self.tiles[-1].geometry().right() + 4
        top = self.tiles[0].geometry().top()
        painter = QPainter(self)
        painter.setPen(QPen(QColor(_ACCENT), 3))
        painter.drawLine(x, top, x, top + _TILE.height())


class PageEditor(QWidget):
    """The pages of a capture batch, grouped by document, to turn, delete, reorder, split and merge."""

    rotate = Signal(int, int, int)  # doc, page, quarter turns (1 clockwise, -1 anticlockwise)
    move = Signal(int, int, int, int)  # doc, page, to_doc, to_index (in to_doc without the page moved)
    delete = Signal(int, int)  # doc, page: confirmed by the user
    split = Signal(int, int)  # doc, before_page: pages from before_page on make a new document after it
    merge = Signal(int, int)  # doc, other: other's pages are appended to doc's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageEditor")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Scanned pages"))
        self._counts: list[int] = []
        self._selected: tuple[int, int] | None = None
        self.strips: list[_DocumentStrip] = []
        self.confirmation: QMessageBox | None = None  # open while a deletion waits for its answer
        self.rotate_left_button = self._button(self.tr("Turn left"), self.tr("Turn the page a quarter "
                                               "anticlockwise (Shift+R)"), lambda: self._rotate(-1))
        self.rotate_right_button = self._button(self.tr("Turn right"), self.tr("Turn the page a quarter "
                                                "clockwise (R)"), lambda: self._rotate(1))
        self.delete_button = self._button(self.tr("Delete…"), self.tr("Delete the selected page (Del)"),
                                          self.ask_delete)
        self.split_button = self._button(self.tr("Split before this page"),
                                         self.tr("The pages from the selected one on make a new document (S)"),
                                         self._split)
        self.merge_button = self._button(self.tr("Merge with the next"),
                                         self.tr("Put the next document's pages after this one's (F)"), self._merge)
        self.delete_button.setProperty("tone", "danger")
        self._tools = QWidget(objectName="pageEditorTools")
        tools = QHBoxLayout(self._tools)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(8)
        for button in (self.rotate_left_button, self.rotate_right_button, self.split_button, self.merge_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.delete_button)
        self.hint = QLabel(self.tr("Arrows: choose · Ctrl+arrows: move · R: turn · Del: delete · or drag a "
                                   "page with the mouse"), objectName="pageEditorHint", wordWrap=True)
        self.empty = QLabel(self.tr("No page yet. Scan or import the care sheets: their pages will appear here."),
                            objectName="emptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setMinimumHeight(120)
        self.documents = QWidget(objectName="pageDocuments")
        self._column = QVBoxLayout(self.documents)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(10)
        self._column.addStretch(1)
        self._scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scroll.setWidget(self.documents)
        self._scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self._tools)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self._scroll, 1)
        self.set_batch([], [])

    def _button(self, text: str, tip: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, objectName="pageEditorButton")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys to the pages
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.clicked.connect(action)
        return button

    # -- what the presenter calls ------------------------------------------------------------------------

    def set_batch(self, thumbnails: list[list[QPixmap]], flags: list[list[set[str]]]) -> None:
        """Show the batch: ``thumbnails[doc][page]`` (already turned as the page will be sent) and each
        page's quality flags (same shape; a missing entry means no flag). The selection stays on the
        same place, or the nearest page left."""
        self._close_confirmation()
        for strip in self.strips:
            self._column.removeWidget(strip)
            strip.deleteLater()
        self.strips = []
        self._counts = [len(pages) for pages in thumbnails]
        for doc, pages in enumerate(thumbnails):
            doc_flags = flags[doc] if doc < len(flags) else []
            tiles = []
            for page, pixmap in enumerate(pages):
                page_flags = sorted(doc_flags[page]) if page < len(doc_flags) else []
                tiles.append(_PageTile(self, doc, page, pixmap, page_flags, self._page_name(doc, page, page_flags)))
            strip = _DocumentStrip(self, doc, tiles, self._document_title(doc, tiles))
            self._column.insertWidget(doc, strip)
            self.strips.append(strip)
        has_pages = any(self._counts)
        self.empty.setVisible(not has_pages)
        self._scroll.setVisible(has_pages)
        self.hint.setVisible(has_pages)
        self._tools.setVisible(has_pages)
        self._selected = self._nearest(self._selected)
        self._selection_changed()

    def scroll_near(self, point: QPoint) -> None:
        """Scroll so that ``point`` (in the documents' column) is in view with a margin: a page dragged
        near the edge of the view brings the documents beyond it into view."""
        self._scroll.ensureVisible(point.x(), point.y(), 40, 60)

    def selection(self) -> tuple[int, int] | None:
        """The selected page as (doc, page), or None when the batch is empty."""
        return self._selected

    def select(self, doc: int, page: int) -> None:
        """Select a page (clamped to the batch), scrolled into view."""
        self._selected = self._nearest((doc, page))
        self._selection_changed()

    # -- the edits ------------------------------------------------------------------------------------------

    def ask_delete(self) -> None:
        """Ask before deleting the selected page: a page deleted is not sent. Window-modal, not waited on
        (``open``); "Cancel" is the default button and Escape answers it."""
        if self._selected is None:
            return
        self._close_confirmation()
        doc, page = self._selected
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete a page"),
                          self.tr("Delete page %1 of document %2?").replace("%1", str(page + 1))
                          .replace("%2", str(doc + 1)), QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("The page will not be sent with the care sheet."))
        confirm = box.addButton(self.tr("Delete the page"), QMessageBox.ButtonRole.DestructiveRole)
        confirm.setObjectName("confirmDeletePage")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("deletePageConfirmation")
        confirm.clicked.connect(lambda: self.delete.emit(doc, page))
        box.finished.connect(self._forget_confirmation)
        self.confirmation = box
        box.open()

    def drop_page(self, doc: int, page: int, to_doc: int, slot: int) -> None:
        """A page dropped at insertion place ``slot`` of ``to_doc`` (counted with the page itself when it
        is dropped in its own document): emit the move, unless the page lands where it was."""
        if self._nearest((doc, page)) != (doc, page) or not 0 <= to_doc < len(self._counts):
            return
        to_index = slot - 1 if to_doc == doc and slot > page else slot
        self._move_to(doc, page, to_doc, to_index)

    def _move_to(self, doc: int, page: int, to_doc: int, to_index: int) -> None:
        if (to_doc, to_index) == (doc, page):
            return
        self._selected = (to_doc, to_index)  # the page stays selected once the presenter has moved it
        self.move.emit(doc, page, to_doc, to_index)

    def _rotate(self, quarter_turns: int) -> None:
        if self._selected is not None:
            self.rotate.emit(*self._selected, quarter_turns)

    def _split(self) -> None:
        if self._selected is not None and self._selected[1] > 0:
            self.split.emit(*self._selected)

    def _merge(self) -> None:
        if self._selected is not None and self._selected[0] + 1 < len(self._counts):
            self.merge.emit(self._selected[0], self._selected[0] + 1)

    def _shift_page(self, step: int) -> None:
        """Ctrl+←/→: the selected page one place earlier or later in its document."""
        if self._selected is None:
            return
        doc, page = self._selected
        if 0 <= page + step < self._counts[doc]:
            self._move_to(doc, page, doc, page + step)

    def _shift_document(self, step: int) -> None:
        """Ctrl+↑/↓: the selected page to the end of the previous document, or the start of the next."""
        if self._selected is None:
            return
        doc, page = self._selected
        to_doc = doc + step
        if 0 <= to_doc < len(self._counts):
            self._move_to(doc, page, to_doc, self._counts[to_doc] if step < 0 else 0)

    # -- keyboard -------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        control = bool(mods & Qt.KeyboardModifier.ControlModifier)
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves and control:
            doc_step, page_step = moves[key]
            if doc_step:
                self._shift_document(doc_step)
            else:
                self._shift_page(page_step)
        elif key in moves:
            self._step(*moves[key])
        elif key == Qt.Key.Key_Home and self._selected is not None:
            self.select(self._selected[0], 0)
        elif key == Qt.Key.Key_End and self._selected is not None:
            self.select(self._selected[0], self._counts[self._selected[0]] - 1)
        elif key == Qt.Key.Key_R and not control:
            self._rotate(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
        elif key == Qt.Key.Key_Delete:
            self.ask_delete()
        elif key == Qt.Key.Key_S and not control:
            self._split()
        elif key == Qt.Key.Key_F and not control:
            self._merge()
        else:
            super().keyPressEvent(event)

    def _step(self, doc_step: int, page_step: int) -> None:
        """Arrows: ←/→ to the previous / next page, on to the next document at a row's end; ↑/↓ to the
        same place in the previous / next document."""
        if self._selected is None:
            return
        doc, page = self._selected
        if doc_step:
            if 0 <= doc + doc_step < len(self._counts):
                self.select(doc + doc_step, page)
            return
        places = [(d, p) for d, count in enumerate(self._counts) for p in range(count)]
        index = places.index((doc, page)) + page_step
        if 0 <= index < len(places):
            self.select(*places[index])

    # -- inner workings -------------------------------------------------------------------------------------

    def _nearest(self, place: tuple[int, int] | None) -> tuple[int, int] | None:
        """``place`` if it exists; otherwise the nearest page: the last of that document, else of the
        nearest document before it that has pages, else the first page of the batch."""
        places = [(d, p) for d, count in enumerate(self._counts) for p in range(count)]
        if not places:
            return None
        if place is None:
            return places[0]
        doc, page = place
        before = [(d, p) for d, p in places if (d, p) <= (doc, max(page, 0))]
        return before[-1] if before else places[0]

    def _selection_changed(self) -> None:
        selected = self._selected
        for strip in self.strips:
            for tile in strip.tiles:
                tile.update()
        QTimer.singleShot(0, self._show_selected)  # once the new rows are laid out
        has = selected is not None
        self.rotate_left_button.setEnabled(has)
        self.rotate_right_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.split_button.setEnabled(has and selected[1] > 0)
        self.merge_button.setEnabled(has and selected[0] + 1 < len(self._counts))
        if selected is None:
            self.setAccessibleDescription(self.tr("No page"))
        else:
            tile = self.strips[selected[0]].tiles[selected[1]]
            self.setAccessibleDescription(tile.accessibleName())

    def _show_selected(self) -> None:
        if self._selected is not None:
            self._scroll.ensureWidgetVisible(self.strips[self._selected[0]].tiles[self._selected[1]], 16, 16)

    def _page_name(self, doc: int, page: int, flags: list[str]) -> str:
        name = self.tr("Document %1, page %2 of %3").replace("%1", str(doc + 1)).replace("%2", str(page + 1)) \
            .replace("%3", str(self._counts[doc]))
        if flags:
            name += " — " + self.tr("to check: %1").replace("%1", ", ".join(flag_text(flag) for flag in flags))
        return name

    def _document_title(self, doc: int, tiles: list[_PageTile]) -> str:
        title = self.tr("Document %1 — %n page(s)", "", len(tiles)).replace("%1", str(doc + 1))
        flagged = sum(1 for tile in tiles if tile.flags)
        if flagged:
            title += " · " + self.tr("%n page(s) to check", "", flagged)
        return title

    def _forget_confirmation(self) -> None:
        if self.confirmation is not None:
            self.confirmation.deleteLater()
            self.confirmation = None

    def _close_confirmation(self) -> None:
        if self.confirmation is not None:
            self.confirmation.reject()
