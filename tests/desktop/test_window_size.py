"""The signed-in window fits the screens practices have: with every section's page in it, in French (the
longer language) and styled, it can be made as small as 1024×768, so a kiosk on such a screen is full
screen and a workstation's window is never wider than its screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop_app.i18n import CATALOGUES_DIR
from desktop_app.main_window import MainWindow
from desktop_app.ops import OpRunner
from desktop_app.section_list import section_presenters
from desktop_app.sections import Section
from desktop_app.settings import Settings
from desktop_app.style import apply_style

SMALLEST_SCREEN = (1024, 768)


@pytest.fixture
def french(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load("cabinet_fr", str(CATALOGUES_DIR))
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale("fr"))
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale("en"))


def test_the_window_with_every_section_fits_a_1024_by_768_screen(qapp, qtbot, french, tmp_path):
    apply_style(qapp)
    window = MainWindow()
    qtbot.addWidget(window)
    ops = OpRunner()
    try:
        section_presenters(window, ops, Settings(data_dir=tmp_path), None, None)
        smallest = window.minimumSizeHint()
        widest = max(Section, key=lambda section: window.shell.page(section).minimumSizeHint().width())
        assert smallest.width() <= SMALLEST_SCREEN[0], f"the widest page: {widest}"
        assert smallest.height() <= SMALLEST_SCREEN[1]
    finally:
        ops.shutdown()
