"""Accueil: each line says its figure and opens its section; the empty states read well."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from view_clock import MONDAY, Clock

from desktop_app.sections import Section, sections_for
from desktop_app.status import HomeSummary, SyncPhase, SyncState
from desktop_app.views.home import HomeView

BUSY = HomeSummary(today=MONDAY.date(), ald_renewals=3, ald_first_end=date(2025, 12, 2), open_rejects=2,
                   answered_threads=1, documents_waiting=4, documents_failed=1, as_of=MONDAY - timedelta(minutes=2))


@pytest.fixture
def home(qtbot):
    view = HomeView(Clock())
    qtbot.addWidget(view)
    view.set_sync_state(SyncState(SyncPhase.CURRENT, MONDAY - timedelta(minutes=2)))
    view.show()
    return view


def shown(home: HomeView) -> dict[str, str]:
    return {name: line.accessibleName() for name, line in home.lines.items() if line.isVisible()}


@pytest.mark.parametrize(("line", "section"), [
    ("ald", Section.ALD), ("rejects", Section.REJECTS), ("answers", Section.CONTACT),
    ("drafts", Section.DOCUMENTS), ("waiting", Section.DOCUMENTS), ("failed", Section.DOCUMENTS),
    ("paper", Section.DOCUMENTS), ("sync", Section.DIAGNOSTICS)])
def test_each_line_opens_its_section_by_mouse_and_keyboard(home, qtbot, line, section):
    home.set_summary(replace(BUSY, documents_paper=2, documents_drafts=3))
    with qtbot.waitSignal(home.section_requested) as clicked:
        qtbot.mouseClick(home.lines[line], Qt.MouseButton.LeftButton)
    assert clicked.args == [section.value]
    home.lines[line].setFocus()
    with qtbot.waitSignal(home.section_requested) as pressed:
        qtbot.keyClick(home.lines[line], Qt.Key.Key_Space)
    assert pressed.args == [section.value]


def test_the_figures_and_what_they_count(home):
    home.set_summary(BUSY)
    said = shown(home)
    assert said["ald"] == "3 ALD renewal(s) to prepare — the first due on 02/12"
    assert said["rejects"].startswith("2 ") and said["answers"].startswith("1 ")
    assert said["failed"].startswith("1 ") and home.lines["failed"].property("tone") == "warning"
    assert home.lines["waiting"].property("tone") == "calm"  # they leave by themselves
    assert said["sync"] == "Up to date 2 min ago"
    assert home.headline.text() == "4 item(s) need your attention."


def test_a_quiet_day_says_so(home):
    home.set_summary(HomeSummary(today=MONDAY.date(), as_of=MONDAY))
    assert home.headline.text() == "Nothing needs your attention today."
    said = shown(home)
    assert said["ald"] == "0 No ALD to renew in the coming months"
    assert "failed" not in said
    assert all(home.lines[name].property("tone") == "calm" for name in ("ald", "rejects", "answers", "waiting"))


def test_before_the_first_sync_and_while_reading_no_figure_is_shown(home):
    home.set_summary(HomeSummary(today=MONDAY.date()))
    assert "not been synchronized" in home.headline.text()
    assert list(shown(home)) == ["sync"]
    home.set_summary(BUSY)
    home.clear()
    assert home.headline.text() == "Reading your data…" and shown(home) == {}


def test_a_secretary_sees_no_line_of_a_section_not_delegated(home):
    home.set_visible_sections(sections_for(["payments", "documents"]))
    home.set_summary(BUSY)
    assert list(shown(home)) == ["waiting", "failed", "sync"]
    assert home.headline.text() == "1 item(s) need your attention."  # the ALD and rejects are not hers


def test_the_sync_line_follows_the_clock_and_the_state(qtbot):
    clock = Clock()
    home = HomeView(clock, refresh_ms=10)
    qtbot.addWidget(home)
    home.set_summary(BUSY)
    home.set_sync_state(SyncState(SyncPhase.CURRENT, MONDAY))
    assert home.lines["sync"].accessibleName() == "Up to date"
    clock.now = MONDAY + timedelta(minutes=5)
    qtbot.waitUntil(lambda: home.lines["sync"].accessibleName() == "Up to date 5 min ago")
    home.set_sync_state(SyncState(SyncPhase.OFFLINE, MONDAY.replace(hour=9, minute=12)))
    assert home.lines["sync"].accessibleName() == "Offline — data from 24/11 at 9 h 12"
    assert home.lines["sync"].property("tone") == "warning"


def test_documents_to_link_and_to_send_on_paper_are_said_only_when_there_are(home):
    home.set_summary(BUSY)
    assert "paper" not in shown(home) and "drafts" not in shown(home)
    home.set_summary(replace(BUSY, documents_paper=2, documents_drafts=3))
    assert shown(home)["paper"] == "2 document(s) to send on paper"
    assert home.lines["paper"].property("tone") == "warning"
    assert shown(home)["drafts"] == "3 scanned document(s) to link to their invoice"
    assert home.lines["drafts"].property("tone") == "attention"
