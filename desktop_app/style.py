"""The application's one style sheet, so that every screen shares the same calm look.

The sheet is written in ``resources/style/cabinet.qss`` (the sign-in screens) and ``shell.qss`` (the
signed-in shell); ``make`` joins them into the package (as it compiles the translations), so an
installed wheel has it.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtWidgets import QApplication

__all__ = ["STYLE_SHEET", "apply_style"]

log = logging.getLogger(__name__)

STYLE_SHEET = Path(str(resources.files(__package__) / "cabinet.qss"))


def apply_style(app: QApplication) -> bool:
    """Fusion (the same widgets on every system) under Cabinet's sheet; False when the sheet is missing."""
    app.setStyle("Fusion")
    try:
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("no style sheet at %s (run make install): the default look is used", STYLE_SHEET)
        return False
    return True
