"""The status bar and the offline / maintenance banner, drawn from frozen values and a set clock."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from view_clock import MONDAY, Clock

from desktop_app.status import StatusState, SyncPhase, SyncState
from desktop_app.views.banner import BannerView
from desktop_app.views.status_bar import StatusBarView

READER = "Gemalto PC Twin Reader (70D7E2EE) 00 00"


@pytest.fixture
def bar(qtbot):
    view = StatusBarView(Clock())
    qtbot.addWidget(view)
    view.resize(1600, 30)
    view.show()
    return view


def doctor(**changes) -> StatusState:
    values = {"professional": "Dr Émilie Lefèvre-Dupré", "situation": "Cabinet médical des Tilleuls", "card": "CPS",
              "reader": READER, "sync": SyncState(SyncPhase.CURRENT, MONDAY - timedelta(minutes=2)),
              "documents_waiting": 2}
    return StatusState(**{**values, **changes})


def test_the_card_the_person_the_sync_and_the_documents(bar, qtbot):
    bar.set_state(doctor())
    assert bar.card.full_text() == f"CPS card in {READER}"
    assert bar.professional.full_text() == "Dr Émilie Lefèvre-Dupré — Cabinet médical des Tilleuls"
    assert bar.sync.text() == "Up to date 2 min ago"
    assert bar.documents.text() == "2 document(s) waiting to be sent" and bar.documents.isVisible()
    assert not bar.shared.isVisible()
    assert bar.card.accessibleName() == "Card and reader" and bar.card.accessibleDescription() == bar.card.full_text()
    qtbot.waitUntil(lambda: bar.card.text() == bar.card.full_text())  # room enough: nothing cut
    assert bar.professional.text() == bar.professional.full_text()


def test_synchronize_now_asks_and_waits_while_a_pass_runs(bar, qtbot):
    bar.set_state(doctor())
    with qtbot.waitSignal(bar.sync_requested):
        qtbot.mouseClick(bar.sync_now, Qt.MouseButton.LeftButton)
    bar.set_state(doctor(sync=SyncState(SyncPhase.SYNCING, MONDAY)))
    assert bar.sync.text() == "Synchronizing…" and not bar.sync_now.isEnabled()


def test_offline_nothing_waiting_and_a_password_session(bar):
    bar.set_state(doctor(card=None, reader=None, session_ends_at=MONDAY + timedelta(minutes=42),
                         sync=SyncState(SyncPhase.OFFLINE, MONDAY.replace(hour=9, minute=12)), documents_waiting=0))
    assert bar.card.full_text() == "Signed in with a password — Session ends in 42 min"
    assert bar.sync.text() == "Offline — data from 24/11 at 9 h 12" and bar.sync.property("phase") == "offline"
    assert not bar.documents.isVisible()


def test_a_kiosk_says_that_pulling_the_card_locks(bar):
    bar.set_state(doctor(shared_workstation=True))
    assert bar.shared.isVisible()


def test_a_long_reader_name_gives_way_and_the_button_stays_whole(qtbot):
    bar = StatusBarView(Clock())
    qtbot.addWidget(bar)
    bar.resize(900, 30)
    bar.show()
    bar.set_state(doctor(reader="A very long reader name from a manufacturer that likes words " * 3))
    qtbot.waitUntil(lambda: bar.sync.width() >= bar.sync.sizeHint().width())  # laid out again
    assert bar.card.text().count("…") == 1 and bar.card.width() < bar.card.sizeHint().width() * 10
    assert bar.sync_now.width() >= bar.sync_now.sizeHint().width()
    assert bar.geometry().contains(bar.sync_now.geometry().translated(bar.pos()))


def test_signed_out_shows_nothing(bar):
    bar.set_state(doctor())
    bar.set_state(None)
    assert not any(w.isVisible() for w in (bar.card, bar.professional, bar.sync, bar.documents, bar.sync_now))


def test_the_freshness_is_said_again_as_time_passes(qtbot):
    clock = Clock()
    bar = StatusBarView(clock, refresh_ms=10)
    qtbot.addWidget(bar)
    bar.set_state(doctor(sync=SyncState(SyncPhase.CURRENT, MONDAY)))
    clock.now = MONDAY + timedelta(minutes=3)
    qtbot.waitUntil(lambda: bar.sync.text() == "Up to date 3 min ago")


@pytest.fixture
def banner(qtbot):
    view = BannerView(Clock())
    qtbot.addWidget(view)
    view.show()
    return view


def test_the_banner_shows_only_while_the_back_office_cannot_be_used(banner):
    for phase in (SyncPhase.CURRENT, SyncPhase.SYNCING):
        banner.set_state(SyncState(phase, MONDAY))
        assert not banner.isVisible()
    banner.set_state(SyncState(SyncPhase.OFFLINE, MONDAY.replace(hour=9, minute=12)))
    assert banner.isVisible() and banner.property("phase") == "offline"
    assert banner.headline.text() == "Offline: data from 24/11 at 9 h 12"
    assert "catches up by itself" in banner.detail.text()
    assert banner.accessibleName().startswith("Offline: data from 24/11")


def test_maintenance_says_until_when(banner):
    banner.set_state(SyncState(SyncPhase.MAINTENANCE, MONDAY - timedelta(minutes=41),
                               until=MONDAY.replace(hour=14, minute=0)))
    assert banner.headline.text() == "The service is under maintenance until 14 h 00: your data remain available."
    assert banner.detail.text().startswith("Data from 24/11 at 9 h 33. ")
    banner.set_state(SyncState(SyncPhase.MAINTENANCE, None, until=MONDAY.replace(hour=8, minute=0) + timedelta(days=1)))
    assert banner.headline.text() == (
        "The service is under maintenance until 25/11 at 8 h 00: your data remain available.")
    assert banner.detail.text() == "Cabinet catches up by itself as soon as the service is back."
    banner.set_state(SyncState(SyncPhase.MAINTENANCE, MONDAY))
    assert banner.headline.text() == "The service is under maintenance: your data remain available."


def test_the_banner_offers_to_try_again(banner, qtbot):
    banner.set_state(SyncState(SyncPhase.OFFLINE))
    assert banner.headline.text() == "Offline: no data on this workstation yet"
    with qtbot.waitSignal(banner.retry_requested):
        qtbot.mouseClick(banner.retry, Qt.MouseButton.LeftButton)
