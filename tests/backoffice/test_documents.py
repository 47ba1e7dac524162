"""SCOR reception through HTTP (the app in-process): declare, resumable chunked upload, completion
checks (hash, readable PDF, A5, 200 dpi, page count, no active content, bounded inspection), idempotency,
content-addressed storage, practice isolation, scopes, hostile inputs, crash safety, expiry and caps of
unfinished uploads, and who hears the verdict.

The PDFs are written by hand here (a few objects and a Flate image), so no PDF library is needed to
make them; the back office reads them with pypdf."""

from __future__ import annotations

import hashlib
import resource
import secrets
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import bo_sessions
import pytest
from awaiting_invoices import awaiting_invoice, database_path, practice_of
from fastapi.testclient import TestClient
from scan_pdf import A4, A5, A6, make_pdf, object_stream_bomb, pixels, scan

from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.documents import NO_AWAITING_INVOICE
from sync.backoffice.ids import nir_key
from sync.backoffice.pdf_check import NOT_A_PDF, ScanCheckFailed, ScanLimits, _verdict, check_scan, inspect_pdf
from sync.backoffice.seed import seed
from sync.backoffice.sessions import SCOPES
from sync.backoffice.sqlite import DocumentStore

TODAY = date(2026, 3, 18)
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris")).timestamp()
PROBLEM = "application/problem+json"
GOOD = scan(A5, 200)


# --- the back office -------------------------------------------------------------------------------


def _clock() -> float:
    return NOW


@pytest.fixture(scope="module")
def bo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("documents")
    config = BackofficeConfig(db_path=directory / "bo.sqlite", clock=_clock, maildir=directory / "maildir")
    app = create_app(config)
    db = app.state.services.storage.db
    seed(db, seed=5, practices=2, patients=5, months=1, today=TODAY, clock=_clock)
    with TestClient(app) as client:
        client.db = db
        client.root = directory / "documents"
        yield client


def open_session(client, professional_id: int, scopes=None) -> dict:
    return bo_sessions.open_session(client, professional_id, now=NOW, scopes=scopes, staff_scopes=SCOPES)

def professional(client, practice_id: int, card_type: str = "CPS") -> int:
    return client.db.connection.execute(
        "SELECT id FROM professionals WHERE practice_id = ? AND card_type = ? ORDER BY id LIMIT 1",
        (practice_id, card_type)).fetchone()[0]


@pytest.fixture(scope="module")
def gp(bo):
    return open_session(bo, professional(bo, 1))


@pytest.fixture(scope="module")
def other(bo):
    """A doctor of the other practice."""
    return open_session(bo, professional(bo, 2))


def nir() -> str:
    base = "1850575112" + f"{secrets.randbelow(1000):03d}"
    return base + f"{nir_key(base):02d}"


def new_id() -> str:
    return "scan-" + secrets.token_hex(6)


def invoice_for(client, headers) -> dict:
    """A degraded invoice awaiting its document in the practice of the session ``headers``."""
    db = database_path(client.db.connection)
    return awaiting_invoice(db, practice_of(db, headers))


def unknown_invoice() -> dict:
    """An invoice no practice awaits a document for."""
    return {"batch": "042", "number": "000123456", "nir": nir(), "date": "2026-03-02"}


def declaration(client, headers, content: bytes, pages: int = 1, **changes) -> dict:
    body = {"id": new_id(), "sha256": hashlib.sha256(content).hexdigest(), "size": len(content), "pages": pages}
    body.update(changes)
    if "invoice" not in changes:
        body["invoice"] = invoice_for(client, headers)
    return body


def declare(client, headers, content: bytes, pages: int = 1, **changes) -> dict:
    body = declaration(client, headers, content, pages, **changes)
    answer = client.post("/v1/documents", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    assert answer.json() == {"id": body["id"], "status": "declared", "reason": None}
    return body


def put(client, headers, doc_id: str, content: bytes, start: int, end: int, total: int | None = None):
    total = len(content) if total is None else total
    return client.put(f"/v1/documents/{doc_id}/content", content=content[start:end + 1],
                      headers={**headers, "Content-Range": f"bytes {start}-{end}/{total}"})


def upload(client, headers, doc_id: str, content: bytes, chunk: int = 1000) -> None:
    for start in range(0, len(content), chunk):
        end = min(start + chunk, len(content)) - 1
        answer = put(client, headers, doc_id, content, start, end)
        assert answer.status_code == 204, answer.text
        assert answer.headers["Upload-Offset"] == str(end + 1)


def offset(client, headers, doc_id: str) -> int:
    answer = client.head(f"/v1/documents/{doc_id}/content", headers=headers)
    assert answer.status_code == 200
    return int(answer.headers["Upload-Offset"])


def complete(client, headers, doc_id: str) -> dict:
    answer = client.post(f"/v1/documents/{doc_id}/complete", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def send(client, headers, content: bytes, pages: int = 1, **changes) -> dict:
    body = declare(client, headers, content, pages, **changes)
    upload(client, headers, body["id"], content, chunk=max(1, len(content) // 3 + 1))
    return complete(client, headers, body["id"])


def objects(client) -> list:
    return sorted(p for p in (client.root / "objects").rglob("*") if p.is_file())


def problem(answer, status: int, slug: str) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["type"].endswith("/" + slug) and body["detail"], body
    return body


# --- the happy path --------------------------------------------------------------------------------


def test_chunked_upload_is_accepted_acknowledged_and_stored_by_content(bo, gp):
    body = declare(bo, gp, GOOD)
    doc_id = body["id"]
    assert offset(bo, gp, doc_id) == 0
    assert bo.get(f"/v1/documents/{doc_id}", headers=gp).json()["status"] == "declared"
    upload(bo, gp, doc_id, GOOD, chunk=len(GOOD) // 4 + 1)
    assert offset(bo, gp, doc_id) == len(GOOD)
    assert bo.get(f"/v1/documents/{doc_id}", headers=gp).json() == {"id": doc_id, "status": "uploading",
                                                                    "reason": None}
    assert complete(bo, gp, doc_id) == {"id": doc_id, "status": "accepted", "reason": None}
    assert bo.get(f"/v1/documents/{doc_id}", headers=gp).json() == {"id": doc_id, "status": "accepted",
                                                                    "reason": None}
    stored = bo.root / "objects" / body["sha256"][:2] / body["sha256"]
    assert stored.read_bytes() == GOOD
    assert not list((bo.root / "partial").iterdir())
    row = bo.db.connection.execute("SELECT received_at, ack_id FROM documents WHERE client_id = ?",
                                   (doc_id,)).fetchone()
    assert row["received_at"] == NOW and row["ack_id"].startswith("AR-")
    listed = [item for item in bo.get("/v1/documents", params={"limit": 1000}, headers=gp).json()["items"]
              if item["id"] == doc_id]
    assert listed[0]["ack_id"] == row["ack_id"] and listed[0]["received_at"].startswith("2026-03-18T09:00:00")
    assert listed[0]["invoice"] == body["invoice"] and listed[0]["sha256"] == body["sha256"]


def test_a5_landscape_and_a4_scans_are_accepted(bo, gp):
    assert send(bo, gp, scan(A5, 200, landscape=True))["status"] == "accepted"
    assert send(bo, gp, scan(A4, 300))["status"] == "accepted"
    assert send(bo, gp, scan(A5, 300, pages=3), pages=3)["status"] == "accepted"
    # within the 2 mm tolerance, and a scanner's rounding of 200 dpi
    assert send(bo, gp, make_pdf([((146.5, 208.5), pixels((146.5, 208.5), 199.6))]))["status"] == "accepted"


def test_resume_after_an_interrupted_upload(bo, gp):
    doc_id = declare(bo, gp, GOOD)["id"]
    half = len(GOOD) // 2
    assert put(bo, gp, doc_id, GOOD, 0, half - 1).status_code == 204
    # the connection dies in the middle of the next chunk: fewer bytes than announced
    broken = bo.put(f"/v1/documents/{doc_id}/content", content=GOOD[half:half + 10],
                    headers={**gp, "Content-Range": f"bytes {half}-{len(GOOD) - 1}/{len(GOOD)}",
                             "Content-Length": str(len(GOOD) - half)})
    assert 400 <= broken.status_code < 500
    # the client asks where to resume and sends the rest
    resume = offset(bo, gp, doc_id)
    assert resume == half
    assert put(bo, gp, doc_id, GOOD, resume, len(GOOD) - 1).status_code == 204
    assert complete(bo, gp, doc_id)["status"] == "accepted"


def test_wrong_start_overlaps_and_replayed_chunks(bo, gp):
    doc_id = declare(bo, gp, GOOD)["id"]
    assert put(bo, gp, doc_id, GOOD, 0, 99).status_code == 204
    ahead = problem(put(bo, gp, doc_id, GOOD, 200, 299), 409, "upload-offset-mismatch")
    assert "100" in ahead["detail"]
    assert put(bo, gp, doc_id, GOOD, 200, 299).headers["Upload-Offset"] == "100"
    overlap = put(bo, gp, doc_id, GOOD, 50, 149)
    problem(overlap, 409, "upload-offset-mismatch")
    assert overlap.headers["Upload-Offset"] == "100"
    # a chunk already held, sent again: nothing changes
    replay = put(bo, gp, doc_id, GOOD, 0, 99)
    assert replay.status_code == 204 and replay.headers["Upload-Offset"] == "100"
    assert offset(bo, gp, doc_id) == 100
    # completing too early says where the upload stands
    early = problem(bo.post(f"/v1/documents/{doc_id}/complete", headers=gp), 409, "upload-incomplete")
    assert early["detail"].startswith("Le document n'est pas entièrement reçu")
    assert bo.post(f"/v1/documents/{doc_id}/complete", headers=gp).headers["Upload-Offset"] == "100"
    assert put(bo, gp, doc_id, GOOD, 100, len(GOOD) - 1).status_code == 204
    assert complete(bo, gp, doc_id)["status"] == "accepted"


# --- idempotency -----------------------------------------------------------------------------------


def test_declaring_and_completing_again_are_no_ops(bo, gp):
    body = declare(bo, gp, GOOD)
    again = bo.post("/v1/documents", json=body, headers=gp)
    assert again.status_code == 200 and again.json() == {"id": body["id"], "status": "declared", "reason": None}
    # the NIR written with spaces and the hash in capitals are the same declaration
    spaced = {**body, "sha256": body["sha256"].upper(),
              "invoice": {**body["invoice"], "nir": " ".join([body["invoice"]["nir"][:1], body["invoice"]["nir"][1:]])}}
    assert bo.post("/v1/documents", json=spaced, headers=gp).status_code == 200
    upload(bo, gp, body["id"], GOOD, chunk=len(GOOD))
    first = complete(bo, gp, body["id"])
    assert first["status"] == "accepted"
    assert complete(bo, gp, body["id"]) == first
    assert bo.post("/v1/documents", json=body, headers=gp).json() == first
    # the content of a completed document cannot change, but the full chunk again is a no-op
    problem(put(bo, gp, body["id"], GOOD, 0, len(GOOD) - 1), 409, "document-completed")
    assert offset(bo, gp, body["id"]) == len(GOOD)
    count = bo.db.connection.execute("SELECT count(*) FROM documents WHERE client_id = ?", (body["id"],)).fetchone()[0]
    assert count == 1


def test_same_id_with_other_content_or_invoice_is_a_conflict(bo, gp, other):
    body = declare(bo, gp, GOOD)
    other_hash = {**body, "sha256": hashlib.sha256(b"other").hexdigest()}
    mine = problem(bo.post("/v1/documents", json=other_hash, headers=gp), 409, "document-id-conflict")
    other_invoice = {**body, "invoice": {**body["invoice"], "number": "000999999"}}
    problem(bo.post("/v1/documents", json=other_invoice, headers=gp), 409, "document-id-conflict")
    problem(bo.post("/v1/documents", json={**body, "pages": 2}, headers=gp), 409, "document-id-conflict")
    # another practice using the same id: the same refusal, whatever it sends, and nothing of ours in it
    theirs = problem(bo.post("/v1/documents", json=body, headers=other), 409, "document-id-conflict")
    assert theirs == mine
    assert body["invoice"]["nir"] not in str(theirs) and body["sha256"] not in str(theirs)
    assert bo.get(f"/v1/documents/{body['id']}", headers=gp).json()["status"] == "declared"


# --- completion checks -----------------------------------------------------------------------------


def test_hash_mismatch_is_rejected_and_the_bytes_discarded(bo, gp):
    tampered = GOOD[:200] + bytes([GOOD[200] ^ 1]) + GOOD[201:]  # one bit flipped on the way
    assert len(tampered) == len(GOOD)
    body = declaration(bo, gp, GOOD)
    assert bo.post("/v1/documents", json=body, headers=gp).status_code == 201
    before = objects(bo)
    upload(bo, gp, body["id"], tampered, chunk=len(GOOD))
    answer = complete(bo, gp, body["id"])
    assert answer["status"] == "rejected"
    assert answer["reason"].startswith("Le contenu reçu ne correspond pas à l'empreinte SHA-256 déclarée")
    assert "nouvel identifiant" in answer["reason"]
    assert objects(bo) == before and not list((bo.root / "partial").iterdir())
    assert complete(bo, gp, body["id"]) == answer
    # the right bytes under a new id
    assert send(bo, gp, GOOD)["status"] == "accepted"


@pytest.mark.parametrize("content, reason", [
    (b"Not a PDF at all, just text: " + b"x" * 500, NOT_A_PDF),
    (b"%PDF-1.4\n" + secrets.token_bytes(3000), NOT_A_PDF),
    (GOOD[: len(GOOD) // 2], NOT_A_PDF),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", None),
], ids=["text", "garbage", "truncated", "cyclic-pages"])
def test_not_a_readable_pdf_is_rejected(bo, gp, content, reason):
    answer = send(bo, gp, content)
    assert answer["status"] == "rejected" and answer["reason"]
    if reason:
        assert answer["reason"] == reason


def test_a_150_dpi_scan_is_rejected_with_the_reason(bo, gp):
    answer = send(bo, gp, scan(A5, 150))
    assert answer == {"id": answer["id"], "status": "rejected",
                      "reason": "Le scan de la page 1 est à 150 ppp : 200 ppp au moins sont exigés."}
    third = make_pdf([(A5, pixels(A5, 300)), (A5, pixels(A5, 300)), (A5, pixels(A5, 100))])
    assert send(bo, gp, third, pages=3)["reason"] == (
        "Le scan de la page 3 est à 100 ppp : 200 ppp au moins sont exigés.")
    # a scan at 200 dpi in one direction only
    assert send(bo, gp, make_pdf([(A5, (pixels(A5, 200)[0], pixels(A5, 120)[1]))]))["status"] == "rejected"


def test_a6_page_is_rejected_and_a_page_without_image_too(bo, gp):
    a6 = send(bo, gp, scan(A6, 300))
    assert a6["status"] == "rejected"
    assert a6["reason"] == "La page 1 mesure 105 × 148 mm : le format A5 (148 × 210 mm) au moins est exigé."
    assert send(bo, gp, scan(A6, 300, landscape=True))["status"] == "rejected"
    blank = send(bo, gp, make_pdf([(A5, None)]))
    assert blank["status"] == "rejected" and blank["reason"].startswith("La page 1 ne contient pas d'image")


def test_page_count_must_match_the_declaration(bo, gp):
    answer = send(bo, gp, scan(A5, 200, pages=2), pages=1)
    assert answer == {"id": answer["id"], "status": "rejected",
                      "reason": "Le PDF compte 2 pages alors que 1 page a été déclarée."}
    assert send(bo, gp, scan(A5, 200), pages=3)["reason"] == "Le PDF compte 1 page alors que 3 pages ont été déclarées."


def test_decompression_bombs_and_lies_are_refused_without_decoding(bo, gp):
    for lie in ("/Width 1000000000 /Height 1000000000", "/Width -5 /Height 10", "/Width 10",
                "/Width 10.5 /Height 10", "/Width (wide) /Height 10", "/Width 99999999999999999999999 /Height 1"):
        assert send(bo, gp, make_pdf([(A5, (10, 10))], size_entries=lie))["reason"] == NOT_A_PDF, lie
    many = make_pdf([(A5, pixels(A5, 200))], count=10**9)
    assert send(bo, gp, many)["status"] == "rejected"


def test_inspect_pdf_never_raises_on_truncated_or_corrupted_files(tmp_path):
    path = tmp_path / "scan.pdf"
    for cut in range(0, len(GOOD), max(1, len(GOOD) // 40)):
        path.write_bytes(GOOD[:cut])
        assert inspect_pdf(path, 1, 50) is not None
    for i in range(30):
        corrupted = bytearray(GOOD)
        for _ in range(5):
            corrupted[secrets.randbelow(len(corrupted))] = secrets.randbelow(256)
        path.write_bytes(bytes(corrupted))
        inspect_pdf(path, 1, 50)  # accepted or rejected, never an exception
    path.write_bytes(GOOD)
    assert inspect_pdf(path, 1, 50) is None


# --- storage ---------------------------------------------------------------------------------------


def test_identical_bytes_under_two_ids_are_stored_once(bo, gp, other):
    content = scan(A5, 240)
    before = objects(bo)
    assert send(bo, gp, content)["status"] == "accepted"
    assert send(bo, gp, content)["status"] == "accepted"
    assert send(bo, other, content)["status"] == "accepted"
    added = [p for p in objects(bo) if p not in before]
    assert [p.name for p in added] == [hashlib.sha256(content).hexdigest()]
    assert bo.db.connection.execute("SELECT count(*) FROM document_objects WHERE sha256 = ?",
                                    (added[0].name,)).fetchone()[0] == 1


def test_crash_between_fsync_and_database_update(bo, gp):
    doc_id = declare(bo, gp, GOOD)["id"]
    assert put(bo, gp, doc_id, GOOD, 0, 499).status_code == 204
    row_id = bo.db.connection.execute("SELECT id FROM documents WHERE client_id = ?", (doc_id,)).fetchone()[0]
    partial = bo.root / "partial" / f"{row_id}.part"
    # the next chunk reached the disk, then the process died before the database said so
    with open(partial, "ab") as file:
        file.write(GOOD[500:900])
    assert offset(bo, gp, doc_id) == 500
    assert partial.stat().st_size == 500
    # and after a restart, too (the store's start-up sweep)
    with open(partial, "ab") as file:
        file.write(b"garbage that is not the document")
    store = DocumentStore(bo.db, bo.root, _clock)
    assert partial.stat().st_size == 500
    assert store.offset(1, doc_id)[1] == 500
    assert put(bo, gp, doc_id, GOOD, 500, len(GOOD) - 1).status_code == 204
    assert complete(bo, gp, doc_id)["status"] == "accepted"


def test_recorded_offset_beyond_the_file_moves_back(bo, gp):
    doc_id = declare(bo, gp, GOOD)["id"]
    assert put(bo, gp, doc_id, GOOD, 0, 299).status_code == 204
    row_id = bo.db.connection.execute("SELECT id FROM documents WHERE client_id = ?", (doc_id,)).fetchone()[0]
    with open(bo.root / "partial" / f"{row_id}.part", "r+b") as file:
        file.truncate(120)  # the disk lost what it had acknowledged
    assert offset(bo, gp, doc_id) == 120
    assert put(bo, gp, doc_id, GOOD, 120, len(GOOD) - 1).status_code == 204
    assert complete(bo, gp, doc_id)["status"] == "accepted"


# --- who may see what ------------------------------------------------------------------------------


def test_another_practice_sees_nothing(bo, gp, other):
    body = declare(bo, gp, GOOD)
    doc_id = body["id"]
    assert put(bo, gp, doc_id, GOOD, 0, 99).status_code == 204
    for answer in (bo.get(f"/v1/documents/{doc_id}", headers=other),
                   bo.post(f"/v1/documents/{doc_id}/complete", headers=other),
                   put(bo, other, doc_id, GOOD, 100, 199)):
        problem(answer, 404, "document-unknown")
    assert bo.head(f"/v1/documents/{doc_id}/content", headers=other).status_code == 404
    theirs = bo.get("/v1/documents", params={"limit": 1000}, headers=other).json()["items"]
    assert doc_id not in {item["id"] for item in theirs}
    assert offset(bo, gp, doc_id) == 100
    problem(bo.get("/v1/documents/never-declared", headers=gp), 404, "document-unknown")


def test_a_cpe_needs_the_documents_scope(bo):
    cpe = professional(bo, 1, "CPE")
    without = open_session(bo, cpe, {"payments"})
    doc_id = new_id()
    for answer in (bo.post("/v1/documents", json=declaration(bo, without, GOOD), headers=without),
                   bo.get("/v1/documents", headers=without),
                   bo.get(f"/v1/documents/{doc_id}", headers=without),
                   bo.post(f"/v1/documents/{doc_id}/complete", headers=without),
                   put(bo, without, doc_id, GOOD, 0, 9)):
        problem(answer, 403, "scope-missing")
    assert bo.head(f"/v1/documents/{doc_id}/content", headers=without).status_code == 403
    assert bo.get("/v1/documents").status_code == 401
    # with the scope, the secretary sends the scans
    secretary = open_session(bo, cpe, {"documents", "payments"})
    assert send(bo, secretary, GOOD)["status"] == "accepted"


def test_list_pages_by_change_and_filters_by_status(bo, other):
    accepted = send(bo, other, scan(A5, 210))["id"]
    rejected = send(bo, other, scan(A5, 100))["id"]
    declared = declare(bo, other, GOOD)["id"]
    items, cursor, pages = [], None, 0
    while True:
        answer = bo.get("/v1/documents", params={"limit": 2, **({"cursor": cursor} if cursor else {})},
                        headers=other)
        assert answer.status_code == 200
        page = answer.json()
        items += page["items"]
        cursor = page["next_cursor"] or cursor
        pages += 1
        if not page["has_more"]:
            break
    ids = [item["id"] for item in items]
    assert {accepted, rejected, declared} <= set(ids) and len(ids) == len(set(ids)) and pages >= 2
    assert [item["seq"] for item in items] == sorted(item["seq"] for item in items)
    statuses = {item["id"]: item["status"] for item in items}
    assert (statuses[accepted], statuses[rejected], statuses[declared]) == ("accepted", "rejected", "declared")
    only = bo.get("/v1/documents", params={"status": "rejected", "limit": 1000}, headers=other).json()["items"]
    assert rejected in {i["id"] for i in only} and {i["status"] for i in only} == {"rejected"}
    # nothing new since the cursor; then the declared one moves on and shows up again
    assert bo.get("/v1/documents", params={"cursor": cursor}, headers=other).json()["items"] == []
    upload(bo, other, declared, GOOD, chunk=len(GOOD))
    complete(bo, other, declared)
    changed = bo.get("/v1/documents", params={"cursor": cursor}, headers=other).json()["items"]
    assert [(i["id"], i["status"]) for i in changed] == [(declared, "accepted")]
    etag = bo.get("/v1/documents", headers=other).headers["ETag"]
    assert bo.get("/v1/documents", headers={**other, "If-None-Match": etag}).status_code == 304


# --- hostile inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [
    None, "", "garbage", "bytes=0-9/10", "bytes 0-9/*", "bytes -1-5/10", "bytes 5-1/10", "bytes 0-9",
    "bytes ０-9/10".encode(), "bytes 0-" + "9" * 40 + "/" + "9" * 40, "items 0-9/10", "bytes 0-9/10, bytes 10-19/20",
])
def test_malformed_content_range_is_a_400(bo, gp, header):
    doc_id = declare(bo, gp, GOOD)["id"]
    headers = dict(gp) if header is None else {**gp, "Content-Range": header}
    answer = bo.put(f"/v1/documents/{doc_id}/content", content=GOOD[:10], headers=headers)
    assert 400 <= answer.status_code < 500 and answer.headers["content-type"] == PROBLEM, (header, answer.text)
    assert offset(bo, gp, doc_id) == 0


def test_ranges_that_do_not_fit_the_document_are_refused(bo, gp):
    doc_id = declare(bo, gp, GOOD)["id"]
    size = len(GOOD)
    problem(put(bo, gp, doc_id, GOOD, 0, 9, total=size + 1), 422, "content-range-mismatch")
    problem(put(bo, gp, doc_id, GOOD, 0, 9, total=999_999_999_999), 422, "content-range-mismatch")
    huge = bo.put(f"/v1/documents/{doc_id}/content", content=b"x" * 10,
                  headers={**gp, "Content-Range": f"bytes 0-999999999998/{size}"})
    assert 400 <= huge.status_code < 500
    beyond = bo.put(f"/v1/documents/{doc_id}/content", content=b"x",
                    headers={**gp, "Content-Range": f"bytes {size}-{size}/{size}"})
    problem(beyond, 422, "content-range-mismatch")
    # the body is longer, or shorter, than the range says
    for content in (GOOD[:11], GOOD[:9]):
        answer = bo.put(f"/v1/documents/{doc_id}/content", content=content,
                        headers={**gp, "Content-Range": f"bytes 0-9/{size}"})
        problem(answer, 400, "body-length-mismatch")
    assert offset(bo, gp, doc_id) == 0
    problem(put(bo, gp, "unknown-id", GOOD, 0, 9), 404, "document-unknown")


@pytest.mark.parametrize("changes", [
    {"id": ""}, {"id": "x" * 65}, {"id": "a/b"}, {"id": "../etc"}, {"id": "é"}, {"id": 12},
    {"sha256": "0" * 63}, {"sha256": "g" * 64}, {"size": 0}, {"size": 20 * 1024 * 1024 + 1}, {"size": True},
    {"size": "100"}, {"size": -1}, {"pages": 0}, {"pages": 51}, {"pages": 1.5},
    {"invoice": {"batch": "42", "number": "000123456", "nir": "185057511200101", "date": "2026-03-02"}},
    {"invoice": {"batch": "٠٤٢", "number": "000123456", "nir": "185057511200101", "date": "2026-03-02"}},
    {"invoice": {"batch": "042", "number": "123", "nir": "185057511200101", "date": "2026-03-02"}},
    {"invoice": {"batch": "042", "number": "000123456", "nir": "185057511200100", "date": "2026-03-02"}},
    {"invoice": {"batch": "042", "number": "000123456", "nir": "185057511200101", "date": "02/03/2026"}},
    {"invoice": None}, {"extra": "field"},
])
def test_invalid_declarations_are_refused(bo, gp, changes):
    answer = bo.post("/v1/documents", json=declaration(bo, gp, GOOD, **changes), headers=gp)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM, (changes, answer.text)


def test_nir_key_refusal_is_explained_in_french(bo, gp):
    body = declaration(bo, gp, GOOD)
    good = body["invoice"]["nir"]
    body["invoice"]["nir"] = good[:13] + f"{(int(good[13:]) % 97) + 1:02d}"
    answer = problem(bo.post("/v1/documents", json=body, headers=gp), 422, "invalid-nir")
    assert "clé du NIR" in answer["detail"]
    corsica = "27505" + "2A" + "123456"
    body["invoice"]["nir"] = corsica + f"{nir_key(corsica):02d}"
    assert bo.post("/v1/documents", json=body, headers=gp).status_code == 201


@pytest.mark.parametrize("path", ["/v1/documents/a%20b", "/v1/documents/" + "x" * 65 + "/complete",
                                  "/v1/documents/%2e%2e/complete", "/v1/documents/..%2fetc"])
def test_hostile_ids_in_paths_are_4xx(bo, gp, path):
    assert 400 <= bo.get(path, headers=gp).status_code < 500
    assert 400 <= bo.post(path, headers=gp).status_code < 500



def invoice_doctor(client, invoice: dict) -> int:
    """The doctor who billed ``invoice``: the one the verdict on its document is told to."""
    return client.db.connection.execute("SELECT professional_id FROM invoices WHERE batch_number = ? AND "
                                        "invoice_number = ?", (invoice["batch"], invoice["number"])).fetchone()[0]


def test_completed_documents_reach_the_event_feed(bo, gp):
    db, doctor = database_path(bo.db.connection), professional(bo, 1)
    accepted = send(bo, gp, GOOD, invoice=awaiting_invoice(db, 1, professional_id=doctor))
    rejected = send(bo, gp, scan(A5, 150), invoice=awaiting_invoice(db, 1, professional_id=doctor))
    assert (accepted["status"], rejected["status"]) == ("accepted", "rejected")
    events = {e["ref"]: e for e in bo.get("/v1/events", params={"limit": 1000}, headers=gp).json()["items"]}
    assert events[f"documents/{accepted['id']}"]["kind"] == "document_accepted"
    refused = events[f"documents/{rejected['id']}"]
    assert refused["kind"] == "document_rejected" and "150 ppp" in refused["summary"]


def test_a_secretarys_upload_is_told_to_the_invoices_doctor_and_she_follows_its_state(bo, gp):
    cpe = professional(bo, 1, "CPE")
    secretary = open_session(bo, cpe, {"documents"})
    invoice = invoice_for(bo, secretary)
    doctor_id = invoice_doctor(bo, invoice)
    known = declaration(bo, secretary, GOOD, invoice=invoice)
    assert bo.post("/v1/documents", json=known, headers=secretary).status_code == 201
    upload(bo, secretary, known["id"], GOOD, chunk=len(GOOD))
    assert complete(bo, secretary, known["id"])["status"] == "accepted"
    unknown = declare(bo, secretary, GOOD, invoice=unknown_invoice())  # an invoice the fund does not know
    upload(bo, secretary, unknown["id"], GOOD, chunk=len(GOOD))
    assert complete(bo, secretary, unknown["id"]) == {"id": unknown["id"], "status": "rejected",
                                                      "reason": NO_AWAITING_INVOICE}
    rows = bo.db.connection.execute("SELECT ref, professional_id FROM events WHERE ref IN (?, ?)",
                                    (f"documents/{known['id']}", f"documents/{unknown['id']}")).fetchall()
    doctors = [row[0] for row in bo.db.connection.execute(
        "SELECT id FROM professionals WHERE practice_id = 1 AND card_type = 'CPS' ORDER BY id")]
    heard = {}
    for ref, owner in rows:
        heard.setdefault(ref, []).append(owner)
    assert heard[f"documents/{known['id']}"] == [doctor_id]
    assert sorted(heard[f"documents/{unknown['id']}"]) == doctors
    assert cpe not in {owner for _, owner in rows}
    # over HTTP: the invoice's doctor reads both verdicts in his feed, with the reason of the refusal
    doctor = open_session(bo, doctor_id)
    feed = {e["ref"]: e for e in bo.get("/v1/events", params={"limit": 1000}, headers=doctor).json()["items"]}
    assert feed[f"documents/{known['id']}"]["kind"] == "document_accepted"
    assert NO_AWAITING_INVOICE in feed[f"documents/{unknown['id']}"]["summary"]
    # the secretary cannot read events, but lists her uploads with their states and reasons ...
    problem(bo.get("/v1/events", headers=secretary), 403, "scope-missing")
    mine = bo.get("/v1/documents", params={"limit": 1000}, headers=secretary).json()["items"]
    states = {item["id"]: (item["status"], item["reason"]) for item in mine}
    assert states[known["id"]] == ("accepted", None)
    assert states[unknown["id"]] == ("rejected", NO_AWAITING_INVOICE)
    # ... and nothing the doctors declared themselves (their invoices, their patients' NIRs)
    theirs = declare(bo, gp, GOOD)
    assert {row[0] for row in bo.db.connection.execute(
        "SELECT DISTINCT professional_id FROM documents WHERE client_id IN ({})".format(
            ",".join("?" * len(mine))), [item["id"] for item in mine])} == {cpe}
    assert theirs["id"] not in states and theirs["invoice"]["nir"] not in str(mine)
    listed = bo.get("/v1/documents", params={"limit": 1000}, headers=gp).json()["items"]
    assert {known["id"], unknown["id"], theirs["id"]} <= {item["id"] for item in listed}


# --- active content --------------------------------------------------------------------------------

_JS = "Le PDF contient du JavaScript : une pièce justificative ne contient que des pages scannées. " \
      "Envoyez le scan seul, sans ce contenu."
_JS_STREAM = {100: b"<< /S /JavaScript /JS 101 0 R >>",
              101: b"<< /Length 14 >>\nstream\napp.alert('x')\nendstream"}


@pytest.mark.parametrize("extras, found", [
    ({"catalog_entries": "/OpenAction << /S /JavaScript /JS (app.launchURL\\(1\\)) >>"}, "du JavaScript"),
    ({"catalog_entries": "/Names << /JavaScript << /Names [(init) 100 0 R] >> >>", "objects": _JS_STREAM},
     "du JavaScript"),
    ({"catalog_entries": "/Outlines << /First 100 0 R /Last 100 0 R /Count 1 >>",
      "objects": {100: b"<< /Title (Facture) /A << /S /JavaScript /JS (this.print\\(\\)) >> >>"}}, "du JavaScript"),
    ({"page_entries": "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 400 600] "
                      "/A << /S /Launch /F (cmd.exe) >> >>]"}, "une action qui lance un programme (Launch)"),
    ({"catalog_entries": "/Names << /EmbeddedFiles << /Names [(facture.pdf.exe) << /Type /Filespec "
                         "/F (facture.pdf.exe) /EF << /F 100 0 R >> >>] >> >>",
      "objects": {100: b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"}}, "des fichiers joints"),
    ({"page_entries": "/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.exe) >>]"},
     "des fichiers joints"),
    ({"page_entries": "/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>"}, "des actions automatiques (/AA)"),
    ({"catalog_entries": "/AcroForm << /Fields [] /XFA 100 0 R >>",
      "objects": {100: b"<< /Length 7 >>\nstream\n<xdp/>\n\nendstream"}}, "un formulaire XFA"),
    ({"page_entries": "/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] "
                      "/RichMediaContent << /Assets << >> >> >>]"}, "du contenu multimédia"),
    ({"page_entries": "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] "
                      "/A << /S /SubmitForm /F (https://example.invalid/) >> >>]"},
     "une action qui envoie ou importe des données"),
], ids=["open-action-js", "names-js", "outline-js", "launch", "embedded-files", "file-attachment",
        "additional-actions", "xfa", "rich-media", "submit-form"])
def test_active_content_is_refused_with_what_was_found(bo, gp, extras, found):
    answer = send(bo, gp, make_pdf([(A5, pixels(A5, 200))], **extras))
    assert answer["status"] == "rejected"
    assert answer["reason"].startswith(f"Le PDF contient {found}"), answer["reason"]
    assert "que des pages scannées" in answer["reason"]


def test_everything_found_is_named_and_a_plain_open_action_is_no_active_content(bo, gp):
    both = make_pdf([(A5, pixels(A5, 200))], objects=_JS_STREAM,
                    catalog_entries="/Names << /JavaScript << /Names [(a) 100 0 R] >> >> /AA << /WC 100 0 R >>")
    assert send(bo, gp, both)["reason"].startswith(
        "Le PDF contient du JavaScript et des actions automatiques (/AA) : ")
    assert send(bo, gp, make_pdf([(A5, pixels(A5, 200))], catalog_entries="/OpenAction [3 0 R /Fit]"))["status"] \
        == "accepted"
    # the refusal of a plain JavaScript action, word for word
    assert send(bo, gp, make_pdf([(A5, pixels(A5, 200))], catalog_entries=(
        "/OpenAction << /S /JavaScript /JS (1) >>")))["reason"] == _JS


# --- hostile scans: the inspection is bounded ------------------------------------------------------


def _high_water_mark() -> int:
    """This process's peak resident memory so far, in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc/self/status")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """Memory only: each object stream inflates to 74 MB, 12 of them, 0.9 MB on the wire."""
    pdf = object_stream_bomb(burn_cpu=False)
    assert len(pdf) < 1_000_000
    return pdf


def test_an_object_stream_bomb_is_refused_at_the_memory_bound_and_the_server_stays_small(bo, gp, bomb):
    peak, cpu = _high_water_mark(), resource.getrusage(resource.RUSAGE_SELF)
    answer = send(bo, gp, bomb, pages=10)
    after = resource.getrusage(resource.RUSAGE_SELF)
    assert answer["status"] == "rejected"
    assert answer["reason"] == ("L'analyse du PDF demande plus de 256 Mo de mémoire, bien plus qu'un scan : il est "
                                "refusé. Envoyez le fichier tel que le scanner l'a produit.")
    # read in this process, it took ~1 GB (12 x 74 MB held): here the server's peak has not moved by 100 MB
    grown = _high_water_mark() - peak
    server_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    print(f"server: peak resident memory grew by {grown / 2**20:.1f} MB, {server_cpu:.2f} s CPU")
    assert grown < 100 * 2**20
    row_id = bo.db.connection.execute("SELECT id FROM documents WHERE client_id = ?", (answer["id"],)).fetchone()[0]
    assert not (bo.root / "partial" / f"{row_id}.part").exists()  # a refused scan's bytes are not kept


def test_the_inspectors_child_stays_within_its_bounds(tmp_path, bomb):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb)
    limits = ScanLimits()
    memory = check_scan(path, 10, 50, limits)
    print(f"memory bomb: {memory}")
    assert memory.reason.startswith("L'analyse du PDF demande plus de 256 Mo")
    assert memory.peak_memory <= limits.memory_bytes and memory.cpu_seconds < limits.cpu_seconds
    # the same structure with small streams is a valid scan: only the size of the streams is refused
    path.write_bytes(object_stream_bomb(stream_bytes=100_000, burn_cpu=False))
    honest = check_scan(path, 10, 50, limits)
    assert honest.reason is None, honest
    path.write_bytes(GOOD)
    normal = check_scan(path, 1, 50, limits)
    print(f"normal scan: {normal}")
    assert normal.reason is None and normal.peak_memory < 150 * 2**20


def test_a_check_that_could_not_run_is_the_servers_failure_not_the_files():
    """How a child's end is read (pure): a child that exits in error without a verdict did not judge the
    file, so the completion fails (500) and is tried again, rather than refusing a scan for nothing."""
    limits, path = ScanLimits(), Path("1.part")
    with pytest.raises(ScanCheckFailed):
        _verdict(None, 1, False, limits, path)
    assert _verdict(None, -9, False, limits, path).startswith("L'analyse du PDF dépasse 10 secondes")
    assert _verdict(None, -11, False, limits, path).startswith("L'analyse du PDF demande plus de 256 Mo")
    assert _verdict({"reason": None}, 0, False, limits, path) is None


@pytest.mark.parametrize("cpu, wall", [(2, 120.0), (120, 2.0)], ids=["cpu-bound", "wall-clock-bound"])
def test_a_scan_that_burns_cpu_is_refused_at_the_time_bound(tmp_path, cpu, wall):
    """Each object behind 74 MB of white space that pypdf skips byte by byte: minutes of CPU unbounded."""
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", clock=_clock, maildir=tmp_path / "maildir",
                              scan_cpu_limit=cpu, scan_time_limit=wall)
    app = create_app(config)
    seed(app.state.services.storage.db, seed=5, practices=1, patients=5, months=1, today=TODAY, clock=_clock)
    with TestClient(app) as client:
        client.db = app.state.services.storage.db
        headers = open_session(client, professional(client, 1))
        answer = send(client, headers, object_stream_bomb(pages=2, burn_cpu=True), pages=2)
    assert answer["status"] == "rejected"
    assert answer["reason"] == ("L'analyse du PDF dépasse 2 secondes, bien plus qu'un scan : il est refusé. "
                                "Envoyez le fichier tel que le scanner l'a produit.")


# --- unfinished uploads: expiry and caps -----------------------------------------------------------


class _Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def timed(tmp_path):
    """A back office of its own whose clock the test moves, with small caps on unfinished uploads."""
    clock = _Clock()
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", clock=clock, maildir=tmp_path / "maildir",
                              unfinished_uploads=3, unfinished_bytes=3 * len(GOOD) + 100)
    app = create_app(config)
    seed(app.state.services.storage.db, seed=5, practices=2, patients=5, months=1, today=TODAY, clock=clock)
    with TestClient(app) as client:
        client.db, client.root, client.clock = app.state.services.storage.db, tmp_path / "documents", clock
        yield client


def test_an_abandoned_upload_expires_its_bytes_are_purged_and_declaring_it_again_starts_afresh(timed):
    headers = open_session_at(timed, professional(timed, 1))
    body = declare(timed, headers, GOOD)
    assert put(timed, headers, body["id"], GOOD, 0, 499).status_code == 204
    row_id = timed.db.connection.execute("SELECT id FROM documents WHERE client_id = ?", (body["id"],)).fetchone()[0]
    partial = timed.root / "partial" / f"{row_id}.part"
    assert partial.stat().st_size == 500
    # 47 hours on, a chunk: the upload is alive again for 48 hours from now
    timed.clock.now += 47 * 3600
    assert put(timed, headers, body["id"], GOOD, 500, 599).status_code == 204
    timed.clock.now += 47 * 3600
    declare(timed, headers, scan(A5, 300))  # each declaration purges what has expired
    assert offset(timed, headers, body["id"]) == 600 and partial.exists()
    # then abandoned: 48 hours and a second later, the next declaration (any practice's) purges it
    timed.clock.now += 48 * 3600 + 1
    declare(timed, open_session_at(timed, professional(timed, 2)), GOOD)
    assert not partial.exists()
    problem(timed.get(f"/v1/documents/{body['id']}", headers=headers), 404, "document-unknown")
    assert timed.head(f"/v1/documents/{body['id']}/content", headers=headers).status_code == 404
    # the client declares it again, as its queue does first on every pass: a new upload from byte 0
    again = timed.post("/v1/documents", json=body, headers=headers)
    assert again.status_code == 201 and again.json()["status"] == "declared"
    assert offset(timed, headers, body["id"]) == 0
    upload(timed, headers, body["id"], GOOD, chunk=len(GOOD))
    assert complete(timed, headers, body["id"])["status"] == "accepted"


def test_expired_uploads_are_purged_at_start_up_too(timed):
    headers = open_session_at(timed, professional(timed, 1))
    body = declare(timed, headers, GOOD)
    assert put(timed, headers, body["id"], GOOD, 0, 99).status_code == 204
    assert len(list((timed.root / "partial").iterdir())) == 1
    later = _Clock()
    later.now = timed.clock.now + 48 * 3600 + 1
    DocumentStore(timed.db, timed.root, later)  # a restart two days on
    assert not list((timed.root / "partial").iterdir())
    assert timed.db.connection.execute("SELECT count(*) FROM documents WHERE client_id = ?",
                                       (body["id"],)).fetchone()[0] == 0


def test_a_practice_holds_a_bounded_number_and_size_of_unfinished_uploads(timed):
    headers = open_session_at(timed, professional(timed, 1))
    held = [declare(timed, headers, GOOD) for _ in range(3)]
    refused = problem(timed.post("/v1/documents", json=declaration(timed, headers, GOOD), headers=headers), 409,
                      "too-many-unfinished-uploads")
    assert refused["detail"] == ("Votre cabinet a trop d'envois commencés et non terminés (au plus 3 documents et "
                                 "0 Mo) : terminez-les d'abord. Un envoi laissé sans suite est effacé après 48 heures.")
    # declaring one of them again is no new upload; another practice is not concerned
    assert timed.post("/v1/documents", json=held[0], headers=headers).status_code == 200
    declare(timed, open_session_at(timed, professional(timed, 2)), GOOD)
    # finishing one frees its place
    upload(timed, headers, held[0]["id"], GOOD, chunk=len(GOOD))
    assert complete(timed, headers, held[0]["id"])["status"] == "accepted"
    fourth = declare(timed, headers, GOOD)
    # bytes: 3 x GOOD + 100 bytes declared at most, whatever the count
    upload(timed, headers, fourth["id"], GOOD, chunk=len(GOOD))
    complete(timed, headers, fourth["id"])
    big = scan(A5, 200, padding=len(GOOD) + 200)
    problem(timed.post("/v1/documents", json=declaration(timed, headers, big), headers=headers), 409,
            "too-many-unfinished-uploads")
    assert timed.db.connection.execute(
        "SELECT count(*) FROM documents WHERE practice_id = 1 AND status IN ('declared', 'uploading')").fetchone()[0] == 2


def open_session_at(client, professional_id: int) -> dict:
    return bo_sessions.open_session(client, professional_id, now=client.clock.now, staff_scopes=SCOPES)
