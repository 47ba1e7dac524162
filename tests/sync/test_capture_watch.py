"""The watched scan folder on real folders with a fake clock: settled files only, each taken once
(known by content, not by name), originals archived only after sealing and never over another file,
and a crash between sealing and archiving finished on the next start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.capture import watch
from sync.capture.watch import Arrival, JournalError, ScanFolder


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Crash(Exception):
    """Stands for a kill at that instant."""


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "scans"
    folder.mkdir()
    return folder, tmp_path / "archive", tmp_path / "state" / "journal.json"


def make(dirs: tuple[Path, Path, Path], clock: Clock) -> ScanFolder:
    folder, archive, journal = dirs
    return ScanFolder(folder, archive, journal, settle_seconds=3.0, clock=clock)


def settle(scans: ScanFolder, clock: Clock) -> list[Arrival]:
    """Two polls the settle time apart: whatever stopped growing is taken."""
    first = scans.poll()
    clock.now += 3.0
    return first + scans.poll()


def names(arrivals: list[Arrival]) -> list[str]:
    return sorted(a.path.name for a in arrivals)


def test_a_growing_file_is_taken_once_it_has_settled(dirs, clock):
    folder = dirs[0]
    scans = make(dirs, clock)
    scan = folder / "SCN_0001.pdf"
    scan.write_bytes(b"%PDF-1.4 first half")
    assert scans.poll() == []
    clock.now += 2.0
    with scan.open("ab") as handle:
        handle.write(b" second half")
    assert scans.poll() == []
    clock.now += 2.0  # 4 s after the first sight, 2 s after the last growth
    assert scans.poll() == []
    clock.now += 1.0
    [arrival] = scans.poll()
    assert arrival.path == scan and arrival.size == len(b"%PDF-1.4 first half second half")
    clock.now += 10.0
    assert scans.poll() == []  # returned once


def test_files_already_there_at_start_are_taken(dirs, clock):
    folder = dirs[0]
    for name in ("a.pdf", "b.jpg"):
        (folder / name).write_bytes(name.encode())
    assert names(settle(make(dirs, clock), clock)) == ["a.pdf", "b.jpg"]


def test_hidden_partial_and_sub_folder_entries_are_ignored(dirs, clock):
    folder = dirs[0]
    for name in (".hidden.pdf", "scan.pdf.part", "scan.tmp", "~lock.pdf", "SCAN.PART", "Thumbs.db", "desktop.ini"):
        (folder / name).write_bytes(name.encode())
    (folder / "sub").mkdir()
    (folder / "sub" / "inside.pdf").write_bytes(b"inside")
    (folder / "real.pdf").write_bytes(b"real")
    assert names(settle(make(dirs, clock), clock)) == ["real.pdf"]


def test_a_reused_name_is_a_new_scan_and_the_archive_never_overwrites(dirs, clock):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "SCN_0001.pdf").write_bytes(b"first scan")
    [first] = settle(scans, clock)
    assert scans.done(first, "SCN_0001.pdf") == archive / "SCN_0001.pdf"
    assert not (folder / "SCN_0001.pdf").exists()
    (folder / "SCN_0001.pdf").write_bytes(b"second scan")
    [second] = settle(scans, clock)
    assert second.key != first.key
    assert scans.done(second, "SCN_0001.pdf") == archive / "SCN_0001 (2).pdf"
    assert (archive / "SCN_0001.pdf").read_bytes() == b"first scan"
    assert (archive / "SCN_0001 (2).pdf").read_bytes() == b"second scan"


def test_an_archived_file_of_another_origin_is_never_overwritten(dirs, clock):
    folder, archive, _ = dirs
    archive.mkdir()
    (archive / "doc.pdf").write_bytes(b"kept before")
    scans = make(dirs, clock)
    (folder / "x.pdf").write_bytes(b"new")
    [arrival] = settle(scans, clock)
    assert scans.done(arrival, "doc.pdf") == archive / "doc (2).pdf"
    assert (archive / "doc.pdf").read_bytes() == b"kept before"
    with pytest.raises(ValueError):
        scans.done(arrival, "../escape.pdf")


def test_the_same_content_copied_twice_is_taken_once(dirs, clock):
    folder = dirs[0]
    scans = make(dirs, clock)
    (folder / "one.pdf").write_bytes(b"same sheet")
    (folder / "copy of one.pdf").write_bytes(b"same sheet")
    [arrival] = settle(scans, clock)
    scans.done(arrival, "sheet.pdf")
    (folder / "again.pdf").write_bytes(b"same sheet")  # copied once more, after it was archived
    assert settle(scans, clock) == []
    assert settle(make(dirs, clock), clock) == []  # nor by the next start (the journal)


def test_a_file_taken_but_not_sealed_before_a_crash_is_taken_again(dirs, clock):
    folder = dirs[0]
    (folder / "a.pdf").write_bytes(b"a")
    assert len(settle(make(dirs, clock), clock)) == 1
    assert names(settle(make(dirs, clock), clock)) == ["a.pdf"]  # nothing lost


def test_a_released_file_is_taken_again(dirs, clock):
    folder = dirs[0]
    scans = make(dirs, clock)
    (folder / "a.pdf").write_bytes(b"a")
    [arrival] = settle(scans, clock)
    assert settle(scans, clock) == []
    scans.release(arrival)
    assert names(settle(scans, clock)) == ["a.pdf"]


@pytest.mark.parametrize("where", ["before the archive copy", "after the archive copy"])
def test_a_crash_between_sealing_and_archiving_is_finished_on_the_next_start(dirs, clock, monkeypatch, where):
    folder, archive, journal = dirs
    scans = make(dirs, clock)
    (folder / "SCN_0001.pdf").write_bytes(b"sealed scan")
    [arrival] = settle(scans, clock)

    def crash(*args: object) -> None:
        raise Crash

    if where == "before the archive copy":
        monkeypatch.setattr(ScanFolder, "_place", crash)
    else:
        monkeypatch.setattr(watch, "fsync_directory", crash)  # called once the archive holds the copy
    with pytest.raises(Crash):
        scans.done(arrival, "doc-1.pdf")
    monkeypatch.undo()
    assert (folder / "SCN_0001.pdf").exists()
    assert json.loads(journal.read_text())["files"][arrival.key]["state"] == "sealed"

    restarted = make(dirs, clock)
    assert not (folder / "SCN_0001.pdf").exists()
    assert sorted(p.name for p in archive.iterdir()) == ["doc-1.pdf"]
    assert (archive / "doc-1.pdf").read_bytes() == b"sealed scan"
    assert json.loads(journal.read_text())["files"][arrival.key] == {
        "name": "SCN_0001.pdf", "state": "archived", "target": "doc-1.pdf"}
    assert settle(restarted, clock) == []


def test_a_sealed_scan_replaced_before_archiving_is_not_archived_in_its_stead(dirs, clock, monkeypatch):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "SCN_0001.pdf").write_bytes(b"first")
    [arrival] = settle(scans, clock)
    monkeypatch.setattr(ScanFolder, "_place", lambda *args: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        scans.done(arrival, "doc.pdf")
    monkeypatch.undo()
    (folder / "SCN_0001.pdf").write_bytes(b"the copier's next scan, same name")
    restarted = make(dirs, clock)
    assert list(archive.iterdir()) == []
    assert names(settle(restarted, clock)) == ["SCN_0001.pdf"]  # the new scan is a new arrival


def test_an_unreadable_journal_stops_the_watch_rather_than_taking_everything_again(dirs, clock):
    journal = dirs[2]
    journal.parent.mkdir()
    journal.write_text("{not json")
    with pytest.raises(JournalError, match="journal"):
        make(dirs, clock)


def test_without_hard_links_the_original_is_copied_and_still_never_overwrites(dirs, clock, monkeypatch):
    folder, archive, _ = dirs
    archive.mkdir()
    (archive / "doc.pdf").write_bytes(b"kept before")
    scans = make(dirs, clock)
    (folder / "SCN_0001.pdf").write_bytes(b"scan on a share")
    [arrival] = settle(scans, clock)

    def no_links(source: object, target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(watch.os, "link", no_links)
    assert scans.done(arrival, "doc.pdf") == archive / "doc (2).pdf"
    assert not (folder / "SCN_0001.pdf").exists()
    assert sorted(p.name for p in archive.iterdir()) == ["doc (2).pdf", "doc.pdf"]  # no staged copy left
    assert (archive / "doc.pdf").read_bytes() == b"kept before"
    assert (archive / "doc (2).pdf").read_bytes() == b"scan on a share"


def test_done_said_twice_keeps_the_first_archive(dirs, clock):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "a.pdf").write_bytes(b"a")
    [arrival] = settle(scans, clock)
    assert scans.done(arrival, "a.pdf") == archive / "a.pdf"
    assert scans.done(arrival, "other.pdf") == archive / "a.pdf"
    assert [p.name for p in archive.iterdir()] == ["a.pdf"]


def test_a_folder_gone_for_a_while_takes_nothing_twice(dirs, clock, tmp_path):
    folder = dirs[0]
    scans = make(dirs, clock)
    (folder / "a.pdf").write_bytes(b"a")
    assert len(settle(scans, clock)) == 1
    folder.rename(tmp_path / "unmounted")
    assert scans.poll() == []  # the share is away: no error, nothing arrives
    (tmp_path / "unmounted").rename(folder)
    assert settle(scans, clock) == []  # still waiting for its done(): not returned again


def test_a_resumed_archiving_without_hard_links_skips_a_name_taken_since(dirs, clock, monkeypatch):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "SCN_0001.pdf").write_bytes(b"sealed scan")
    [arrival] = settle(scans, clock)
    monkeypatch.setattr(ScanFolder, "_place", lambda *args: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        scans.done(arrival, "doc.pdf")
    monkeypatch.undo()
    (archive / "doc.pdf").write_bytes(b"put there since")

    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(watch.os, "link", no_links)
    make(dirs, clock)
    assert (archive / "doc.pdf").read_bytes() == b"put there since"
    assert (archive / "doc (2).pdf").read_bytes() == b"sealed scan"
    assert not (folder / "SCN_0001.pdf").exists()


_CHILD = """
import os, sys, time
from pathlib import Path
from sync.capture.watch import ScanFolder
folder, archive, journal, sealed_log = map(Path, sys.argv[1:5])
sealed = set(sealed_log.read_text().split()) if sealed_log.exists() else set()
scans = ScanFolder(folder, archive, journal, settle_seconds=0.0)
print("ready", flush=True)
while any(folder.iterdir()):
    for arrival in scans.poll():
        if arrival.key not in sealed:  # the stand-in for the sealed store: sealing is idempotent by key
            with sealed_log.open("a") as log:
                log.write(arrival.key + "\\n")
                log.flush()
                os.fsync(log.fileno())
            sealed.add(arrival.key)
        time.sleep(0.004)  # stretch the work so that kills land between any two steps
        scans.done(arrival, arrival.path.name)
"""


def test_kill_9_at_random_moments_loses_nothing_and_takes_nothing_twice(tmp_path):
    import os
    import random
    import subprocess
    import sys

    folder, archive, journal, sealed_log = (tmp_path / n for n in ("scans", "archive", "journal.json", "sealed"))
    folder.mkdir()
    contents = {f"SCN_{i:04d}.pdf": os.urandom(2000 + i) for i in range(150)}
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    command = [sys.executable, "-c", _CHILD, str(folder), str(archive), str(journal), str(sealed_log)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    rng, kills = random.Random(11), 0
    while kills < 25 and any(folder.iterdir()):
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)
        try:
            child.stdout.readline()  # past the imports and the resume: kill it at work
            child.wait(timeout=rng.uniform(0.0, 0.15))
        except subprocess.TimeoutExpired:
            child.kill()  # SIGKILL
            kills += 1
        child.communicate()
    subprocess.run(command, env=env, check=True, timeout=30, stdout=subprocess.DEVNULL)
    assert kills >= 10  # mid-work: each kill above left scans in the folder
    sealed = sealed_log.read_text().split()
    assert len(sealed) == len(set(sealed)) == len(contents)  # each scan sealed exactly once
    assert list(folder.iterdir()) == []  # every original left the scan folder...
    archived = sorted(p.read_bytes() for p in archive.iterdir())
    assert archived == sorted(contents.values())  # ...into the archive, once, whole, no leftovers


def test_an_archiving_cut_by_an_error_is_finished_at_a_later_poll_and_not_while_the_share_is_away(
        dirs, clock, monkeypatch, tmp_path):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "a.pdf").write_bytes(b"a")
    [arrival] = settle(scans, clock)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ScanFolder, "_place", disk_full)
    with pytest.raises(OSError):
        scans.done(arrival, "a.pdf")
    monkeypatch.undo()
    folder.rename(tmp_path / "unmounted")
    restarted = make(dirs, clock)  # the share is not there yet: its original is not taken for gone
    (tmp_path / "unmounted").rename(folder)
    assert restarted.poll() == []
    assert not (folder / "a.pdf").exists() and (archive / "a.pdf").read_bytes() == b"a"


def test_an_archiving_cut_by_an_error_is_not_forgotten_after_another_one_succeeds(dirs, clock, monkeypatch):
    folder, archive, _ = dirs
    scans = make(dirs, clock)
    (folder / "a.pdf").write_bytes(b"a")
    (folder / "b.pdf").write_bytes(b"b")
    first, second = sorted(settle(scans, clock), key=lambda arrival: arrival.path.name)
    with monkeypatch.context() as patched:
        patched.setattr(ScanFolder, "_place", lambda *args: (_ for _ in ()).throw(OSError(5, "I/O error")))
        with pytest.raises(OSError):
            scans.done(first, "a.pdf")
    assert scans.done(second, "b.pdf") == archive / "b.pdf"
    assert scans.poll() == []
    assert sorted(p.name for p in archive.iterdir()) == ["a.pdf", "b.pdf"] and list(folder.iterdir()) == []
