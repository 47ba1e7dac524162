"""``cabinet-backoffice enrol`` and ``serve``: the real server on loopback, reached with httpx."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest

from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from sync.backoffice.tls import make_demo_tls


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path, pki_dir):
    card_from_spec("cps", pki_dir)
    anchors = tmp_path / "anchors"
    anchors.mkdir()
    shutil.copy(TestPki.open(pki_dir).ca_certificate_pem_path, anchors)
    db = tmp_path / "bo.sqlite"
    gp = STOCK_CARDS["cps"].holder
    enrolled = subprocess.run(
        [sys.executable, "-m", "sync.backoffice.cli", "enrol", "--db", str(db), "--national-id",
         gp.national_id, "--last-name", gp.last_name, "--first-name", gp.first_name,
         "--am-number", "751123456"], capture_output=True, text=True, check=True)
    assert "first-login code" in enrolled.stdout
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "sync.backoffice.cli", "serve", "--db", str(db),
                                "--port", str(port), "--trust-anchors", str(anchors)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the back office did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_card_sign_in_over_loopback(server, pki_dir):
    emulator = card_from_spec("cps", pki_dir)

    def transmit(apdu):
        answer = emulator.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    transport = type("T", (), {"transmit": staticmethod(transmit)})()
    cps.select_application(transport)
    cps.verify_pin(transport, "1234")
    with httpx.Client(base_url=server, timeout=10) as client:
        spec = client.get("/openapi.json").json()
        assert {"/v1/auth/challenge", "/v1/auth/card", "/v1/auth/card/renew", "/v1/me"} <= set(spec["paths"])
        challenge = client.get("/v1/auth/challenge").json()
        signature = cps.authenticate(transport, base64.b64decode(challenge["challenge"]))
        grant = client.post("/v1/auth/card", json={
            "certificate": base64.b64encode(cps.read_certificate(transport, Key.AUTHENTICATION)).decode(),
            "challenge": challenge["challenge"], "signature": base64.b64encode(signature).decode()}).json()
        me = client.get("/v1/me", headers={"Authorization": f"Bearer {grant['token']}"})
        assert me.status_code == 200 and me.json()["first_name"] == "Émilie"
        refused = client.get("/v1/me")
        assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"


def test_https_verified_against_the_demo_ca(tmp_path):
    tls = make_demo_tls(tmp_path / "tls")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "sync.backoffice.cli", "serve", "--db",
                                str(tmp_path / "bo.sqlite"), "--port", str(port), "--tls-cert",
                                str(tls.server_certificate), "--tls-key", str(tls.server_key)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(f"https://127.0.0.1:{port}/v1/auth/challenge",
                                   verify=str(tls.ca_certificate), timeout=1)
                break
            except httpx.ConnectError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status_code == 200
        with pytest.raises(httpx.ConnectError):  # not a certificate the system store trusts
            httpx.get(f"https://localhost:{port}/v1/auth/challenge", timeout=2)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_plain_http_only_on_loopback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "serve", "--db",
                           str(tmp_path / "x.sqlite"), "--host", "0.0.0.0"], capture_output=True, text=True)
    assert done.returncode == 2 and "loopback" in done.stderr
