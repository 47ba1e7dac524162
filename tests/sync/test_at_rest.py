"""Health data at rest after a real sync with the real back office: a first pull (payments, rejects,
ALD, message threads, events), then a new message, a reply and a SCOR scan sent. Every file of the data
folder — database, ``-wal`` and ``-shm`` read raw while the store is open, then everything again after
it is closed, the scans, the key file — holds no NIR, patient name, message subject or body, in any
encoding SQLite or JSON could have written it; the folder is its owner's only (0700) and every file in
it too (0600), under the loosest umask."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from awaiting_invoices import awaiting_invoice
from keyring.backends import fail

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from scan_pdf import scan
from sync.backoffice.local import LocalBackoffice
from sync.documents import DocumentQueue
from sync.engine import SyncEngine
from sync.store import Store
from sync.vault import KeySource, Vault, load_or_create_key

from test_engine import card_signer, client_for

GP = "SELECT id FROM professionals WHERE am_number = '751123456'"


@pytest.fixture(scope="module")
def office(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=60, months=3) as running:
        yield running


def server(office, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(office.db_path) as db:
        return db.execute(sql, args).fetchall()


def health_data(office) -> set[str]:
    """What the back office holds about the GP's patients and correspondence, as it reaches the client."""
    found = server(office, f"SELECT patient_nir, patient_name FROM payments WHERE professional_id = ({GP})")
    found += server(office, f"SELECT nir, NULL FROM rejects WHERE professional_id = ({GP})")
    found += server(office, f"SELECT p.nir, p.last_name || ' ' || p.first_name FROM ald a JOIN patients p ON "
                            f"p.practice_id = a.practice_id AND p.nir = a.patient_nir WHERE a.professional_id = ({GP})")
    found += server(office, f"SELECT subject, NULL FROM message_threads WHERE professional_id = ({GP})")
    found += server(office, f"SELECT m.body, NULL FROM messages m JOIN message_threads t ON t.id = m.thread_id "
                            f"WHERE t.professional_id = ({GP})")
    found += server(office, f"SELECT summary, NULL FROM events WHERE professional_id = ({GP})")
    found += server(office, f"SELECT nir, patient_name FROM degraded_invoices WHERE practice_id = "
                            f"(SELECT practice_id FROM professionals WHERE id = ({GP}))")
    values = {value for row in found for value in row if value}
    return values | {value[:13] for value in values if len(value) == 15 and value[:13].isalnum()}  # NIR sans clé


def forms_of(secret: str) -> set[bytes]:
    """The bytes ``secret`` would have on disk if it leaked: UTF-8 (SQLite's text), UTF-16 (a UTF-16
    database), Latin-1, and JSON with its ``\\u00e9`` escapes (``json.dumps`` of an answer)."""
    forms = {secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be"),
             json.dumps(secret)[1:-1].encode("ascii")}
    try:
        forms.add(secret.encode("latin-1"))
    except UnicodeEncodeError:
        pass
    return forms


def raw_files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def leaks(files: dict[Path, bytes], secrets: set[str]) -> list[tuple[str, str]]:
    return [(path.name, secret) for path, data in files.items() for secret in secrets
            if any(form in data for form in forms_of(secret))]


@dataclass
class Synced:
    folder: Path
    secrets: set[str]
    open_files: dict[Path, bytes]  # read raw while the store was open: the WAL not yet checkpointed
    modes: dict[Path, int]  # the data folder, its parent and all under it, the store still open


@pytest.fixture(scope="module")
def synced(office, pki_dir, tmp_path_factory) -> Synced:
    folder = tmp_path_factory.mktemp("home") / "share" / "cabinet"  # both made by the code under test
    patient_nir, patient_name = server(office, f"SELECT patient_nir, patient_name FROM payments WHERE "
                                               f"professional_id = ({GP}) AND patient_nir IS NOT NULL LIMIT 1")[0]
    subject = f"Rejet de la facture de {patient_name}"
    body = f"Bonjour, {patient_name} (NIR {patient_nir}) conteste le rejet de sa feuille de soins."
    reply = f"Je joins l'ordonnance de {patient_name}, suivie pour une rétinopathie diabétique."
    umask = os.umask(0)  # the loosest: every mode below is the code's doing, not the environment's
    try:
        key = load_or_create_key("810003456786@poste-test", folder / "vault.key", backend=fail.Keyring())
        assert key.source is KeySource.FILE  # a kiosk without a keyring: the key file is in the folder too
        vault = Vault(key.key)
        store = Store.open(folder / "stores" / "store.sqlite", vault)
        documents = DocumentQueue(folder / "scans", store, vault)
        client = client_for(office)
        client.sign_in_with_card(card_signer(pki_dir))
        engine = SyncEngine(client, store, documents=documents, page_size=50)
        assert engine.sync_once().ok
        thread = store.threads()[0]
        store.enqueue("message", {"subject": subject, "reason": "patient_rights", "body": body})
        store.enqueue("message_reply", {"thread_id": thread.id, "body": reply})
        documents.add(scan(marker=patient_name), pages=1, invoice=awaiting_invoice(office.db_path, 1))
        report = engine.sync_once()
        assert report.ok and (report.sent, report.uploaded) == (2, 1), report.errors
        assert [m.body for t in store.threads() if t.id == thread.id for m in t.messages][-1] == reply
        assert any(t.subject == subject for t in store.threads())
        open_files = raw_files(folder)
        modes = {path: path.stat().st_mode for path in [folder.parent, folder, *folder.rglob("*")]}
        store.close()
        client.close()
    finally:
        os.umask(umask)
    seeded = health_data(office)
    assert {subject, body, reply, thread.subject, thread.messages[0].body} <= seeded and len(seeded) > 50
    secrets = seeded | {patient_name}
    return Synced(folder, secrets, open_files, modes)


def test_no_health_data_in_any_file_of_the_data_folder_while_open(synced):
    names = {path.name for path in synced.open_files}
    assert {"store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "vault.key"} <= names and len(names) >= 5
    assert sum(len(data) for path, data in synced.open_files.items() if path.name.endswith("-wal")) > 0
    assert leaks(synced.open_files, synced.secrets) == []


def test_no_health_data_in_any_file_of_the_data_folder_once_closed(synced):
    files = raw_files(synced.folder)
    assert any(path.parent.name == "scans" for path in files)
    assert leaks(files, synced.secrets) == []


def test_the_data_folder_and_every_file_in_it_are_the_owners_only(synced):
    names = {path.name for path in synced.modes}
    assert {"share", "cabinet", "stores", "scans", "store.sqlite", "store.sqlite-wal", "store.sqlite-shm",
            "vault.key"} <= names
    assert {path.name: oct(mode & 0o777) for path, mode in synced.modes.items()
            if mode & 0o777 != (0o700 if stat.S_ISDIR(mode) else 0o600)} == {}
