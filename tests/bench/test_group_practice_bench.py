"""Sync benchmark at a group practice's size (``make bench``), over loopback: ten GPs sharing 25,000
patients, 27 months, about 150,000 payment lines (the seed's ``doctors=10``).

Who syncs what, as a group practice works: each doctor's workstation syncs his own data into its own
store, in a process of its own — "one doctor" is Dr Lefèvre-Dupré's first sync with her CPS (about
15,000 payments, every domain). The practice's payments as a whole reach one workstation only: the
secretary's, whose CPE card the ten doctors delegate ``payments`` to (the back office's practice-wide
view, as the accountant's) — "the whole practice" is her first sync, all ten doctors' payments into one
store, the largest first sync a workstation of the practice makes. (Ten doctors' syncs never share a
process: each is the one-doctor figure on its own machine.)

Each first sync runs in a child process (:mod:`first_sync`) so that the peak is the process's resident
set (the kernel's high-water mark: interpreter, imports, sign-in and sync), not pytest's, nor only
Python's allocations. Baseline: the same session pulling the same payment pages into one unencrypted
SQLite table, in a child of its own. On a loaded machine the seconds vary from run to run; the CPU time
of the child (the client's own work) and of the back office's process (the pages served) vary less and
say where the time goes. Targets for the whole practice (under 10 s, under 300 MB) are
reported beside the figures, not asserted: the machine running the bench decides the seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from sync.backoffice.sqlite import open_database
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.seed import seed
from figures import record

RESULTS = Path(".bench/sync.json")
CHILD = Path(__file__).with_name("first_sync.py")
DOCTORS, PATIENTS, MONTHS = 10, 25_000, 27
TARGET_SECONDS, TARGET_PEAK_MB = 10, 300


@pytest.fixture(scope="module")
def group(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)  # makes the test PKI, whose CA the back office trusts
    office = LocalBackoffice(tmp_path_factory.mktemp("group-bo"), tls=False, seeded=False,
                             trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,))
    db = open_database(office.db_path)
    started = time.perf_counter()
    summary = seed(db, seed=1, practices=1, patients=PATIENTS, months=MONTHS, doctors=DOCTORS)
    seeded = time.perf_counter() - started
    doctor = db.connection.execute(
        "SELECT count(*) FROM payments JOIN professionals p ON p.id = payments.professional_id "
        "WHERE p.national_id = ?", (STOCK_CARDS["cps"].holder.national_id,)).fetchone()[0]
    db.close()
    with office:
        yield {"office": office, "seed_seconds": round(seeded, 1), "doctors": DOCTORS, "patients": PATIENTS,
               "payments": {"cps": doctor, "cpe": summary.payments}}


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (``/proc/PID/stat``, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _first_sync(mode: str, card: str, office: LocalBackoffice, pki_dir: Path, workdir: Path) -> dict:
    """The child's figures, and the back office's CPU time meanwhile (``server_cpu_s``)."""
    workdir.mkdir()
    server_cpu = _cpu_seconds(office.process.pid)
    done = subprocess.run([sys.executable, str(CHILD), mode, card, office.url, str(pki_dir), str(workdir)],
                          check=False, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1]) | {
        "server_cpu_s": round(_cpu_seconds(office.process.pid) - server_cpu, 2)}


@pytest.mark.bench
@pytest.mark.parametrize(("name", "card"), [("one_doctor", "cps"), ("whole_practice", "cpe")])
def test_group_practice_first_sync(group, pki_dir, tmp_path, name, card):
    ours = _first_sync("cabinet", card, group["office"], pki_dir, tmp_path / "cabinet")
    plain = _first_sync("plain", card, group["office"], pki_dir, tmp_path / "plain")
    expected = group["payments"][card]
    assert ours["payments"] == plain["payments"] == expected
    # the secretary's engine asks only what was delegated to her: nothing refused
    assert not ours["errors"], ours["errors"]
    figures = {
        "doctors": group["doctors"], "patients": group["patients"], "seed_seconds": group["seed_seconds"],
        "payments": expected,
        "first_sync_s": ours["seconds"], "first_sync_plain_s": plain["seconds"],
        "first_sync_ratio": round(ours["seconds"] / plain["seconds"], 2),
        "client_cpu_s": ours["cpu_s"], "client_cpu_plain_s": plain["cpu_s"],
        "client_cpu_ratio": round(ours["cpu_s"] / plain["cpu_s"], 2),
        "server_cpu_s": ours["server_cpu_s"], "server_cpu_plain_s": plain["server_cpu_s"],
        "peak_rss_mb": ours["peak_rss_mb"], "peak_rss_plain_mb": plain["peak_rss_mb"],
        "peak_rss_ratio": round(ours["peak_rss_mb"] / plain["peak_rss_mb"], 2),
        "rss_at_start_mb": ours["rss_start_mb"], "rss_at_start_plain_mb": plain["rss_start_mb"],
    }
    if card == "cpe":
        figures["targets_met"] = {f"under_{TARGET_SECONDS}_s": ours["seconds"] < TARGET_SECONDS,
                                  f"under_{TARGET_PEAK_MB}_mb": ours["peak_rss_mb"] < TARGET_PEAK_MB}
    record(RESULTS, f"sync_group_practice_{name}", figures)
