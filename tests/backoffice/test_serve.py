"""``cabinet-backoffice enrol`` and ``serve``: the real server on loopback, reached with httpx."""

from __future__ import annotations

import base64
import subprocess
import sys

import httpx
import pytest

from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.backoffice.local import LocalBackoffice


@pytest.fixture
def server(tmp_path, pki_dir):
    card_from_spec("cps", pki_dir)
    backoffice = LocalBackoffice(tmp_path, trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                                 seeded=False)
    gp = STOCK_CARDS["cps"].holder
    enrolled = subprocess.run(
        [sys.executable, "-m", "sync.backoffice.cli", "enrol", "--db", str(backoffice.db_path),
         "--national-id", gp.national_id, "--last-name", gp.last_name, "--first-name", gp.first_name,
         "--am-number", "751123456"], capture_output=True, text=True, check=True)
    assert "first-login code" in enrolled.stdout
    with backoffice:
        yield backoffice


def test_card_sign_in_over_https(server, pki_dir):
    transport = EmulatorTransport(card_from_spec("cps", pki_dir))
    cps.select_application(transport)
    cps.verify_pin(transport, "1234")
    assert server.url.startswith("https://")
    with httpx.Client(base_url=server.url, verify=str(server.ca_certificate), timeout=10) as client:
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
    with pytest.raises(httpx.ConnectError):  # the demo CA is not in the system store
        httpx.get(server.url.replace("127.0.0.1", "localhost") + "/openapi.json", timeout=5)


def test_plain_http_only_on_loopback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "serve", "--db",
                           str(tmp_path / "x.sqlite"), "--host", "0.0.0.0"], capture_output=True, text=True)
    assert done.returncode == 2 and "loopback" in done.stderr


@pytest.mark.parametrize("flag", ["--card-proof-interval", "--password-idle-limit", "--password-total-limit"])
@pytest.mark.parametrize("seconds", ["0", "-3", "nan", "inf"])
def test_the_session_limits_are_positive_numbers_of_seconds(tmp_path, flag, seconds):
    done = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "serve", "--db", str(tmp_path / "x.sqlite"),
                           flag, seconds], capture_output=True, text=True)
    assert done.returncode == 2 and flag in done.stderr
    assert not (tmp_path / "x.sqlite").exists()  # refused before anything was opened


def test_serve_help_documents_the_session_limits():
    helped = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "serve", "--help"],
                            capture_output=True, text=True, check=True)
    for flag in ("--card-proof-interval", "--password-idle-limit", "--password-total-limit"):
        assert f"{flag} SECONDS" in helped.stdout
