"""SCOR's link to billing through HTTP (the app in-process): the degraded invoices awaiting their document
(``GET /v1/documents/awaiting``), the batch's ARL gating declarations, an accepted document justifying its
invoice, a document for no awaiting invoice rejected; and ``cabinet-backoffice arl``."""

from __future__ import annotations

import sqlite3

import pytest
from awaiting_invoices import awaiting_invoice
from fastapi.testclient import TestClient
from test_documents import GOOD, NOW, TODAY, _clock, complete, declaration, open_session, problem, professional, upload

from sync.backoffice.app import create_app
from sync.backoffice.cli import main
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.documents import NO_AWAITING_INVOICE
from sync.backoffice.seed import seed
from sync.backoffice.seed_awaiting import NEGATIVE_ARL_REASON


@pytest.fixture(scope="module")
def bo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("awaiting")
    app = create_app(BackofficeConfig(db_path=directory / "bo.sqlite", clock=_clock, maildir=directory / "maildir"))
    seed(app.state.services.storage.db, seed=7, practices=2, patients=400, months=2, today=TODAY, clock=_clock)
    with TestClient(app) as client:
        client.db, client.path, client.storage = app.state.services.storage.db, directory / "bo.sqlite", \
            app.state.services.storage
        yield client


@pytest.fixture(scope="module")
def gp(bo):
    return open_session(bo, professional(bo, 1))


def feed(client, headers, cursor: str | None = None, limit: int = 1000) -> tuple[list[dict], str | None, int]:
    """Every page of the awaiting feed from ``cursor``: the items, the last cursor, the number of pages."""
    items, pages = [], 0
    while True:
        answer = client.get("/v1/documents/awaiting", headers=headers,
                            params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items, cursor, pages = items + page["items"], page["next_cursor"] or cursor, pages + 1
        if not page["has_more"]:
            return items, cursor, pages


def rows(client, sql: str, *args) -> list[tuple]:
    return [tuple(row) for row in client.db.connection.execute(sql, args)]


def submit(client, headers, invoice: dict, content: bytes = GOOD) -> dict:
    body = declaration(client, headers, content, invoice=invoice)
    assert client.post("/v1/documents", json=body, headers=headers).status_code == 201
    upload(client, headers, body["id"], content, chunk=len(content))
    return complete(client, headers, body["id"])


def test_the_practices_awaiting_invoices_page_by_change_with_their_batchs_arl(bo, gp):
    items, _, pages = feed(bo, gp, limit=7)
    expected = rows(bo, "SELECT d.id, d.seq, d.batch, d.number, d.nir, d.patient_name, d.care_date, d.amount_cents, "
                        "b.arl, b.arl_reason FROM degraded_invoices d JOIN batches b ON b.id = d.batch_id "
                        "WHERE d.practice_id = 1 ORDER BY d.seq")
    assert pages >= 2 and len(items) == len(expected) >= 4
    assert [(i["id"], i["seq"], i["batch"], i["number"], i["nir"], i["patient_name"], i["care_date"],
             i["amount_cents"], i["arl"], i["arl_reason"]) for i in items] == expected
    assert not any(i["justified"] for i in items)
    arls = {i["arl"] for i in items}
    assert arls == {"pending", "positive", "negative"}
    assert all((i["arl_at"] is None) == (i["arl"] == "pending") for i in items)
    assert {i["arl_reason"] for i in items if i["arl"] == "negative"} == {NEGATIVE_ARL_REASON}


def test_another_practices_invoices_are_invisible(bo, gp):
    other = open_session(bo, professional(bo, 2))
    mine, theirs = feed(bo, gp)[0], feed(bo, other)[0]
    assert theirs and not {i["id"] for i in mine} & {i["id"] for i in theirs}
    assert not {i["nir"] for i in theirs} & {i["nir"] for i in mine}
    # and their invoice, declared here, is no invoice of ours: rejected at completion
    one = next(i for i in theirs if i["arl"] == "positive")
    invoice = {"batch": one["batch"], "number": one["number"], "nir": one["nir"], "date": one["care_date"]}
    assert submit(bo, gp, invoice)["reason"] == NO_AWAITING_INVOICE


def test_the_secretary_sees_them_with_the_documents_scope_only(bo):
    cpe = professional(bo, 1, "CPE")
    problem(bo.get("/v1/documents/awaiting", headers=open_session(bo, cpe, {"payments"})), 403, "scope-missing")
    assert feed(bo, open_session(bo, cpe, {"documents"}))[0]
    assert bo.get("/v1/documents/awaiting").status_code == 401


def test_an_accepted_document_justifies_its_invoice_which_comes_again_justified(bo, gp):
    _, cursor, _ = feed(bo, gp)
    invoice = awaiting_invoice(bo.path, 1)
    accepted = submit(bo, gp, invoice)
    assert (accepted["status"], accepted["reason"]) == ("accepted", None)
    changed, _, _ = feed(bo, gp, cursor)
    assert [(i["batch"], i["number"], i["justified"]) for i in changed] == [(invoice["batch"], invoice["number"], True)]
    justified_by, justified_at = rows(bo, "SELECT d.justified_by, d.justified_at FROM degraded_invoices d WHERE "
                                          "d.practice_id = 1 AND d.batch = ? AND d.number = ?",
                                      invoice["batch"], invoice["number"])[0]
    assert justified_at == NOW
    assert rows(bo, "SELECT status FROM documents WHERE id = ?", justified_by) == [("accepted",)]
    # a second document for the same invoice: nothing awaits it any more
    assert submit(bo, gp, invoice)["reason"] == NO_AWAITING_INVOICE


def test_a_document_for_no_awaiting_invoice_is_rejected_at_completion(bo, gp):
    invoice = awaiting_invoice(bo.path, 1)
    other_nir = {**invoice, "nir": rows(bo, "SELECT nir FROM patients WHERE practice_id = 1 AND nir != ? LIMIT 1",
                                        invoice["nir"])[0][0]}
    unknown_number = {**invoice, "number": f"{(int(invoice['number']) + 500_000) % 10**9:09d}"}
    for wrong in (other_nir, unknown_number):
        body = declaration(bo, gp, GOOD, invoice=wrong)
        assert bo.post("/v1/documents", json=body, headers=gp).status_code == 201
        upload(bo, gp, body["id"], GOOD, chunk=len(GOOD))
        assert complete(bo, gp, body["id"]) == {"id": body["id"], "status": "rejected", "reason": NO_AWAITING_INVOICE}
    # the invoice itself still awaits its document
    assert submit(bo, gp, invoice)["status"] == "accepted"


@pytest.mark.parametrize("arl", ["pending", "negative"])
def test_a_batch_without_a_positive_arl_refuses_declarations_until_acknowledged(bo, gp, arl):
    invoice = awaiting_invoice(bo.path, 1, arl=arl)
    body = declaration(bo, gp, GOOD, invoice=invoice)
    refused = problem(bo.post("/v1/documents", json=body, headers=gp), 409, "batch-not-acknowledged")
    assert f"Le lot {invoice['batch']}" in refused["detail"]
    if arl == "negative":
        assert "ARL négatif" in refused["detail"] and NEGATIVE_ARL_REASON.rstrip(".") in refused["detail"]
    else:
        assert "ARL en attente" in refused["detail"]
    assert rows(bo, "SELECT count(*) FROM documents WHERE client_id = ?", body["id"]) == [(0,)]
    # the fund acknowledges the batch: its invoices come again with the new ARL, and the document goes
    _, cursor, _ = feed(bo, gp)
    assert bo.storage.awaiting.set_batch_arl(1, invoice["batch"], "positive", at=NOW + 60) >= 1
    changed, _, _ = feed(bo, gp, cursor)
    mine = [i for i in changed if i["number"] == invoice["number"]]
    assert mine and mine[0]["arl"] == "positive" and mine[0]["arl_reason"] is None
    assert mine[0]["arl_at"].startswith("2026-03-18T09:01:00")
    assert {i["batch"] for i in changed} == {invoice["batch"]}
    assert bo.post("/v1/documents", json=body, headers=gp).status_code == 201
    upload(bo, gp, body["id"], GOOD, chunk=len(GOOD))
    assert complete(bo, gp, body["id"])["status"] == "accepted"


def test_set_batch_arl_refuses_an_unknown_state_and_counts_unknown_batches(bo):
    with pytest.raises(ValueError):
        bo.storage.awaiting.set_batch_arl(1, "001", "maybe")
    known = {b for b, in rows(bo, "SELECT DISTINCT b.batch_number FROM batches b JOIN professionals p ON "
                                  "p.id = b.professional_id WHERE p.practice_id = 1")}
    unknown = next(f"{n:03d}" for n in range(1, 1000) if f"{n:03d}" not in known)
    assert bo.storage.awaiting.set_batch_arl(1, unknown, "positive") == 0


# --- cabinet-backoffice arl -------------------------------------------------------------------------


@pytest.fixture
def seeded(tmp_path):
    path = tmp_path / "bo.sqlite"
    from sync.backoffice.sqlite import open_database

    seed(open_database(path), seed=3, practices=1, patients=60, months=1, today=TODAY, clock=_clock)
    return path


def _arl(path, batch: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT DISTINCT b.arl, b.arl_reason, b.arl_at IS NOT NULL FROM batches b WHERE "
                          "b.batch_number = ?", (batch,)).fetchall()


def test_the_arl_command_sets_a_batchs_arl_and_moves_its_invoices(seeded, capsys):
    with sqlite3.connect(seeded) as db:
        batch, seq, finess = db.execute(
            "SELECT d.batch, d.seq, p.finess FROM degraded_invoices d JOIN practices p ON p.id = d.practice_id "
            "ORDER BY d.id LIMIT 1").fetchone()
    assert main(["arl", "--db", str(seeded), "--practice", finess, "--batch", batch, "negative",
                 "--reason", "Fichier illisible."]) == 0
    assert f"Batch {batch}" in capsys.readouterr().out
    assert _arl(seeded, batch) == [("negative", "Fichier illisible.", 1)]
    with sqlite3.connect(seeded) as db:
        assert db.execute("SELECT min(seq) FROM degraded_invoices WHERE batch = ?", (batch,)).fetchone()[0] > seq
    assert main(["arl", "--db", str(seeded), "--practice", "1", "--batch", batch, "pending"]) == 0
    assert _arl(seeded, batch) == [("pending", None, 0)]


@pytest.mark.parametrize("arguments", [
    ["--practice", "99", "--batch", "001", "positive"],           # no such practice
    ["--practice", "1", "--batch", "{unknown}", "positive"],      # no such batch
    ["--practice", "1", "--batch", "{known}", "positive", "--reason", "x"],  # a reason for a positive ARL
])
def test_the_arl_command_refuses_what_it_cannot_do(seeded, capsys, arguments):
    with sqlite3.connect(seeded) as db:
        known = {b for b, in db.execute("SELECT batch_number FROM batches")}
    unknown = next(f"{n:03d}" for n in range(1, 1000) if f"{n:03d}" not in known)
    arguments = [a.format(known=min(known), unknown=unknown) for a in arguments]
    before = _arl(seeded, min(known))
    assert main(["arl", "--db", str(seeded), *arguments]) == 2
    assert "cabinet-backoffice:" in capsys.readouterr().err
    assert _arl(seeded, min(known)) == before


def test_the_arl_command_takes_three_digit_batches_only(seeded):
    with pytest.raises(SystemExit):
        main(["arl", "--db", str(seeded), "--practice", "1", "--batch", "42", "positive"])
