"""Schemathesis over /openapi.json: whatever it sends, signed in or not, no answer is a 5xx.

The app is built at import (schemathesis parametrizes at collection time), on a seeded practice in a
temporary directory removed at exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from sync.backoffice.app import create_app
from sync.backoffice.config import BackofficeConfig
from sync.backoffice.seed import seed
from test_data_routes import NOW, TODAY, gps, open_session

_DIRECTORY = Path(tempfile.mkdtemp(prefix="cabinet-fuzz-"))
atexit.register(shutil.rmtree, _DIRECTORY, True)
APP = create_app(BackofficeConfig(db_path=_DIRECTORY / "bo.sqlite", clock=lambda: NOW,
                                  maildir=_DIRECTORY / "maildir"))
seed(APP.state.services.storage.db, seed=5, practices=1, patients=30, months=2, today=TODAY, clock=lambda: NOW)
with TestClient(APP) as _client:
    _client.db = APP.state.services.storage.db
    SIGNED_IN = open_session(_client, gps(_client, 1)[0])

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case):
    for headers in (SIGNED_IN, {}):
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
