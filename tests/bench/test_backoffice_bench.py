"""Back-office benchmarks (``make bench``) on the large practice (5,000 patients, 27 months).

1. Incremental payments sync by 50 concurrent clients against uvicorn on loopback: requests per
   second; baseline: the same 50 clients asking ``GET /v1/auth/challenge`` (the cheapest route, one
   insert) in the same run (ratio).
2. p95 latency of ``/v1/payments`` pages (plain cursor pages, date range, patient name, invoice,
   batch); baseline: the same page's SQL on the same SQLite file, without HTTP (ratio).
"""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
import statistics
import time
from pathlib import Path

import httpx
import pytest

from sync.backoffice.sqlite import open_database
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.seed import seed
from sync.backoffice.sessions import SCOPES, token_hash
from sync.protocol.search import fold
from figures import record

CLIENTS = 50
ROUNDS = 10
RESULTS = Path(".bench/backoffice.json")


def _record(name: str, figures: dict) -> None:
    record(RESULTS, name, figures)


def _p95(samples: list[float]) -> float:
    return round(sorted(samples)[int(0.95 * (len(samples) - 1))] * 1000, 2)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    backoffice = LocalBackoffice(tmp_path_factory.mktemp("bench-bo"), tls=False, seeded=False)
    db = open_database(backoffice.db_path)
    started = time.perf_counter()
    summary = seed(db, seed=1, practices=1, patients=5000, months=27)
    seeded = time.perf_counter() - started
    gp = db.connection.execute(
        "SELECT professional_id, count(*) FROM payments GROUP BY professional_id ORDER BY 2 DESC").fetchone()[0]
    tokens = []
    now = time.time()
    with db.transaction() as tx:
        for _ in range(CLIENTS):
            token = secrets.token_urlsafe(16)
            tx.execute("INSERT INTO sessions (token_hash, professional_id, kind, scopes, created_at, "
                       "last_seen_at, proof_due_at) VALUES (?, ?, 'card', ?, ?, ?, ?)",
                       (token_hash(token), gp, " ".join(sorted(SCOPES)), now, now, now + 86400))
            tokens.append(token)
    with backoffice:
        yield {"base": backoffice.url, "tokens": tokens, "db": backoffice.db_path, "gp": gp,
               "seed_seconds": round(seeded, 2), "payments": summary.payments}


async def _sync_from(client: httpx.AsyncClient, headers: dict, cursor: str) -> int:
    requests = 0
    while True:
        page = (await client.get("/v1/payments", params={"cursor": cursor, "limit": 500}, headers=headers)).json()
        requests += 1
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return requests


async def _crowd(base: str, tokens: list[str], work) -> tuple[int, float]:
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        counts = await asyncio.gather(*(work(client, {"Authorization": f"Bearer {t}"}) for t in tokens))
        return sum(counts), time.perf_counter() - started


@pytest.mark.bench
def test_incremental_payments_sync_with_50_clients(large):
    headers = {"Authorization": f"Bearer {large['tokens'][0]}"}
    cursors, cursor = [], None
    with httpx.Client(base_url=large["base"], timeout=60) as client:
        while True:
            page = client.get("/v1/payments", params={"limit": 1000, **({"cursor": cursor} if cursor else {})},
                              headers=headers).json()
            cursors.append(page["next_cursor"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
    start = cursors[-3]  # about 1,000 to 2,000 changes behind

    async def incremental(client, headers):
        return sum([await _sync_from(client, headers, start) for _ in range(ROUNDS)])

    async def challenge(client, headers):
        for _ in range(ROUNDS * 3):
            await client.get("/v1/auth/challenge")
        return ROUNDS * 3

    sync_requests, sync_seconds = asyncio.run(_crowd(large["base"], large["tokens"], incremental))
    base_requests, base_seconds = asyncio.run(_crowd(large["base"], large["tokens"], challenge))
    figures = {"clients": CLIENTS, "seed_seconds": large["seed_seconds"], "payments": large["payments"],
               "sync_requests": sync_requests, "sync_rps": round(sync_requests / sync_seconds, 1),
               "challenge_rps": round(base_requests / base_seconds, 1)}
    figures["ratio"] = round(figures["sync_rps"] / figures["challenge_rps"], 2)
    _record("incremental_sync_50_clients", figures)


@pytest.mark.bench
def test_payments_page_p95(large):
    headers = {"Authorization": f"Bearer {large['tokens'][1]}"}
    db = sqlite3.connect(large["db"])
    sample = db.execute("SELECT patient_name, invoice_number, batch_number FROM payments "
                        "WHERE professional_id = ? AND invoice_number IS NOT NULL LIMIT 1", (large["gp"],)).fetchone()
    queries = [
        ({"limit": 100}, "SELECT * FROM payments WHERE professional_id = ? ORDER BY seq LIMIT 101", ()),
        ({"date_from": "2026-01-01", "date_to": "2026-03-31", "limit": 100},
         "SELECT * FROM payments WHERE professional_id = ? AND paid_on BETWEEN ? AND ? ORDER BY seq LIMIT 101",
         ("2026-01-01", "2026-03-31")),
        ({"patient": sample[0].split()[-1], "limit": 100},
         "SELECT * FROM payments WHERE professional_id = ? AND ' ' || patient_search || ' ' LIKE ? ORDER BY seq "
         "LIMIT 101", (f"% {fold(sample[0].split()[-1])} %",)),
        ({"invoice": sample[1]}, "SELECT * FROM payments WHERE professional_id = ? AND invoice_number = ? "
         "ORDER BY seq LIMIT 101", (sample[1],)),
        ({"batch": sample[2], "limit": 100}, "SELECT * FROM payments WHERE professional_id = ? AND batch_number = ? "
         "ORDER BY seq LIMIT 101", (sample[2],)),
    ]
    http, direct = [], []
    with httpx.Client(base_url=large["base"], timeout=60) as client:
        for _ in range(40):
            for params, sql, args in queries:
                started = time.perf_counter()
                assert client.get("/v1/payments", params=params, headers=headers).status_code == 200
                http.append(time.perf_counter() - started)
                started = time.perf_counter()
                db.execute(sql, (large["gp"], *args)).fetchall()
                direct.append(time.perf_counter() - started)
    figures = {"requests": len(http), "http_p95_ms": _p95(http), "sqlite_p95_ms": _p95(direct),
               "http_median_ms": round(statistics.median(http) * 1000, 2)}
    figures["ratio_p95"] = round(figures["http_p95_ms"] / max(figures["sqlite_p95_ms"], 0.01), 1)
    _record("payments_page_p95", figures)
