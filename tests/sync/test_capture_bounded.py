"""The bounded inspection (sync.capture.inspect_bounded): the same verdicts as inspect_file, in a child
process whose memory and time are bounded; issue 7's object-stream bomb, which inspect_file lets pass
after ~200 MB and 5 s, is refused at the memory bound and Cabinet's own memory does not move."""

from __future__ import annotations

import fcntl
import io
import os
import signal
import struct
import termios
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from scan_pdf import A4, object_stream_bomb, pixels, scan

from sync.capture import Inspection, Kind, Limits, Refusal, inspect_bounded, inspect_file
from sync.capture.bounded import InspectionWorker


def _high_water_mark() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def test_a_scan_gets_the_same_verdict_as_inspect_file(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(pages=3))
    assert inspect_bounded(path) == inspect_file(path)
    assert inspect_bounded(path).pages == 3
    out = io.BytesIO()
    Image.new("L", pixels(A4, 200), 230).save(out, "JPEG")
    (tmp_path / "scan.jpg").write_bytes(out.getvalue())
    found = inspect_bounded(tmp_path / "scan.jpg")
    assert (found.kind, found.pages, found.refusal) == (Kind.JPEG, 1, None)


def test_a_refusal_comes_back_with_its_code_and_detail(tmp_path):
    path = tmp_path / "cut.pdf"
    data = scan(pages=2)
    path.write_bytes(data[: len(data) // 3])
    found = inspect_bounded(path)
    assert found == inspect_file(path) and found.refusal is Refusal.CORRUPT and found.detail


def test_the_object_stream_bomb_is_refused_at_the_memory_bound(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(object_stream_bomb(burn_cpu=False))
    peak, started = _high_water_mark(), time.monotonic()
    found = inspect_bounded(path)
    elapsed = time.monotonic() - started
    assert (found.kind, found.refusal) == (Kind.PDF, Refusal.TOO_COMPLEX), found
    assert "memory" in found.detail
    assert elapsed < 5  # unbounded: ~5 s and ~200 MB
    assert _high_water_mark() - peak < 50 * 2**20  # the bomb was inflated in the child, not here
    # the same structure with small streams is an honest scan
    path.write_bytes(object_stream_bomb(stream_bytes=100_000, burn_cpu=False))
    assert inspect_bounded(path).accepted


def test_an_image_too_large_to_decode_within_the_bound_is_a_bomb(tmp_path):
    # 36 M pixels of RGB pass the pixel count (40 M) but not a 64 MiB memory budget once decoded
    path = tmp_path / "big.png"
    Image.new("RGB", (6000, 6000), (200, 200, 200)).save(path, compress_level=1)
    found = inspect_bounded(path, Limits(image_memory=64 * 2**20))
    assert (found.kind, found.refusal) == (Kind.PNG, Refusal.DECOMPRESSION_BOMB), found
    assert inspect_bounded(path).accepted


def test_an_inspection_past_the_time_bound_is_killed_and_refused(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(object_stream_bomb(burn_cpu=False))
    found = inspect_bounded(path, Limits(pdf_memory=2**30, seconds=1.0))
    assert (found.refusal, found.detail) == (Refusal.TOO_COMPLEX, "over 1 s")


def test_a_missing_file_raises_as_inspect_file_does(tmp_path):
    with pytest.raises(FileNotFoundError):
        inspect_bounded(tmp_path / "gone.pdf")


def test_a_child_that_crashes_is_a_refusal_not_an_exception():
    """How a child's end without a verdict is read (pure): killed (a C++ allocation aborting under the
    limit) is a bound; any other crash blames the file."""
    from subprocess import CompletedProcess

    from sync.capture.bounded import _ended_without_verdict

    def ended(code: int, kind: Kind):
        return _ended_without_verdict(Path("x"), 10, kind, CompletedProcess([], code, b"", b"Segmentation fault\n"))

    assert ended(-6, Kind.PDF).refusal is Refusal.TOO_COMPLEX
    assert ended(-9, Kind.TIFF).refusal is Refusal.DECOMPRESSION_BOMB
    crashed = ended(-11, Kind.PDF)
    assert crashed.refusal is Refusal.CORRUPT and "Segmentation fault" in crashed.detail


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    assert inspect_bounded(tmp_path / "pipe.pdf").refusal is Refusal.NOT_A_SCAN
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert inspect_bounded(tmp_path / "empty.pdf").refusal is Refusal.EMPTY


def _good_jpeg(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("L", pixels(A4, 200), 230).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def _crashed_while_inspecting(worker: InspectionWorker, path: Path) -> Inspection:
    """``path`` inspected by a worker that dies of a segmentation fault once it holds the request: the
    child is stopped, the request written to its pipe, then it gets SIGSEGV (pending until it runs)."""
    pid = worker.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    found: list[Inspection] = []
    inspecting = threading.Thread(target=lambda: found.append(worker.inspect(path)))
    inspecting.start()
    pipe = worker._process.stdin.fileno()
    deadline = time.monotonic() + 10
    while struct.unpack("i", fcntl.ioctl(pipe, termios.FIONREAD, b"\0" * 4))[0] == 0:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(pid, signal.SIGSEGV)
    os.kill(pid, signal.SIGCONT)
    inspecting.join(10)
    return found[0]


def test_one_worker_serves_file_after_file_and_a_hostile_one_leaves_it_sound(tmp_path):
    """A bomb, a good file, a crash, a good file: each hostile file costs its own refusal and a new
    child; the good ones are accepted; good files are served by the same child."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(object_stream_bomb(burn_cpu=False))
    good, other = _good_jpeg(tmp_path / "good.jpg"), tmp_path / "other.pdf"
    other.write_bytes(scan(pages=2))
    with InspectionWorker(Limits()) as worker:
        assert inspect_bounded(good) == worker.inspect(good) and worker.inspect(good).accepted
        first = worker.pid
        assert worker.inspect(other).pages == 2 and worker.pid == first  # no new process per file
        assert worker.inspect(bomb).refusal is Refusal.TOO_COMPLEX
        assert worker.pid is None  # out of memory: its state is not trusted, it was ended
        assert worker.inspect(good).accepted
        crashed = _crashed_while_inspecting(worker, other)
        assert (crashed.kind, crashed.refusal) == (Kind.PDF, Refusal.CORRUPT), crashed
        assert "-11" in crashed.detail
        assert worker.inspect(good).accepted and worker.inspect(other).pages == 2
        last = worker.pid
    assert last is not None and not Path(f"/proc/{last}").exists()  # closed and reaped: no zombie


def test_after_a_timeout_the_next_file_gets_a_fresh_worker(tmp_path):
    bomb, good = tmp_path / "bomb.pdf", _good_jpeg(tmp_path / "good.jpg")
    bomb.write_bytes(object_stream_bomb(burn_cpu=False))
    with InspectionWorker(Limits(pdf_memory=2**30, seconds=1.0)) as worker:
        assert worker.inspect(good).accepted
        killed = worker.pid
        assert (worker.inspect(bomb).refusal, worker.pid) == (Refusal.TOO_COMPLEX, None)
        assert killed is not None and not Path(f"/proc/{killed}").exists()
        assert worker.inspect(good).accepted


def test_a_worker_that_died_while_idle_is_replaced_without_blaming_the_next_file(tmp_path):
    good = _good_jpeg(tmp_path / "good.jpg")
    with InspectionWorker() as worker:
        assert worker.inspect(good).accepted
        dead = worker.pid
        os.kill(dead, signal.SIGKILL)
        os.waitid(os.P_PID, dead, os.WEXITED | os.WNOWAIT)  # dead (not reaped: the worker reaps it)
        assert worker.inspect(good).accepted and worker.pid not in (None, dead)


def test_a_worker_is_replaced_after_its_quota_of_files(tmp_path, monkeypatch):
    monkeypatch.setattr("sync.capture.bounded.FILES_PER_WORKER", 2)
    good = _good_jpeg(tmp_path / "good.jpg")
    with InspectionWorker() as worker:
        worker.inspect(good)
        first = worker.pid
        worker.inspect(good)
        assert worker.pid is None and not Path(f"/proc/{first}").exists()
        assert worker.inspect(good).accepted
