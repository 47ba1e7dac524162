"""The demo data generator: deterministic, valid identifiers, realistic volumes, fast."""

from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from cardreader.emulator.profiles import STOCK_CARDS
from cardreader.identifiers import luhn_valid, nir_key_valid
from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.seed import ACTS, ALD_LIST, REJECT_CODES, seed
from sync.backoffice.sessions import SCOPES, token_hash
from sync.backoffice.sqlite import open_database

TODAY = date(2026, 3, 18)
NOW = 1_773_828_000.0  # 2026-03-18 10:00 UTC


def _clock() -> float:
    return NOW


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("seed") / "bo.sqlite")
    summary = seed(db, seed=3, practices=2, patients=400, months=27, today=TODAY, clock=_clock)
    return db, summary


def _dump(db, table: str) -> list[tuple]:
    return [tuple(row) for row in db.connection.execute(f"SELECT * FROM {table} ORDER BY id")]


def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    dumps = []
    for name, number in (("a", 5), ("b", 5), ("c", 6)):
        db = open_database(tmp_path / f"{name}.sqlite")
        seed(db, seed=number, patients=60, months=4, today=TODAY, clock=_clock)
        dumps.append([_dump(db, t) for t in ("practices", "professionals", "patients", "invoices",
                                             "payments", "rejects", "ald", "batches", "degraded_invoices")])
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


def test_counts_match_the_tables(seeded):
    db, summary = seeded
    for table, count in summary.counts().items():
        name = {"ald": "ald"}.get(table, table)
        assert db.connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == count, table
    assert summary.practices == 2 and summary.patients == 800


def test_identifiers_follow_the_public_rules(seeded):
    db, _ = seeded
    c = db.connection
    nirs = [row[0] for row in c.execute("SELECT nir FROM patients")]
    assert all(nir_key_valid(nir) for nir in nirs)
    assert any(nir[5:7] in ("2A", "2B") for nir in nirs)  # the stock Corsican card's holder
    for row in c.execute("SELECT p.*, s.finess FROM professionals p JOIN practices s ON s.id = p.practice_id"):
        assert row["created_at"] == NOW and row["password_hash"] is None
        if row["card_type"] == "CPS":
            assert row["national_id"][0] == "8" and len(row["national_id"]) == 12
            assert luhn_valid(row["national_id"][1:])
            am = row["am_number"]
            assert len(am) == 9 and am.isdigit()
            department = row["finess"][:2].replace("2A", "20").replace("2B", "20")
            assert am[:2] == department
        else:
            assert row["card_type"] == "CPE" and row["national_id"][0] == "3" and row["am_number"] is None
    for finess, in c.execute("SELECT finess FROM practices"):
        assert len(finess) == 9
    gps_per_practice = [n for n, in c.execute(
        "SELECT count(*) FROM professionals WHERE card_type = 'CPS' GROUP BY practice_id")]
    assert all(1 <= n <= 3 for n in gps_per_practice)


def test_the_first_practice_carries_the_stock_cards(seeded):
    db, _ = seeded
    c = db.connection
    gp = c.execute("SELECT * FROM professionals WHERE national_id = ?",
                   (STOCK_CARDS["cps"].holder.national_id,)).fetchone()
    cpe = c.execute("SELECT * FROM professionals WHERE national_id = ?",
                    (STOCK_CARDS["cpe"].holder.national_id,)).fetchone()
    assert gp["practice_id"] == cpe["practice_id"] == 1 and gp["am_number"] == "751123456"
    vitale = STOCK_CARDS["vitale"].beneficiaries[0]
    patient = c.execute("SELECT * FROM patients WHERE nir = ?", (vitale.full_nir,)).fetchone()
    assert patient["last_name"] == vitale.last_name and patient["practice_id"] == 1
    assert c.execute("SELECT scopes FROM delegations WHERE delegate_national_id = ?",
                     (cpe["national_id"],)).fetchone()["scopes"] == "documents forms messages payments"


@pytest.mark.parametrize("seed_number", [2, 7])  # both draw one doctor without the stock pair
def test_the_stock_practice_has_both_stock_doctors_whatever_is_drawn(tmp_path, seed_number):
    """The demo's second CPS signs in as the partner of the first, with the secretary's delegation."""
    db = open_database(tmp_path / "bo.sqlite")
    seed(db, seed=seed_number, patients=30, months=1, today=TODAY, clock=_clock)
    card = STOCK_CARDS["cps-2"]
    partner = db.connection.execute("SELECT * FROM professionals WHERE national_id = ?",
                                    (card.holder.national_id,)).fetchone()
    assert (partner["practice_id"], partner["card_type"], partner["last_name"], partner["first_name"]) == \
        (1, "CPS", card.holder.last_name, card.holder.first_name)
    assert partner["am_number"] == card.situations[0].am_number
    assert db.connection.execute("SELECT count(*) FROM delegations WHERE titular_id = ? AND delegate_national_id = ?",
                                 (partner["id"], STOCK_CARDS["cpe"].holder.national_id)).fetchone()[0] == 1


def test_a_practice_of_one_doctor_asked_for_has_only_the_first_stock_doctor(tmp_path):
    db = open_database(tmp_path / "bo.sqlite")
    seed(db, seed=1, patients=30, months=1, today=TODAY, clock=_clock, doctors=1)
    national_ids = {n for n, in db.connection.execute("SELECT national_id FROM professionals WHERE card_type = 'CPS'")}
    assert national_ids == {STOCK_CARDS["cps"].holder.national_id}


def test_every_patient_has_a_vitale_card_and_the_stock_cards_are_theirs(seeded):
    c = seeded[0].connection
    assert c.execute("SELECT count(*) FROM patients WHERE nir NOT IN (SELECT nir FROM vitale_cards)").fetchone()[0] == 0
    serials = [s for s, in c.execute("SELECT serial FROM vitale_cards")]
    assert len(serials) == len(set(serials)) and all(len(s) == 10 and s.isdigit() for s in serials)
    for name in ("vitale", "vitale-corse", "vitale-large-family"):
        card = STOCK_CARDS[name]
        assert {n for n, in c.execute("SELECT nir FROM vitale_cards WHERE serial = ?", (card.serial,))} == \
            {b.full_nir for b in card.beneficiaries}, name


def test_activity_over_the_months(seeded):
    db, _ = seeded
    c = db.connection
    first, last = c.execute("SELECT min(care_date), max(care_date) FROM invoices").fetchone()
    assert first >= (TODAY - timedelta(days=27 * 31)).isoformat() and last <= TODAY.isoformat()
    assert first <= (TODAY - timedelta(days=26 * 30)).isoformat()
    assert {code for code, in c.execute("SELECT DISTINCT act_code FROM invoices")} <= set(ACTS)
    total, rejected = c.execute("SELECT count(*), sum(status = 'rejected') FROM invoices").fetchone()
    assert 0.01 <= rejected / total <= 0.035
    # each reject names its invoice: batch, number, NIR, birth date, act date and code
    for row in c.execute("SELECT r.*, i.care_date, i.act_code AS code, i.patient_nir FROM rejects r "
                         "JOIN invoices i ON i.professional_id = r.professional_id "
                         "AND i.invoice_number = r.invoice_number"):
        assert (row["act_date"], row["act_code"], row["nir"]) == (row["care_date"], row["code"], row["patient_nir"])
        assert row["label_fr"] == REJECT_CODES[row["reject_code"]]
    assert c.execute("SELECT count(*) FROM rejects").fetchone()[0] == rejected
    statuses = {s for s, in c.execute("SELECT DISTINCT status FROM rejects")}
    assert statuses == {"open", "corrected"}


def test_payments_of_every_kind_with_readable_labels(seeded):
    db, _ = seeded
    c = db.connection
    kinds = {k for k, in c.execute("SELECT DISTINCT kind FROM payments")}
    assert kinds == {"tiers_payant", "mt_ald", "on_call", "teletransmission_help", "lump_sum"}
    assert c.execute("SELECT count(*) FROM payments WHERE kind = 'tiers_payant' AND (invoice_number IS NULL "
                     "OR batch_number IS NULL OR patient_nir IS NULL OR patient_name IS NULL)").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM payments WHERE kind != 'tiers_payant' AND (invoice_number IS NOT NULL "
                     "OR patient_nir IS NOT NULL)").fetchone()[0] == 0
    labels = {label for label, in c.execute("SELECT label FROM payments WHERE kind = 'lump_sum'")}
    assert "Forfait médecin traitant (FMT) — 4e trimestre 2025" in labels
    # tiers payant pays each paid invoice exactly once
    assert c.execute("SELECT count(*) FROM invoices WHERE status = 'paid'").fetchone()[0] == \
        c.execute("SELECT count(*) FROM payments WHERE kind = 'tiers_payant'").fetchone()[0]
    assert c.execute("SELECT max(paid_on) FROM payments").fetchone()[0] <= TODAY.isoformat()


def test_change_sequence_is_global_and_follows_time(seeded):
    db, _ = seeded
    c = db.connection
    seqs = [s for s, in c.execute("SELECT seq FROM payments UNION ALL SELECT seq FROM rejects")]
    assert len(seqs) == len(set(seqs))
    assert max(seqs) <= c.execute("SELECT value FROM change_seq").fetchone()[0]  # events take numbers too
    dates = [d for d, in c.execute("SELECT paid_on FROM payments ORDER BY seq")]
    assert dates == sorted(dates)


def test_ald_from_the_public_list_some_due_within_90_days(seeded):
    db, _ = seeded
    c = db.connection
    for row in c.execute("SELECT a.*, p.treating_doctor_id FROM ald a JOIN patients p "
                         "ON p.practice_id = a.practice_id AND p.nir = a.patient_nir"):
        assert ALD_LIST[row["ald_number"]] == row["label"]
        assert row["professional_id"] == row["treating_doctor_id"]
    assert ALD_LIST[8] == "Diabète de type 1 et diabète de type 2"
    due = c.execute("SELECT count(*) FROM ald WHERE end_date BETWEEN ? AND ?",
                    (TODAY.isoformat(), (TODAY + timedelta(days=90)).isoformat())).fetchone()[0]
    assert due >= 3


def test_seeding_again_adds_practices_without_collisions(tmp_path):
    db = open_database(tmp_path / "bo.sqlite")
    seed(db, seed=1, practices=2, patients=20, months=2, today=TODAY, clock=_clock)
    summary = seed(db, seed=1, practices=2, patients=20, months=2, today=TODAY, clock=_clock)
    assert summary.practices == 2
    c = db.connection
    assert c.execute("SELECT count(*) FROM practices").fetchone()[0] == 4
    # the stock card identities were taken by the first run: the second one draws new ones
    assert c.execute("SELECT count(*) FROM professionals WHERE national_id = ?",
                     (STOCK_CARDS["cps"].holder.national_id,)).fetchone()[0] == 1
    seqs = [s for s, in c.execute("SELECT seq FROM payments")]
    assert len(seqs) == len(set(seqs))
    assert c.execute("SELECT count(*) FROM patients WHERE nir NOT IN (SELECT nir FROM vitale_cards)").fetchone()[0] == 0


def test_degraded_invoices_await_their_document_in_acknowledged_batches_but_a_few(seeded):
    db, summary = seeded
    c = db.connection
    for practice_id in (1, 2):
        rows = c.execute(
            "SELECT d.*, b.arl, b.arl_at, b.arl_reason, b.sent_on, b.professional_id AS batch_owner, "
            "i.id AS invoice_id, p.last_name, p.first_name FROM degraded_invoices d "
            "JOIN batches b ON b.id = d.batch_id AND b.batch_number = d.batch "
            "LEFT JOIN invoices i ON i.professional_id = d.professional_id AND i.batch_number = d.batch "
            "AND i.invoice_number = d.number AND i.patient_nir = d.nir AND i.care_date = d.care_date "
            "AND i.amount_cents = d.amount_cents "
            "LEFT JOIN patients p ON p.practice_id = d.practice_id AND p.nir = d.nir WHERE d.practice_id = ?",
            (practice_id,)).fetchall()
        recent = c.execute("SELECT count(*) FROM invoices WHERE practice_id = ? AND care_date >= ?",
                           (practice_id, (TODAY - timedelta(days=45)).isoformat())).fetchone()[0]
        assert len(rows) == min(60, max(4, recent // 25)) and recent > 100
        assert all(r["invoice_id"] and r["batch_owner"] == r["professional_id"] for r in rows)  # real invoices
        assert all(r["patient_name"] == f"{r['last_name'].upper()} {r['first_name']}" for r in rows)
        assert all(r["justified_by"] is None and r["care_date"] >= (TODAY - timedelta(days=45)).isoformat()
                   for r in rows)
        assert sum(r["arl"] == "positive" for r in rows) > len(rows) / 2
        # the practice's batches: acknowledged the day after, but the last day's pending, and one refused
        batches = c.execute("SELECT b.* FROM batches b JOIN professionals p ON p.id = b.professional_id "
                            "WHERE p.practice_id = ?", (practice_id,)).fetchall()
        yesterday = (TODAY - timedelta(days=1)).isoformat()
        assert {(b["sent_on"] >= yesterday, b["arl"] == "pending", b["arl_at"] is None) for b in batches} == \
            {(True, True, True), (False, False, False)}
        refused = [b for b in batches if b["arl"] == "negative"]
        assert len(refused) == 1 and refused[0]["arl_reason"] and refused[0]["id"] in {r["batch_id"] for r in rows}
    seqs = [seq for seq, in c.execute("SELECT seq FROM degraded_invoices")]
    assert len(set(seqs)) == len(seqs) == summary.degraded_invoices
    assert min(seqs) > c.execute("SELECT max(seq) FROM payments").fetchone()[0]


def test_a_large_practice_seeds_well_under_a_minute(tmp_path):
    db = open_database(tmp_path / "large.sqlite")
    started = time.perf_counter()
    summary = seed(db, seed=1, patients=5000, months=27, today=TODAY, clock=_clock)
    elapsed = time.perf_counter() - started
    assert summary.patients == 5000 and summary.invoices > 40_000 and summary.degraded_invoices == 60
    assert elapsed < 20, f"seeding took {elapsed:.1f} s"


def test_the_stock_doctor_has_both_situations_of_her_card(tmp_path):
    app = create_app(BackofficeConfig(db_path=tmp_path / "bo.sqlite", clock=_clock))
    db = app.state.services.storage.db
    seed(db, seed=2, patients=10, months=1, today=TODAY, clock=_clock)
    gp = db.connection.execute("SELECT id FROM professionals WHERE am_number = '751123456'").fetchone()["id"]
    with db.transaction() as tx:
        tx.execute("INSERT INTO sessions (token_hash, professional_id, kind, scopes, created_at, last_seen_at, "
                   "proof_due_at) VALUES (?, ?, 'card', ?, ?, ?, ?)",
                   (token_hash("t"), gp, " ".join(sorted(SCOPES)), _clock(), _clock(), _clock() + 600))
    with TestClient(app) as client:
        me = client.get("/v1/me", headers={"Authorization": "Bearer t"}).json()
    assert [(s["am_number"], s["mode"]) for s in me["situations"]] == [("751123456", "L"), ("921987654", "S")]


def _digest(db) -> str:
    """One hash of every row the seed writes (all tables but the migration log, which records when)."""
    digest = hashlib.sha256()
    c = db.connection
    for table, in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != '_migrations' "
                            "ORDER BY name").fetchall():
        for row in c.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_the_default_seed_stays_what_it_was(tmp_path):
    """The rows of a seed without ``doctors``, as they were before the option came: the option draws
    nothing when it is not given. A deliberate change to the generator updates this digest."""
    db = open_database(tmp_path / "bo.sqlite")
    seed(db, seed=5, practices=2, patients=60, months=4, today=TODAY, clock=_clock)
    # 010_rejects_treated added two empty columns to rejects (before: 396f7e13…, the same values without them);
    # 011_awaiting_invoices the batches' ARL and the degraded invoices, from a generator of their own (before:
    # 6af7a351…, which the rows give again without them and without the sequence numbers they took)
    assert _digest(db) == "559a962925788b058ff84e62cc2c76421ea69fe9300e646910540323bc40b5b2"


def test_a_group_practice_of_ten_doctors_shares_its_patients(tmp_path):
    db = open_database(tmp_path / "bo.sqlite")
    summary = seed(db, seed=1, practices=2, patients=400, months=6, today=TODAY, clock=_clock, doctors=10)
    c = db.connection
    per_practice = c.execute("SELECT practice_id, count(*) FROM professionals WHERE card_type = 'CPS' "
                             "GROUP BY practice_id").fetchall()
    assert [n for _, n in per_practice] == [10, 10] and summary.professionals == 22
    # every doctor has payments; the secretary (CPE) holds each doctor's delegation
    paid = c.execute("SELECT count(DISTINCT professional_id) FROM payments").fetchone()[0]
    assert paid == 20
    assert c.execute("SELECT count(*) FROM delegations WHERE scopes LIKE '%payments%'").fetchone()[0] == 20
    assert c.execute("SELECT count(*) FROM professionals WHERE national_id = ?",
                     (STOCK_CARDS["cps"].holder.national_id,)).fetchone()[0] == 1
    # the practice's volume follows its patients, not its doctors: about what 1 to 3 doctors make
    alone = open_database(tmp_path / "alone.sqlite")
    few = seed(alone, seed=1, practices=2, patients=400, months=6, today=TODAY, clock=_clock)
    assert 0.8 < summary.payments / few.payments < 1.5
    # and the same arguments give the same rows
    again = open_database(tmp_path / "again.sqlite")
    seed(again, seed=1, practices=2, patients=400, months=6, today=TODAY, clock=_clock, doctors=10)
    assert _digest(again) == _digest(db)


def test_doctors_must_be_at_least_one(tmp_path):
    with pytest.raises(ValueError, match="doctors"):
        seed(open_database(tmp_path / "bo.sqlite"), patients=10, months=1, doctors=0)
