"""The support archive's redaction and content, and the Diagnostics facts over a real store (pcscd's
answer given: the readers are the integration tests')."""

from __future__ import annotations

import json
import logging
import secrets
import stat
import zipfile
from datetime import UTC, datetime

import pytest

from desktop_app.diagnosis import DEFAULT_ORIGIN, PcscFacts, ReaderFact, collect_facts, pcsc_facts, setting_facts
from desktop_app.log_file import LOG_NAME, close_log_file, log_folder, open_log_file
from desktop_app.settings import SETTING_KEYS, Settings
from desktop_app.support_archive import MASK, Redactor, log_files, write_archive
from sync.store import Store
from sync.vault import Vault

NOW = datetime(2026, 11, 24, 9, 12, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "NIR 285037511504242 lu", "NIR 2 85 03 75 115 042 42 lu", "NIR 172082A004027 lu", "NIR 1 72 08 2B 004 027 79 lu",
    "GET /v1/patients/285037511504242/situation", "Authorization: Bearer abc.DEF-123_xyz",
    "token=Zx9" + "a" * 40, "carte 8100012345678 lue", "session " + secrets.token_urlsafe(32) + " ouverte",
])
def test_the_redactor_masks_nirs_tokens_and_identifiers(text):
    masked = Redactor()(text)
    assert MASK in masked
    for secret in ("285037511504242", "2 85 03 75", "172082A004027", "2B 004", "Bearer abc", "Zx9aaa", "8100012345678"):
        assert secret not in masked


def test_the_redactor_masks_the_names_given_in_any_case_and_without_accents():
    redactor = Redactor(["Bérard Éloïse", "Lefèvre-Dupré", "Li"])
    masked = redactor("Eloise BERARD, éloïse, lefevre-dupre and Dupré paid; Li and Libby stay; the dupréssion")
    assert masked == "*** ***, ***, *** and *** paid; Li and Libby stay; the dupréssion"


def test_the_redactor_keeps_what_support_needs():
    line = "2026-11-24 09:12:01,123 WARNING sync.engine: upload of documents failed: HTTP 503 after 12.5 ms"
    assert Redactor(["Martin"])(line) == line


def test_facts_say_the_store_its_freshness_and_every_setting_with_its_origin(tmp_path):
    store = Store.open(tmp_path / "stores" / "x.sqlite", Vault(bytes(range(32))))
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "a").write_bytes(b"x" * 1000)
    settings = Settings(data_dir=tmp_path, workstation="poste-1", origins={"workstation": "command line"})
    facts = collect_facts(settings, now=NOW, store=store, documents_folder=scans, extra_versions={"Qt": "6.8"},
                          pcsc=lambda: PcscFacts(True, (ReaderFact("Lecteur 0", "3B 8F"), ReaderFact("Lecteur 1", None))))
    store.close()
    assert facts.store.size_bytes > 0 and facts.store.documents_bytes == 1000
    assert dict(facts.store.freshness)["payments"] is None  # never synced
    assert ("Qt", "6.8") in facts.versions and {"Cabinet", "Python", "pyscard", "OpenSSL"} <= dict(facts.versions).keys()
    origins = {fact.name: (fact.value, fact.origin) for fact in facts.settings}
    assert origins["workstation"] == ("poste-1", "command line")
    assert origins["lang"] == ("fr", DEFAULT_ORIGIN) and origins["ca"] == ("", DEFAULT_ORIGIN)
    assert facts.backoffice is None and facts.keyring


def test_a_locked_setting_is_said_locked():
    assert [fact.locked for fact in setting_facts(Settings(locked=frozenset({"kiosk"}))) if fact.name == "kiosk"] == [True]


def test_pcscd_gone_is_a_fact_not_an_error():
    from cardreader.errors import ServiceUnavailable

    def gone():
        raise ServiceUnavailable("the smart-card service (pcscd) is not available")

    assert pcsc_facts(gone) == PcscFacts(False, error="the smart-card service (pcscd) is not available")
    assert pcsc_facts(lambda: [("R", bytes.fromhex("3b8f80"))]).readers == (ReaderFact("R", "3B 8F 80"),)


def test_the_archive_holds_the_facts_and_the_logs_masked(tmp_path):
    handler = open_log_file(tmp_path)
    logger = logging.getLogger("cabinet.test")
    logger.setLevel(logging.INFO)
    try:
        logger.info("read the card of Éloïse Bérard, NIR %s", "285037511504242")
        logger.info("Authorization: Bearer %s", "s3cr3t-token-value")
    finally:
        close_log_file(handler)
    folder = log_folder(tmp_path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE((folder / LOG_NAME).stat().st_mode) == 0o600
    assert "285037511504242" not in (folder / LOG_NAME).read_text()  # masked as written
    facts = collect_facts(Settings(data_dir=tmp_path), now=NOW, pcsc=lambda: PcscFacts(False, error="gone"))
    target = tmp_path / "diagnostic.zip"
    write_archive(target, facts, log_files(folder), Redactor(["Éloïse Bérard"]))
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["facts.json", f"logs/{LOG_NAME}"]
        log_text = archive.read(f"logs/{LOG_NAME}").decode()
        data = json.loads(archive.read("facts.json"))
    assert "read the card of" in log_text and "Bérard" not in log_text and "s3cr3t" not in log_text
    assert data["pcsc"] == {"available": False, "readers": [], "error": "gone"}
    assert data["collected_at"] == NOW.isoformat() and len(data["settings"]) == len(SETTING_KEYS)
    assert not list(tmp_path.glob(".*.part"))


def test_the_words_to_mask_are_every_patient_the_store_names_and_the_professional(tmp_path):
    from datetime import date

    from desktop_app.support_archive import session_words
    from sync.protocol import AldRenewal, Payment, PatientSituation, Rights, TreatingDoctor

    store = Store.open(tmp_path / "store.sqlite", Vault(bytes(range(32))))
    store.apply_payments([Payment(id=1, seq=1, professional="810003456786", paid_on=date(2026, 11, 2),
                                  kind="tiers_payant", label="Consultation", amount_cents=3000, payer="CPAM de Paris",
                                  patient_nir="285037511504242", patient_name="BÉRARD Éloïse")], None, NOW)
    store.replace_ald_renewals([AldRenewal(nir="185037511504211", last_name="Roux", first_name="Gaston",
                                           birth_date="1985-03-00", ald_number=8, label="Diabète",
                                           start_date=date(2021, 1, 1), end_date=date(2026, 12, 31),
                                           days_left=29)], NOW)
    store.save_patient_situation(PatientSituation(
        nir="172082A00402779", last_name="Santoni", first_name="Ange", birth_date="1972-08-00", fund="CPAM de Corse",
        as_of=date(2026, 11, 24), rights=Rights(open=True, start=None, end=None),
        treating_doctor=TreatingDoctor(declared=True, is_you=False, name="Dr Paoli", declared_on=None)), NOW)
    words = session_words(store, ("Dr Émilie Lefèvre-Dupré", "810003456786"))
    store.close()
    assert {"BÉRARD Éloïse", "Roux", "Gaston", "Santoni", "Ange", "Dr Paoli", "Dr Émilie Lefèvre-Dupré",
            "810003456786"} <= words
    masked = Redactor(words)("Santoni, Gaston ROUX, Éloïse Bérard, Paoli and Émilie Lefevre-Dupre")
    assert masked == "***, *** ***, *** ***, *** and *** ***"
