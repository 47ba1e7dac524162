"""French first: every string of the interface has a finished French translation."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop_app.i18n import CATALOGUES_DIR

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "translations"


def test_every_message_is_translated():
    root = ET.parse(SOURCES / "cabinet_fr.ts").getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []


def test_compiled_french_translation_loads(qapp):
    translator = QTranslator()
    assert translator.load("cabinet_fr", str(CATALOGUES_DIR))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ReadersView", "Card readers") == "Lecteurs de cartes"
        assert QCoreApplication.translate("CardErrors", "Wrong PIN: %n try(ies) left.", None, 2) == (
            "Code porteur erroné : 2 essais restants.")
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """A string added to the code without running lupdate and translating it fails here."""
    root = Path(__file__).resolve().parents[2]
    sources = sorted(str(p) for p in (root / "desktop_app").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def catalogue(path):
        return {(c.findtext("name"), m.findtext("source"))
                for c in ET.parse(path).getroot().iter("context") for m in c.iter("message")}

    assert catalogue(fresh) <= catalogue(SOURCES / "cabinet_fr.ts")
