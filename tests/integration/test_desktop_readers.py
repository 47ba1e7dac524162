"""The window over the real monitor and card thread: a card inserted shows up, a card pulled goes."""

import pytest

from cardreader.emulator.profiles import card_from_spec
from desktop_app.app import CabinetApp
from desktop_app.settings import Settings

pytestmark = pytest.mark.pcsc


def test_window_follows_cards_in_both_slots(qapp, qtbot, pcscd, virtual_reader, pki_dir, tmp_path):
    cabinet = CabinetApp(qapp, Settings(data_dir=tmp_path))
    qtbot.addWidget(cabinet.window)
    cabinet.start()
    try:
        cps_reader, vitale_reader = pcscd.reader_names
        items = cabinet.window.readers._items
        qtbot.waitUntil(lambda: set(items) >= {cps_reader, vitale_reader}, timeout=5000)

        virtual_reader.insert(0, card_from_spec("cps", pki_dir))
        virtual_reader.insert(1, card_from_spec("vitale", pki_dir))
        qtbot.waitUntil(lambda: items[cps_reader].text(1) == "Dr Émilie Lefèvre-Dupré", timeout=10000)
        qtbot.waitUntil(lambda: items[vitale_reader].childCount() == 3, timeout=10000)

        virtual_reader.pull(0)
        qtbot.waitUntil(lambda: items[cps_reader].text(1) == "Empty", timeout=5000)
        assert items[vitale_reader].childCount() == 3
    finally:
        cabinet.stop()
