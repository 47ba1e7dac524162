"""Payments, rejects, ALD renewals and patient situation through HTTP (the app in-process).

Sessions are written straight into the ``sessions`` table, as the sign-in would leave them, so these
tests exercise the data routes and the real session lookup without a card."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.ids import nir_key
from sync.backoffice.seed import seed
from sync.backoffice.sessions import DELEGABLE
from sync.backoffice.sqlite import allocate_seq
from sync.protocol.search import fold, name_words
import bo_sessions

TODAY = date(2026, 3, 18)
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris")).timestamp()
PROBLEM = "application/problem+json"


def _clock() -> float:
    return NOW


@pytest.fixture(scope="module")
def bo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("data")
    config = BackofficeConfig(db_path=directory / "bo.sqlite", clock=_clock, maildir=directory / "maildir")
    app = create_app(config)
    db = app.state.services.storage.db
    seed(db, seed=11, practices=2, patients=60, months=3, today=TODAY, clock=_clock)
    with TestClient(app) as client:
        client.db = db
        yield client


def open_session(client, professional_id: int, scopes=None, kind: str = "card") -> dict:
    """A live session; staff get payments and documents only here."""
    return bo_sessions.open_session(client, professional_id, now=NOW, scopes=scopes, kind=kind,
                                    staff_scopes=DELEGABLE & {"payments", "documents"})

def gps(client, practice_id: int) -> list[int]:
    return [i for i, in client.db.connection.execute(
        "SELECT id FROM professionals WHERE practice_id = ? AND card_type = 'CPS' ORDER BY id", (practice_id,))]


def national_ids(client, practice_id: int) -> set[str]:
    return {n for n, in client.db.connection.execute(
        "SELECT national_id FROM professionals WHERE practice_id = ?", (practice_id,))}


def sync_all(client, headers, path="/v1/payments", cursor=None, **params) -> tuple[list[dict], str | None]:
    items, pages = [], 0
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        answer = client.get(path, params=query, headers=headers)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        cursor = page["next_cursor"] or cursor
        pages += 1
        assert pages < 1000
        if not page["has_more"]:
            return items, cursor


def expected_ids(client, sql: str, *args) -> list[int]:
    return [i for i, in client.db.connection.execute(sql, args)]


# --- payments --------------------------------------------------------------------------------------


def test_cursor_sync_returns_every_payment_once_then_only_new_ones(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    items, cursor = sync_all(bo, headers, limit=7)
    ids = [item["id"] for item in items]
    assert ids == expected_ids(bo, "SELECT id FROM payments WHERE professional_id = ? ORDER BY seq", gp)
    assert len(ids) == len(set(ids)) > 20
    assert [item["seq"] for item in items] == sorted(item["seq"] for item in items)

    # nothing new: an empty page that keeps the cursor
    again = bo.get("/v1/payments", params={"cursor": cursor}, headers=headers).json()
    assert again == {"items": [], "next_cursor": cursor, "has_more": False}

    # a new payment comes after the cursor
    with bo.db.transaction() as tx:
        seq = allocate_seq(tx)
        tx.execute("INSERT INTO payments (professional_id, practice_id, paid_on, kind, label, amount_cents, payer, seq)"
                   " VALUES (?, 1, ?, 'on_call', 'Astreintes de permanence des soins — février 2026 (1 nuit)', "
                   "15000, 'CPAM de Paris', ?)", (gp, TODAY.isoformat(), seq))
    new, _ = sync_all(bo, headers, cursor=cursor)
    assert [(item["seq"], item["kind"], item["amount_cents"]) for item in new] == [(seq, "on_call", 15000)]


def test_payment_fields(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    items, _ = sync_all(bo, headers, kind="tiers_payant", limit=500)
    assert items and all(i["kind"] == "tiers_payant" for i in items)
    first = items[0]
    assert set(first) == {"id", "seq", "professional", "paid_on", "kind", "label", "amount_cents", "payer",
                          "patient_nir", "patient_name", "invoice_number", "batch_number"}
    assert first["payer"].startswith(("CPAM", "MSA")) and len(first["patient_nir"]) == 15
    lump, _ = sync_all(bo, headers, kind="lump_sum")
    assert any(i["label"].startswith("Forfait médecin traitant (FMT) — 4e trimestre 2025") for i in lump)
    assert all(i["patient_nir"] is None and i["invoice_number"] is None for i in lump)


def test_filters_by_date_patient_nir_invoice_and_batch(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    c = bo.db.connection

    start, end = "2026-01-10", "2026-02-05"
    items, _ = sync_all(bo, headers, date_from=start, date_to=end, limit=50)
    assert [i["id"] for i in items] == expected_ids(
        bo, "SELECT id FROM payments WHERE professional_id = ? AND paid_on BETWEEN ? AND ? ORDER BY seq",
        gp, start, end)
    assert items and all(start <= i["paid_on"] <= end for i in items)

    # a patient with payments (an accented name when there is one), searched without accents, in
    # capitals, and by NIR
    candidates = c.execute("SELECT p.patient_nir, t.last_name FROM payments p JOIN patients t ON t.practice_id = 1 "
                           "AND t.nir = p.patient_nir WHERE p.professional_id = ? ORDER BY p.seq", (gp,)).fetchall()
    row = next((r for r in candidates if fold(r["last_name"]) != r["last_name"].lower()), candidates[0])
    last_name = row["last_name"]
    query = fold(last_name).upper()
    by_name, _ = sync_all(bo, headers, patient=query)
    named = c.execute("SELECT id, patient_search FROM payments WHERE professional_id = ? AND patient_search "
                      "IS NOT NULL ORDER BY seq", (gp,))
    expected = [i for i, search in named if set(name_words(last_name)) <= set(search.split())]  # whole words
    assert [i["id"] for i in by_name] == expected and expected
    nir = row["patient_nir"]
    spaced = f"{nir[:1]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    by_nir, _ = sync_all(bo, headers, patient=spaced)
    by_nir13, _ = sync_all(bo, headers, patient=nir[:13])
    assert by_nir == by_nir13 and by_nir and all(i["patient_nir"] == nir for i in by_nir)
    assert {i["id"] for i in by_nir} == set(expected_ids(
        bo, "SELECT id FROM payments WHERE professional_id = ? AND patient_nir = ?", gp, nir))

    # accents typed by the user are ignored too
    accented = c.execute("SELECT patient_name, patient_search FROM payments WHERE professional_id = ? "
                         "AND patient_name != upper(patient_name) AND patient_search != lower(patient_name) "
                         "LIMIT 1", (gp,)).fetchone()
    if accented:
        first_name = accented["patient_name"].split(" ")[-1]
        hits, _ = sync_all(bo, headers, patient=first_name.lower())
        assert hits and all(fold(first_name) in fold(i["patient_name"]) for i in hits)

    one = c.execute("SELECT invoice_number, batch_number FROM payments WHERE professional_id = ? "
                    "AND invoice_number IS NOT NULL LIMIT 1", (gp,)).fetchone()
    by_invoice, _ = sync_all(bo, headers, invoice=one["invoice_number"])
    assert [i["invoice_number"] for i in by_invoice] == [one["invoice_number"]]
    by_batch, _ = sync_all(bo, headers, batch=str(int(one["batch_number"])))  # "042" found with "42"
    assert by_batch and {i["batch_number"] for i in by_batch} == {one["batch_number"]}
    assert len(by_batch) == len(expected_ids(
        bo, "SELECT id FROM payments WHERE professional_id = ? AND batch_number = ?", gp, one["batch_number"]))

    nobody, _ = sync_all(bo, headers, patient="Zzyzx-Personne")
    assert nobody == []


def test_etag_and_if_none_match(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    first = bo.get("/v1/payments", params={"limit": 5}, headers=headers)
    etag = first.headers["etag"]
    assert etag.startswith('"') and "private" in first.headers["cache-control"]
    same = bo.get("/v1/payments", params={"limit": 5}, headers={**headers, "If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == etag
    weak = bo.get("/v1/payments", params={"limit": 5}, headers={**headers, "If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304
    other = bo.get("/v1/payments", params={"limit": 6}, headers={**headers, "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_another_practice_never_sees_these_rows(bo):
    theirs = open_session(bo, gps(bo, 2)[0])
    items, _ = sync_all(bo, theirs, limit=200)
    assert items and {i["professional"] for i in items} <= national_ids(bo, 2)
    practice1_nirs = {n for n, in bo.db.connection.execute("SELECT nir FROM patients WHERE practice_id = 1")}
    assert not {i["patient_nir"] for i in items} & practice1_nirs
    nir = sorted(practice1_nirs)[0]
    assert bo.get(f"/v1/patients/{nir}/situation", headers=theirs).status_code == 404
    rejects, _ = sync_all(bo, theirs, path="/v1/rejects")
    assert {r["professional"] for r in rejects} <= national_ids(bo, 2)
    renewals = bo.get("/v1/ald/renewals", params={"within": 365}, headers=theirs).json()["items"]
    assert not {r["nir"] for r in renewals} & practice1_nirs
    # a doctor of the same practice does not see his colleague's payments either
    colleagues = gps(bo, 1)
    if len(colleagues) > 1:
        mine, _ = sync_all(bo, open_session(bo, colleagues[1]), limit=500)
        owner = bo.db.connection.execute("SELECT national_id FROM professionals WHERE id = ?",
                                         (colleagues[1],)).fetchone()[0]
        assert {i["professional"] for i in mine} == {owner}


def test_a_delegated_cpe_sees_payments_but_nothing_else(bo):
    cpe = bo.db.connection.execute("SELECT id FROM professionals WHERE practice_id = 1 AND card_type = 'CPE'"
                                   ).fetchone()[0]
    headers = open_session(bo, cpe, scopes={"payments", "documents"})
    items, _ = sync_all(bo, headers, limit=500)
    titulars = gps(bo, 1)
    assert len(items) == len(expected_ids(
        bo, f"SELECT id FROM payments WHERE professional_id IN ({','.join('?' * len(titulars))})", *titulars))
    nir = bo.db.connection.execute("SELECT nir FROM patients WHERE practice_id = 1 LIMIT 1").fetchone()[0]
    for path in ("/v1/rejects", "/v1/ald/renewals", f"/v1/patients/{nir}/situation"):
        answer = bo.get(path, headers=headers)
        assert answer.status_code == 403, path
        assert answer.headers["content-type"].startswith(PROBLEM)
        body = answer.json()
        assert body["type"].endswith("/scope-missing") and body["status"] == 403 and body["detail"]


def test_unauthenticated_and_bad_values_are_problems(bo):
    assert bo.get("/v1/payments").status_code == 401
    headers = open_session(bo, gps(bo, 1)[0])
    for params in ({"limit": 0}, {"limit": 5000}, {"kind": "cadeau"}, {"date_from": "2026-13-01"},
                   {"date_from": "2026-03-01", "date_to": "2026-02-01"}, {"invoice": "abc"}, {"patient": "x"}):
        answer = bo.get("/v1/payments", params=params, headers=headers)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.headers["content-type"].startswith(PROBLEM)
        assert answer.json()["detail"]
    assert bo.get("/v1/rejects", params={"status": "lost"}, headers=headers).status_code == 422
    answer = bo.get("/v1/payments", params={"cursor": "pas-un-curseur"}, headers=headers)
    assert answer.status_code == 400 and answer.json()["type"].endswith("/invalid-cursor")


# --- rejects ---------------------------------------------------------------------------------------


def test_rejects_page_by_cursor_and_filter_by_status(bo):
    gps1 = gps(bo, 1)
    total = 0
    for gp in gps1:
        headers = open_session(bo, gp)
        items, cursor = sync_all(bo, headers, path="/v1/rejects", limit=2)
        assert [r["id"] for r in items] == expected_ids(
            bo, "SELECT id FROM rejects WHERE professional_id = ? ORDER BY seq", gp)
        total += len(items)
        for item in items:
            assert item["label"] and len(item["nir"]) == 15 and item["reject_code"]
            assert set(item) >= {"batch_number", "invoice_number", "birth_date", "act_date", "act_code"}
        open_items, _ = sync_all(bo, headers, path="/v1/rejects", status="open")
        assert [r["id"] for r in open_items] == expected_ids(
            bo, "SELECT id FROM rejects WHERE professional_id = ? AND status = 'open' ORDER BY seq", gp)
        # a reject corrected later comes back after the cursor with its new status
        if items:
            with bo.db.transaction() as tx:
                tx.execute("UPDATE rejects SET status = 'corrected', seq = ? WHERE id = ?",
                           (allocate_seq(tx), items[0]["id"]))
            changed, _ = sync_all(bo, headers, path="/v1/rejects", cursor=cursor)
            assert [(r["id"], r["status"]) for r in changed] == [(items[0]["id"], "corrected")]
    assert total > 0


def test_a_reject_marked_treated_is_corrected_once_and_pulled_by_every_workstation(bo):
    reject_id, gp = bo.db.connection.execute(
        "SELECT id, professional_id FROM rejects WHERE practice_id = 1 ORDER BY id LIMIT 1").fetchone()
    with bo.db.transaction() as tx:  # open, as a new reject comes
        seq = allocate_seq(tx)
        tx.execute("UPDATE rejects SET status = 'open', seq = ? WHERE id = ?", (seq, reject_id))
    this_desk, other_desk = open_session(bo, gp), open_session(bo, gp)
    _, cursor = sync_all(bo, other_desk, path="/v1/rejects")
    path = f"/v1/rejects/{reject_id}/treated"

    marked = bo.post(path, headers=this_desk)
    assert marked.status_code == 200, marked.text
    assert marked.json()["id"] == reject_id and marked.json()["status"] == "corrected"
    assert marked.json()["seq"] > seq
    row = bo.db.connection.execute("SELECT status, treated_at, treated_by, seq FROM rejects WHERE id = ?",
                                   (reject_id,)).fetchone()
    assert tuple(row) == ("corrected", NOW, gp, marked.json()["seq"])

    again = bo.post(path, headers=other_desk)  # idempotent: no new seq, the same answer
    assert again.status_code == 200 and again.json() == marked.json()
    changed, _ = sync_all(bo, other_desk, path="/v1/rejects", cursor=cursor)
    assert [(r["id"], r["status"]) for r in changed] == [(reject_id, "corrected")]


def test_marking_a_reject_treated_is_refused_outside_the_doctors_rejects(bo):
    gp = gps(bo, 1)[0]
    reject_id = bo.db.connection.execute("SELECT id FROM rejects WHERE professional_id = ? LIMIT 1",
                                         (gp,)).fetchone()[0]
    before = bo.db.connection.execute("SELECT status, seq FROM rejects WHERE id = ?", (reject_id,)).fetchone()
    other_practice = open_session(bo, gps(bo, 2)[0])
    for headers, target in ((other_practice, reject_id), (open_session(bo, gp), 999_999_999)):
        answer = bo.post(f"/v1/rejects/{target}/treated", headers=headers)
        assert answer.status_code == 404 and answer.json()["type"].endswith("/reject-unknown")
        assert answer.json()["detail"]
    cpe = bo.db.connection.execute("SELECT id FROM professionals WHERE practice_id = 1 AND card_type = 'CPE'"
                                   ).fetchone()[0]
    answer = bo.post(f"/v1/rejects/{reject_id}/treated", headers=open_session(bo, cpe, scopes={"payments"}))
    assert answer.status_code == 403 and answer.json()["type"].endswith("/scope-missing")
    assert bo.post(f"/v1/rejects/{reject_id}/treated").status_code == 401
    assert tuple(bo.db.connection.execute("SELECT status, seq FROM rejects WHERE id = ?",
                                          (reject_id,)).fetchone()) == tuple(before)


# --- ALD renewals ----------------------------------------------------------------------------------


def test_ald_renewals_within_the_window(bo):
    c = bo.db.connection
    gp = gps(bo, 1)[0]
    # besides what the seed made: due in 0, 10 and 90 days (in), yesterday and in 91 days (out)
    patients = [n for n, in c.execute("SELECT nir FROM patients WHERE practice_id = 1 AND treating_doctor_id = ? "
                                      "ORDER BY nir LIMIT 5", (gp,))]
    with bo.db.transaction() as tx:
        for nir, days in zip(patients, (0, 10, 90, -1, 91)):
            end = TODAY + timedelta(days=days)
            tx.execute("INSERT INTO ald (practice_id, professional_id, patient_nir, ald_number, label, start_date, "
                       "end_date) VALUES (1, ?, ?, 8, 'Diabète de type 1 et diabète de type 2', ?, ?)",
                       (gp, nir, (end - timedelta(days=3650)).isoformat(), end.isoformat()))
    headers = open_session(bo, gp)
    body = bo.get("/v1/ald/renewals", headers=headers).json()
    assert body["as_of"] == TODAY.isoformat() and body["within_days"] == 90
    expected = c.execute("SELECT patient_nir, ald_number FROM ald WHERE professional_id = ? AND end_date "
                         "BETWEEN ? AND ? ORDER BY end_date, patient_nir, ald_number",
                         (gp, TODAY.isoformat(), (TODAY + timedelta(days=90)).isoformat())).fetchall()
    assert [(i["nir"], i["ald_number"]) for i in body["items"]] == [tuple(r) for r in expected]
    days = [i["days_left"] for i in body["items"] if i["nir"] in patients and i["ald_number"] == 8]
    assert {0, 10, 90} <= set(days) and not {-1, 91} & set(days)
    for item in body["items"]:
        assert 0 <= item["days_left"] <= 90 and item["label"] and item["last_name"]
        assert date.fromisoformat(item["end_date"]) - TODAY == timedelta(days=item["days_left"])
    short = bo.get("/v1/ald/renewals", params={"within": 10}, headers=headers).json()["items"]
    assert all(i["days_left"] <= 10 for i in short) and len(short) <= len(body["items"])
    for within in (0, 366, "soon"):
        answer = bo.get("/v1/ald/renewals", params={"within": within}, headers=headers)
        assert answer.status_code == 422 and answer.headers["content-type"].startswith(PROBLEM)


# --- patient situation -----------------------------------------------------------------------------


def _situation(bo, headers, nir):
    answer = bo.get(f"/v1/patients/{nir}/situation", headers=headers)
    return answer.status_code, answer.json()


def test_situation_with_and_without_treating_doctor(bo):
    c = bo.db.connection
    me, *others = gps(bo, 1)
    headers = open_session(bo, me)
    mine = c.execute("SELECT nir FROM patients WHERE practice_id = 1 AND treating_doctor_id = ? LIMIT 1",
                     (me,)).fetchone()[0]
    status, body = _situation(bo, headers, mine)
    assert status == 200
    assert body["treating_doctor"]["declared"] and body["treating_doctor"]["is_you"]
    assert body["treating_doctor"]["name"].startswith("Dr ")
    assert body["as_of"] == TODAY.isoformat() and set(body["rights"]) == {"open", "start", "end"}

    # nobody declared, rights closed last month
    nobody = c.execute("SELECT nir FROM patients WHERE practice_id = 1 AND nir != ? LIMIT 1 OFFSET 5",
                       (mine,)).fetchone()[0]
    with bo.db.transaction() as tx:
        tx.execute("UPDATE patients SET treating_doctor_id = NULL, treating_doctor_name = NULL, "
                   "treating_declared_on = NULL, rights_open = 1, rights_start = '2024-01-01', "
                   "rights_end = '2026-02-28' WHERE practice_id = 1 AND nir = ?", (nobody,))
    status, body = _situation(bo, headers, nobody)
    assert status == 200
    assert body["treating_doctor"] == {"declared": False, "is_you": False, "name": None, "declared_on": None}
    assert body["rights"] == {"open": False, "start": "2024-01-01", "end": "2026-02-28"}

    # declared with a doctor outside the practice: declared, not this doctor
    with bo.db.transaction() as tx:
        tx.execute("UPDATE patients SET treating_doctor_name = 'Dr Hélène Roussel', treating_declared_on = "
                   "'2020-05-04', rights_end = '2027-12-31' WHERE practice_id = 1 AND nir = ?", (nobody,))
    status, body = _situation(bo, headers, nobody)
    assert body["treating_doctor"] == {"declared": True, "is_you": False, "name": "Dr Hélène Roussel",
                                       "declared_on": "2020-05-04"}
    assert body["rights"]["open"] is True

    if others:  # a colleague's patient
        theirs = c.execute("SELECT nir FROM patients WHERE practice_id = 1 AND treating_doctor_id = ? LIMIT 1",
                           (others[0],)).fetchone()
        if theirs:
            status, body = _situation(bo, headers, theirs[0])
            assert body["treating_doctor"]["declared"] and not body["treating_doctor"]["is_you"]


def test_situation_refuses_invalid_nirs_and_unknown_patients(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    nir = bo.db.connection.execute("SELECT nir FROM patients WHERE practice_id = 1 LIMIT 1").fetchone()[0]
    wrong_key = nir[:13] + f"{(int(nir[13:]) % 97) + 1:02d}"
    for bad in (wrong_key, "123", "ABCDEFGHIJKLMNO", nir[:13], "5" + nir[1:]):
        status, body = _situation(bo, headers, bad)
        assert status == 422, bad
        assert body["type"].endswith("/invalid-nir") and "NIR" in body["detail"]
    spaced = " ".join([nir[:1], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]])
    assert _situation(bo, headers, spaced)[0] == 200
    unknown13 = "1991275999999"
    status, body = _situation(bo, headers, unknown13 + f"{nir_key(unknown13):02d}")
    assert status == 404 and body["type"].endswith("/patient-unknown")
    corsica = "172082A004027"
    assert _situation(bo, headers, corsica + f"{nir_key(corsica):02d}")[0] == 200  # the stock Corsican card


def test_health_answers_without_a_session(bo):
    answer = bo.get("/v1/health")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})


def test_openapi_documents_the_data_routes(bo):
    spec = bo.get("/openapi.json").json()
    for path in ("/v1/payments", "/v1/rejects", "/v1/ald/renewals", "/v1/patients/{nir}/situation"):
        assert path in spec["paths"]
    treated = spec["paths"]["/v1/rejects/{reject_id}/treated"]["post"]
    assert treated["summary"] and "404" in treated["responses"]
    schemas = spec["components"]["schemas"]
    assert {"PaymentsPage", "Payment", "RejectsPage", "AldRenewals", "PatientSituation"} <= set(schemas)
    params = {p["name"] for p in spec["paths"]["/v1/payments"]["get"]["parameters"]}
    assert {"cursor", "limit", "date_from", "date_to", "patient", "invoice", "batch", "kind"} <= params
