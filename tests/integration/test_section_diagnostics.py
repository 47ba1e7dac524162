"""Diagnostics end to end: the facts of the signed-in workstation (pcscd's readers and the card's ATR, the
back office reached, the store's freshness) and "Export a diagnostic", whose archive is scanned for every
NIR and name of the seeded practice (read from the back office's database) and the session's token.
The emulated CPS in the private pcscd's reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import zipfile
from urllib.parse import quote

import pytest
from PySide6.QtWidgets import QTreeWidgetItemIterator
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet, synced  # noqa: F401 (a fixture)

from desktop_app.app import CabinetApp
from desktop_app.sections import Section

pytestmark = pytest.mark.pcsc


def facts(cabinet: CabinetApp) -> list[tuple[str, str, str]]:
    found, iterator = [], QTreeWidgetItemIterator(cabinet.window.diagnostics.facts)
    while iterator.value():
        item = iterator.value()
        found.append((item.text(0), item.text(1), item.text(2)))
        iterator += 1
    return found


def personal_strings(db_path) -> set[str]:
    """Every NIR (whole, without its key, spaced, in a URL) and name of the back office's patients and
    professionals."""
    with sqlite3.connect(db_path) as db:
        patients = db.execute("SELECT nir, last_name, first_name FROM patients").fetchall()
        professionals = db.execute("SELECT national_id, last_name, first_name FROM professionals").fetchall()
    found: set[str] = set()
    for nir, last, first in patients:
        spaced = " ".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]))
        found |= {nir, nir[:13], spaced, quote(spaced), last, first, last.upper()}
    for national_id, last, first in professionals:
        found |= {national_id, last, first, last.upper()}
    return {text for text in found if len(text) >= 4}


def test_diagnostics_shows_the_workstation_and_exports_an_archive_without_health_data(
        qtbot, start_cabinet, insert, backoffice, pcscd, tmp_path, caplog):
    caplog.set_level(logging.INFO)  # the log file gets the records a real run writes (httpx's URLs…)
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    reader = pcscd.reader_names[0]  # the CPS's
    synced(qtbot, cabinet)
    session = cabinet.controller._session
    with sqlite3.connect(backoffice.db_path) as db:
        patient = db.execute("SELECT nir, last_name, first_name FROM patients ORDER BY id LIMIT 1").fetchone()
        tokens = {row[0] for row in db.execute("SELECT token_hash FROM sessions WHERE ended_at IS NULL")}
    token = session.client._token
    assert hashlib.sha256(token.encode()).hexdigest() in tokens  # the session's own token, as the server knows it
    # what a careless log line would leak; the NIR is masked as written, the names by the archive
    logging.getLogger("desktop_app.test").warning("patient %s %s (%s), token %s", patient[1], patient[2],
                                                  patient[0], token)
    cabinet.window.shell.show_section(Section.DIAGNOSTICS)
    qtbot.waitUntil(lambda: any(line[0] == "Back office" and line[1].startswith("Reachable") for line in facts(cabinet))
                    and any(line[0] == "Payments" and line[1].startswith("Up to date") for line in facts(cabinet)),
                    timeout=WAIT)
    shown = facts(cabinet)
    assert ("Smart-card service (pcscd)", f"Running — {len(pcscd.reader_names)} reader(s)", "") in shown
    assert any(line[0] == reader and line[1].startswith("ATR 3B") for line in shown)
    assert ("workstation", "poste-test", "default") in shown  # given by the test's Settings, not by a layer

    presenter = cabinet.controller.sections.presenters[Section.DIAGNOSTICS]
    target = tmp_path / "diagnostic.zip"
    presenter.ask_path = lambda parent, suggested: target
    cabinet.window.diagnostics.export_button.click()
    outcome = cabinet.window.diagnostics.export_outcome
    qtbot.waitUntil(lambda: outcome.text().startswith("Diagnostic saved"), timeout=WAIT)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        text = "\n".join(archive.read(name).decode() for name in names)
    assert "facts.json" in names and "logs/cabinet.log" in names
    assert "desktop_app.test" in text and "/v1/payments" in text  # the logs are there…
    leaked = {secret for secret in personal_strings(backoffice.db_path) | {token, token[:16]} if secret in text}
    assert not leaked  # …without a NIR, a name or the token

    presenter.ask_path = lambda parent, suggested: tmp_path / "gone" / "diagnostic.zip"  # a folder removed meanwhile
    cabinet.window.diagnostics.export_button.click()
    qtbot.waitUntil(lambda: outcome.text().startswith("The diagnostic could not be saved: "), timeout=WAIT)
    assert cabinet.window.diagnostics.export_button.isEnabled() and not (tmp_path / "gone").exists()
