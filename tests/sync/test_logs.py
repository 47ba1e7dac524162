"""No patient's NIR or name in any log: a full run — the real back office in its own process (uvicorn, its
default log level) and a client syncing, looking patients up and searching payments by name and NIR —
then both sides' logs are scanned for every seeded patient."""

from __future__ import annotations

import logging
import sqlite3
from urllib.parse import quote

import pytest

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.client import BackofficeClient
from sync.engine import SyncEngine
from sync.patients import PatientSituations
from sync.protocol import PaymentsPage
from sync.protocol.redact import MASK, redact
from sync.protocol.services import ReimbursementHistory
from sync.store import Store
from test_engine import VAULT, card_signer


def test_redact_masks_patients_paths_personal_values_and_nirs():
    assert redact("GET /v1/patients/185037511504242/situation") == f"GET /v1/patients/{MASK}/situation"
    assert redact("/v1/patients/1%2085%2003/history?vitale_serial=1234567890&consent=true") == \
        f"/v1/patients/{MASK}/history?vitale_serial={MASK}&consent=true"
    assert redact("/v1/payments?cursor=eyJ2IjoxfQ&patient=B%C3%A9rard%20%C3%89lo%C3%AFse&limit=50") == \
        f"/v1/payments?cursor=eyJ2IjoxfQ&patient={MASK}&limit=50"
    for nir in ("2850375115042", "285037511504242", "2 85 03 75 115 042 42", "172082A004027", "172082b00402779"):
        assert redact(f"le NIR {nir}.") == f"le NIR {MASK}.", nir
    for kept in ("invoice 000123456", "SIRET 38312345600019", "RPPS 810003456786", "seq 2850375115042999"):
        assert redact(kept) == kept


@pytest.fixture
def backoffice(tmp_path, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=40, months=3) as running:
        yield running


def seeded_patients(backoffice) -> list[sqlite3.Row]:
    with sqlite3.connect(backoffice.db_path) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT p.nir, p.last_name, p.first_name, p.practice_id, v.serial FROM patients p "
                          "JOIN vitale_cards v ON v.nir = p.nir ORDER BY p.id").fetchall()


def personal_strings(patient: sqlite3.Row) -> set[str]:
    """Every way the patient's NIR and name could be written in a log line."""
    nir, names = patient["nir"], (patient["last_name"], patient["first_name"])
    spaced = f"{nir[:1]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    found = {nir, nir[:13], spaced, quote(spaced), patient["serial"]}
    for name in names:
        found |= {name, name.upper(), quote(name), quote(name.upper())}
    return {text for text in found if len(text) >= 4}


def test_no_patient_nir_or_name_reaches_either_log(tmp_path, backoffice, pki_dir, caplog):
    caplog.set_level(logging.DEBUG)  # the client's every logger, httpx and httpcore included
    patients = seeded_patients(backoffice)
    ours = [p for p in patients if p["practice_id"] == 1][:6]
    client = BackofficeClient(backoffice.url, ca_file=backoffice.ca_certificate, workstation="poste-logs",
                              sleep=lambda seconds: None)
    client.sign_in_with_card(card_signer(pki_dir))
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    engine = SyncEngine(client, store, page_size=50)
    assert engine.sync_once().ok
    situations = PatientSituations(client, store)
    for patient in ours:
        nir = patient["nir"]
        looked_up = situations.lookup(f"{nir[:1]} {nir[1:3]} {nir[3:]}")
        assert looked_up.live and looked_up.situation.nir == nir
        history = client.get(f"/v1/patients/{nir}/history", ReimbursementHistory, vitale_serial=patient["serial"],
                             consent="true")
        assert history.nir == nir
        for query in (nir, nir[:13], patient["last_name"], f"{patient['last_name']} {patient['first_name']}"):
            client.get("/v1/payments", PaymentsPage, patient=query, limit=5)
    token = client._token  # the bearer token: no log may hold it either
    store.close()
    client.close()
    backoffice.stop()  # the server's log is complete once it has stopped

    server_log = (backoffice.workdir / "backoffice.log").read_text(encoding="utf-8", errors="replace")
    client_log = "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)
    # the requests were logged, masked: the scan below looks at lines that held the data
    assert f"/v1/patients/{MASK}/situation" in server_log and f"patient={MASK}" in server_log
    assert f"/v1/patients/{MASK}/history?vitale_serial={MASK}&consent=true" in client_log
    assert f"patient={MASK}&limit=5" in client_log
    assert token and token not in server_log and token not in client_log
    for patient in patients:
        for text in personal_strings(patient):
            assert text not in server_log, f"{text!r} in the back office's log"
            assert text not in client_log, f"{text!r} in the client's log"
