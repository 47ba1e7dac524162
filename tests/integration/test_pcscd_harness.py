"""The private pcscd harness itself: a private socket, restarts, clear errors (a real pcscd)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cardreader.emulator.pcscd import (
    Mode,
    PcscdNotInstalled,
    PcscdStartError,
    PrivatePcscd,
    check_installation,
)
from cardreader.transport import list_readers, reader_states

pytestmark = pytest.mark.pcsc


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not reaped yet, is not)."""
    try:
        os.kill(pid, 0)
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except (ProcessLookupError, FileNotFoundError):
        return False


def test_the_daemon_shows_one_dual_slot_reader(pcscd):
    assert pcscd.reader_names == ("Cabinet Virtual Reader 00 00", "Cabinet Virtual Reader 00 01")
    assert list_readers() == list(pcscd.reader_names)
    assert reader_states() == [(name, None) for name in pcscd.reader_names]
    assert pcscd.ports[1] == pcscd.ports[0] + 1
    assert pcscd.env == {"PCSCLITE_CSOCK_NAME": str(pcscd.socket_path)}
    assert os.environ["PCSCLITE_CSOCK_NAME"] == str(pcscd.socket_path)
    assert pcscd.socket_path.is_socket()


def test_the_socket_is_private_and_the_system_path_untouched(pcscd):
    if pcscd.mode is Mode.SYSTEM:
        pytest.fail("no mount namespace here: the harness fell back to the system socket")
    assert pcscd.socket_path.parent == pcscd.workdir / "run"
    system_pid = pcscd.installation.ipc_dir / "pcscd.pid"
    if system_pid.exists():  # another pcscd's, never ours
        assert system_pid.read_bytes().strip(b"\0\n") != str(pcscd.pid).encode()
    conf = (pcscd.workdir / "reader.conf.d" / "vpcd").read_text()
    assert f"CHANNELID 0x{pcscd.ports[0]:04X}" in conf
    assert "--apdu" not in Path(f"/proc/{pcscd.pid}/cmdline").read_bytes().decode()  # PINs


def test_restart_keeps_socket_ports_and_names_for_this_process(pcscd):
    before = (pcscd.socket_path, pcscd.ports, pcscd.reader_names, pcscd.pid)
    pcscd.restart()
    assert (pcscd.socket_path, pcscd.ports, pcscd.reader_names) == before[:3]
    assert pcscd.pid != before[3] and not _alive(before[3])
    # libpcsclite read the socket path once, at this process's first call: it still reaches it
    assert list_readers() == list(pcscd.reader_names)


def test_stop_ends_the_process_by_pid_and_cleans_its_socket(pcscd):
    pid = pcscd.pid
    try:
        pcscd.stop()
        assert not pcscd.running and pcscd.pid is None
        assert not _alive(pid)
        assert not pcscd.socket_path.exists()
        pcscd.stop()  # idempotent
    finally:
        pcscd.start()
    assert list_readers() == list(pcscd.reader_names)


def test_ports_in_use_fail_fast_with_the_daemons_log(pcscd, tmp_path):
    other = PrivatePcscd(tmp_path / "other", base_port=pcscd.ports[0], name="Other Reader")
    with pytest.raises(PcscdStartError) as failure:
        other.start()
    message = str(failure.value)
    assert f"{pcscd.ports}" in message
    assert "pcscd.log" in message and "Could not initialize connection to virtual ICC" in message
    assert not other.running
    assert list_readers() == list(pcscd.reader_names)  # the first daemon is untouched


def test_a_second_daemon_with_its_own_ports_runs_beside(pcscd, tmp_path):
    if pcscd.mode is Mode.SYSTEM:
        pytest.fail("no mount namespace here: only one pcscd can run")
    with PrivatePcscd(tmp_path / "second", name="Second Reader") as second:
        assert second.socket_path != pcscd.socket_path
        assert set(second.ports).isdisjoint(pcscd.ports)
        assert second.reader_names == ("Second Reader 00 00", "Second Reader 00 01")
        assert second.running
        pid = second.pid
    assert not _alive(pid)
    assert list_readers() == list(pcscd.reader_names)


def test_one_workdir_serves_one_daemon(pcscd):
    twin = PrivatePcscd(pcscd.workdir, name="Twin")
    with pytest.raises(PcscdStartError, match="another PrivatePcscd is running in"):
        twin.start()


def test_a_stale_daemon_of_a_killed_run_is_stopped(pcscd, tmp_path):
    first = PrivatePcscd(tmp_path / "stale", name="Stale Reader")
    first.start()
    orphan = first.pid
    first._unlock_workdir()  # what dying without stop() leaves: the daemon, its pid in the workdir
    first._proc = None
    second = PrivatePcscd(tmp_path / "stale", base_port=first.ports[0], name="Stale Reader")
    try:
        second.start()
        assert second.running and second.pid != orphan
        assert not _alive(orphan)
    finally:
        second.stop()


def test_missing_pieces_are_named(tmp_path):
    with pytest.raises(
        PcscdNotInstalled, match="pcscd, the PC/SC daemon, is not installed.*apt-get install"
    ):
        check_installation(pcscd=tmp_path / "pcscd")
    with pytest.raises(PcscdNotInstalled, match="vpcd driver.*vsmartcard-vpcd"):
        check_installation(vpcd_driver=tmp_path / "libifdvpcd.so")
    found = check_installation()
    assert found.vpcd_driver.is_file() and found.pcscd.is_file()
    assert found.ipc_dir == Path("/run/pcscd") or found.ipc_dir.is_absolute()


def test_names_that_would_break_the_reader_conf_are_refused(tmp_path):
    with pytest.raises(ValueError):
        PrivatePcscd(tmp_path, name='Bad "quoted" name')
    with pytest.raises(ValueError):
        PrivatePcscd(tmp_path, name="two\nlines")


_ORPHAN_MAKER = """
import os, signal, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from cardreader.emulator.pcscd import PrivatePcscd
daemon = PrivatePcscd(Path(sys.argv[1]), name="Orphan Reader")
daemon.start()
print(daemon.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # dies without stop()
"""


def test_the_daemon_does_not_outlive_a_killed_test_run(pcscd, tmp_path):
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _ORPHAN_MAKER, str(tmp_path / "orphan"), str(root)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    orphan = int(done.stdout)
    deadline = time.monotonic() + 5.0
    while _alive(orphan) and time.monotonic() < deadline:
        threading.Event().wait(0.02)  # not our child: polling is the only way to see it end
    assert not _alive(orphan), f"pcscd {orphan} outlived the process that started it"
