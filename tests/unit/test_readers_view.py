"""The readers screen reacts to reader events and card readings (widgets only, no card I/O)."""

from cardreader.atr import classify, parse_hex
from cardreader.cps import Holder, PinStatus, ProfessionalCard
from cardreader.errors import CardRemoved
from cardreader.monitor import EventKind, ReaderEvent
from cardreader.reading import CardReading
from cardreader.vitale import Beneficiary, VitaleCard
from desktop_app.views.readers import ReadersView

CPS_ATR = classify(parse_hex("3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00"))
VITALE_ATR = classify(parse_hex("3B 75 13 00 00 43 09 EA 90 00"))


def _card_text(view, reader):
    return view._items[reader].text(1)


def test_a_card_inserted_asks_for_a_read_and_shows_the_holder(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.READER_ADDED, "R 00 00"))
    assert _card_text(view, "R 00 00") == "Empty"
    with qtbot.waitSignal(view.read_requested) as request:
        view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 00", CPS_ATR.atr, CPS_ATR))
    assert request.args == ["R 00 00", CPS_ATR]
    holder = Holder("CPS", "8", "810001234567", "DR", "Lefèvre", "Émilie", "10", "SM54", None)
    card = ProfessionalCard("0123456789", "2024-01-01", "2027-01-01", holder, PinStatus(False, 3, 3))
    view.on_card_read(CardReading("R 00 00", CPS_ATR, professional=card))
    assert _card_text(view, "R 00 00") == "Dr Émilie Lefèvre"
    details = {view._items["R 00 00"].child(i).text(0): view._items["R 00 00"].child(i).text(1)
               for i in range(view._items["R 00 00"].childCount())}
    assert details["PIN"] == "3 tries left"
    assert details["National identifier"] == "810001234567"


def test_vitale_beneficiaries_and_a_wrong_nir_key_are_shown(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R 00 01", VITALE_ATR.atr, VITALE_ATR))
    people = tuple(
        Beneficiary(last, first, "2015-00-00", 1, "06", nir, ok, "01", "751", "0001", None, None)
        for last, first, nir, ok in [("Dupré", "Léa", "285017512345617", True),
                                     ("Dupré", "Noé", "185017512345600", False)])
    view.on_card_read(CardReading("R 00 01", VITALE_ATR, vitale=VitaleCard("1234567890", None, people)))
    item = view._items["R 00 01"]
    assert item.text(1) == "Carte Vitale — 2 person(s)"
    assert "wrong key" in item.child(1).text(1) and "wrong key" not in item.child(0).text(1)


def test_pulled_card_and_errors_in_plain_words(qtbot):
    view = ReadersView()
    qtbot.addWidget(view)
    view.on_reader_event(ReaderEvent(EventKind.CARD_INSERTED, "R", CPS_ATR.atr, CPS_ATR))
    view.on_card_read(CardReading("R", CPS_ATR, error=CardRemoved("R")))
    assert _card_text(view, "R") == "The card was removed before it could be read."
    view.on_reader_event(ReaderEvent(EventKind.CARD_REMOVED, "R"))
    assert _card_text(view, "R") == "Empty"
    view.on_reader_event(ReaderEvent(EventKind.READER_REMOVED, "R"))
    assert "R" not in view._items and not view._empty.isHidden()
