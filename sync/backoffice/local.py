"""A back office running on this machine in its own process: for ``make demo``, tests and benches.

``LocalBackoffice`` seeds a database on first use, serves it with uvicorn on a free loopback port
(HTTPS with the demo CA unless ``tls=False``) and stops the process by its id.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .tls import make_demo_tls

__all__ = ["LocalBackoffice"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalBackoffice:
    def __init__(self, workdir: Path, *, trust_cas: tuple[Path, ...] = (), patients: int = 300,
                 months: int = 27, tls: bool = True, seeded: bool = True,
                 extra_args: tuple[str, ...] = ()) -> None:
        self.workdir, self.trust_cas, self.tls = workdir, trust_cas, tls
        self.patients, self.months, self.seeded, self.extra_args = patients, months, seeded, extra_args
        self.db_path = workdir / "backoffice.sqlite"
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self._port: int | None = None  # picked at the first start, kept by a restart (its clients know it)
        self.ca_certificate: Path | None = None

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "sync.backoffice.cli", *args]

    def start(self, timeout: float = 30.0) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.seeded and not self.db_path.exists():
            subprocess.run(self._command("seed", "--db", str(self.db_path), "--patients", str(self.patients),
                                         "--months", str(self.months)), check=True, stdout=subprocess.DEVNULL)
        anchors = self.workdir / "trust-anchors"
        anchors.mkdir(exist_ok=True)
        for ca in self.trust_cas:
            shutil.copy(ca, anchors / ca.name)
        port = self._port = self._port or _free_port()
        command = self._command("serve", "--db", str(self.db_path), "--port", str(port),
                                "--trust-anchors", str(anchors), *self.extra_args)
        scheme = "http"
        if self.tls:
            demo_tls = make_demo_tls(self.workdir / "tls")
            command += ["--tls-cert", str(demo_tls.server_certificate), "--tls-key", str(demo_tls.server_key)]
            self.ca_certificate, scheme = demo_tls.ca_certificate, "https"
        log = open(self.workdir / "backoffice.log", "ab")  # noqa: SIM115 (lives as long as the process)
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.url = f"{scheme}://127.0.0.1:{port}"
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        verify: str | bool = str(self.ca_certificate) if self.ca_certificate else True
        while True:
            try:
                httpx.get(self.url + "/openapi.json", verify=verify, timeout=2)
                return
            except httpx.TransportError:
                if self.process is None or self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    tail = (self.workdir / "backoffice.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"the back office did not start:\n{tail}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> LocalBackoffice:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
