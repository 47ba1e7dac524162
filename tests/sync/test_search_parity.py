"""Offline search finds what the back office finds: the same queries give the same payments from the
store (keyed tokens of folded words) and from ``/v1/payments?patient=`` (folded names), for whole
words, parts of compound names with and without accents, apostrophes, ligatures, words that are the
start of others, and NIRs."""

from __future__ import annotations

import pytest

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from server_changes import rename_patients
from sync.backoffice.local import LocalBackoffice
from sync.engine import SyncEngine
from sync.protocol import PaymentsPage
from sync.store import Store

from test_engine import VAULT, card_signer, client_for

NAMES = [("Lefèvre-Dupré", "Marie-Hélène"), ("D'Almeida", "José"), ("N’Diaye", "Aïssatou"), ("Lecœur", "Noé"),
         ("Martin", "Jean"), ("Martinez", "Jeanne"), ("Le Goff", "Anaël")]
QUERIES = ["Lefevre", "lefèvre", "DUPRE", "Dupré", "lefèvre-dupré", "Dupré Lefèvre", "marie-helene", "Hélène",
           "D'Almeida", "d’almeida", "ALMEIDA", "dalmeida", "josé d'almeida", "N'Diaye", "diaye", "ndiaye",
           "Lecœur", "lecoeur", "LECOEUR Noé", "noe", "Martin", "martinez", "Jean", "Jeanne", "jean martin",
           "le goff", "Goff", "anael le goff", "Le", "Lefèvre-Dupré José"]
MUST_FIND = {"Lefevre": 0, "DUPRE": 0, "marie-helene": 0, "dalmeida": None, "ALMEIDA": 1, "diaye": 2, "ndiaye": None,
             "lecoeur": 3, "Martin": 4, "Jean": 4, "Jeanne": 5, "Goff": 6}  # query -> index in NAMES, None: no one


@pytest.fixture(scope="module")
def synced(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=80, months=3) as office:
        nirs = rename_patients(office.db_path, NAMES)
        client = client_for(office)
        client.sign_in_with_card(card_signer(pki_dir))
        store = Store.open(tmp_path_factory.mktemp("store") / "store.sqlite", VAULT)
        assert SyncEngine(client, store, page_size=200).sync_once().ok
        yield client, store, nirs
        store.close()
        client.close()


def server_ids(client, patient: str) -> set[int]:
    ids, cursor = set(), None
    while True:
        page = client.get("/v1/payments", PaymentsPage, patient=patient, limit=1000, cursor=cursor)
        ids |= {p.id for p in page.items}
        if not page.has_more:
            return ids
        cursor = page.next_cursor


def store_ids(store: Store, patient: str) -> set[int]:
    return {p.id for p in store.search_payments(patient=patient, limit=100_000)}


@pytest.mark.parametrize("query", QUERIES)
def test_the_store_finds_the_payments_the_back_office_finds(synced, query):
    client, store, nirs = synced
    online = server_ids(client, query)
    assert store_ids(store, query) == online
    if query in MUST_FIND:  # the parity is not that of two empty answers
        expected = MUST_FIND[query]
        patients = {p.patient_nir for p in store.search_payments(patient=query, limit=100_000)}
        assert nirs[expected] in patients if expected is not None else patients == set()


def test_seeded_names_and_nirs_find_the_same_payments(synced):
    client, store, _ = synced
    people = sorted({(p.patient_name, p.patient_nir) for p in store.search_payments(limit=100_000) if p.patient_nir})
    assert len(people) > 10
    for name, nir in people:
        spaced = f"{nir[:1]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
        for query in (name, name.split()[0], name.split()[-1], nir, spaced, nir[:13]):
            assert store_ids(store, query) == server_ids(client, query) != set(), query
