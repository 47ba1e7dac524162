"""The invoice picker: type a few letters or digits, ↓/↑, Entrée; the presenter answers the filter."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.views.invoice_picker import DEBOUNCE_MS, InvoicePicker, arl_text

ROWS = [
    {"batch": "041", "number": "000012873", "nir": "185037511504263", "patient_name": "DUPONT Jeanne",
     "care_date": date(2026, 11, 28), "amount_cents": 2650, "arl": "positive"},
    {"batch": "042", "number": "000012901", "nir": "278097502301512", "patient_name": "BERNARD Marie",
     "care_date": "2026-11-30", "amount_cents": 123450, "arl": "pending"},
    {"batch": "039", "number": "000012655", "nir": "201054411201833", "patient_name": "PETIT Nathan",
     "care_date": date(2026, 11, 21), "amount_cents": 3000, "arl": "negative",
     "arl_reason": "Lot rejeté : fichier illisible."},
]


@pytest.fixture
def picker(qtbot):
    view = InvoicePicker()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.setFocus()
    qtbot.waitUntil(view.field.hasFocus)
    return view


def shown(picker) -> list[list[str]]:
    model = picker.model
    return [[model.item(row, column).text() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def recorder(signal) -> list:
    emitted = []
    signal.connect(lambda *args: emitted.append(args))
    return emitted


def test_suggestions_are_written_as_a_secretary_reads_them(picker):
    picker.set_suggestions(ROWS)
    assert shown(picker) == [
        ["DUPONT Jeanne", "1 85 03 75 115 042 63", "28/11/2026", "26,50\u00a0€", "041", "000012873", "ARL received"],
        ["BERNARD Marie", "2 78 09 75 023 015 12", "30/11/2026", "1\u202f234,50\u00a0€", "042", "000012901",
         "ARL awaited"],
        ["PETIT Nathan", "2 01 05 44 112 018 33", "21/11/2026", "30,00\u00a0€", "039", "000012655", "Batch refused"],
    ]
    assert [picker.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Patient", "NIR", "Date of care", "Amount", "Batch", "Invoice", "Acknowledgement"]
    assert picker.count.text() == "3 invoice(s) awaiting their care sheet"
    assert picker.current() == ("041", "000012873")  # the first is selected: Entrée chooses it
    assert picker.model.item(2, 6).toolTip() == "Lot rejeté : fichier illisible."  # why the batch was refused
    assert arl_text("unknown") == "unknown"


def test_typing_sends_the_filter_once_after_a_pause(picker, qtbot):
    sent = recorder(picker.filter_changed)
    with qtbot.waitSignal(picker.filter_changed, timeout=DEBOUNCE_MS * 20) as signal:
        qtbot.keyClicks(picker.field, "dup")
        assert sent == []  # not at each key
    assert signal.args == ["dup"] and sent == [("dup",)]


def test_arrows_move_through_the_suggestions_and_enter_chooses(picker, qtbot):
    picker.set_suggestions(ROWS)
    for key, expected in ((Qt.Key.Key_Down, "000012901"), (Qt.Key.Key_Down, "000012655"),
                          (Qt.Key.Key_Down, "000012655"), (Qt.Key.Key_Up, "000012901")):
        qtbot.keyClick(picker.field, key)
        assert picker.current()[1] == expected
    assert picker.field.hasFocus()  # the focus stays in the field: she can go on typing
    with qtbot.waitSignal(picker.chosen) as signal:
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert signal.args == ["042", "000012901"]


def test_a_double_click_chooses_too(picker, qtbot):
    picker.set_suggestions(ROWS)
    rect = picker.table.visualRect(picker.model.index(2, 0))
    qtbot.mouseClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.current() == ("039", "000012655") and picker.field.hasFocus()  # a click only selects
    with qtbot.waitSignal(picker.chosen) as signal:
        qtbot.mouseDClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["039", "000012655"]


def test_enter_typed_before_the_answer_chooses_the_only_invoice_found(picker, qtbot):
    picker.set_suggestions(ROWS)
    chosen = recorder(picker.chosen)
    qtbot.keyClicks(picker.field, "petit")
    with qtbot.waitSignal(picker.filter_changed) as signal:
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)  # sent at once, not chosen among the old rows
    assert signal.args == ["petit"] and chosen == []
    with qtbot.waitSignal(picker.chosen) as signal:
        picker.set_suggestions(ROWS[2:])
    assert signal.args == ["039", "000012655"]


def test_enter_typed_before_the_answer_chooses_nothing_when_several_match(picker, qtbot):
    chosen = recorder(picker.chosen)
    qtbot.keyClicks(picker.field, "2026")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    picker.set_suggestions(ROWS[:2])
    assert chosen == [] and picker.current() == ("041", "000012873")
    picker.set_suggestions(ROWS[2:])  # a later answer (the list refreshed) chooses nothing either
    assert chosen == []


def test_the_empty_states_say_why_and_enter_chooses_nothing(picker, qtbot):
    chosen = recorder(picker.chosen)
    picker.set_suggestions([])
    assert picker.empty.isVisible() and picker.empty.text() == "No degraded invoice is awaiting its care sheet."
    assert not picker.count.isVisible()
    with qtbot.waitSignal(picker.filter_changed):
        qtbot.keyClicks(picker.field, "zzz")
    picker.set_suggestions([])
    assert picker.empty.text() == "No invoice matches « zzz ». Check the name, the NIR or the batch number."
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    qtbot.keyClick(picker.field, Qt.Key.Key_Down)
    assert chosen == [] and picker.current() is None
    picker.set_suggestions(ROWS[:1])
    assert picker.table.isVisible() and picker.count.text() == "1 invoice(s) found"
