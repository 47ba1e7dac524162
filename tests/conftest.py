"""Shared fixtures: a private pcscd with a dual-slot virtual reader, and the emulators' test PKI.

``PCSCLITE_CSOCK_NAME`` is read by libpcsclite **once per process, at its first PC/SC call**, and
never again. So the socket of the private pcscd is chosen in ``pytest_configure``, before any test
module runs, and put in ``os.environ`` there; the daemon itself starts lazily, with the first test
that needs it (the session fixture ``pcscd``). Consequences:

- every PC/SC call in this test process goes to the private daemon, never to the machine's own
  pcscd, even in tests that do not use the fixture (they see "service not available");
- a test must never change ``PCSCLITE_CSOCK_NAME``, and nothing may make a PC/SC call at import time
  of a conftest or plugin loaded before this one (the ``pcscd`` fixture checks that this process
  really sees the private readers and fails loudly otherwise);
- subprocesses inherit the variable, so ``cabinet-card`` run from a test talks to the same daemon.

Fixtures:

``pcscd`` (session)
    the running :class:`~cardreader.emulator.pcscd.PrivatePcscd`: ``reader_names``, ``ports``,
    ``env``, ``restart()``. A test that stops it must restart it (``try``/``finally``). When pcscd
    or the vpcd driver is missing, every test using it FAILS with the reason: CI installs them, so a
    missing daemon is a broken environment, not a reason to skip.
``virtual_reader`` (function)
    a :class:`~cardreader.emulator.vpcd.VirtualReader` on the daemon's two ports; at the end every
    card is pulled and the fixture waits until pcscd sees both slots empty, so the next test starts
    from empty readers.
``pki_dir`` (session)
    the directory of the emulators' test PKI (keys are made once per session).
``card_presence`` (function)
    ``card_presence(reader, present=True, timeout=5.0)`` waits (on pcscd, no sleeping) until the
    reader has a card (returns its ATR) or is empty; pcscd polls virtual readers every 400 ms, so a
    card just inserted is not visible at once.

Tests that use ``pcscd`` (directly or through ``virtual_reader``) are marked ``pcsc`` automatically
(``-m "not pcsc"`` leaves them out); a test marked ``pcsc`` gets the daemon started.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cardreader.emulator.pcscd import SOCKET_ENV, PcscdError, PrivatePcscd
from cardreader.emulator.vpcd import VirtualReader

# Qt widgets in tests without a display (CI, ssh): the offscreen platform, unless told otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_DAEMON = pytest.StashKey[PrivatePcscd]()
_DAEMON_ERROR = pytest.StashKey[str]()
_WORKDIR = pytest.StashKey[Path]()
_FAILED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="cabinet-pcscd-"))
    config.stash[_WORKDIR] = workdir
    try:
        daemon = PrivatePcscd(workdir)
    except PcscdError as error:
        config.stash[_DAEMON_ERROR] = str(error)
        # still keep this process off the machine's own pcscd
        os.environ[SOCKET_ENV] = str(workdir / "run" / "pcscd.comm")
        return
    config.stash[_DAEMON] = daemon
    os.environ.update(daemon.env)  # before any PC/SC call of this process: see the docstring


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "pcscd" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("pcsc"):
            item.add_marker(pytest.mark.pcsc)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_FAILED] = exitstatus != 0


def pytest_unconfigure(config: pytest.Config) -> None:
    daemon = config.stash.get(_DAEMON, None)
    if daemon is not None:
        daemon.stop()
    workdir = config.stash.get(_WORKDIR, None)
    if workdir is None:
        return
    if config.stash.get(_FAILED, False) and (workdir / "pcscd.log").exists():
        print(f"\nprivate pcscd files kept for inspection: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _pcsc_marker_starts_pcscd(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("pcsc") and "pcscd" not in request.fixturenames:
        request.getfixturevalue("pcscd")


@pytest.fixture(scope="session")
def pcscd(pytestconfig: pytest.Config) -> Iterator[PrivatePcscd]:
    error = pytestconfig.stash.get(_DAEMON_ERROR, None)
    if error is not None:
        pytest.fail(f"the private pcscd cannot run here: {error}", pytrace=False)
    daemon = pytestconfig.stash[_DAEMON]
    if os.environ.get(SOCKET_ENV) != str(daemon.socket_path):
        pytest.fail(
            f"{SOCKET_ENV} was changed after start-up ({os.environ.get(SOCKET_ENV)!r}); "
            f"libpcsclite reads it once: it must stay {str(daemon.socket_path)!r}",
            pytrace=False,
        )
    try:
        daemon.start()
    except PcscdError as start_error:
        pytest.fail(f"the private pcscd did not start: {start_error}", pytrace=False)
    _check_this_process_sees(daemon)
    yield daemon
    daemon.stop()


def _check_this_process_sees(daemon: PrivatePcscd) -> None:
    from cardreader.errors import CardError
    from cardreader.transport import list_readers

    try:
        readers = list_readers()
    except CardError as error:
        readers, problem = [], str(error)
    else:
        problem = f"it lists {readers}"
    if not set(daemon.reader_names) <= set(readers):
        pytest.fail(
            f"this test process does not reach the private pcscd at {daemon.socket_path} "
            f"({problem}): something made a PC/SC call before {SOCKET_ENV} was set, and "
            "libpcsclite reads it once",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def card_presence(pcscd: PrivatePcscd) -> Callable[..., bytes | None]:
    from cardreader.transport import wait_for_card

    def wait(reader: str, present: bool = True, timeout: float = 5.0) -> bytes | None:
        try:
            return wait_for_card(reader, present, timeout)
        except TimeoutError as error:
            pytest.fail(str(error), pytrace=False)

    return wait


@pytest.fixture
def virtual_reader(
    pcscd: PrivatePcscd, card_presence: Callable[..., bytes | None]
) -> Iterator[VirtualReader]:
    if not pcscd.running:  # a test that stopped it failed before starting it again
        pcscd.start()
    reader = VirtualReader(pcscd.ports)
    try:
        yield reader
    finally:
        reader.close()
        if pcscd.running:
            for name in pcscd.reader_names:
                card_presence(name, present=False)
