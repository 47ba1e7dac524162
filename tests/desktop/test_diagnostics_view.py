"""The Diagnostics page's facts (widgets only): pcscd, the back office, the store's freshness, the settings
with their origins, the export's outcome, and nothing left after the lock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QTreeWidgetItemIterator
from view_clock import MONDAY, Clock

from desktop_app.diagnosis import Facts, PcscFacts, Reach, ReaderFact, SettingFact, StoreFacts
from desktop_app.views.diagnostics import DiagnosticsView, domain_title, size_text
from sync.engine import DOMAINS
from sync.errors import Offline

FACTS = Facts(
    collected_at=MONDAY, versions=(("Cabinet", "1.0"), ("Python", "3.12.3")),
    pcsc=PcscFacts(True, (ReaderFact("Lecteur 00 00", "3B 8F 80"), ReaderFact("Lecteur 00 01", None))),
    backoffice=Reach("https://bo.example", 200, 12.4), keyring="keyring.backends.SecretService.Keyring",
    store=StoreFacts(3 * 1024 * 1024 + 512 * 1024, 1536, (("payments", MONDAY - timedelta(minutes=4)), ("ald", None))),
    settings=(SettingFact("lang", "fr", "default", False), SettingFact("kiosk", "true", "/etc/cabinet/cabinet.toml", True),
              SettingFact("data_dir", "/srv/cabinet", "environment", False), SettingFact("ca", "", "default", False)))


def lines(view: DiagnosticsView) -> list[tuple[str, str, str]]:
    found, iterator = [], QTreeWidgetItemIterator(view.facts)
    while iterator.value():
        item = iterator.value()
        found.append((item.text(0), item.text(1), item.text(2)))
        iterator += 1
    return found


def test_the_facts_are_shown_in_groups(qtbot):
    view = DiagnosticsView(Clock())
    qtbot.addWidget(view)
    view.set_facts(FACTS)
    shown = lines(view)
    assert ("Smart-card service (pcscd)", "Running — 2 reader(s)", "") in shown
    assert ("Lecteur 00 00", "ATR 3B 8F 80", "") in shown and ("Lecteur 00 01", "Empty", "") in shown
    assert ("Back office", "Reachable — 12 ms", "") in shown and ("Address", "https://bo.example", "") in shown
    assert ("Store size", "3,5 MB", "") in shown and ("Scanned documents", "1,5 KB", "") in shown
    assert ("Payments", "Up to date today at 10 h 10", "") in shown and ("ALD renewals", "Never synchronized", "") in shown
    assert ("lang", "fr", "default") in shown and ("ca", "(none)", "default") in shown
    assert ("kiosk", "true", "/etc/cabinet/cabinet.toml — locked by the machine's settings") in shown
    assert ("data_dir", "/srv/cabinet", "environment (CABINET_DATA_DIR)") in shown
    assert ("Keyring", "keyring.backends.SecretService.Keyring", "") in shown


def test_a_back_office_out_of_reach_and_pcscd_gone_are_said(qtbot):
    view = DiagnosticsView(Clock())
    qtbot.addWidget(view)
    view.set_facts(Facts(MONDAY, (), PcscFacts(False, error="pcscd is not running"),
                         Reach("https://bo.example", None, None, Offline("no route")), "k", None, ()))
    shown = lines(view)
    assert ("Smart-card service (pcscd)", "Not available", "") in shown and ("Error", "pcscd is not running", "") in shown
    assert ("Back office", "Not reachable", "") in shown
    assert any(line[0] == "Why" and line[1] for line in shown)


def test_a_closed_group_stays_closed_and_the_lock_clears_everything(qtbot):
    view = DiagnosticsView(Clock())
    qtbot.addWidget(view)
    view.set_facts(FACTS)
    view.facts.topLevelItem(0).setExpanded(False)
    view.set_facts(FACTS)
    assert not view.facts.topLevelItem(0).isExpanded() and view.facts.topLevelItem(1).isExpanded()
    view.set_key_warning("key in a file")
    view.set_exporting(True)
    assert not view.export_button.isEnabled() and view.export_outcome.text() == "Writing the diagnostic…"
    view.clear()
    assert view.facts.topLevelItemCount() == 0 and view.export_outcome.isHidden() and view.key_warning.isHidden()
    assert view.export_button.isEnabled()


def test_sizes_are_written_the_french_way():
    assert (size_text(12), size_text(2048), size_text(5 * 1024 ** 3)) == ("12 byte(s)", "2,0 KB", "5,0 GB")


def test_every_synced_domain_has_a_title():
    assert [domain.name for domain in DOMAINS if domain_title(domain.name) == domain.name] == []
