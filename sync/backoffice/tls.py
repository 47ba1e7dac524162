"""A private CA and a loopback server certificate, for the demo's HTTPS back office.

A real deployment uses certificates from a public CA; the client then verifies against the system
store. The demo gives the client this CA's file instead, so TLS is verified there too, never off.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

__all__ = ["DemoTls", "make_demo_tls"]


@dataclass(frozen=True)
class DemoTls:
    ca_certificate: Path
    server_certificate: Path
    server_key: Path


def _write(path: Path, data: bytes, mode: int = 0o644) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def make_demo_tls(directory: Path, hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")) -> DemoTls:
    """Create (once) a CA and a server certificate for ``hosts`` in ``directory``; reuse them after."""
    directory.mkdir(parents=True, exist_ok=True)
    tls = DemoTls(directory / "demo-ca.pem", directory / "server.pem", directory / "server-key.pem")
    if all(path.exists() for path in (tls.ca_certificate, tls.server_certificate, tls.server_key)):
        return tls
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Cabinet demo TEST CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                         critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
              .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=825))
              .add_extension(x509.SubjectAlternativeName(names), critical=False)
              .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    _write(tls.server_key, key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()), 0o600)
    _write(tls.server_certificate, server.public_bytes(pem))
    _write(tls.ca_certificate, ca.public_bytes(pem))
    return tls
