"""The signed-in window end to end: the shell, Accueil from the synced store, the status bar and the
banner following the engine, the section resumed, the CPE's sections, sleep and resume (pcscd
restarted with the card in), the back office away and back, kiosk mode. Emulated cards in the private
pcscd's virtual reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from test_sign_in import WAIT, holder, pin_dialog, type_pin

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS
from desktop_app.app import CabinetApp
from desktop_app.last_session import last_session_path, read_last_session
from desktop_app.sections import Section
from desktop_app.settings import Settings
from desktop_app.status import SyncPhase
from sync.backoffice.local import LocalBackoffice

pytestmark = pytest.mark.pcsc


@pytest.fixture
def start_cabinet(qapp, qtbot, backoffice, pcscd, virtual_reader, tmp_path) -> Iterator[Callable[..., CabinetApp]]:
    """``start_cabinet(**settings)``: the application on this test's data folder, started; stopped after."""
    started: list[CabinetApp] = []

    def start(**changes: Any) -> CabinetApp:
        values = {"backoffice": backoffice.url, "ca": backoffice.ca_certificate, "data_dir": tmp_path,
                  "workstation": "poste-test", "sync_interval_seconds": 3600, **changes}
        running = CabinetApp(qapp, Settings(**values))
        qtbot.addWidget(running.window)
        running.start()
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


def sign_in(qtbot, cabinet: CabinetApp, insert, spec: str = "cps", name: str = "Lefèvre-Dupré") -> None:
    insert(spec)
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    qtbot.waitUntil(lambda: not cabinet.window.locked() and name in holder(cabinet), timeout=WAIT)


def sync_phase(cabinet: CabinetApp) -> str:
    return cabinet.window.status.sync.property("phase")


def synced(qtbot, cabinet: CabinetApp) -> None:
    """Accueil shows figures from a store the engine brought up to date."""
    qtbot.waitUntil(lambda: sync_phase(cabinet) == SyncPhase.CURRENT.value
                    and cabinet.window.shell.home.lines["rejects"].isVisible(), timeout=WAIT)


def texts(widget: QWidget) -> str:
    """Every text the widget's labels and buttons hold, shown or not, and their accessible names."""
    parts = [label.text() for label in widget.findChildren(QLabel)]
    parts += [child.accessibleName() for child in widget.findChildren(QWidget)]
    parts += [getattr(child, "full_text", lambda: "")() for child in widget.findChildren(QLabel)]
    return " ".join(parts)


def figure(cabinet: CabinetApp, line: str) -> int:
    return int(cabinet.window.shell.home.lines[line].accessibleName().split()[0])


@pytest.fixture
def own_backoffice(tmp_path, pki_dir) -> Iterator[LocalBackoffice]:
    """A back office of this test's own, to stop and start, whose practice is large enough for the doctor
    to have rejects to correct."""
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=60, months=3) as running:
        yield running


def test_accueil_shows_the_synced_store_a_pull_clears_every_page_and_the_pin_brings_back_his_section(
        qtbot, start_cabinet, insert, virtual_reader, own_backoffice):
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate)
    sign_in(qtbot, cabinet, insert)
    shell = cabinet.window.shell
    assert shell.current_section() is Section.HOME and cabinet.window.status.isVisible()
    synced(qtbot, cabinet)
    store = cabinet.controller._session.store
    assert figure(cabinet, "ald") == len(store.ald_renewals())  # the seeded practice's, as synced
    assert figure(cabinet, "rejects") == len(store.rejects("open")) > 0
    assert not cabinet.window.banner.isVisible()
    shell.show_section(Section.PAYMENTS)

    virtual_reader.pull(0)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    left = texts(cabinet.window.shell) + texts(cabinet.window.status)
    assert "Lefèvre" not in left and "Tilleuls" not in left
    assert not any(line.isVisibleTo(shell.home) for line in shell.home.lines.values())
    assert not cabinet.window.statusBar().isVisible()

    sign_in(qtbot, cabinet, insert)
    assert shell.current_section() is Section.PAYMENTS  # where he was


def test_the_section_is_kept_for_the_same_person_after_a_restart_and_another_starts_on_accueil(
        qtbot, start_cabinet, insert, virtual_reader, tmp_path):
    first = start_cabinet()
    sign_in(qtbot, first, insert)
    first.window.shell.show_section(Section.REJECTS)
    kept = last_session_path(tmp_path)
    qtbot.waitUntil(lambda: (read_last_session(kept) or None) is not None
                    and read_last_session(kept).section is Section.REJECTS, timeout=WAIT)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    virtual_reader.pull(0)
    qtbot.waitUntil(first.window.locked, timeout=WAIT)
    first.stop()

    second = start_cabinet()  # the next morning: the same card
    sign_in(qtbot, second, insert)
    assert second.window.shell.current_section() is Section.REJECTS

    sign_in(qtbot, second, insert, "cpe", "Marchand-Girard")  # the secretary's card: her own session
    assert second.window.shell.current_section() is Section.HOME


def test_diagnostics_shows_the_readers_reads_the_vitale_on_demand_and_forgets_it_at_the_lock(
        qtbot, start_cabinet, insert, virtual_reader, pcscd):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    vitale_reader, _ = insert("vitale", slot=1)
    cabinet.window.shell.show_section(Section.DIAGNOSTICS)
    readers = cabinet.window.diagnostics.readers
    names = [person.first_name for person in STOCK_CARDS["vitale"].beneficiaries]
    qtbot.waitUntil(lambda: all(name in readers._items for name in pcscd.reader_names)
                    and readers.read_button(vitale_reader).isEnabled(), timeout=WAIT)
    assert not any(name in tree_texts(readers) for name in names)  # inserted, not read

    readers.read_button(vitale_reader).click()
    qtbot.waitUntil(lambda: all(name in tree_texts(readers) for name in names), timeout=WAIT)

    virtual_reader.pull(0)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    left = tree_texts(readers)
    assert vitale_reader in left and not any(name in left for name in names)


def tree_texts(readers) -> str:
    """Every text of the readers' tree, its collapsed rows' too."""
    items = list(readers._items.values())
    parts = []
    while items:
        item = items.pop()
        parts += [item.text(0), item.text(1)]
        items += [item.child(i) for i in range(item.childCount())]
    return " ".join(parts)


def test_a_cpe_sees_only_what_was_delegated(qtbot, start_cabinet, insert):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert, "cpe", "Marchand-Girard")
    shown = set(cabinet.window.shell.visible_sections())
    assert Section.HOME in shown
    assert not shown & {Section.PATIENTS, Section.ALD, Section.ACTIVITY}  # medical data: never delegated
    note = cabinet.window.shell.findChild(QLabel, "delegationNote")
    assert note.isVisible() and note.text()
    assert not cabinet.window.shell.home.lines["ald"].isVisible()


def test_sleep_and_resume_locks_then_the_readers_and_the_session_come_back(
        qtbot, start_cabinet, insert, virtual_reader, pcscd, card_presence):
    """pcscd restarted with the card in, as after the computer slept: the card lost its power (and its
    PIN), the window locks, the readers come back by themselves; the PIN again opens the same section."""
    cabinet = start_cabinet()
    reader, card = insert("cps")
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    qtbot.waitUntil(lambda: not cabinet.window.locked(), timeout=WAIT)
    cabinet.window.shell.show_section(Section.FORMS)

    pcscd.restart()
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    assert holder(cabinet) == ""
    virtual_reader.insert(0, card)  # still in the reader: vpcd's connection back is its power back
    card_presence(reader)
    type_pin(qtbot, pin_dialog(qtbot, cabinet), "1234")
    qtbot.waitUntil(lambda: not cabinet.window.locked(), timeout=WAIT)
    assert cabinet.window.shell.current_section() is Section.FORMS


def test_the_back_office_away_shows_the_banner_and_keeps_the_data_then_catches_up(
        qtbot, start_cabinet, insert, own_backoffice):
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate,
                            sync_interval_seconds=1)
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    rejects = figure(cabinet, "rejects")

    own_backoffice.stop()
    banner = cabinet.window.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.property("phase") == SyncPhase.OFFLINE.value, timeout=WAIT)
    assert sync_phase(cabinet) == SyncPhase.OFFLINE.value and banner.headline.text()
    assert figure(cabinet, "rejects") == rejects and not cabinet.window.locked()  # still shown, from the store

    own_backoffice.start()
    qtbot.waitUntil(lambda: not banner.isVisible() and sync_phase(cabinet) == SyncPhase.CURRENT.value, timeout=WAIT)


def test_kiosk_fills_the_screen_and_has_no_way_out(qtbot, start_cabinet):
    cabinet = start_cabinet(kiosk=True, idle_lock_minutes=5)
    window = cabinet.window
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    alt_f4 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert QApplication.sendEvent(window, alt_f4) and alt_f4.isAccepted()  # swallowed by the kiosk guard
    close = QCloseEvent()
    QApplication.sendEvent(window, close)
    assert not close.isAccepted() and window.isVisible() and window.locked()
    assert not window.close() and window.isVisible()
