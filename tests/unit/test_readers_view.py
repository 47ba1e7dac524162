"""The Diagnostics readers react to reader events and card readings (widgets only, no card I/O): a card's
content is read on demand only, and dropped at every lock."""

from cardreader.atr import classify, parse_hex
from cardreader.cps import Holder, PinStatus, ProfessionalCard
from cardreader.errors import CardRemoved
from cardreader.monitor import EventKind, ReaderEvent
from cardreader.reading import CardReading
from cardreader.vitale import Beneficiary, VitaleCard
from desktop_app.views.diagnostics import DiagnosticsView
from desktop_app.views.readers import ReadersView

CPS_ATR = classify(parse_hex("3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00"))
VITALE_ATR = classify(parse_hex("3B 75 13 00 00 43 09 EA 90 00"))
HOLDER = Holder("CPS", "8", "810001234567", "DR", "Lefèvre", "Émilie", "10", "SM54", None)
CPS = ProfessionalCard("0123456789", "2024-01-01", "2027-01-01", HOLDER, PinStatus(False, 3, 3))
FAMILY = VitaleCard("1234567890", None, tuple(
    Beneficiary(last, first, "2015-00-00", 1, "06", nir, ok, "01", "751", "0001", None, None)
    for last, first, nir, ok in [("Dupré", "Léa", "285017512345617", True), ("Dupré", "Noé", "185017512345600", False)]))


def _card_text(view, reader):
    return view._items[reader].text(1)


def _details(view, reader):
    item = view._items[reader]
    return {item.child(i).text(0): item.child(i).text(1) for i in range(item.childCount())}


def test_an_inserted_card_is_read_only_on_demand_and_shows_the_holder(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.READER_ADDED, "R 00 00"))
    assert _card_text(view, "R 00 00") == "Empty" and not view.read_button("R 00 00").isEnabled()
    with qtbot.assertNotEmitted(view.read_requested):
        view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 00", CPS_ATR.atr, CPS_ATR))
    assert _card_text(view, "R 00 00") == "Professional card"
    with qtbot.waitSignal(view.read_requested) as request:
        view.read_button("R 00 00").click()
    assert request.args == ["R 00 00", CPS_ATR]
    assert _card_text(view, "R 00 00") == "Reading the card…" and not view.read_button("R 00 00").isEnabled()
    view.on_card_read(CardReading("R 00 00", CPS_ATR, professional=CPS))
    assert _card_text(view, "R 00 00") == "Dr Émilie Lefèvre" and view.read_button("R 00 00").isEnabled()
    assert _details(view, "R 00 00")["PIN"] == "3 tries left"
    assert _details(view, "R 00 00")["National identifier"] == "810001234567"


def test_an_unknown_card_cannot_be_read(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    unknown = classify(parse_hex("3B 00"))
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R", unknown.atr, unknown))
    assert _card_text(view, "R") == "Unknown card (ATR 3B 00)" and not view.read_button("R").isEnabled()


def test_clear_drops_every_reading_and_keeps_the_readers(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 00", CPS_ATR.atr, CPS_ATR))
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 01", VITALE_ATR.atr, VITALE_ATR))
    view.on_reader_event(ReaderEvent(EventKind.READER_ADDED, "R 00 02"))
    view.read_button("R 00 00").click()
    view.on_card_read(CardReading("R 00 00", CPS_ATR, professional=CPS))
    view.read_button("R 00 01").click()  # its reading comes back after the lock
    view.clear()
    view.on_card_read(CardReading("R 00 01", VITALE_ATR, vitale=FAMILY))
    assert [_card_text(view, r) for r in ("R 00 00", "R 00 01", "R 00 02")] == [
        "Professional card", "Carte Vitale", "Empty"]
    assert all(item.childCount() == 0 for item in view._items.values())
    assert view.read_button("R 00 00").isEnabled() and view.read_button("R 00 01").isEnabled()


def test_a_reading_of_a_card_pulled_since_is_dropped(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R", VITALE_ATR.atr, VITALE_ATR))
    view.read_button("R").click()
    view.on_reader_event(ReaderEvent(EventKind.CARD_REMOVED, "R"))
    view.on_card_read(CardReading("R", VITALE_ATR, vitale=FAMILY))
    assert _card_text(view, "R") == "Empty" and view._items["R"].childCount() == 0


def test_vitale_beneficiaries_and_a_wrong_nir_key_are_shown(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 01", VITALE_ATR.atr, VITALE_ATR))
    view.read_button("R 00 01").click()
    view.on_card_read(CardReading("R 00 01", VITALE_ATR, vitale=FAMILY))
    item = view._items["R 00 01"]
    assert item.text(1) == "Carte Vitale — 2 person(s)"
    assert "wrong key" in item.child(1).text(1) and "wrong key" not in item.child(0).text(1)


def test_pulled_card_and_errors_in_plain_words(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R", CPS_ATR.atr, CPS_ATR))
    view.read_button("R").click()
    view.on_card_read(CardReading("R", CPS_ATR, error=CardRemoved("R")))
    assert _card_text(view, "R") == "The card was removed before it could be read."
    view.on_reader_event(ReaderEvent(EventKind.CARD_REMOVED, "R"))
    assert _card_text(view, "R") == "Empty"
    view.on_reader_event(ReaderEvent(EventKind.READER_REMOVED, "R"))
    assert "R" not in view._items and not view._empty.isHidden()


def test_the_key_warning_is_shown_until_the_lock(qtbot):
    page = DiagnosticsView()
    qtbot.addWidget(page)
    assert page.key_warning.isHidden()
    page.set_key_warning("The key is in a file.")
    assert not page.key_warning.isHidden() and page.key_warning.text() == "The key is in a file."
    page.clear()
    assert page.key_warning.isHidden() and page.key_warning.text() == ""
