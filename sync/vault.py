"""Encryption at rest: one random data key per profile, kept in the OS keyring, and AES-GCM with it.

Health data (NIRs, names, message bodies, documents) is sealed before it reaches the disk, with the
row or file id as associated data, so a sealed value copied onto another row does not open. Search
still works through keyed hashes (:meth:`Vault.search_token`): equal inputs give equal tokens, and
nothing about the input can be read from a token without the key.

Where no trustworthy keyring exists (a kiosk without a desktop session), the key goes to a file only
its user can read (0600) and :attr:`VaultKey.warning` says so for the diagnostics screen (a reason code
and its data, which the window puts in words): never a silent plaintext store. An auto-detected keyring
that stores in plaintext itself (keyrings.alt's ``PlaintextKeyring``) or that fails every call counts as
no keyring.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from keyring.backend import KeyringBackend

from sync.errors import Reason
from sync.protocol.search import fold

__all__ = ["VaultError", "KeySource", "KeyWarning", "VaultKey", "Vault", "load_or_create_key", "private_folder",
           "private_file", "write_private", "fsync_directory", "TEMPORARY", "SERVICE"]

SERVICE = "cabinet"
_VERSION = b"\x01"
_NONCE = 12
_INSECURE_BACKENDS = {"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",
                      "keyrings.alt.file.PlaintextKeyring"}


class VaultError(Exception):
    """A sealed value does not open: wrong key, wrong associated data, or tampered bytes."""


class KeySource(enum.Enum):
    KEYRING = "keyring"
    FILE = "file"


@dataclass(frozen=True)
class KeyWarning:
    """Why the data key is kept in ``file`` rather than in the keyring; ``cause`` is the keyring's own error
    (:attr:`Reason.KEYRING_FAILED`), empty otherwise."""

    reason: Reason
    file: Path
    cause: str = ""


@dataclass(frozen=True)
class VaultKey:
    key: bytes
    source: KeySource
    warning: KeyWarning | None = None


def _backend_is_trustworthy(backend: KeyringBackend) -> bool:
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if name in _INSECURE_BACKENDS:
        return False
    if name == "keyring.backends.chainer.ChainerBackend":
        return any(_backend_is_trustworthy(b) for b in getattr(backend, "backends", ()))
    return True


def private_folder(folder: Path) -> None:
    """Make ``folder`` and leave it to its owner only (0700), whatever the umask or the mode an older
    version left: the folders of the store, the scans and the key are nobody else's. Missing parents
    are made 0700 too, as the XDG base directory specification asks of a data folder."""
    for missing in reversed([p for p in (folder, *folder.parents) if not p.exists()]):
        missing.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_mode & 0o777 != 0o700:
        folder.chmod(0o700)


def private_file(path: Path) -> None:
    """Make ``path`` (empty) if it is missing, and leave it readable and writable by its owner only (0600)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o777 != 0o600:
        path.chmod(0o600)


TEMPORARY = ".tmp-"  # in the name of a file being written by :func:`write_private`: a leftover after a crash


def fsync_directory(directory: Path) -> None:
    """Make a rename durable: on POSIX the directory entry is only safe once the directory is synced."""
    if os.name == "posix":
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` readable by its owner only, durably: a new temporary name (0600),
    fsync, rename, directory fsync. A crash leaves the old file or the new one, never half of one."""
    private_folder(path.parent)
    temporary = path.with_name(f"{path.name}{TEMPORARY}{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    fsync_directory(path.parent)


def _key_from_file(path: Path, warning: KeyWarning) -> VaultKey:
    if path.exists():
        if path.stat().st_mode & 0o077:
            raise VaultError(f"{path} is readable by others: fix its mode (chmod 600) before use")
        key = base64.b64decode(path.read_bytes())
    else:
        key = secrets.token_bytes(32)
        write_private(path, base64.b64encode(key))
    return VaultKey(key, KeySource.FILE, warning)


def load_or_create_key(profile: str, fallback_file: Path,
                       backend: KeyringBackend | None = None) -> VaultKey:
    """The data key of ``profile``: from the keyring (made there on first use), else from the file.

    ``backend`` is the keyring to use (tests and managed installs pass one explicitly, and it is
    trusted); by default the OS keyring that :mod:`keyring` detects, if it is trustworthy.
    """
    chosen = backend or keyring.get_keyring()
    if backend is None and not _backend_is_trustworthy(chosen):
        return _key_from_file(fallback_file, KeyWarning(Reason.KEYRING_UNTRUSTED, fallback_file))
    try:
        stored = chosen.get_password(SERVICE, profile)
        if stored is None:
            key = secrets.token_bytes(32)
            chosen.set_password(SERVICE, profile, base64.b64encode(key).decode())
            return VaultKey(key, KeySource.KEYRING)
        return VaultKey(base64.b64decode(stored), KeySource.KEYRING)
    except keyring.errors.KeyringError as error:
        return _key_from_file(fallback_file, KeyWarning(Reason.KEYRING_FAILED, fallback_file, str(error)))


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cabinet " + purpose).derive(key)


class Vault:
    """AES-256-GCM sealing and keyed search tokens, both derived from one data key."""

    def __init__(self, data_key: bytes) -> None:
        if len(data_key) != 32:
            raise ValueError("the data key has 32 bytes")
        self._aead = AESGCM(_derive(data_key, b"aes-gcm"))
        self._search_key = _derive(data_key, b"search")

    def seal(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, associated)

    def open(self, sealed: bytes, associated: bytes) -> bytes:
        if len(sealed) < 1 + _NONCE + 16 or sealed[:1] != _VERSION:
            raise VaultError("not a sealed value of this version")
        try:
            return self._aead.decrypt(sealed[1:1 + _NONCE], sealed[1 + _NONCE:], associated)
        except InvalidTag:
            raise VaultError("the sealed value does not open with this key and associated data") from None

    def seal_text(self, text: str, associated: str) -> bytes:
        return self.seal(text.encode("utf-8"), associated.encode("utf-8"))

    def open_text(self, sealed: bytes, associated: str) -> str:
        return self.open(sealed, associated.encode("utf-8")).decode("utf-8")

    def search_token(self, value: str) -> str:
        """A keyed hash of the folded value (:func:`sync.protocol.search.fold`: case, accents, ligatures and
        punctuation ignored), to index and find a sealed column by equality."""
        return hmac.new(self._search_key, fold(value).encode("utf-8"), hashlib.sha256).hexdigest()
