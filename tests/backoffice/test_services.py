"""Form orders, messages, activity, reimbursement history and the event feed through HTTP (the app
in-process, its clock under the tests' control).

Sessions are written straight into the ``sessions`` table, as the sign-in would leave them."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from sync.backoffice import dates
from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.ids import nir_key
from sync.backoffice.seed import seed
from sync.backoffice.sqlite import services as sql
import bo_sessions

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 3, 18)
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=PARIS).timestamp()
PROBLEM = "application/problem+json"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


CLOCK = Clock()


@pytest.fixture(scope="module")
def bo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("services")
    config = BackofficeConfig(db_path=directory / "bo.sqlite", clock=CLOCK, maildir=directory / "maildir")
    app = create_app(config)
    db = app.state.services.storage.db
    seed(db, seed=11, practices=2, patients=60, months=14, today=TODAY, clock=lambda: NOW)
    with TestClient(app) as client:
        client.db = db
        yield client


@pytest.fixture(autouse=True)
def _reset_clock():
    CLOCK.now = NOW
    yield
    CLOCK.now = NOW


def at(day: str, hour: int = 10, minute: int = 0) -> float:
    y, m, d = (int(x) for x in day.split("-"))
    return datetime(y, m, d, hour, minute, tzinfo=PARIS).timestamp()


def open_session(client, professional_id: int, scopes=None, kind: str = "card") -> dict:
    return bo_sessions.open_session(client, professional_id, now=NOW, scopes=scopes, kind=kind)

def gps(client, practice_id: int) -> list[int]:
    return [i for i, in client.db.connection.execute(
        "SELECT id FROM professionals WHERE practice_id = ? AND card_type = 'CPS' ORDER BY id", (practice_id,))]


def cpe(client, practice_id: int) -> int:
    return client.db.connection.execute("SELECT id FROM professionals WHERE practice_id = ? AND card_type = 'CPE'",
                                        (practice_id,)).fetchone()[0]


def national_id(client, professional_id: int) -> str:
    return client.db.connection.execute("SELECT national_id FROM professionals WHERE id = ?",
                                        (professional_id,)).fetchone()[0]


def sync_all(client, headers, path, cursor=None, **params) -> tuple[list[dict], str | None]:
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


def problem(answer, status: int, slug: str) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    body = answer.json()
    assert body["type"].endswith("/" + slug) and body["status"] == status and body["detail"], body
    return body


def new_id() -> str:
    return "c-" + secrets.token_hex(8)


# --- working days ----------------------------------------------------------------------------------


def test_easter_and_french_public_holidays():
    assert [dates.easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038, 2285)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2038, 4, 25),
        date(2285, 3, 22)]
    assert sorted(dates.french_public_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 14),
        date(2026, 5, 25), date(2026, 7, 14), date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11),
        date(2026, 12, 25)]


@pytest.mark.parametrize(("sent", "due"), [
    ("2026-07-10", "2026-07-16"),  # Friday; Tuesday 14 July is off
    ("2026-07-06", "2026-07-09"),  # Monday, no holiday: Thursday
    ("2026-07-11", "2026-07-16"),  # Saturday: Monday, Wednesday, Thursday
    ("2026-05-13", "2026-05-19"),  # Wednesday before Ascension (Thursday 14 May)
    ("2026-05-22", "2026-05-28"),  # Friday before Whit Monday (25 May)
    ("2026-04-03", "2026-04-09"),  # Friday before Easter Monday (6 April)
    ("2026-12-24", "2026-12-30"),  # Thursday before Christmas
    ("2026-12-31", "2027-01-06"),  # New Year's Day, then a weekend
])
def test_answer_due_three_working_days_on(sent, due):
    assert dates.answer_due_on(at(sent, 16)) == date.fromisoformat(due)


def test_answer_due_uses_the_paris_date_late_in_the_evening():
    # 23:30 in Paris on Friday is still Friday there (21:30 UTC in summer)
    assert dates.answer_due_on(at("2026-07-10", 23, 30)) == date(2026, 7, 16)


# --- forms catalogue -------------------------------------------------------------------------------


def test_catalog_lists_forms_with_cerfa_numbers_and_quantities(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    answer = bo.get("/v1/forms/catalog", headers=headers)
    assert answer.status_code == 200
    forms = {f["id"]: f for f in answer.json()["items"]}
    cerfas = {f["cerfa"] for f in forms.values()}
    assert {"12541", "10170", "12039", "11626", "16130", "11138"} <= cerfas
    assert forms["ordonnance-bizone"]["cerfa"] is None
    assert forms["feuille-soins-medecin"]["quantities"] == list(range(50, 501, 50))
    assert all(f["title"] and f["unit"] and f["quantities"] for f in forms.values())
    etag = answer.headers["etag"]
    assert bo.get("/v1/forms/catalog", headers={**headers, "If-None-Match": etag}).status_code == 304
    # a delegated CPE reads it too; a session without the scope does not
    assert bo.get("/v1/forms/catalog", headers=open_session(bo, cpe(bo, 1))).status_code == 200
    problem(bo.get("/v1/forms/catalog", headers=open_session(bo, cpe(bo, 1), scopes={"payments"})),
            403, "scope-missing")
    assert bo.get("/v1/forms/catalog").status_code == 401


# --- form orders -----------------------------------------------------------------------------------


def _order(bo, headers, lines, client_id=None, **extra):
    return bo.post("/v1/forms/orders", json={"client_id": client_id or new_id(), "lines": lines, **extra},
                   headers=headers)


def test_order_is_idempotent_on_client_id(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    client_id = new_id()
    first = _order(bo, headers, [{"form": "feuille-soins-medecin", "quantity": 200},
                                 {"form": "arret-travail", "quantity": 50}], client_id)
    assert first.status_code == 201, first.text
    order = first.json()
    assert first.headers["location"] == f"/v1/forms/orders/{order['id']}"
    assert order["status"] == "placed" and order["client_id"] == client_id
    assert order["professional"] == order["placed_by"] == national_id(bo, gp)
    assert {(l["form"], l["quantity"], l["cerfa"]) for l in order["lines"]} == {
        ("feuille-soins-medecin", 200, "12541"), ("arret-travail", 50, "10170")}
    assert datetime.fromisoformat(order["modifiable_until"]).timestamp() == NOW + 3600
    # a retry (even with other lines, e.g. a client that lost the answer) returns the same order
    CLOCK.now = NOW + 30
    again = _order(bo, headers, [{"form": "ordonnance-bizone", "quantity": 100}], client_id)
    assert again.status_code == 200 and again.json() == order
    assert bo.db.connection.execute("SELECT count(*) FROM form_orders WHERE client_id = ?",
                                    (client_id,)).fetchone()[0] == 1


@pytest.mark.parametrize("lines", [
    [{"form": "feuille-soins-medecin", "quantity": 120}],  # not a multiple of 50
    [{"form": "feuille-soins-medecin", "quantity": 550}],  # above 500
    [{"form": "feuille-soins-medecin", "quantity": 0}],
    [{"form": "feuille-soins-medecin", "quantity": -50}],
    [{"form": "cerfa-inconnu", "quantity": 50}],
    [{"form": "arret-travail", "quantity": 50}, {"form": "arret-travail", "quantity": 25}],
    [],
    [{"form": "arret-travail", "quantity": 50, "colour": "blue"}],
])
def test_order_refuses_quantities_outside_the_allowed_set(bo, lines):
    headers = open_session(bo, gps(bo, 1)[0])
    before = bo.db.connection.execute("SELECT count(*) FROM form_orders").fetchone()[0]
    body = problem(_order(bo, headers, lines), 422, "invalid-order" if lines and "colour" not in lines[0]
                   and lines[0]["quantity"] >= 0 else "invalid-request")
    assert body["detail"]
    assert bo.db.connection.execute("SELECT count(*) FROM form_orders").fetchone()[0] == before


def test_change_allowed_until_one_hour_then_refused(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    order = _order(bo, headers, [{"form": "feuille-soins-medecin", "quantity": 100},
                                 {"form": "entente-prealable", "quantity": 50}]).json()
    path = f"/v1/forms/orders/{order['id']}"

    CLOCK.now = NOW + 3599
    changed = bo.patch(path, json={"lines": [{"form": "feuille-soins-medecin", "quantity": 300},
                                             {"form": "entente-prealable", "quantity": 0},
                                             {"form": "protocole-soins-ald", "quantity": 25}]}, headers=headers)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["status"] == "placed" and body["seq"] > order["seq"]
    assert {(l["form"], l["quantity"]) for l in body["lines"]} == {("feuille-soins-medecin", 300),
                                                                   ("protocole-soins-ald", 25)}
    problem(bo.patch(path, json={"lines": [{"form": "feuille-soins-medecin", "quantity": 275}]}, headers=headers),
            422, "invalid-order")
    problem(bo.patch(path, json={"lines": [{"form": "feuille-soins-medecin", "quantity": 0},
                                           {"form": "protocole-soins-ald", "quantity": 0}]}, headers=headers),
            422, "invalid-order")

    CLOCK.now = NOW + 3600  # the earliest dispatch: from now on, too late
    refused = problem(bo.patch(path, json={"lines": [{"form": "feuille-soins-medecin", "quantity": 50}]},
                               headers=headers), 409, "order-dispatched")
    assert refused["detail"] == "Cette commande est déjà expédiée : elle ne peut plus être modifiée."
    # the refusal keeps the dispatch its check made (no listing has caught up yet)
    assert bo.db.connection.execute("SELECT status FROM form_orders WHERE id = ?",
                                    (order["id"],)).fetchone()[0] == "dispatched"
    problem(bo.post(path + "/cancel", headers=headers), 409, "order-dispatched")
    items, _ = sync_all(bo, headers, "/v1/forms/orders")
    mine = [i for i in items if i["id"] == order["id"]]
    assert len(mine) == 1 and mine[0]["status"] == "dispatched" and mine[0]["modifiable_until"] is None
    assert datetime.fromisoformat(mine[0]["dispatched_at"]).timestamp() == NOW + 3600
    assert {(l["form"], l["quantity"]) for l in mine[0]["lines"]} == {("feuille-soins-medecin", 300),
                                                                      ("protocole-soins-ald", 25)}
    events = bo.db.connection.execute("SELECT * FROM events WHERE kind = 'order_dispatched' AND ref = ?",
                                      (f"forms/orders/{order['id']}",)).fetchall()
    assert len(events) == 1 and "expédiée" in events[0]["summary"] and events[0]["at"] == NOW + 3600


def test_cancel_before_dispatch_and_again(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    order = _order(bo, headers, [{"form": "certificat-at-mp", "quantity": 25}]).json()
    path = f"/v1/forms/orders/{order['id']}"
    CLOCK.now = NOW + 3599.5
    cancelled = bo.post(path + "/cancel", headers=headers)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancelled_at"] and cancelled.json()["modifiable_until"] is None
    again = bo.post(path + "/cancel", headers=headers)
    assert again.status_code == 200 and again.json() == cancelled.json()
    body = problem(bo.patch(path, json={"lines": [{"form": "certificat-at-mp", "quantity": 50}]}, headers=headers),
                   409, "order-cancelled")
    assert "annulée" in body["detail"]
    CLOCK.now = NOW + 7200  # a cancelled order is never dispatched
    items, _ = sync_all(bo, headers, "/v1/forms/orders", status="cancelled")
    assert order["id"] in {i["id"] for i in items}
    assert not bo.db.connection.execute("SELECT 1 FROM events WHERE ref = ?", (f"forms/orders/{order['id']}",)
                                        ).fetchone()


def test_orders_stay_within_the_practice_and_the_doctor(bo):
    mine = open_session(bo, gps(bo, 1)[0])
    order = _order(bo, mine, [{"form": "arret-travail", "quantity": 25}]).json()
    theirs = open_session(bo, gps(bo, 2)[0])
    path = f"/v1/forms/orders/{order['id']}"
    problem(bo.patch(path, json={"lines": [{"form": "arret-travail", "quantity": 50}]}, headers=theirs),
            404, "order-unknown")
    problem(bo.post(path + "/cancel", headers=theirs), 404, "order-unknown")
    items, _ = sync_all(bo, theirs, "/v1/forms/orders")
    assert items and order["id"] not in {i["id"] for i in items}
    assert {i["professional"] for i in items} == {national_id(bo, gps(bo, 2)[0])}
    # the same client id in another practice is another order
    replay = _order(bo, theirs, [{"form": "arret-travail", "quantity": 25}], order["client_id"])
    assert replay.status_code == 201 and replay.json()["id"] != order["id"]
    problem(bo.post("/v1/forms/orders/999999/cancel", headers=mine), 404, "order-unknown")


def test_another_doctors_client_id_is_refused_not_answered(bo):
    """A client id already used by a colleague of the practice is refused (409), never answered with the
    colleague's order or thread."""
    first, second = gps(bo, 1)[:2]
    mine, theirs = open_session(bo, first), open_session(bo, second)
    order = _order(bo, mine, [{"form": "arret-travail", "quantity": 25}]).json()
    refused = problem(_order(bo, theirs, [{"form": "arret-travail", "quantity": 25}], order["client_id"]),
                      409, "client-id-taken")
    assert str(order["id"]) not in refused["detail"]
    thread = _thread(bo, mine).json()
    problem(_thread(bo, theirs, client_id=thread["client_id"]), 409, "client-id-taken")
    assert bo.db.connection.execute("SELECT count(*) FROM form_orders WHERE client_id = ?",
                                    (order["client_id"],)).fetchone()[0] == 1


def test_a_delegated_cpe_orders_for_a_titular(bo):
    titulars = gps(bo, 1)
    secretary = cpe(bo, 1)
    headers = open_session(bo, secretary)
    lines = [{"form": "feuille-soins-medecin", "quantity": 500}]
    target = national_id(bo, titulars[-1])
    if len(titulars) > 1:
        problem(_order(bo, headers, lines), 422, "professional-required")
    answer = _order(bo, headers, lines, professional=target)
    assert answer.status_code == 201, answer.text
    assert answer.json()["professional"] == target and answer.json()["placed_by"] == national_id(bo, secretary)
    problem(_order(bo, headers, lines, professional=national_id(bo, gps(bo, 2)[0])), 403, "not-delegated")
    # the titular sees the order the secretary placed for him
    items, _ = sync_all(bo, open_session(bo, titulars[-1]), "/v1/forms/orders")
    assert answer.json()["id"] in {i["id"] for i in items}
    # a CPE without the forms delegation
    problem(bo.get("/v1/forms/orders", headers=open_session(bo, secretary, scopes={"payments"})), 403,
            "scope-missing")


def test_order_history_pages_by_cursor_and_changes_come_back(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    items, cursor = sync_all(bo, headers, "/v1/forms/orders", limit=2)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) >= 5
    expected = [i for i, in bo.db.connection.execute(
        "SELECT id FROM form_orders WHERE professional_id = ? ORDER BY seq", (gp,))]
    assert ids == expected
    assert any(i["placed_by"] != i["professional"] for i in items)  # the seed's secretary ordered some
    assert {i["status"] for i in items} >= {"dispatched"}
    order = _order(bo, headers, [{"form": "maladie-professionnelle", "quantity": 50}]).json()
    bo.patch(f"/v1/forms/orders/{order['id']}", json={"lines": [{"form": "maladie-professionnelle", "quantity": 25}]},
             headers=headers)
    new, _ = sync_all(bo, headers, "/v1/forms/orders", cursor=cursor)
    assert [(i["id"], i["lines"][0]["quantity"]) for i in new] == [(order["id"], 25)]


# --- messages --------------------------------------------------------------------------------------


def _thread(bo, headers, client_id=None, **fields):
    body = {"client_id": client_id or new_id(), "subject": "Facture rejetée", "reason": "billing",
            "body": "Bonjour, la facture 000000123 a été rejetée à tort. Cordialement."}
    body.update(fields)
    return bo.post("/v1/messages", json=body, headers=headers)


def test_new_thread_due_three_working_days_on_and_idempotent(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    CLOCK.now = at("2026-07-10", 17, 45)  # Friday; 14 July is a Tuesday
    client_id = new_id()
    created = _thread(bo, headers, client_id)
    assert created.status_code == 201, created.text
    thread = created.json()
    assert thread["answer_due_on"] == "2026-07-16" and thread["status"] == "awaiting_answer"
    assert thread["reason"] == "billing" and thread["reason_label"] == "Facturation"
    assert created.headers["location"] == f"/v1/messages/{thread['id']}"
    [message] = thread["messages"]
    assert message["direction"] == "to_fund" and message["answer_due_on"] == "2026-07-16"
    assert message["author"].startswith("Dr ")
    again = _thread(bo, headers, client_id, subject="Autre chose")
    assert again.status_code == 200 and again.json() == thread
    assert bo.db.connection.execute("SELECT count(*) FROM message_threads WHERE client_id = ?",
                                    (client_id,)).fetchone()[0] == 1

    # a follow-up on Thursday 24 December: 25 December and the weekend do not count
    CLOCK.now = at("2026-12-24", 9)
    message_id = new_id()
    added = bo.post(f"/v1/messages/{thread['id']}", json={"client_id": message_id, "body": "Avez-vous pu regarder ?"},
                    headers=headers)
    assert added.status_code == 201, added.text
    assert added.json()["answer_due_on"] == "2026-12-30" and len(added.json()["messages"]) == 2
    assert added.json()["seq"] > thread["seq"]
    same = bo.post(f"/v1/messages/{thread['id']}", json={"client_id": message_id, "body": "Avez-vous pu regarder ?"},
                   headers=headers)
    assert same.status_code == 200 and len(same.json()["messages"]) == 2


def test_the_fund_answers_and_the_feed_says_so(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    thread = _thread(bo, headers, subject="Forfait médecin traitant", reason="payment_follow_up").json()
    _, cursor = sync_all(bo, headers, "/v1/events")
    with bo.db.transaction() as tx:
        sql.answer_thread(tx, thread["id"], "Bonjour Docteur, le virement est parti hier.", NOW + 60)
    events, _ = sync_all(bo, headers, "/v1/events", cursor=cursor)
    assert [(e["kind"], e["ref"]) for e in events] == [("message_answered", f"messages/{thread['id']}")]
    assert "Forfait médecin traitant" in events[0]["summary"]
    threads, _ = sync_all(bo, headers, "/v1/messages", status="answered")
    answered = next(t for t in threads if t["id"] == thread["id"])
    assert answered["answer_due_on"] is None
    assert [m["direction"] for m in answered["messages"]] == ["to_fund", "from_fund"]


@pytest.mark.parametrize(("fields", "status"), [
    ({"body": "x" * 5001}, 422),
    ({"body": "   \n "}, 422),
    ({"body": ""}, 422),
    ({"subject": ""}, 422),
    ({"subject": "s" * 201}, 422),
    ({"reason": "complaint"}, 422),
    ({"client_id": "short"}, 422),
    ({"client_id": "with spaces inside"}, 422),
])
def test_message_refusals(bo, fields, status):
    headers = open_session(bo, gps(bo, 1)[0])
    problem(_thread(bo, headers, **fields), status, "invalid-request")


def test_messages_bounds_and_isolation(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    longest = _thread(bo, headers, body="é" * 5000, reason="other")
    assert longest.status_code == 201 and len(longest.json()["messages"][0]["body"]) == 5000
    thread_id = longest.json()["id"]
    theirs = open_session(bo, gps(bo, 2)[0])
    problem(bo.post(f"/v1/messages/{thread_id}", json={"client_id": new_id(), "body": "Bonjour"}, headers=theirs),
            404, "thread-unknown")
    problem(bo.post(f"/v1/messages/{thread_id}", json={"client_id": new_id(), "body": "x" * 5001}, headers=headers),
            422, "invalid-request")
    items, _ = sync_all(bo, theirs, "/v1/messages")
    assert items and thread_id not in {t["id"] for t in items}
    assert {t["professional"] for t in items} == {national_id(bo, gps(bo, 2)[0])}


def test_seeded_threads_and_delegated_cpe(bo):
    titulars = gps(bo, 1)
    headers = open_session(bo, titulars[0])
    items, _ = sync_all(bo, headers, "/v1/messages", limit=3)
    assert len(items) >= 4 and {t["status"] for t in items} >= {"awaiting_answer"}
    assert {t["reason"] for t in items} <= {"billing", "patient_rights", "payment_follow_up", "other"}
    for thread in items:
        assert thread["messages"] and thread["messages"][0]["direction"] == "to_fund"
        dues = [m["answer_due_on"] for m in thread["messages"] if m["direction"] == "to_fund"]
        assert all(dues)
        for m in thread["messages"]:
            if m["direction"] == "to_fund":
                sent = datetime.fromisoformat(m["sent_at"]).timestamp()
                assert m["answer_due_on"] == dates.answer_due_on(sent).isoformat()
    secretary = open_session(bo, cpe(bo, 1))
    target = national_id(bo, titulars[0])
    answer = _thread(bo, secretary, professional=target, reason="patient_rights")
    assert answer.status_code == 201 and answer.json()["professional"] == target
    assert not answer.json()["messages"][0]["author"].startswith("Dr ")
    seen, _ = sync_all(bo, secretary, "/v1/messages")
    assert answer.json()["id"] in {t["id"] for t in seen}
    problem(bo.get("/v1/messages", headers=open_session(bo, cpe(bo, 1), scopes={"payments"})), 403, "scope-missing")


# --- activity --------------------------------------------------------------------------------------


def test_activity_months_match_the_invoices(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    answer = bo.get("/v1/activity", headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["as_of"] == TODAY.isoformat() and body["professional"] == national_id(bo, gp)
    months = body["months"]
    assert [m["month"] for m in months][0] == "2025-04" and months[-1]["month"] == "2026-03"
    assert len(months) == 12 and months[-1]["partial"] and not any(m["partial"] for m in months[:-1])
    c = bo.db.connection
    for m in months:
        acts, fees, tp, seen = c.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN status != 'rejected' THEN amount_cents END), 0), "
            "coalesce(sum(tiers_payant), 0), count(DISTINCT patient_nir) FROM invoices WHERE professional_id = ? "
            "AND substr(care_date, 1, 7) = ?", (gp, m["month"])).fetchone()
        assert (m["acts"], m["fees_cents"], m["patients_seen"]) == (acts, fees, seen)
        assert sum(m["acts_by_family"].values()) == acts
        assert set(m["acts_by_family"]) == {f["code"] for f in body["families"]}
        assert m["tiers_payant_share"] == (round(tp / acts, 4) if acts else 0)
    assert sum(m["acts"] for m in months) > 50
    treating = c.execute("SELECT count(*) FROM patients WHERE treating_doctor_id = ?", (gp,)).fetchone()[0]
    assert months[-1]["treating_patients"] == treating
    assert all(a["treating_patients"] <= b["treating_patients"] for a, b in zip(months, months[1:]))
    assert {i["code"] for i in body["indicators"]} >= {"DIAB_HBA1C", "GRIPPE_65", "GENERIQUES"}
    for indicator in body["indicators"]:
        better = indicator["value"] >= indicator["target"] if indicator["higher_is_better"] \
            else indicator["value"] <= indicator["target"]
        assert indicator["reached"] == better
    assert set(body["optam"]) == {"applicable", "adherent", "since"}
    assert bo.get("/v1/activity", headers={**headers, "If-None-Match": answer.headers["etag"]}).status_code == 304


def test_activity_window_and_refusals(bo):
    headers = open_session(bo, gps(bo, 1)[0])
    long = bo.get("/v1/activity", params={"months": 27}, headers=headers).json()
    assert len(long["months"]) == 27 and long["months"][0]["month"] == "2024-01"
    for months in (11, 28, "all"):
        problem(bo.get("/v1/activity", params={"months": months}, headers=headers), 422, "invalid-request")
    problem(bo.get("/v1/activity", headers=open_session(bo, cpe(bo, 1))), 403, "scope-missing")


# --- reimbursement history -------------------------------------------------------------------------


def _patient_with_history(bo, practice_id=1) -> str:
    return bo.db.connection.execute(
        "SELECT patient_nir FROM reimbursements WHERE practice_id = ? GROUP BY patient_nir "
        "ORDER BY count(*) DESC LIMIT 1", (practice_id,)).fetchone()[0]


def _vitale_serial(bo, nir: str) -> str:
    return bo.db.connection.execute("SELECT serial FROM vitale_cards WHERE nir = ?", (nir,)).fetchone()[0]


def test_history_for_a_doctor_card_with_vitale_and_consent(bo):
    gp = gps(bo, 1)[0]
    nir = _patient_with_history(bo)
    serial = _vitale_serial(bo, nir)
    answer = bo.get(f"/v1/patients/{nir}/history", params={"vitale_serial": serial, "consent": "true"},
                    headers=open_session(bo, gp))
    assert answer.status_code == 200, answer.text
    assert "no-store" in answer.headers["cache-control"]
    body = answer.json()
    assert body["nir"] == nir and body["date_to"] == TODAY.isoformat() and body["date_from"] == "2025-03-19"
    items = body["items"]
    assert items and all(body["date_from"] <= i["care_date"] <= body["date_to"] for i in items)
    assert [i["care_date"] for i in items] == sorted((i["care_date"] for i in items), reverse=True)
    expected = bo.db.connection.execute(
        "SELECT count(*) FROM reimbursements WHERE practice_id = 1 AND patient_nir = ? AND care_date BETWEEN ? AND ?",
        (nir, body["date_from"], body["date_to"])).fetchone()[0]
    older = bo.db.connection.execute(
        "SELECT count(*) FROM reimbursements WHERE patient_nir = ? AND care_date < ?", (nir, body["date_from"])
    ).fetchone()[0]
    assert len(items) == expected and older >= 0
    assert {i["category"] for i in items} <= {"care", "exam", "drug"}
    assert all(0 <= i["reimbursed_cents"] <= i["billed_cents"] for i in items)
    for category, total in body["reimbursed_by_category"].items():
        assert total == sum(i["reimbursed_cents"] for i in items if i["category"] == category)
    log = bo.db.connection.execute("SELECT * FROM history_access_log WHERE patient_nir = ? ORDER BY id DESC",
                                   (nir,)).fetchone()
    assert log["professional_id"] == gp and log["vitale_serial"] == serial


def test_history_only_on_the_patients_own_vitale_card(bo):
    """A well-formed serial is not enough: an invented one, or another patient's card, is refused and the
    refusal leaves no access in the log."""
    nir = _patient_with_history(bo)
    other = bo.db.connection.execute("SELECT serial FROM vitale_cards WHERE nir != ? ORDER BY serial LIMIT 1",
                                     (nir,)).fetchone()[0]
    path, card = f"/v1/patients/{nir}/history", open_session(bo, gps(bo, 1)[0])
    logged = bo.db.connection.execute("SELECT count(*) FROM history_access_log").fetchone()[0]
    for serial in ("0000000000", "9999999999", other):
        body = problem(bo.get(path, params={"vitale_serial": serial, "consent": "true"}, headers=card), 403,
                       "vitale-mismatch")
        assert body["detail"].startswith("Cette carte Vitale n'est pas celle de ce patient"), serial
    assert bo.db.connection.execute("SELECT count(*) FROM history_access_log").fetchone()[0] == logged
    own = bo.get(path, params={"vitale_serial": _vitale_serial(bo, nir), "consent": "true"}, headers=card)
    assert own.status_code == 200 and own.json()["nir"] == nir


def test_history_refusals(bo):
    gp = gps(bo, 1)[0]
    nir = _patient_with_history(bo)
    path = f"/v1/patients/{nir}/history"
    ok = {"vitale_serial": _vitale_serial(bo, nir), "consent": "true"}
    card = open_session(bo, gp)

    body = problem(bo.get(path, params={"vitale_serial": ok["vitale_serial"]}, headers=card), 428,
                   "consent-required")
    assert body["detail"].startswith("Le consentement du patient est requis")
    problem(bo.get(path, params={**ok, "consent": "false"}, headers=card), 428, "consent-required")
    problem(bo.get(path, params={"consent": "true"}, headers=card), 428, "vitale-required")
    problem(bo.get(path, params={**ok, "vitale_serial": "12345"}, headers=card), 422, "invalid-request")
    problem(bo.get(path, params={**ok, "consent": "peut-être"}, headers=card), 422, "invalid-request")

    # password session of the same doctor: refused, with a clear French sentence
    body = problem(bo.get(path, params=ok, headers=open_session(bo, gp, kind="password")), 403, "card-required")
    assert "carte CPS" in body["detail"]
    # a CPE: medical is never delegated
    body = problem(bo.get(path, params=ok, headers=open_session(bo, cpe(bo, 1))), 403, "scope-missing")
    assert "médecin" in body["detail"]
    # even a CPE session that somehow carried the scope: no titular can delegate it, so it is dropped
    problem(bo.get(path, params=ok, headers=open_session(bo, cpe(bo, 1), scopes={"medical", "payments"})), 403,
            "scope-missing")

    # another practice's patient, bad and unknown NIRs
    problem(bo.get(f"/v1/patients/{_patient_with_history(bo, 2)}/history", params=ok, headers=card), 404,
            "patient-unknown")
    problem(bo.get(f"/v1/patients/{nir[:13]}00/history", params=ok, headers=card), 422, "invalid-nir")
    unknown = "1991275999999"
    problem(bo.get(f"/v1/patients/{unknown}{nir_key(unknown):02d}/history", params=ok, headers=card), 404,
            "patient-unknown")


# --- events ----------------------------------------------------------------------------------------


def test_events_page_exactly_once_then_only_new_ones(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    items, cursor = sync_all(bo, headers, "/v1/events", limit=7)
    seqs = [e["seq"] for e in items]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    assert seqs == [s for s, in bo.db.connection.execute(
        "SELECT seq FROM events WHERE professional_id = ? ORDER BY seq", (gp,))]
    kinds = {e["kind"] for e in items}
    assert {"reject_new", "message_answered", "order_dispatched"} <= kinds, kinds
    assert all(e["summary"] and e["ref"] and e["professional"] == national_id(bo, gp) for e in items)
    rejects = {r for r, in bo.db.connection.execute("SELECT 'rejects/' || id FROM rejects WHERE professional_id = ?",
                                                    (gp,))}
    assert {e["ref"] for e in items if e["kind"] == "reject_new"} == rejects

    again = bo.get("/v1/events", params={"cursor": cursor}, headers=headers).json()
    assert again == {"items": [], "next_cursor": cursor, "has_more": False}

    # what others record (a SCOR document accepted) comes once, after the cursor
    with bo.db.transaction() as tx:
        seq = sql.record_event(tx, 1, gp, "document_accepted", "documents/doc-1",
                              "Pièce justificative de la facture 000000042 acceptée par la caisse.", NOW)
    new, cursor2 = sync_all(bo, headers, "/v1/events", cursor=cursor)
    assert [(e["seq"], e["kind"]) for e in new] == [(seq, "document_accepted")]
    assert sync_all(bo, headers, "/v1/events", cursor=cursor2)[0] == []
    only, _ = sync_all(bo, headers, "/v1/events", kind="document_accepted")
    assert [e["seq"] for e in only] == [seq]


def test_ald_due_events_once_per_ald_as_time_passes(bo):
    gp = gps(bo, 1)[0]
    headers = open_session(bo, gp)
    nir = bo.db.connection.execute("SELECT nir FROM patients WHERE practice_id = 1 AND treating_doctor_id = ? "
                                   "LIMIT 1", (gp,)).fetchone()[0]
    with bo.db.transaction() as tx:
        ald_id = tx.execute("INSERT INTO ald (practice_id, professional_id, patient_nir, ald_number, label, "
                            "start_date, end_date) VALUES (1, ?, ?, 8, 'Diabète de type 1 et diabète de type 2', "
                            "'2016-09-01', '2026-08-31')", (gp, nir)).lastrowid
    seeded = {e["ref"] for e in sync_all(bo, headers, "/v1/events", kind="ald_due")[0]}
    assert f"ald/{ald_id}" not in seeded  # ends in 166 days: not yet
    due = bo.db.connection.execute("SELECT 'ald/' || id FROM ald WHERE practice_id = 1 AND professional_id = ? "
                                   "AND end_date BETWEEN ? AND ?", (gp, TODAY.isoformat(),
                                                                    (TODAY + timedelta(days=90)).isoformat()))
    assert {r for r, in due} <= seeded
    _, cursor = sync_all(bo, headers, "/v1/events")
    CLOCK.now = at("2026-06-02", 8)  # 90 days before 31 August
    new, cursor = sync_all(bo, headers, "/v1/events", cursor=cursor, kind="ald_due")
    assert f"ald/{ald_id}" in {e["ref"] for e in new}
    assert "prend fin le 31/08/2026" in next(e for e in new if e["ref"] == f"ald/{ald_id}")["summary"]
    assert sync_all(bo, headers, "/v1/events", cursor=cursor)[0] == []  # never twice


def test_events_stay_within_the_doctor_and_are_not_delegated(bo):
    theirs = open_session(bo, gps(bo, 2)[0])
    items, _ = sync_all(bo, theirs, "/v1/events", limit=50)
    assert items and {e["professional"] for e in items} == {national_id(bo, gps(bo, 2)[0])}
    problem(bo.get("/v1/events", headers=open_session(bo, cpe(bo, 1))), 403, "scope-missing")
    headers = open_session(bo, gps(bo, 1)[0])
    problem(bo.get("/v1/events", params={"cursor": "pas-un-curseur"}, headers=headers), 400, "invalid-cursor")
    problem(bo.get("/v1/events", params={"kind": "tout"}, headers=headers), 422, "invalid-request")
    with pytest.raises(ValueError):
        with bo.db.transaction() as tx:
            sql.record_event(tx, 1, gps(bo, 1)[0], "something_else", "x/1", "Rien.")


# --- seed and contract -----------------------------------------------------------------------------


def test_seed_services_is_deterministic(tmp_path):
    from sync.backoffice.sqlite import open_database

    dumps = []
    for name, number in (("a", 4), ("b", 4), ("c", 5)):
        db = open_database(tmp_path / f"{name}.sqlite")
        seed(db, seed=number, patients=30, months=3, today=TODAY, clock=lambda: NOW)
        dumps.append([[tuple(r) for r in db.connection.execute(f"SELECT * FROM {table} ORDER BY 1")]
                      for table in ("form_orders", "form_order_lines", "message_threads", "messages",
                                    "contract_indicators", "reimbursements", "events")])
    assert dumps[0] == dumps[1] and dumps[0] != dumps[2]
    assert all(dumps[0])  # every table has rows


def test_openapi_documents_the_service_routes(bo):
    spec = bo.get("/openapi.json").json()
    for path in ("/v1/forms/catalog", "/v1/forms/orders", "/v1/forms/orders/{order_id}",
                 "/v1/forms/orders/{order_id}/cancel", "/v1/messages", "/v1/messages/{thread_id}", "/v1/activity",
                 "/v1/patients/{nir}/history", "/v1/events"):
        assert path in spec["paths"], path
    schemas = set(spec["components"]["schemas"])
    assert {"FormOrder", "Thread", "Activity", "ReimbursementHistory", "EventsPage"} <= schemas


# --- cursors out of range --------------------------------------------------------------------------

PAGED_ROUTES = ("/v1/payments", "/v1/rejects", "/v1/forms/orders", "/v1/messages", "/v1/events", "/v1/documents")


def _cursor(seq) -> str:
    return base64.urlsafe_b64encode(json.dumps({"v": 1, "seq": seq}).encode()).decode().rstrip("=")


@pytest.mark.parametrize("path", PAGED_ROUTES)
def test_a_cursor_sqlite_cannot_hold_is_a_400_on_every_paged_route(bo, path):
    """2^63 used to reach SQLite and come back as a 500 (OverflowError); -1 and garbage are refused alike."""
    headers = open_session(bo, gps(bo, 1)[0])
    assert bo.get(path, params={"cursor": _cursor(2**63 - 1)}, headers=headers).status_code == 200  # the last one
    for cursor in (_cursor(2**63), _cursor(2**64 + 5), _cursor(-1), _cursor("12"), _cursor(1.5), "abc", "-1",
                   str(2**63), "e30"):  # e30: base64 of {}
        body = problem(bo.get(path, params={"cursor": cursor}, headers=headers), 400, "invalid-cursor")
        assert "curseur" in body["detail"], cursor
