"""``make demo`` headless: its scripted tour runs end to end against the real back office, the private
pcscd and the emulated cards, signs in with the CPS and locks on the pull, and leaves its pictures."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from cardreader.emulator.pcscd import SOCKET_ENV
from cardreader.emulator.profiles import STOCK_CARDS
from desktop_app.demo_tour import SHOTS

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_tour_signs_in_with_the_cps_and_locks_on_the_pull(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != SOCKET_ENV}  # its own pcscd, not the suite's
    env |= {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "desktop_app.demo", "--workdir", str(tmp_path), "--tour",
                           str(tmp_path / "tour")], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    said = [line for line in done.stdout.splitlines() if line.startswith("Tour:")]
    assert [line.split(" ✓")[0] for line in said] == [
        "Tour: the lock screen with its readers", "Tour: the PIN dialog",
        "Tour: the session, its Accueil read from the synced store",
        "Tour: the lock after the pull"]
    for name in SHOTS:
        image = QImage(str(tmp_path / "tour" / name))
        assert not image.isNull() and image.width() > 800, name
    # the back office saw the card sign-in: one card session, Dr Lefèvre-Dupré's
    with sqlite3.connect(tmp_path / "backoffice" / "backoffice.sqlite") as db:
        sessions = db.execute("SELECT s.kind FROM sessions s JOIN professionals p ON p.id = s.professional_id "
                              "WHERE p.national_id = ?", (STOCK_CARDS["cps"].holder.national_id,)).fetchall()
    assert sessions == [("card",)]
