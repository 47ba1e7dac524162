"""A private pcscd with one dual-slot vpcd reader, for the tests and for ``make demo``.

pcscd 1.9.9 has no option for its socket path: it always listens on ``<ipcdir>/pcscd.comm``
(``/run/pcscd`` on Debian, see ``pcscd -v``), and writes its pid file next to it. The client library
(libpcsclite, hence pyscard) honours ``PCSCLITE_CSOCK_NAME``, **read once per process, at the
first PC/SC call**: a process that talks to this daemon must have ``env`` in its environment before
it makes any PC/SC call at all (set it in ``os.environ`` before, or pass it to a subprocess).

Three ways to run it, chosen once at construction (``mode``):

``namespace``
    ``unshare --mount`` (as non-root: ``unshare --user --map-root-user --mount``), then a bind
    mount of ``workdir/run`` over the ipc dir, so socket and pid file land in ``workdir/run``.
    Another pcscd on the machine is not disturbed. The USB drivers directory is also hidden (an
    empty directory is mounted over it), so a real reader plugged into the machine stays with the
    system pcscd instead of being claimed by this one; the vpcd driver is loaded from a copy in
    ``workdir``.
``socket-activation`` (non-root only, when user namespaces are refused, e.g. Ubuntu 24.04)
    This process creates the listening socket in ``workdir/run`` and hands it to pcscd as fd 3 the
    systemd way (``LISTEN_FDS``/``LISTEN_PID``). pcscd then only fails, harmlessly, to write its pid
    file into the root-owned ipc dir. As root this mode would overwrite and then delete the system
    pid file, so it is never used as root.
``system``
    Last resort (root without mount namespaces, e.g. a container without CAP_SYS_ADMIN): pcscd
    runs on the system path, which must be free; if another pcscd holds it, :class:`PcscdConflict`
    says so instead of failing obscurely.

vpcd listens on *all* interfaces (the driver has no bind address): connect to 127.0.0.1 only, and
do not run the demo on a machine whose firewall lets others reach the two ports.

Never started with ``-a`` (APDU logging): the traffic holds PINs.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import fcntl
import logging
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PcscdError",
    "PcscdNotInstalled",
    "PcscdStartError",
    "PcscdConflict",
    "PcscdInstallation",
    "Mode",
    "PrivatePcscd",
    "check_installation",
    "SOCKET_ENV",
]

log = logging.getLogger(__name__)

SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
DEFAULT_NAME = "Cabinet Virtual Reader"

_PCSCD_CANDIDATES = ("/usr/sbin/pcscd", "/usr/local/sbin/pcscd", "/sbin/pcscd")
_DRIVER_CANDIDATES = (
    "/usr/lib/pcsc/drivers/serial/libifdvpcd.so",
    "/usr/lib64/pcsc/drivers/serial/libifdvpcd.so",
    "/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so",
    "/usr/lib/x86_64-linux-gnu/pcsc/drivers/serial/libifdvpcd.so",
    "/usr/lib/aarch64-linux-gnu/pcsc/drivers/serial/libifdvpcd.so",
)
_INSTALL_HINT = "install them with: sudo apt-get install pcscd vsmartcard-vpcd"
_PORT_FAILURE = "Could not initialize connection to virtual ICC"
_LOG_MARK = "--- cabinet: "
_PROBE = r"""
import sys
from smartcard import scard
hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
if hr != scard.SCARD_S_SUCCESS:
    sys.exit(3)
hr, readers = scard.SCardListReaders(ctx, [])
scard.SCardReleaseContext(ctx)
if hr == scard.SCARD_S_SUCCESS:
    print("\n".join(readers))
sys.exit(0 if hr in (scard.SCARD_S_SUCCESS, scard.SCARD_E_NO_READERS_AVAILABLE) else 4)
"""


class PcscdError(RuntimeError):
    """The private pcscd could not be set up (harness error, not a card error)."""


class PcscdNotInstalled(PcscdError):
    pass


class PcscdStartError(PcscdError):
    pass


class PcscdConflict(PcscdStartError):
    def __init__(self, pid: int | None, socket_path: Path) -> None:
        self.pid = pid
        who = f"another pcscd (pid {pid})" if pid else "another pcscd"
        super().__init__(
            f"{who} already holds {socket_path}; stop it (sudo systemctl stop pcscd.socket "
            "pcscd.service) or allow a private mount namespace (root with CAP_SYS_ADMIN, or "
            "unprivileged user namespaces) so that a second pcscd can run beside it"
        )


class Mode(enum.Enum):
    NAMESPACE = "namespace"
    SOCKET_ACTIVATION = "socket-activation"
    SYSTEM = "system"


@dataclass(frozen=True)
class PcscdInstallation:
    pcscd: Path
    version: str
    vpcd_driver: Path
    ipc_dir: Path  # where the daemon puts pcscd.comm and pcscd.pid (compiled in)
    usb_drop_dir: Path | None  # the USB drivers directory (compiled in)

    @property
    def system_socket(self) -> Path:
        return self.ipc_dir / "pcscd.comm"


def check_installation(
    pcscd: str | os.PathLike[str] | None = None, vpcd_driver: str | os.PathLike[str] | None = None
) -> PcscdInstallation:
    """pcscd and the vpcd driver, found (or checked, when given) and described.

    Raises :class:`PcscdNotInstalled`, which says what to install, when either is missing.
    """
    if pcscd is not None:
        found = str(pcscd) if os.access(pcscd, os.X_OK) and Path(pcscd).is_file() else None
    else:
        found = shutil.which("pcscd") or next(
            (p for p in _PCSCD_CANDIDATES if os.access(p, os.X_OK)), None
        )
    if found is None:
        where = f" (no {pcscd})" if pcscd is not None else ""
        raise PcscdNotInstalled(
            f"pcscd, the PC/SC daemon, is not installed{where}; {_INSTALL_HINT}"
        )
    try:
        out = subprocess.run(
            [found, "--version"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise PcscdNotInstalled(f"{found} does not run: {error}") from error
    version = re.search(r"pcsc-lite version ([\w.]+)", out)
    ipc = re.search(r"ipcdir=(\S+)", out)
    drop = re.search(r"usbdropdir=(\S+)", out)
    if vpcd_driver is not None:
        candidates = [Path(vpcd_driver)]
    else:
        candidates = [Path(p) for p in _DRIVER_CANDIDATES]
        if drop is not None:
            candidates.append(Path(drop.group(1)) / "serial" / "libifdvpcd.so")
    driver = next((p for p in candidates if p.is_file()), None)
    if driver is None:
        where = f" (no {vpcd_driver})" if vpcd_driver is not None else ""
        raise PcscdNotInstalled(
            f"the vpcd driver (libifdvpcd.so, package vsmartcard-vpcd) is not installed{where}; "
            f"{_INSTALL_HINT}"
        )
    return PcscdInstallation(
        pcscd=Path(found),
        version=version.group(1) if version else "unknown",
        vpcd_driver=driver,
        ipc_dir=Path(ipc.group(1) if ipc else "/run/pcscd"),
        usb_drop_dir=Path(drop.group(1)) if drop else None,
    )


def _can_run(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, capture_output=True, timeout=10, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _namespace_prefix(ipc_dir: Path) -> list[str] | None:
    """The ``unshare`` command line that gives a private mount namespace here, or None."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    prefix = [unshare, "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix[1:1] = ["--user", "--map-root-user"]
    elif not ipc_dir.is_dir():
        # the daemon's own directory (pcscd or systemd creates it on first start): a mount point
        with contextlib.suppress(OSError):
            ipc_dir.mkdir(mode=0o755, parents=True)
    if not ipc_dir.is_dir():
        return None
    # mount, not just unshare: some sandboxes allow the namespace but refuse bind mounts in it
    if _can_run([*prefix, "mount", "--bind", str(ipc_dir), str(ipc_dir)]):
        return prefix
    return None


def _port_free(port: int) -> bool:
    # what vpcd does: SO_REUSEADDR, bound on every interface
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def _pick_ports() -> int:
    """A port P with P and P+1 free, below the ephemeral range (client sockets never take it)."""
    low = 32768
    with contextlib.suppress(OSError, ValueError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    top = max(low - 2, 20002)
    for _ in range(200):
        port = random.randrange(20000, top)
        if _port_free(port) and _port_free(port + 1):
            return port
    raise PcscdStartError("found no two consecutive free TCP ports for the virtual reader")


def _read_pid_file(path: Path) -> int | None:
    # pcscd writes "1234\n\0": strip the NUL too
    with contextlib.suppress(OSError, ValueError):
        return int(path.read_bytes().strip(b"\0\n\r\t "))
    return None


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2] != "Z"
    return True


def _socket_answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


class PrivatePcscd:
    """pcscd with one dual-slot vpcd reader named ``name``, private to ``workdir``.

    Construction decides the mode, the socket path and the ports (nothing starts); :meth:`start`
    (or ``with``) launches the daemon and returns when both readers are listed. ``ports[i]`` is the
    TCP port where an emulator plugs into ``reader_names[i]``. ``restart()`` keeps both, so a
    process whose libpcsclite already read ``env`` keeps working across restarts.

    ``die_with_parent``: when started from the main thread, pcscd gets SIGTERM if this process
    dies without calling :meth:`stop` (killed test run, crashed demo), so no daemon is left behind.
    A daemon left by a run that died anyway (non-main thread, or a user namespace, which clears
    that setting) is stopped by the next :meth:`start` in the same ``workdir``.
    """

    def __init__(
        self,
        workdir: Path,
        base_port: int | None = None,
        name: str = DEFAULT_NAME,
        *,
        mode: Mode | None = None,
        debug: bool = False,
        start_timeout: float = 10.0,
        installation: PcscdInstallation | None = None,
        die_with_parent: bool = True,
    ) -> None:
        if not name or any(c in name for c in '"\n\r\0') or len(name) > 100:
            raise ValueError(f"unusable reader name {name!r}")
        if base_port is not None and not 1 <= base_port <= 65534:
            raise ValueError(f"base_port must be between 1 and 65534, not {base_port}")
        self.installation = installation or check_installation()
        self.workdir = Path(workdir).resolve()
        self.name = name
        self.debug = debug
        self.start_timeout = start_timeout
        self.die_with_parent = die_with_parent
        self._auto_ports = base_port is None
        self._base_port = base_port if base_port is not None else _pick_ports()
        self._run_dir = self.workdir / "run"
        self._conf_dir = self.workdir / "reader.conf.d"
        self.log_path = self.workdir / "pcscd.log"
        self._ns_prefix: list[str] | None = None
        if mode is None:
            mode = self._choose_mode()
        elif mode is Mode.NAMESPACE:
            self._ns_prefix = _namespace_prefix(self.installation.ipc_dir)
            if self._ns_prefix is None:
                raise PcscdStartError("this machine refuses a private mount namespace (unshare)")
        elif mode is Mode.SOCKET_ACTIVATION and os.geteuid() == 0:
            raise PcscdStartError(
                "socket activation as root would clobber the system pcscd's pid file"
            )
        self.mode = mode
        if len(os.fsencode(self.socket_path)) > 107:  # sun_path is 108 bytes with the NUL
            raise ValueError(
                f"{self.workdir} is too deep for a Unix socket path: use a shorter one"
            )
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock_file: int | None = None
        self._started_once = False
        self._state_file = self.workdir / "daemon.pid"  # ours, not pcscd's: finds a stale daemon
        self._reader_names: tuple[str, str] = (f"{name} 00 00", f"{name} 00 01")

    # -- what a client needs --------------------------------------------------------------------

    @property
    def socket_path(self) -> Path:
        if self.mode is Mode.SYSTEM:
            return self.installation.system_socket
        return self._run_dir / "pcscd.comm"

    @property
    def env(self) -> dict[str, str]:
        """Add to ``os.environ`` (before any PC/SC call) or to a subprocess's environment."""
        return {SOCKET_ENV: str(self.socket_path)}

    @property
    def ports(self) -> tuple[int, int]:
        return (self._base_port, self._base_port + 1)

    @property
    def reader_names(self) -> tuple[str, str]:
        return self._reader_names

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.running else "stopped"
        return f"<PrivatePcscd {self.mode.value} {self.socket_path} ports {self.ports} {state}>"

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Launch pcscd and wait until it lists both readers; :class:`PcscdStartError` otherwise."""
        if self.running:
            return
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._lock_workdir()
        try:
            self._reap_stale()
            # picked ports may be taken in between: pick again, but only before the first start
            # (a restart keeps the ports its clients know)
            attempts = 3 if self._auto_ports and not self._started_once else 1
            for attempt in range(attempts):
                try:
                    self._start_once()
                    break
                except _PortTaken:
                    self._kill()
                    if attempt == attempts - 1:
                        raise PcscdStartError(
                            f"the virtual reader ports {self.ports} are taken\n{self._log_tail()}"
                        ) from None
                    self._base_port = _pick_ports()
        except BaseException:
            self._kill()
            self._clean_run_dir()
            self._unlock_workdir()
            raise
        self._started_once = True

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM by pid, SIGKILL after ``timeout``; waits for the process. Idempotent."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning(
                    "pcscd (pid %d) ignored SIGTERM for %.1f s: killing it", proc.pid, timeout
                )
                self._kill()
        if proc is not None:
            log.info("pcscd (pid %d) stopped, exit status %s", proc.pid, proc.returncode)
        self._proc = None
        with contextlib.suppress(FileNotFoundError):
            self._state_file.unlink()
        self._clean_run_dir()
        self._unlock_workdir()

    def restart(self, timeout: float = 5.0) -> None:
        """Stop and start again, same socket path and ports."""
        self.stop(timeout)
        self.start()

    def __enter__(self) -> PrivatePcscd:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        return self._log_tail(lines)

    # -- internals ------------------------------------------------------------------------------

    def _choose_mode(self) -> Mode:
        self._ns_prefix = _namespace_prefix(self.installation.ipc_dir)
        if self._ns_prefix is not None:
            return Mode.NAMESPACE
        if os.geteuid() != 0:
            return Mode.SOCKET_ACTIVATION
        return Mode.SYSTEM

    def _lock_workdir(self) -> None:
        if self._lock_file is not None:
            return
        fd = os.open(self.workdir / "pcscd.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise PcscdStartError(
                    f"another PrivatePcscd is running in {self.workdir}"
                ) from None
            raise
        self._lock_file = fd

    def _unlock_workdir(self) -> None:
        if self._lock_file is not None:
            os.close(self._lock_file)  # closing drops the flock
            self._lock_file = None

    def _reap_stale(self) -> None:
        """Stop a daemon a previous run left in this workdir (that run was killed, say)."""
        pid = _read_pid_file(self._state_file)
        if pid is None:
            return
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            cmdline = []
        if str(self._conf_dir).encode() in cmdline:
            log.warning(
                "stopping pcscd (pid %d) left running by a previous run in %s", pid, self.workdir
            )
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5.0
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)  # not our child: no wait() possible
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(FileNotFoundError):
            self._state_file.unlink()

    def _write_conf(self, driver: Path) -> None:
        self._conf_dir.mkdir(parents=True, exist_ok=True)
        for stale in self._conf_dir.iterdir():
            stale.unlink()
        port = self._base_port
        (self._conf_dir / "vpcd").write_text(
            f'FRIENDLYNAME "{self.name}"\n'
            f"DEVICENAME /dev/null:0x{port:04X}\n"
            f"LIBPATH {driver}\n"
            f"CHANNELID 0x{port:04X}\n"
        )

    def _clean_run_dir(self) -> None:
        if self.mode is Mode.SYSTEM:
            return  # the system files are pcscd's: it cleans stale ones itself at the next start
        for leftover in ("pcscd.comm", "pcscd.pid"):
            with contextlib.suppress(FileNotFoundError):
                (self._run_dir / leftover).unlink()

    def _command(self, driver: Path) -> tuple[list[str], tuple[int, ...], socket.socket | None]:
        argv, pass_fds, listener = self._command_for_mode(driver)
        # Every launcher below ends in exec: the pid we get is pcscd's own.
        setpriv = shutil.which("setpriv")
        if (
            self.die_with_parent
            and setpriv is not None
            and threading.current_thread() is threading.main_thread()
        ):
            # PR_SET_PDEATHSIG fires when the *thread* that forked dies: only from the main thread
            argv = [setpriv, "--pdeathsig", "TERM", *argv]
        return argv, pass_fds, listener

    def _command_for_mode(
        self, driver: Path
    ) -> tuple[list[str], tuple[int, ...], socket.socket | None]:
        level = "--debug" if self.debug else "--info"
        pcscd = [
            str(self.installation.pcscd),
            "--foreground",
            level,
            "--config",
            str(self._conf_dir),
        ]
        if self.mode is Mode.NAMESPACE:
            assert self._ns_prefix is not None
            empty = self.workdir / "no-usb-drivers"
            empty.mkdir(exist_ok=True)
            drop = self.installation.usb_drop_dir
            hide = drop if drop is not None and drop.is_dir() else ""
            script = (
                'set -e; mount --bind "$1" "$2"; '
                'if [ -n "$4" ]; then mount --bind "$3" "$4"; fi; '
                'shift 4; exec "$@"'
            )
            argv = [
                *self._ns_prefix,
                "sh",
                "-c",
                script,
                "sh",
                str(self._run_dir),
                str(self.installation.ipc_dir),
                str(empty),
                str(hide),
                *pcscd,
            ]
            return argv, (), None
        if self.mode is Mode.SOCKET_ACTIVATION:
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(str(self.socket_path))
            listener.listen(64)
            fd = listener.fileno()
            # $$ is the shell's pid, kept by exec: pcscd checks LISTEN_PID against its own pid
            moves = f" 3<&{fd} {fd}<&-" if fd != 3 else ""
            script = f'LISTEN_PID=$$ LISTEN_FDS=1 exec "$@"{moves}'
            return ["sh", "-c", script, "sh", *pcscd], (fd,), listener
        return pcscd, (), None

    def _check_system_path_free(self) -> None:
        sock = self.installation.system_socket
        pid = _read_pid_file(self.installation.ipc_dir / "pcscd.pid")
        if (pid is not None and _alive(pid)) or (sock.exists() and _socket_answers(sock)):
            raise PcscdConflict(pid if pid is not None and _alive(pid) else None, sock)

    def _start_once(self) -> None:
        self._run_dir.mkdir(parents=True, exist_ok=True)
        self._clean_run_dir()
        if self.mode is Mode.SYSTEM:
            self._check_system_path_free()
        driver = self.installation.vpcd_driver.resolve()
        if self.mode is Mode.NAMESPACE:
            # the USB drivers directory (which holds serial/) is hidden in the namespace: use a copy
            copy = self.workdir / "drivers" / "libifdvpcd.so"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(driver, copy)
            driver = copy
        self._write_conf(driver)
        argv, pass_fds, listener = self._command(driver)
        with open(self.log_path, "ab") as logfile:
            logfile.write(
                f"{_LOG_MARK}{time.strftime('%Y-%m-%d %H:%M:%S')} starting pcscd "
                f"({self.mode.value}, ports {self.ports[0]}-{self.ports[1]}, "
                f"socket {self.socket_path})\n".encode()
            )
            logfile.flush()
            try:
                self._proc = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=logfile,
                    stderr=subprocess.STDOUT,
                    pass_fds=pass_fds,
                    start_new_session=True,  # a Ctrl-C in the terminal is for us, not for pcscd
                )
            finally:
                if listener is not None:
                    listener.close()  # pcscd holds its own copy; ours would queue clients forever
        self._state_file.write_text(f"{self._proc.pid}\n")
        log.info("pcscd starting: pid %d, %s", self._proc.pid, self.mode.value)
        self._wait_ready()

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + self.start_timeout
        env = {**os.environ, **self.env}
        prefix = f"{self.name} "
        while True:
            code = self._proc.poll()
            if code is not None:
                raise PcscdStartError(
                    f"pcscd exited with status {code} while starting ({self.mode.value} mode)\n"
                    f"{self._log_tail()}"
                )
            if _PORT_FAILURE in self._current_log():
                raise _PortTaken()
            if self.socket_path.exists():
                readers = self._probe(env)
                ours = sorted(r for r in readers if r.startswith(prefix))
                if len(ours) >= 2:
                    self._reader_names = (ours[0], ours[1])
                    log.info(
                        "pcscd ready: pid %d, readers %s, ports %s",
                        self._proc.pid,
                        ours,
                        self.ports,
                    )
                    return
            if time.monotonic() > deadline:
                raise PcscdStartError(
                    f"pcscd did not list the two readers of {self.name!r} within "
                    f"{self.start_timeout:.0f} s ({self.mode.value} mode, "
                    f"socket {self.socket_path})\n"
                    f"{self._log_tail()}"
                )
            time.sleep(0.05)  # polling a process we started: no event to wait on

    @staticmethod
    def _probe(env: dict[str, str]) -> list[str]:
        # In a child process: libpcsclite reads PCSCLITE_CSOCK_NAME once, and this process may have
        # used PC/SC already (or may not have it in its environment yet).
        try:
            done = subprocess.run(
                [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=5
            )
        except subprocess.TimeoutExpired:
            return []
        return done.stdout.split("\n") if done.returncode == 0 else []

    def _kill(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()

    def _log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def _current_log(self) -> str:
        """What the last start wrote."""
        text = self._log_text()
        start = text.rfind(_LOG_MARK)
        return text[start:] if start >= 0 else text

    def _log_tail(self, lines: int = 30) -> str:
        tail = self._current_log().splitlines()[-lines:]
        return f"last lines of {self.log_path}:\n" + "\n".join(f"  {line}" for line in tail)


class _PortTaken(Exception):
    pass
