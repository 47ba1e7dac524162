"""A kiosk killed mid-session (a crash, ``kill -9``) starts again as if nothing happened: full screen on
its lock screen, nothing of the last session shown, the PIN asked again for the card still in, the store
opened despite what the dead process left (its ``-wal`` and ``-shm``, a half-written temporary file), and
the same section back after the PIN. The real application in processes of its own
(tests/integration/kiosk_driver.py), the emulated CPS in the private pcscd's virtual reader, the real
back office over HTTPS on loopback."""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.last_session import last_session_path, read_last_session
from desktop_app.sections import Section
from sync.engine import DOMAINS
from sync.vault import TEMPORARY

pytestmark = pytest.mark.pcsc

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("kiosk_driver.py")
DEADLINE = 120.0  # seconds for a driver's whole run on a loaded machine: a bound, never a pause


class Driven:
    """A running driver, its lines read as they come, each wait bounded."""

    def __init__(self, mode: str, data_dir: Path, backoffice, log: Path) -> None:
        screen = data_dir.parent / "screen.json"  # the practice's screen, not offscreen's default 800×800
        screen.write_text(json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": 1280, "height": 800,
                                                   "logicalDpiX": 96, "logicalDpiY": 96}]}))
        env = os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={screen}",  # with the private pcscd's
                            "PYTHONPATH": str(ROOT)}
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), mode, "--kiosk", "--data-dir", str(data_dir), "--backoffice",
             backoffice.url, "--ca", str(backoffice.ca_certificate), "--sync-interval", "1"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=log.open("wb"))
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        self._buffer = b""
        self._deadline = time.monotonic() + DEADLINE

    def line(self, prefix: str) -> dict:
        """The facts of the next line that starts with ``prefix``; fails on the driver's STUCK or end."""
        while True:
            while b"\n" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\n", 1)
                said, _, facts = raw.decode().partition(" ")
                if said == prefix:
                    return json.loads(facts)
                assert said != "STUCK", f"the driver stopped waiting for {facts}\n{self.stderr()}"
            left = self._deadline - time.monotonic()
            assert left > 0 and self._selector.select(left), f"no {prefix} line in time\n{self.stderr()}"
            chunk = os.read(self.process.stdout.fileno(), 65536)
            assert chunk, f"the driver ended before {prefix} ({self.process.wait()})\n{self.stderr()}"
            self._buffer += chunk

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self._selector.close()
        self.process.stdout.close()


def synced_at(store: Path, elsewhere: Path) -> datetime:
    """When a copy of ``store`` with its companions, as the dead process left them, was last synced, once
    SQLite checked it whole (the store itself stays as it was left, for the next start to find)."""
    elsewhere.mkdir()
    for companion in ("", "-wal", "-shm"):
        shutil.copy2(f"{store}{companion}", elsewhere / f"{store.name}{companion}")
    with closing(sqlite3.connect(elsewhere / store.name)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stamps = dict(copy.execute("SELECT domain, as_of FROM cursors").fetchall())
    return min(datetime.fromisoformat(stamps[domain.name]) for domain in DOMAINS)


@pytest.fixture
def drive(tmp_path, backoffice) -> Iterator:
    """``drive(mode)``: the driver on this test's data folder; killed at the end if still running."""
    started: list[Driven] = []

    def start(mode: str) -> Driven:
        driven = Driven(mode, tmp_path / "data", backoffice, tmp_path / f"{mode}-{len(started)}.log")
        started.append(driven)
        return driven

    yield start
    for driven in started:
        driven.kill()


def test_a_kiosk_killed_mid_session_starts_locked_and_clean_and_resumes_after_the_pin(drive, insert, tmp_path):
    data = tmp_path / "data"
    _, card = insert("cps")
    first = drive("session")
    before = first.line("READY")
    assert before["full_screen"] and before["frameless"] and "Lefèvre-Dupré" in before["holder"]
    assert before["section"] == Section.REJECTS.value and before["summary"] is not None
    stores = data / "stores"
    store = next(stores.glob("*.sqlite"))
    card.power_changed.clear()

    first.kill()  # kill -9, mid-session, the engine syncing every second
    assert first.process.returncode == -signal.SIGKILL
    assert card.power_changed.wait(10)  # pcscd reset the card of the dead connection: it forgot its PIN
    assert Path(f"{store}-wal").exists() and Path(f"{store}-shm").exists()  # what the dead process left
    assert synced_at(store, tmp_path / "copy") >= datetime.fromisoformat(before["summary"])  # nothing lost
    half = last_session_path(data).with_name(f"{last_session_path(data).name}{TEMPORARY}0badc0de")
    half.write_text('{"national_id": "81')  # a write the crash cut short
    assert read_last_session(last_session_path(data)).section is Section.REJECTS  # the kept one is whole

    second = drive("report")
    start = second.line("START")
    assert start["full_screen"] and start["frameless"] and start["locked"]
    pin = second.line("PIN")  # the card still in: its PIN again
    for shown in (start, pin):
        assert shown["locked"] and shown["holder"] == "" and shown["summary"] is None
        assert shown["home_lines_shown"] == []
        assert "Lefèvre" not in shown["shell_texts"] and "Tilleuls" not in shown["shell_texts"]
    resumed = second.line("RESUMED")
    assert not resumed["locked"] and "Lefèvre-Dupré" in resumed["holder"]
    assert resumed["section"] == Section.REJECTS.value  # the section he was on, from the kept file
    assert resumed["summary"] is not None and resumed["full_screen"]  # the store opened and read
    assert second.process.wait(60) == 0, second.stderr()
    problems = second.stderr()
    assert "database is locked" not in problems and "did not open" not in problems, problems
    assert "not usable" not in problems, problems  # the last-session file was whole
    assert not half.exists()  # the crash's leftover dropped by the next write
