"""Card and password sign-in, sessions, logins and delegations through HTTP (the app in-process)."""

from __future__ import annotations

import base64
import datetime as dt
import email
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from fastapi.testclient import TestClient

from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.backoffice.accounts import enrol, enrol_accountant
from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.sqlite import open_database

GP = STOCK_CARDS["cps"]
SECRETARY = STOCK_CARDS["cpe"]


class Clock:
    def __init__(self):
        self.now = dt.datetime.now(dt.timezone.utc).timestamp()

    def __call__(self) -> float:
        return self.now


class Card:
    """An emulated card whose holder typed the PIN: it signs challenges as the client would."""

    def __init__(self, spec, pki_dir):
        self.transport = EmulatorTransport(card_from_spec(spec, pki_dir))
        cps.select_application(self.transport)
        cps.verify_pin(self.transport, "1234")
        self.certificate = cps.read_certificate(self.transport, Key.AUTHENTICATION)

    def proof(self, client) -> dict:
        challenge = client.get("/v1/auth/challenge").json()["challenge"]
        signature = cps.authenticate(self.transport, base64.b64decode(challenge))
        return {"certificate": base64.b64encode(self.certificate).decode(), "challenge": challenge,
                "signature": base64.b64encode(signature).decode()}


@pytest.fixture
def anchors(tmp_path, pki_dir):
    directory = tmp_path / "anchors"
    directory.mkdir()
    card_from_spec("cps", pki_dir)  # makes the PKI
    shutil.copy(TestPki.open(pki_dir).ca_certificate_pem_path, directory / "test-ca.pem")
    return directory


@pytest.fixture
def backoffice(tmp_path, anchors):
    clock = Clock()
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", trust_anchors=anchors, clock=clock,
                              maildir=tmp_path / "maildir")
    app = create_app(config)
    db = app.state.services.storage.db
    codes = {
        "gp": enrol(db, clock, national_id=GP.holder.national_id, last_name=GP.holder.last_name,
                    first_name=GP.holder.first_name, am_number="751123456", practice="Les Tilleuls"),
        "cpe": enrol(db, clock, national_id=SECRETARY.holder.national_id, last_name="Marchand-Girard",
                     first_name="Chloé", am_number=None, practice="Les Tilleuls"),
    }
    with TestClient(app) as client:
        client.clock, client.codes, client.config = clock, codes, config
        yield client


def bearer(grant: dict) -> dict:
    return {"Authorization": f"Bearer {grant['token']}"}


def _password_sign_in(client, password: str, new_password: str | None = None, identifier: str = "751123456"):
    return client.post("/v1/auth/password", json={"identifier": identifier, "password": password,
                                                  "new_password": new_password})


def test_card_session_lasts_while_presence_is_proved(backoffice, pki_dir):
    card = Card("cps", pki_dir)
    answer = backoffice.post("/v1/auth/card", json=card.proof(backoffice), headers={"X-Workstation": "poste-1"})
    assert answer.status_code == 200, answer.text
    grant = answer.json()
    assert grant["kind"] == "card" and "medical" in grant["scopes"]
    assert backoffice.get("/v1/me", headers=bearer(grant)).json()["last_name"] == GP.holder.last_name
    for _ in range(12 * 6):  # a whole day: a proof every 9 minutes keeps it alive, no absolute limit
        backoffice.clock.now += 9 * 60
        renewed = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(grant))
        assert renewed.status_code == 200, renewed.text
    assert backoffice.get("/v1/me", headers=bearer(grant)).status_code == 200
    backoffice.clock.now += 11 * 60  # a missed proof (card pulled) ends it
    gone = backoffice.get("/v1/me", headers=bearer(grant))
    assert gone.status_code == 401 and gone.headers["content-type"] == "application/problem+json"
    assert gone.json()["type"].endswith("/session-expired")


def test_a_challenge_is_single_use_and_short_lived(backoffice, pki_dir):
    card = Card("cps", pki_dir)
    proof = card.proof(backoffice)
    assert backoffice.post("/v1/auth/card", json=proof).status_code == 200
    replay = backoffice.post("/v1/auth/card", json=proof)
    assert replay.status_code == 401 and replay.json()["type"].endswith("/challenge-invalid")
    late = card.proof(backoffice)
    backoffice.clock.now += 61
    assert backoffice.post("/v1/auth/card", json=late).json()["type"].endswith("/challenge-invalid")


def test_a_wrong_signature_or_unknown_card_is_refused(backoffice, pki_dir):
    proof = Card("cps", pki_dir).proof(backoffice)
    forged = dict(proof, signature=base64.b64encode(b"\x01" * 256).decode())
    assert backoffice.post("/v1/auth/card", json=forged).json()["type"].endswith("/card-signature-invalid")
    stranger = Card("cpf", pki_dir)  # a valid card of the same CA, never enrolled
    answer = backoffice.post("/v1/auth/card", json=stranger.proof(backoffice))
    assert answer.status_code == 401 and "aucun compte" in answer.json()["detail"]
    garbage = backoffice.post("/v1/auth/card", json={"certificate": "***", "challenge": "x", "signature": "y"})
    assert garbage.status_code == 401


def _signed_proof(client, certificate: x509.Certificate, key: rsa.RSAPrivateKey) -> dict:
    """A proof made with a key in hand rather than a card's."""
    challenge = client.get("/v1/auth/challenge").json()["challenge"]
    signature = key.sign(base64.b64decode(challenge), padding.PKCS1v15(), hashes.SHA256())
    return {"certificate": base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode(),
            "challenge": challenge, "signature": base64.b64encode(signature).decode()}


def _authentication_usage() -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                         encipher_only=False, decipher_only=False)


def _foreign_ca_card(tmp_path):
    """A CA this project's PKI did not make, and a card authentication certificate it issued for the GP."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "IGC-Santé stand-in CA")])
    now = dt.datetime.now(dt.timezone.utc)
    ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    card_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.SERIAL_NUMBER, GP.holder.national_id),
                         x509.NameAttribute(NameOID.COMMON_NAME, "Émilie Lefèvre-Dupré")])
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(name)
                   .public_key(card_key.public_key()).serial_number(2)
                   .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=300))
                   .add_extension(_authentication_usage(), critical=True)
                   .sign(ca_key, hashes.SHA256()))
    (tmp_path / "foreign-ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return certificate, card_key


def test_a_foreign_ca_is_accepted_only_when_it_is_a_trust_anchor(tmp_path, backoffice, anchors):
    certificate, key = _foreign_ca_card(tmp_path)
    refused = backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, certificate, key))
    assert refused.status_code == 401 and refused.json()["type"].endswith("/card-untrusted")
    shutil.copy(tmp_path / "foreign-ca.pem", anchors / "foreign-ca.pem")
    with TestClient(create_app(backoffice.config)) as trusting:
        answer = trusting.post("/v1/auth/card", json=_signed_proof(trusting, certificate, key))
        assert answer.status_code == 200, answer.text


def _test_ca_issues(pki_dir, **extensions) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """A certificate for the GP's national id from the TEST CA (a trust anchor), with these extensions."""
    pki = TestPki.open(pki_dir)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.SERIAL_NUMBER, GP.holder.national_id)]))
               .issuer_name(pki.ca_certificate.subject).public_key(key.public_key()).serial_number(7)
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=300)))
    for extension in extensions.values():
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(pki.ca_key, hashes.SHA256()), key


def test_only_an_authentication_certificate_opens_a_session(backoffice, pki_dir):
    """The card's signature (non-repudiation) certificate, a CA certificate, and a certificate for another
    purpose all chain to the trust anchor and sign the challenge, yet none may sign in."""
    card = Card("cps", pki_dir)
    challenge = backoffice.get("/v1/auth/challenge").json()["challenge"]
    with_signature_key = {"challenge": challenge,
                          "certificate": base64.b64encode(cps.read_certificate(card.transport, Key.SIGNATURE)).decode(),
                          "signature": base64.b64encode(cps.sign(card.transport, base64.b64decode(challenge))).decode()}
    answer = backoffice.post("/v1/auth/card", json=with_signature_key)
    assert answer.status_code == 401 and answer.json()["type"].endswith("/card-certificate-purpose")
    assert "signature (non-répudiation)" in answer.json()["detail"]

    pki = TestPki.open(pki_dir)
    root = backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, pki.ca_certificate, pki.ca_key))
    assert root.json()["type"].endswith("/card-certificate-purpose"), root.text
    sub_ca = _test_ca_issues(pki_dir, constraints=x509.BasicConstraints(ca=True, path_length=None),
                             usage=_authentication_usage())
    answer = backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, *sub_ca))
    assert answer.status_code == 401 and "autorité de certification" in answer.json()["detail"], answer.text

    server_only = _test_ca_issues(pki_dir, usage=_authentication_usage(),
                                  purposes=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]))
    answer = backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, *server_only))
    assert answer.status_code == 401 and "clientAuth" in answer.json()["detail"], answer.text
    no_usage = _test_ca_issues(pki_dir)
    answer = backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, *no_usage))
    assert answer.status_code == 401 and "signature numérique" in answer.json()["detail"], answer.text

    # the same CA's certificate made for authentication signs in: the refusals above are about purpose
    fit = _test_ca_issues(pki_dir, usage=_authentication_usage(),
                          purposes=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]))
    assert backoffice.post("/v1/auth/card", json=_signed_proof(backoffice, *fit)).status_code == 200
    assert backoffice.post("/v1/auth/card", json=card.proof(backoffice)).status_code == 200


def test_cpe_gets_only_the_delegated_scopes(backoffice, pki_dir):
    secretary = Card("cpe", pki_dir)
    refused = backoffice.post("/v1/auth/card", json=secretary.proof(backoffice))
    assert refused.status_code == 403 and refused.json()["type"].endswith("/no-delegation")
    doctor = backoffice.post("/v1/auth/card", json=Card("cps", pki_dir).proof(backoffice)).json()
    delegated = backoffice.put("/v1/delegations", headers=bearer(doctor), json={"items": [
        {"delegate_national_id": SECRETARY.holder.national_id, "scopes": ["documents", "payments"]}]})
    assert delegated.status_code == 200, delegated.text
    grant = backoffice.post("/v1/auth/card", json=secretary.proof(backoffice)).json()
    assert grant["scopes"] == ["documents", "payments"]
    medical = backoffice.get("/v1/delegations", headers=bearer(grant))
    assert medical.status_code == 403 and medical.headers["content-type"] == "application/problem+json"


def test_password_rules(backoffice):
    sign_in = lambda **body: backoffice.post("/v1/auth/password", json=body)  # noqa: E731
    email_id = sign_in(identifier="emilie@example.fr", password="whatever1")
    assert email_id.status_code == 422 and "e-mail" in email_id.json()["detail"]
    code = backoffice.codes["gp"]
    first = sign_in(identifier="751123456", password=code)
    assert first.json()["type"].endswith("/password-change-required")
    assert sign_in(identifier="751123456", password=code, new_password="court").status_code == 422
    assert sign_in(identifier="751123456", password=code, new_password="pas-de-tiret").status_code == 422
    grant = sign_in(identifier="751123456", password=code, new_password="Tilleul2026")
    assert grant.status_code == 200 and grant.json()["kind"] == "password"
    chosen = dt.datetime.fromtimestamp(backoffice.clock.now, dt.UTC)  # the window warns 15 days before it expires
    assert dt.datetime.fromisoformat(grant.json()["password_expires_at"]) == chosen + dt.timedelta(days=183)
    assert dt.datetime.fromisoformat(grant.json()["ends_at"]) == chosen + dt.timedelta(hours=4)
    reuse = sign_in(identifier="751123456", password="Tilleul2026", new_password="Tilleul2026")
    assert reuse.json()["type"].endswith("/password-reused")
    token = bearer(grant.json())
    backoffice.clock.now += 59 * 60
    assert backoffice.get("/v1/me", headers=token).status_code == 200
    backoffice.clock.now += 61 * 60  # an hour idle
    assert backoffice.get("/v1/me", headers=token).status_code == 401
    backoffice.clock.now += 184 * 86400  # the password is older than six months
    expired = sign_in(identifier="751123456", password="Tilleul2026")
    assert expired.status_code in (401, 403)


def test_four_hours_in_all_and_repeated_failures_lock(backoffice):
    code = backoffice.codes["gp"]
    grant = backoffice.post("/v1/auth/password", json={"identifier": "751123456", "password": code,
                                                         "new_password": "Marronnier7"}).json()
    for _ in range(8):  # busy all the time, never idle, yet cut after 4 hours
        backoffice.clock.now += 30 * 60
        assert backoffice.get("/v1/me", headers=bearer(grant)).status_code == 200
    backoffice.clock.now += 60
    assert backoffice.get("/v1/me", headers=bearer(grant)).status_code == 401
    for _ in range(3):
        assert backoffice.post("/v1/auth/password", json={"identifier": "751123456",
                                                           "password": "mauvais1"}).status_code == 401
    locked = backoffice.post("/v1/auth/password", json={"identifier": "751123456", "password": "Marronnier7"})
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0


def test_each_login_is_notified_and_not_me_revokes_everything(backoffice, pki_dir):
    card = Card("cps", pki_dir)
    first = backoffice.post("/v1/auth/card", json=card.proof(backoffice), headers={"X-Workstation": "accueil"}).json()
    second = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    mails = sorted((backoffice.config.maildir / "new").iterdir())
    assert len(mails) == 2
    message = email.message_from_bytes(mails[0].read_bytes())
    assert "accueil" in message.get_payload(decode=True).decode()
    logins = backoffice.get("/v1/auth/logins", headers=bearer(second)).json()["items"]
    assert [l["method"] for l in logins] == ["card", "card"]
    assert backoffice.post(f"/v1/auth/logins/{logins[-1]['id']}/not-me", headers=bearer(second)).status_code == 204
    for grant in (first, second):
        assert backoffice.get("/v1/me", headers=bearer(grant)).status_code == 401


class _SmtpSink:
    """A minimal SMTP server on loopback that keeps the messages it receives."""

    def __init__(self):
        import socketserver
        import threading

        sink = self
        self.messages: list[bytes] = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 go\r\n")
                        body = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            body += chunk
                        sink.messages.append(body)
                        self.wfile.write(b"250 ok\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_notifications_go_by_smtp_when_configured(tmp_path, anchors, pki_dir):
    sink = _SmtpSink()
    try:
        clock = Clock()
        config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", trust_anchors=anchors, clock=clock,
                                  maildir=tmp_path / "maildir", smtp=("127.0.0.1", sink.port))
        app = create_app(config)
        enrol(app.state.services.storage.db, clock, national_id=GP.holder.national_id, last_name="Lefèvre-Dupré",
              first_name="Émilie", am_number="751123456", email="e.lefevre@example.fr")
        with TestClient(app) as client:
            card = Card("cps", pki_dir)
            assert client.post("/v1/auth/card", json=card.proof(client),
                               headers={"X-Workstation": "consultation"}).status_code == 200
        (raw,) = sink.messages
        message = email.message_from_bytes(raw)
        assert message["To"] == "e.lefevre@example.fr"
        assert "consultation" in message.get_payload(decode=True).decode()
        assert not list((tmp_path / "maildir" / "new").iterdir())
    finally:
        sink.close()


def test_an_smtp_server_down_keeps_the_notification_in_the_maildir(tmp_path, anchors, pki_dir):
    sink = _SmtpSink()
    port = sink.port
    sink.close()  # nothing listens there any more
    clock = Clock()
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", trust_anchors=anchors, clock=clock,
                              maildir=tmp_path / "maildir", smtp=("127.0.0.1", port))
    app = create_app(config)
    enrol(app.state.services.storage.db, clock, national_id=GP.holder.national_id, last_name="Lefèvre-Dupré",
          first_name="Émilie", am_number="751123456")
    with TestClient(app) as client:
        assert client.post("/v1/auth/card", json=Card("cps", pki_dir).proof(client)).status_code == 200
    assert len(list((tmp_path / "maildir" / "new").iterdir())) == 1


def test_the_accountant_signs_in_with_the_finess_for_payments_only(backoffice):
    db = backoffice.app.state.services.storage.db
    code = enrol_accountant(db, backoffice.clock, finess="750712345", practice="Les Tilleuls",
                            last_name="Chiffre", first_name="Paul")
    grant = backoffice.post("/v1/auth/password", json={"identifier": "750712345", "password": code,
                                                       "new_password": "Bilan2026"})
    assert grant.status_code == 200, grant.text
    assert grant.json()["scopes"] == ["payments"]
    assert backoffice.get("/v1/payments", headers=bearer(grant.json())).status_code == 200
    assert backoffice.get("/v1/me", headers=bearer(grant.json())).status_code == 403


def test_an_intern_signs_in_with_his_own_card_under_his_own_identifier(backoffice, pki_dir):
    intern = STOCK_CARDS["cpf"].holder
    db = backoffice.app.state.services.storage.db
    enrol(db, backoffice.clock, national_id=intern.national_id, last_name=intern.last_name,
          first_name=intern.first_name, am_number=None, practice="Les Tilleuls", card_type="CPF")
    grant = backoffice.post("/v1/auth/card", json=Card("cpf", pki_dir).proof(backoffice)).json()
    me = backoffice.get("/v1/me", headers=bearer(grant)).json()
    assert (me["card_type"], me["national_id"], me["practice"]) == ("CPF", intern.national_id, "Les Tilleuls")
    logins = backoffice.get("/v1/auth/logins", headers=bearer(grant)).json()["items"]
    assert len(logins) == 1  # his own login, not the titular's


def test_an_account_unused_for_six_months_is_blocked(backoffice, pki_dir):
    backoffice.clock.now += 184 * 86400
    answer = backoffice.post("/v1/auth/card", json=Card("cps", pki_dir).proof(backoffice))
    assert answer.status_code == 403 and answer.json()["type"].endswith("/account-blocked")


# -- the password lockout under attack -----------------------------------------------------------------


def test_parallel_wrong_guesses_are_checked_no_more_often_than_the_lockout_allows(tmp_path):
    """40 wrong guesses at once against the real server: only the 3 the lockout allows reach the
    password check (answered 401); every other one is refused by the lock (429) without being checked."""
    backoffice = LocalBackoffice(tmp_path, tls=False, seeded=False)
    clock = time.time
    enrol(open_database(backoffice.db_path), clock, national_id=GP.holder.national_id,
          last_name=GP.holder.last_name, first_name=GP.holder.first_name, am_number="751123456")
    start = threading.Barrier(40)

    def guess(number: int) -> httpx.Response:
        with httpx.Client(base_url=backoffice.url, timeout=120) as client:
            start.wait()
            return client.post("/v1/auth/password", json={"identifier": "751123456",
                                                          "password": f"mauvais{number:02d}"})

    with backoffice, ThreadPoolExecutor(max_workers=40) as pool:
        answers = list(pool.map(guess, range(40)))
    outcomes = Counter(answer.json()["type"].rpartition("/")[2] for answer in answers)
    assert outcomes == {"password-wrong": 3, "too-many-attempts": 37}, outcomes
    failures, locked_until = open_database(backoffice.db_path).connection.execute(
        "SELECT failures, locked_until FROM password_attempts WHERE identifier = '751123456'").fetchone()
    assert failures == 3 and locked_until > clock()


def _time_wrong_guess(client, identifier: str) -> float:
    started = time.perf_counter()
    answer = client.post("/v1/auth/password", json={"identifier": identifier, "password": "mauvais1"})
    elapsed = time.perf_counter() - started
    assert answer.status_code == 401 and answer.json()["type"].endswith("/password-wrong"), answer.text
    return elapsed


def test_an_unknown_identifier_answers_in_the_time_of_a_real_one(backoffice):
    db = backoffice.app.state.services.storage.db
    real = [f"7510000{n:02d}" for n in range(10)]
    for n, am_number in enumerate(real):
        enrol(db, backoffice.clock, national_id=f"81000000{n:04d}", last_name="Réel", first_name="Compte",
              am_number=am_number, practice="Les Tilleuls")
    known, unknown = [], []
    for n, am_number in enumerate(real):  # interleaved: a load spike slows both sides alike
        known.append(_time_wrong_guess(backoffice, am_number))
        unknown.append(_time_wrong_guess(backoffice, f"9990000{n:02d}"))
    ratio = statistics.median(unknown) / statistics.median(known)
    print(f"wrong guess, median: real identifier {statistics.median(known) * 1000:.1f} ms, "
          f"unknown {statistics.median(unknown) * 1000:.1f} ms, ratio {ratio:.2f}")
    assert 0.5 < ratio < 2, (known, unknown)


def _lockout_story(backoffice, identifier: str) -> list[tuple[int, str, str | None]]:
    """Seven wrong guesses, waiting out each lock announced: what an attacker sees of an identifier."""
    story = []
    for _ in range(7):
        answer = backoffice.post("/v1/auth/password", json={"identifier": identifier, "password": "mauvais1"})
        retry_after = answer.headers.get("retry-after")
        story.append((answer.status_code, answer.json()["type"].rpartition("/")[2], retry_after))
        if retry_after:
            backoffice.clock.now += int(retry_after)
    return story


def test_an_unknown_identifier_is_locked_exactly_like_a_real_one(backoffice):
    real = _lockout_story(backoffice, "751123456")
    unknown = _lockout_story(backoffice, "751999999")
    assert [status for status, _, _ in real] == [401, 401, 401, 429, 401, 429, 401]
    assert unknown == real


def test_wrong_passwords_are_forgotten_a_while_after_the_last(backoffice):
    """So that identifiers typed once do not pile up: the count of an identifier left alone for
    ``password_failure_memory`` (a day) is dropped, an unknown one's as a real one's."""
    db = backoffice.app.state.services.storage.db
    for identifier in ("751123456", "751999999"):
        for _ in range(2):
            assert _password_sign_in(backoffice, "mauvais1", identifier=identifier).status_code == 401
    backoffice.clock.now += backoffice.config.password_failure_memory + 1
    assert _password_sign_in(backoffice, "mauvais1", identifier="751123456").status_code == 401  # a first again
    assert [tuple(r) for r in db.connection.execute("SELECT identifier, failures FROM password_attempts")] == [
        ("751123456", 1)]


def test_migration_006_moves_the_failure_counts_to_their_identifiers(tmp_path):
    from sync.backoffice.sqlite.database import Database
    from sync.backoffice.sqlite.schema import MIGRATIONS

    path, clock = tmp_path / "bo.sqlite", Clock()
    old = Database(path, [m for m in MIGRATIONS if m.name < "006"])  # a database as the previous release left it
    enrol(old, clock, national_id=GP.holder.national_id, last_name="Lefèvre-Dupré", first_name="Émilie",
          am_number="751123456")
    enrol_accountant(old, clock, finess="750712345", practice="Cabinet médical", last_name="Chiffre",
                     first_name="Paul")
    with old.transaction() as tx:
        tx.execute("UPDATE professionals SET failed_logins = 4, locked_until = ?", (clock.now + 60,))
    old.close()
    moved = open_database(path).connection
    assert sorted(map(tuple, moved.execute("SELECT identifier, failures, locked_until FROM password_attempts"))) == [
        ("750712345", 4, clock.now + 60), ("751123456", 4, clock.now + 60)]
    columns = {c["name"] for c in moved.execute("PRAGMA table_info(professionals)")}
    assert not columns & {"failed_logins", "locked_until"}


# -- what changes after sign-in reaches the open sessions ------------------------------------------------


def _delegate(client, doctor: dict, scopes: list[str]) -> None:
    items = [{"delegate_national_id": SECRETARY.holder.national_id, "scopes": scopes}] if scopes else []
    answer = client.put("/v1/delegations", headers=bearer(doctor), json={"items": items})
    assert answer.status_code == 200, answer.text


def test_a_withdrawn_delegation_reaches_the_secretarys_open_session_at_once(backoffice, pki_dir):
    doctor = backoffice.post("/v1/auth/card", json=Card("cps", pki_dir).proof(backoffice)).json()
    _delegate(backoffice, doctor, ["documents", "payments"])
    card = Card("cpe", pki_dir)
    secretary = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    assert backoffice.get("/v1/documents", headers=bearer(secretary)).status_code == 200

    _delegate(backoffice, doctor, ["payments"])  # the documents withdrawn: her very next request is refused
    documents = backoffice.get("/v1/documents", headers=bearer(secretary))
    assert documents.status_code == 403 and documents.json()["type"].endswith("/scope-missing")
    assert documents.headers["content-type"] == "application/problem+json"
    assert backoffice.get("/v1/payments", headers=bearer(secretary)).status_code == 200
    renewed = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(secretary))
    assert renewed.status_code == 200 and renewed.json()["scopes"] == ["payments"]

    _delegate(backoffice, doctor, [])  # everything withdrawn: her very next renewal is refused, the session ends
    refused = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(secretary))
    assert refused.status_code == 403 and refused.json()["type"].endswith("/delegation-withdrawn")
    _delegate(backoffice, doctor, ["documents", "payments"])  # delegating again does not revive it
    assert backoffice.get("/v1/payments", headers=bearer(secretary)).status_code == 401


def test_a_blocked_titulars_delegation_reaches_nobody(backoffice, pki_dir):
    doctor = backoffice.post("/v1/auth/card", json=Card("cps", pki_dir).proof(backoffice)).json()
    _delegate(backoffice, doctor, ["documents", "payments"])
    card = Card("cpe", pki_dir)
    secretary = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    assert backoffice.get("/v1/payments", headers=bearer(secretary)).status_code == 200

    block = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "block", "--db", str(backoffice.config.db_path),
                            "--national-id", GP.holder.national_id], capture_output=True, text=True, check=False)
    assert block.returncode == 0, block.stderr
    refused = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(secretary))
    assert refused.status_code == 403 and refused.json()["type"].endswith("/delegation-withdrawn")
    again = backoffice.post("/v1/auth/card", json=card.proof(backoffice))  # nor does a new sign-in
    assert again.status_code == 403 and again.json()["type"].endswith("/no-delegation")


def test_not_me_suspends_the_password_until_the_owner_changes_it_with_the_card(backoffice, pki_dir):
    assert _password_sign_in(backoffice, backoffice.codes["gp"], "Tilleul2026").status_code == 200
    backoffice.clock.now += 60
    intruder = _password_sign_in(backoffice, "Tilleul2026").json()  # the password was stolen
    taken = backoffice.put("/v1/auth/password", json={"new_password": "Vole2026"}, headers=bearer(intruder))
    assert taken.status_code == 403 and taken.json()["type"].endswith("/card-required")
    backoffice.clock.now += 60
    card = Card("cps", pki_dir)
    owner = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    intruders_login = backoffice.get("/v1/auth/logins", headers=bearer(owner)).json()["items"][1]
    assert intruders_login["method"] == "password"
    assert backoffice.post(f"/v1/auth/logins/{intruders_login['id']}/not-me", headers=bearer(owner)).status_code == 204
    assert backoffice.get("/v1/me", headers=bearer(intruder)).status_code == 401

    for new_password in (None, "Vole2026"):  # signing in, or changing the password with the stolen one
        retry = _password_sign_in(backoffice, "Tilleul2026", new_password)
        assert retry.status_code == 403 and retry.json()["type"].endswith("/password-suspended")
        assert "ce n'était pas moi" in retry.json()["detail"] and "carte" in retry.json()["detail"]

    owner = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    reused = backoffice.put("/v1/auth/password", json={"new_password": "Tilleul2026"}, headers=bearer(owner))
    assert reused.status_code == 422 and reused.json()["type"].endswith("/password-reused")
    changed = backoffice.put("/v1/auth/password", json={"new_password": "Platane2027"}, headers=bearer(owner))
    assert changed.status_code == 204, changed.text
    assert _password_sign_in(backoffice, "Tilleul2026").json()["type"].endswith("/password-wrong")
    assert _password_sign_in(backoffice, "Platane2027").status_code == 200


def test_after_not_me_a_new_first_login_code_gives_password_sign_in_back(backoffice):
    """The accountant has no card: the fund sends a new first-login code, which replaces the password."""
    db = backoffice.app.state.services.storage.db

    def enrol_code() -> str:
        return enrol_accountant(db, backoffice.clock, finess="750712345", practice="Les Tilleuls",
                                last_name="Chiffre", first_name="Paul")

    def sign_in(password: str, new: str | None = None) -> httpx.Response:
        return _password_sign_in(backoffice, password, new, "750712345")

    accountant = sign_in(enrol_code(), "Bilan2026").json()
    backoffice.clock.now += 60
    assert sign_in("Bilan2026").status_code == 200  # someone else, with the same password
    intruders_login = backoffice.get("/v1/auth/logins", headers=bearer(accountant)).json()["items"][0]
    assert backoffice.post(f"/v1/auth/logins/{intruders_login['id']}/not-me",
                           headers=bearer(accountant)).status_code == 204
    assert sign_in("Bilan2026").json()["type"].endswith("/password-suspended")

    code = enrol_code()  # the fund sends a new code by post
    assert sign_in("Bilan2026").json()["type"].endswith("/password-wrong")
    assert sign_in(code).json()["type"].endswith("/password-change-required")
    assert sign_in(code, "Compta2027").status_code == 200
    assert sign_in("Compta2027").status_code == 200 and sign_in(code).status_code == 401


def test_blocking_an_account_ends_every_session_of_it(backoffice, pki_dir):
    card = Card("cps", pki_dir)
    db = backoffice.app.state.services.storage.db
    by_card = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    with db.transaction() as tx:  # a block written by any path, here straight into the table
        tx.execute("UPDATE professionals SET blocked = 1")
    renewal = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(by_card))
    assert renewal.status_code == 403 and renewal.json()["type"].endswith("/account-blocked")
    assert [r for r, in db.connection.execute("SELECT end_reason FROM sessions")] == ["account-blocked"]

    code = enrol(db, backoffice.clock, national_id=GP.holder.national_id, last_name=GP.holder.last_name,
                 first_name=GP.holder.first_name, am_number="751123456", practice="Les Tilleuls")  # unblocks
    by_card = backoffice.post("/v1/auth/card", json=card.proof(backoffice)).json()
    by_password = _password_sign_in(backoffice, code, "Tilleul2026").json()
    blocked = subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "block", "--db",  # the fund's tool
                              str(backoffice.config.db_path), "--national-id", GP.holder.national_id],
                             capture_output=True, text=True, check=False)
    assert blocked.returncode == 0, blocked.stderr
    assert db.connection.execute("SELECT count(*) FROM sessions WHERE ended_at IS NULL").fetchone()[0] == 0
    renewal = backoffice.post("/v1/auth/card/renew", json=card.proof(backoffice), headers=bearer(by_card))
    assert renewal.status_code == 403 and renewal.json()["type"].endswith("/account-blocked")
    assert backoffice.get("/v1/me", headers=bearer(by_password)).json()["type"].endswith("/account-blocked")
    assert backoffice.post("/v1/auth/card", json=card.proof(backoffice)).status_code == 403
