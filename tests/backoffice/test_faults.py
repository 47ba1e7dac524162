"""Fault injection: maintenance answers 503 with Retry-After; a share of requests fails or is slow."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.faults import FaultConfig, load_faults


def test_maintenance_window_answers_503_with_retry_after(tmp_path):
    now = [1_800_000_000.0]
    faults = FaultConfig(maintenance=((now[0] + 100, now[0] + 700),))
    app = create_app(BackofficeConfig(db_path=tmp_path / "bo.sqlite", faults=faults, clock=lambda: now[0]))
    with TestClient(app) as client:
        assert client.get("/v1/auth/challenge").status_code == 200
        now[0] += 200
        answer = client.get("/v1/auth/challenge")
        assert answer.status_code == 503 and answer.headers["retry-after"] == "501"
        assert answer.json()["type"].endswith("/maintenance") and "maintenance" in answer.json()["detail"]
        assert client.get("/openapi.json").status_code == 200
        now[0] += 600
        assert client.get("/v1/auth/challenge").status_code == 200


def test_a_share_of_requests_fails_reproducibly(tmp_path):
    config = BackofficeConfig(db_path=tmp_path / "bo.sqlite", faults=FaultConfig(fail_share=0.3, seed=3))
    runs = []
    for _ in range(2):
        with TestClient(create_app(config)) as client:
            runs.append([client.get("/v1/auth/challenge").status_code for _ in range(200)])
    assert runs[0] == runs[1]
    failures = runs[0].count(503)
    assert 40 <= failures <= 80 and set(runs[0]) == {200, 503}


def test_fault_file(tmp_path):
    path = tmp_path / "faults.toml"
    path.write_text('maintenance = [{start = "2026-11-30T12:00:00+01:00", end = "2026-11-30T14:00:00+01:00"}]\n'
                    "fail_share = 0.3\nslow_share = 0.1\nslow_seconds = 0.5\nseed = 9\n")
    faults = load_faults(path)
    start = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.timezone.utc).timestamp()
    assert faults.maintenance == ((start, start + 7200),) and faults.fail_share == 0.3
    path.write_text("fail_share = 2\n")
    with pytest.raises(ValueError, match="faults.toml"):
        load_faults(path)
