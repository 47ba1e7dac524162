"""The test PKI: a TEST CA and per-card keys and certificates, kept on disk and reused."""

import dataclasses
import datetime as dt
import multiprocessing
import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.x509.oid import NameOID

from cardreader.emulator import STOCK_CARDS, TestPki

GP = STOCK_CARDS["cps"]


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pki")


@pytest.fixture(scope="module")
def pki(pki_dir):
    return TestPki.open(pki_dir)


def attribute(name: x509.Name, oid) -> str:
    (value,) = name.get_attributes_for_oid(oid)
    return value.value


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in directory.glob("*.pem")}


def test_the_ca_says_test(pki):
    ca = pki.ca_certificate
    assert attribute(ca.subject, NameOID.COMMON_NAME) == "Cabinet TEST CA"
    assert attribute(ca.subject, NameOID.ORGANIZATION_NAME) == "Cabinet TEST"
    assert ca.issuer == ca.subject
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ca.verify_directly_issued_by(ca)
    pem = pki.ca_certificate_pem_path.read_bytes()
    assert x509.load_pem_x509_certificate(pem) == ca


def test_card_certificates(pki):
    credentials = pki.card_credentials(GP)
    for key, der in [
        (credentials.auth_key, credentials.auth_cert_der),
        (credentials.sign_key, credentials.sign_cert_der),
    ]:
        cert = x509.load_der_x509_certificate(der)
        cert.verify_directly_issued_by(pki.ca_certificate)
        assert attribute(cert.subject, NameOID.SERIAL_NUMBER) == GP.holder.national_id
        assert attribute(cert.subject, NameOID.COMMON_NAME) == "Émilie Lefèvre-Dupré"
        assert attribute(cert.subject, NameOID.TITLE) == "CPS"
        assert cert.not_valid_before_utc.date() == GP.valid_from
        assert cert.not_valid_after_utc.date() == GP.valid_until
        assert key.key_size == 2048
        assert cert.public_key() == key.public_key()
        signature = key.sign(b"data", PKCS1v15(), hashes.SHA256())
        cert.public_key().verify(signature, b"data", PKCS1v15(), hashes.SHA256())
    assert credentials.auth_key.public_key() != credentials.sign_key.public_key()


def test_an_expired_card_has_an_expired_certificate(pki):
    cert = x509.load_der_x509_certificate(
        pki.card_credentials(STOCK_CARDS["cps-expired"]).auth_cert_der
    )
    assert cert.not_valid_after_utc < dt.datetime.now(dt.UTC)


def test_cards_have_their_own_keys(pki):
    gp = pki.card_credentials(GP)
    staff = pki.card_credentials(STOCK_CARDS["cpe"])
    assert gp.auth_key.public_key() != staff.auth_key.public_key()
    cert = x509.load_der_x509_certificate(staff.auth_cert_der)
    assert attribute(cert.subject, NameOID.TITLE) == "CPE"


def test_reused_from_disk(pki, pki_dir):
    first = pki.card_credentials(GP)
    before = snapshot(pki_dir)
    again = TestPki.open(pki_dir)
    second = again.card_credentials(GP)
    assert snapshot(pki_dir) == before  # nothing rewritten
    assert again.ca_certificate == pki.ca_certificate
    assert second.auth_cert_der == first.auth_cert_der
    assert second.sign_cert_der == first.sign_cert_der
    assert second.auth_key.private_numbers() == first.auth_key.private_numbers()


def test_a_changed_profile_gets_a_new_certificate_with_the_same_key(pki):
    first = pki.card_credentials(GP)
    holder = dataclasses.replace(GP.holder, last_name="Dupré")
    changed = pki.card_credentials(dataclasses.replace(GP, holder=holder))
    cert = x509.load_der_x509_certificate(changed.auth_cert_der)
    assert attribute(cert.subject, NameOID.COMMON_NAME) == "Émilie Dupré"
    assert changed.auth_key.private_numbers() == first.auth_key.private_numbers()
    pki.card_credentials(GP)  # back to the stock card for the other tests


def test_files_are_pem_private_keys_unreadable_by_others_and_no_temp_left(pki, pki_dir):
    pki.card_credentials(GP)
    names = {p.name for p in pki_dir.iterdir()}
    assert {"ca.key.pem", "ca.cert.pem", f"card-{GP.serial}-auth.key.pem"} <= names
    assert not [name for name in names if name.endswith(".tmp")]
    key_file = pki_dir / f"card-{GP.serial}-sign.key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) & 0o077 == 0
    serialization.load_pem_private_key(key_file.read_bytes(), password=None)


def test_a_damaged_key_file_is_replaced(tmp_path):
    TestPki.open(tmp_path)
    (tmp_path / "ca.key.pem").write_text("not a key")
    pki = TestPki.open(tmp_path)
    pki.ca_certificate.verify_directly_issued_by(pki.ca_certificate)
    assert pki.ca_certificate.public_key() == pki.ca_key.public_key()


def _open_and_issue(directory: str) -> tuple[bytes, bytes]:
    pki = TestPki.open(directory)
    credentials = pki.card_credentials(GP)
    return pki.ca_certificate_pem_path.read_bytes(), credentials.auth_cert_der


def test_two_processes_starting_at_once_share_one_pki(tmp_path):
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        results = list(pool.map(_open_and_issue, [str(tmp_path)] * 2))
    assert results[0] == results[1]
    assert results[0] == _open_and_issue(str(tmp_path))
