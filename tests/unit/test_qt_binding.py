"""The Qt binding itself: a window stays open all day, so a leak per call is a crash in the afternoon.

PySide6 6.12.0 on CPython 3.11 released a reference to ``None`` at each call of a method returning
nothing (and each ``None`` read back from Qt) until the interpreter aborted ("none_dealloc") after a few
thousand calls; pyproject.toml excludes it. On CPython 3.12+ ``None`` is immortal and its count fixed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel

CALLS = 20_000


def test_calls_returning_nothing_leave_none_alive(qapp):
    label, combo = QLabel(), QComboBox()
    combo.addItem("sans donnée", None)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setVisible(False)
        combo.currentData()
    assert sys.getrefcount(None) >= before - 100  # a few references may come and go; not one per call
