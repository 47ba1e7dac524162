"""A test PKI kept in a directory: the TEST CA and, per professional card, two keys and their
certificates.

Generating RSA keys takes time, so everything is kept as PEM files and reused on the next run; a
certificate is reissued (same key) when it no longer fits its card's profile or the CA. Files are
written to a temporary name, fsynced and renamed, and a lock file (``fcntl``, so POSIX only, like
vpcd) serialises processes starting at once: the demo, a CLI emulator and test workers.

Layout: ``ca.key.pem``, ``ca.cert.pem``, and ``card-<serial>-{auth,sign}.{key,cert}.pem``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .identities import ProfessionalProfile

__all__ = ["CardCredentials", "TestPki", "CA_NAME"]

log = logging.getLogger(__name__)

CA_NAME = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cabinet TEST"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Cabinet TEST CA"),
    ]
)
_CA_VALIDITY = (
    dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    dt.datetime(2049, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
)
_CARD_KEY_BITS = 2048
_CA_KEY_BITS = 3072


@dataclass(frozen=True)
class CardCredentials:
    """What a professional card holds besides its files: the two private keys and their certs."""

    auth_key: rsa.RSAPrivateKey
    auth_cert_der: bytes
    sign_key: rsa.RSAPrivateKey
    sign_cert_der: bytes


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with open(directory / ".lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _key(path: Path, bits: int) -> rsa.RSAPrivateKey:
    """The key stored at ``path``, or a new one written there."""
    if path.exists():
        try:
            # Our own file: skipping the RSA consistency check makes loading ~50 times faster.
            key = serialization.load_pem_private_key(
                path.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
            )
        except ValueError:
            log.warning("%s is not a PEM private key: generating a new one", path)
        else:
            if isinstance(key, rsa.RSAPrivateKey) and key.key_size == bits:
                return key
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_atomic(path, pem)
    return key


def _stored_certificate(path: Path) -> x509.Certificate | None:
    if not path.exists():
        return None
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except ValueError:
        return None


def _fits(
    cert: x509.Certificate,
    key: rsa.RSAPrivateKey,
    subject: x509.Name,
    validity: tuple[dt.datetime, dt.datetime],
    issuer: x509.Certificate,
) -> bool:
    if (
        cert.subject != subject
        or (cert.not_valid_before_utc, cert.not_valid_after_utc) != validity
        or cert.public_key() != key.public_key()
    ):
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _card_subject(profile: ProfessionalProfile) -> x509.Name:
    holder = profile.holder
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.TITLE, holder.card_type),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, holder.national_id),
            x509.NameAttribute(NameOID.SURNAME, holder.last_name),
            x509.NameAttribute(NameOID.GIVEN_NAME, holder.first_name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{holder.first_name} {holder.last_name}"),
        ]
    )


def _card_validity(profile: ProfessionalProfile) -> tuple[dt.datetime, dt.datetime]:
    utc = dt.UTC
    return (
        dt.datetime.combine(profile.valid_from, dt.time.min, tzinfo=utc),
        dt.datetime.combine(profile.valid_until, dt.time(23, 59, 59), tzinfo=utc),
    )


def _key_usage(
    *, signature: bool = False, commitment: bool = False, ca: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signature,
        content_commitment=commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _issue_ca(key: rsa.RSAPrivateKey) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(CA_NAME)
        .issuer_name(CA_NAME)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_CA_VALIDITY[0])
        .not_valid_after(_CA_VALIDITY[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )


class TestPki:
    """The TEST CA of a directory; build with :meth:`open`."""

    __test__ = False  # not a pytest test class despite its name

    def __init__(self, directory: Path, ca_key: rsa.RSAPrivateKey, ca_cert: x509.Certificate):
        self.directory = directory
        self.ca_key = ca_key
        self.ca_certificate = ca_cert

    @classmethod
    def open(cls, directory: Path | str) -> TestPki:
        """The PKI kept in ``directory``, created (with a new CA) when missing."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        with _locked(directory):
            key = _key(directory / "ca.key.pem", _CA_KEY_BITS)
            cert_path = directory / "ca.cert.pem"
            cert = _stored_certificate(cert_path)
            if cert is None or not _fits(cert, key, CA_NAME, _CA_VALIDITY, cert):
                log.info("creating the test CA in %s", directory)
                cert = _issue_ca(key)
                _write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        return cls(directory, key, cert)

    @property
    def ca_certificate_pem_path(self) -> Path:
        """The file a back office is configured to trust for emulated cards."""
        return self.directory / "ca.cert.pem"

    def card_credentials(self, profile: ProfessionalProfile) -> CardCredentials:
        """The card's keys and certificates, made on first use and reused afterwards."""
        with _locked(self.directory):
            auth_key, auth_cert = self._key_and_cert(profile, "auth")
            sign_key, sign_cert = self._key_and_cert(profile, "sign")
        return CardCredentials(auth_key, auth_cert, sign_key, sign_cert)

    def _key_and_cert(
        self, profile: ProfessionalProfile, role: str
    ) -> tuple[rsa.RSAPrivateKey, bytes]:
        stem = f"card-{profile.serial}-{role}"
        key = _key(self.directory / f"{stem}.key.pem", _CARD_KEY_BITS)
        subject, validity = _card_subject(profile), _card_validity(profile)
        cert_path = self.directory / f"{stem}.cert.pem"
        cert = _stored_certificate(cert_path)
        if cert is None or not _fits(cert, key, subject, validity, self.ca_certificate):
            cert = self._issue_card(key, subject, validity, role)
            _write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        return key, cert.public_bytes(serialization.Encoding.DER)

    def _issue_card(
        self,
        key: rsa.RSAPrivateKey,
        subject: x509.Name,
        validity: tuple[dt.datetime, dt.datetime],
        role: str,
    ) -> x509.Certificate:
        authentication = role == "auth"
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.ca_certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(validity[0])
            .not_valid_after(validity[1])
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                _key_usage(signature=authentication, commitment=not authentication), True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca_key.public_key()), False
            )
        )
        if authentication:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
            )
        return builder.sign(self.ca_key, hashes.SHA256())
