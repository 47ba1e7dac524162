"""French first: installs the app's translation (and Qt's own) for the chosen language."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["CATALOGUES_DIR", "install_translations"]

log = logging.getLogger(__name__)

# The compiled catalogues (``cabinet_<language>.qm``) ship inside the package, so an installed wheel
# has them; ``make`` compiles them there from ``resources/translations/*.ts``. Wheels are installed
# unpacked, so the package's folder is a real one that QTranslator can read.
CATALOGUES_DIR = Path(str(resources.files(__package__) / "translations"))


def install_translations(app: QCoreApplication, language: str = "fr") -> list[QTranslator]:
    """Load ``cabinet_<language>.qm`` and Qt's base translation; returns the translators installed.

    The source strings are English (``cabinet_en`` only holds plural forms), so a missing French file
    would leave the UI in English: that is logged as a warning.
    """
    QLocale.setDefault(QLocale(language))
    ours = _install(app, f"cabinet_{language}", str(CATALOGUES_DIR))
    if ours is None:
        log.warning("no catalogue cabinet_%s.qm in %s: the interface stays in English", language, CATALOGUES_DIR)
    qt = _install(app, f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [translator for translator in (ours, qt) if translator is not None]


def _install(app: QCoreApplication, name: str, directory: str) -> QTranslator | None:
    translator = QTranslator(app)
    if not translator.load(name, directory):
        return None
    app.installTranslator(translator)
    return translator
