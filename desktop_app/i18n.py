"""French first: installs the app's translation (and Qt's own) for the chosen language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["TRANSLATIONS_DIR", "install_translations"]

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def install_translations(app: QCoreApplication, language: str = "fr") -> list[QTranslator]:
    """Load ``cabinet_<language>.qm`` and Qt's base translation.

    The source strings are English (``cabinet_en`` only holds plural forms), so a missing French file
    would leave the UI in English: that is reported by the return value being empty, which the caller
    logs.
    """
    QLocale.setDefault(QLocale(language))
    loaded = []
    for name, directory in (
        (f"cabinet_{language}", str(TRANSLATIONS_DIR)),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded
