"""Capture benchmark (``make bench``): a feeder batch of 10 A4 care sheets (tests/capture_sheets.py:
boxes, printed and handwritten lines, paper grain) made into the fund's PDF, at 200 and 300 dpi, grey
and black and white: bytes per page, normalisation time per page, and the bounded inspection of the
result (a child process each time). Figures printed and written to .bench/capture.json."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from capture_sheets import bilevel, care_sheet
from figures import record

from sync.capture import inspect_bounded, normalise_images

PAGES = 10
RESULTS = Path(".bench/capture.json")


@pytest.mark.bench
@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("mode", ["grey", "black-and-white"])
def test_a_feeder_batch_of_care_sheets(tmp_path, dpi, mode):
    sheets = [care_sheet(dpi, seed=n) for n in range(PAGES)]
    if mode == "black-and-white":
        sheets = [bilevel(sheet) for sheet in sheets]
    for sheet in sheets:
        sheet.info["dpi"] = (dpi, dpi)
    started = time.perf_counter()
    result = normalise_images(sheets)
    normalising = time.perf_counter() - started
    path = tmp_path / "batch.pdf"
    path.write_bytes(result.pdf)
    started = time.perf_counter()
    inspection = inspect_bounded(path)
    inspecting = time.perf_counter() - started
    assert inspection.accepted and inspection.pages == PAGES
    record(RESULTS, f"A4 care sheets, {dpi} dpi, {mode}", {
        "pages": PAGES, "bytes_per_page": round(len(result.pdf) / PAGES),
        "normalise_ms_per_page": round(normalising / PAGES * 1000, 1),
        "bounded_inspection_ms": round(inspecting * 1000, 1)})
