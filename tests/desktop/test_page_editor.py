"""The page editor: documents as rows of page thumbnails; every edit is a signal to the presenter, which
calls set_batch again with the batch edited."""

import pytest
from care_sheets import care_sheet
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.views.page_editor import PAGE_MIME, PageEditor, flag_text

SHAPE = (3, 1, 2)  # pages per document
FLAGS = [[set(), set(), {"NEARLY_WHITE"}], [{"CUT_OR_SHIFTED", "LOW_CONTRAST"}], [set(), set()]]


def batch(shape=SHAPE):
    return [[care_sheet(doc * 10 + page) for page in range(count)] for doc, count in enumerate(shape)]


@pytest.fixture
def editor(qtbot):
    view = PageEditor()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_batch(batch(), FLAGS)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def recorder(signal) -> list:
    emitted = []
    signal.connect(lambda *args: emitted.append(args))
    return emitted


def test_each_document_is_a_labelled_row_and_flagged_pages_say_why(editor):
    assert [strip.title.text() for strip in editor.strips] == [
        "Document 1 — 3 page(s) · 1 page(s) to check", "Document 2 — 1 page(s) · 1 page(s) to check",
        "Document 3 — 2 page(s)"]
    assert [len(strip.tiles) for strip in editor.strips] == list(SHAPE)
    assert editor.strips[0].tiles[2].accessibleName() == "Document 1, page 3 of 3 — to check: Nearly white"
    assert editor.strips[1].tiles[0].accessibleName() == \
        "Document 2, page 1 of 1 — to check: Cut or shifted, Low contrast"
    assert editor.strips[2].tiles[0].accessibleName() == "Document 3, page 1 of 2"
    assert [flag_text(name) for name in ("NEARLY_BLACK", "nearly-white", "low_contrast", "SOMETHING_NEW")] == [
        "Nearly black", "Nearly white", "Low contrast", "SOMETHING_NEW"]
    assert editor.selection() == (0, 0) and not editor.empty.isVisible()


def test_an_empty_batch_says_so_and_offers_no_edit(editor):
    editor.set_batch([], [])
    assert editor.empty.isVisible() and "Scan or import the care sheets" in editor.empty.text()
    assert editor.selection() is None and editor.strips == []
    assert not any(button.isEnabled() or button.isVisible() for button in editor.findChildren(QPushButton))


def test_arrows_move_the_selection_across_documents(editor, qtbot):
    for key, expected in ((Qt.Key.Key_Right, (0, 1)), (Qt.Key.Key_Right, (0, 2)), (Qt.Key.Key_Right, (1, 0)),
                          (Qt.Key.Key_Down, (2, 0)), (Qt.Key.Key_End, (2, 1)), (Qt.Key.Key_Down, (2, 1)),
                          (Qt.Key.Key_Up, (1, 0)), (Qt.Key.Key_Left, (0, 2)), (Qt.Key.Key_Home, (0, 0)),
                          (Qt.Key.Key_Left, (0, 0))):
        qtbot.keyClick(editor, key)
        assert editor.selection() == expected, key
    assert editor.accessibleDescription() == "Document 1, page 1 of 3"


def test_r_turns_the_selected_page_and_shift_r_the_other_way(editor, qtbot):
    editor.select(2, 1)
    with qtbot.waitSignal(editor.rotate) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_R)
    assert signal.args == [2, 1, 1]
    with qtbot.waitSignal(editor.rotate) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert signal.args == [2, 1, -1]


def test_a_click_selects_a_page_and_the_buttons_act_on_it(editor, qtbot):
    tile = editor.strips[0].tiles[1]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert editor.selection() == (0, 1) and editor.hasFocus()
    with qtbot.waitSignal(editor.rotate) as signal:
        qtbot.mouseClick(editor.rotate_left_button, Qt.MouseButton.LeftButton)
    assert signal.args == [0, 1, -1]
    with qtbot.waitSignal(editor.split) as signal:
        qtbot.mouseClick(editor.split_button, Qt.MouseButton.LeftButton)
    assert signal.args == [0, 1]
    with qtbot.waitSignal(editor.merge) as signal:
        qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    assert signal.args == [0, 1]
    assert editor.hasFocus()  # the arrows still move the selection after a click on a button


def test_split_needs_a_page_before_and_merge_a_next_document(editor, qtbot):
    splits, merges = recorder(editor.split), recorder(editor.merge)
    editor.select(2, 0)
    assert not editor.split_button.isEnabled() and not editor.merge_button.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_S)
    qtbot.keyClick(editor, Qt.Key.Key_F)
    assert splits == [] and merges == []
    editor.select(1, 0)
    qtbot.keyClick(editor, Qt.Key.Key_F)
    editor.select(0, 2)
    qtbot.keyClick(editor, Qt.Key.Key_S)
    assert merges == [(1, 2)] and splits == [(0, 2)]


def ask_delete(editor, qtbot) -> QMessageBox:
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: editor.confirmation is not None and editor.confirmation.isVisible())
    return editor.confirmation


def test_delete_asks_first_and_escape_keeps_the_page(editor, qtbot):
    deleted = recorder(editor.delete)
    editor.select(0, 2)
    box = ask_delete(editor, qtbot)
    assert box.text() == "Delete page 3 of document 1?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter does not delete
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.confirmation is None)
    assert deleted == []
    box = ask_delete(editor, qtbot)
    with qtbot.waitSignal(editor.delete) as signal:
        qtbot.mouseClick(box.findChild(QPushButton, "confirmDeletePage"), Qt.MouseButton.LeftButton)
    assert signal.args == [0, 2]
    qtbot.waitUntil(lambda: editor.confirmation is None)


def test_nothing_changes_on_screen_until_the_presenter_gives_the_batch_again(editor, qtbot):
    editor.select(0, 2)
    box = ask_delete(editor, qtbot)
    qtbot.mouseClick(box.findChild(QPushButton, "confirmDeletePage"), Qt.MouseButton.LeftButton)
    assert [len(strip.tiles) for strip in editor.strips] == list(SHAPE)  # the presenter owns the batch
    editor.set_batch(batch((2, 1, 2)), [[set(), set()], [set()], [set(), set()]])
    assert editor.selection() == (0, 1)  # the nearest page left
    assert editor.strips[0].title.text() == "Document 1 — 2 page(s)"


def test_ctrl_arrows_move_the_page_and_it_stays_selected(editor, qtbot):
    with qtbot.waitSignal(editor.move) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [0, 0, 0, 1]
    editor.set_batch(batch(), FLAGS)
    assert editor.selection() == (0, 1)
    with qtbot.waitSignal(editor.move) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [0, 1, 1, 0]  # to the start of the next document
    editor.set_batch(batch((2, 2, 2)), [])
    editor.select(2, 1)
    with qtbot.waitSignal(editor.move) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [2, 1, 1, 2]  # to the end of the previous one
    moves = recorder(editor.move)
    editor.select(0, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert moves == []  # nowhere to go


def drop(editor, doc: int, page: int, on_doc: int, x: int) -> None:
    """Drop page (doc, page) on document ``on_doc`` at ``x`` in its strip, as a drag would (given to the
    strip's handler: Qt delivers a drop event only during a real drag, which would block the test)."""
    mime = QMimeData()
    mime.setData(PAGE_MIME, f"{doc},{page}".encode("ascii"))
    strip = editor.strips[on_doc]
    y = strip.tiles[0].geometry().center().y()
    event = QDropEvent(QPointF(x, y), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    strip.dropEvent(event)


def test_dropping_a_page_reorders_it_or_moves_it_to_another_document(editor):
    moves = recorder(editor.move)
    tiles = editor.strips[0].tiles
    drop(editor, 0, 0, 0, tiles[2].geometry().right() + 6)  # after the last page of its own document
    drop(editor, 0, 2, 0, tiles[0].geometry().left() + 4)  # before the first
    drop(editor, 1, 0, 0, tiles[1].geometry().left() - 2)  # from document 2, between pages 1 and 2
    drop(editor, 0, 1, 0, tiles[1].geometry().left() + 3)  # where it already is: nothing
    drop(editor, 0, 1, 0, tiles[2].geometry().left() + 3)  # just before the next page: the same place
    drop(editor, 2, 1, 2, editor.strips[2].tiles[1].geometry().right() + 6)
    assert moves == [(0, 0, 0, 2), (0, 2, 0, 0), (1, 0, 0, 1)]
    assert editor.selection() == (0, 1)  # the page dropped last


def test_a_drag_from_outside_the_editor_is_refused(editor):
    moves = recorder(editor.move)
    mime = QMimeData()
    mime.setText("0,1")
    strip = editor.strips[0]
    event = QDropEvent(QPointF(10, 60), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    strip.dropEvent(event)
    drop(editor, 7, 0, 0, 10)  # a page the editor does not have
    assert moves == []


def test_the_selected_page_is_scrolled_into_view(editor, qtbot):
    editor.resize(1000, 420)  # room for about one document
    bar = editor._scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    tile = editor.strips[2].tiles[0]

    def tile_in_view() -> bool:
        top = tile.mapTo(editor._scroll.viewport(), tile.rect().topLeft()).y()
        return bar.value() > 0 and 0 <= top and top + tile.height() <= editor._scroll.viewport().height()

    qtbot.waitUntil(tile_in_view)
