"""QtCharts is heavy: the window up to its lock screen, with every section's page built, never loads it;
the Activité page's first figures do, on the pool (``load_charts``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import sys
from PySide6.QtWidgets import QApplication
from desktop_app.main_window import MainWindow
from desktop_app.ops import OpRunner
from desktop_app.section_list import section_presenters
from desktop_app.sections import Section
from desktop_app.views.activity import ActivityView, load_charts

app = QApplication([])
window = MainWindow()
presenters = section_presenters(window, OpRunner(), None, None, None)
assert isinstance(window.shell.page(Section.ACTIVITY), ActivityView)
window.show()
app.processEvents()
print("before", "PySide6.QtCharts" in sys.modules)
load_charts()
print("after", "PySide6.QtCharts" in sys.modules)
"""


def test_the_window_loads_qtcharts_only_with_the_activity_figures():
    done = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["before", "False", "after", "True"]
