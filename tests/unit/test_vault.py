"""The vault against a real keyring backend (keyrings.alt's file keyring in a temporary folder)."""

from __future__ import annotations

import os
import stat

import keyring
import keyring.core
import pytest
from hypothesis import given, strategies as st
from keyring.backends.fail import Keyring as FailingKeyring
from keyrings.alt.file import PlaintextKeyring

from sync.errors import Reason
from sync.vault import KeySource, KeyWarning, Vault, VaultError, load_or_create_key


@pytest.fixture
def file_keyring(tmp_path):
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    return backend


def test_the_key_is_made_once_and_kept_in_the_keyring(tmp_path, file_keyring):
    first = load_or_create_key("810003456786@poste-1", tmp_path / "key", backend=file_keyring)
    again = load_or_create_key("810003456786@poste-1", tmp_path / "key", backend=file_keyring)
    other = load_or_create_key("810001234567@poste-1", tmp_path / "key", backend=file_keyring)
    assert first.source is KeySource.KEYRING and first.warning is None
    assert first.key == again.key != other.key and len(first.key) == 32
    assert not (tmp_path / "key").exists()


@pytest.fixture
def plaintext_keyring_detected(monkeypatch):
    """keyring configured as a bare kiosk ends up: its plaintext file backend (keyring's own env)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    keyring.core.init_backend()
    yield
    monkeypatch.undo()
    keyring.core.init_backend()


def test_without_a_trustworthy_keyring_the_key_file_is_private_and_reported(tmp_path, plaintext_keyring_detected):
    key = load_or_create_key("p", tmp_path / "profile" / "vault.key")
    assert key.source is KeySource.FILE
    assert key.warning == KeyWarning(Reason.KEYRING_UNTRUSTED, tmp_path / "profile" / "vault.key")
    mode = stat.S_IMODE(os.stat(tmp_path / "profile" / "vault.key").st_mode)
    assert mode == 0o600
    assert load_or_create_key("p", tmp_path / "profile" / "vault.key").key == key.key
    os.chmod(tmp_path / "profile" / "vault.key", 0o644)
    with pytest.raises(VaultError, match="chmod 600"):
        load_or_create_key("p", tmp_path / "profile" / "vault.key")


def test_a_failing_keyring_leaves_the_key_in_the_private_file_with_its_error(tmp_path):
    key = load_or_create_key("p", tmp_path / "vault.key", backend=FailingKeyring())
    assert key.source is KeySource.FILE and key.warning.reason is Reason.KEYRING_FAILED
    assert key.warning.file == tmp_path / "vault.key" and "No recommended backend" in key.warning.cause
    assert load_or_create_key("p", tmp_path / "vault.key", backend=FailingKeyring()).key == key.key


def test_sealed_values_open_only_with_the_same_key_and_associated_data():
    vault = Vault(bytes(range(32)))
    sealed = vault.seal_text("2 85 03 75 115 042 63", "patients/17")
    assert b"85 03" not in sealed
    assert vault.open_text(sealed, "patients/17") == "2 85 03 75 115 042 63"
    with pytest.raises(VaultError):
        vault.open_text(sealed, "patients/18")  # copied onto another row
    with pytest.raises(VaultError):
        Vault(bytes(32)).open_text(sealed, "patients/17")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(VaultError):
        vault.open_text(tampered, "patients/17")
    with pytest.raises(VaultError):
        vault.open(b"\x02" + sealed[1:], b"patients/17")


def test_search_tokens_ignore_case_accents_and_spacing_and_depend_on_the_key():
    vault = Vault(bytes(range(32)))
    assert vault.search_token("Émilie  Lefèvre") == vault.search_token("emilie lefevre")
    assert vault.search_token("Émilie") != vault.search_token("Emile")
    assert Vault(bytes(32)).search_token("emilie") != vault.search_token("emilie")


@given(st.binary(max_size=2000), st.binary(max_size=64))
def test_round_trip_and_fresh_nonces(plaintext, associated):
    vault = Vault(bytes(range(32)))
    first, second = vault.seal(plaintext, associated), vault.seal(plaintext, associated)
    assert first != second
    assert vault.open(first, associated) == plaintext == vault.open(second, associated)
