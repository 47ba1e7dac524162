"""Scanning over SANE (sync.capture.scanner) with SANE's own `test` backend (a virtual flatbed with a
document feeder that empties after 10 sheets), configured in a private SANE_CONFIG_DIR: pages arrive one
by one, a feeder batch can be stopped, the device's troubles come back as codes. python-sane (the `scan`
extra) and libsane are installed by `make test`: their absence fails these tests, it is no reason to skip."""

from __future__ import annotations

import sys

import pytest

from sync.capture import ScannerError, ScanSettings, devices, scan


def sane_config(tmp_path, monkeypatch, **entries: str) -> None:
    """SANE reads only this folder: the `test` backend alone (no network scanner probed)."""
    (tmp_path / "dll.conf").write_text("test\n")
    settings = {"number_of_devices": "1", "test-picture": '"Grid"', **entries}
    (tmp_path / "test.conf").write_text("".join(f"{key} {value}\n" for key, value in settings.items()))
    monkeypatch.setenv("SANE_CONFIG_DIR", str(tmp_path))


@pytest.fixture
def sane_test(tmp_path, monkeypatch):
    sane_config(tmp_path, monkeypatch)


def test_the_test_scanner_is_found(sane_test):
    (device,) = devices()
    assert (device.name, device.vendor, device.kind) == ("test:0", "Noname", "virtual device")


def test_a_feeder_batch_arrives_page_by_page(sane_test):
    events: list[object] = []

    def on_page(number, image):
        events.append((number, image.mode, image.info["dpi"]))

    def cancelled():
        events.append("asked")
        return False

    count = scan(ScanSettings("test:0", resolution=50, source="ADF"), on_page, cancelled)
    assert count == 10  # the test backend's feeder holds 10 sheets
    assert events == ["asked", *[item for n in range(1, 11) for item in ((n, "L", (50, 50)), "asked")]]


def test_a_page_is_the_whole_glass_at_the_resolution_asked(sane_test):
    pages = []
    assert scan(ScanSettings("test:0", resolution=100), lambda n, image: pages.append(image), lambda: False) == 1
    (image,) = pages
    assert image.size == (787, 787)  # the test scanner's 200 × 200 mm at 100 dpi
    assert image.getextrema() == (0, 255)  # its grid: black and white squares


def test_black_and_white_on_a_device_without_it_is_thresholded_here(sane_test):
    pages = []
    scan(ScanSettings("test:0", resolution=50, mode="Lineart"), lambda n, image: pages.append(image), lambda: False)
    assert pages[0].mode == "1"


def test_a_feeder_batch_stops_when_cancelled(sane_test):
    pages: list[int] = []
    count = scan(ScanSettings("test:0", resolution=50, source="ADF"), lambda n, image: pages.append(n),
                 lambda: len(pages) >= 3)
    assert count == 3 and pages == [1, 2, 3]
    # the device was released: the next batch starts with a full feeder
    assert scan(ScanSettings("test:0", resolution=50, source="ADF"), lambda n, image: None, lambda: False) == 10


def test_an_absent_device_is_an_error(sane_test):
    with pytest.raises(ScannerError) as error:
        scan(ScanSettings("test:7"), lambda n, image: None, lambda: False)
    assert error.value.code == "no-device"


def test_a_jammed_feeder_is_an_error(tmp_path, monkeypatch):
    sane_config(tmp_path, monkeypatch, **{"read-status-code": '"SANE_STATUS_JAMMED"'})
    with pytest.raises(ScannerError) as error:
        scan(ScanSettings("test:0", resolution=50, source="ADF"), lambda n, image: None, lambda: False)
    assert error.value.code == "jammed"


def test_without_python_sane_it_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "sane", None)  # import sane raises ImportError
    for call in (devices, lambda: scan(ScanSettings("test:0"), lambda n, image: None, lambda: False)):
        with pytest.raises(ScannerError) as error:
            call()
        assert error.value.code == "no-sane"


def test_scanned_pages_become_a_pdf_the_back_office_accepts(sane_test, tmp_path):
    from sync.backoffice.pdf_check import inspect_pdf
    from sync.capture import normalise_images

    pages = []
    scan(ScanSettings("test:0", resolution=200, mode="Lineart", source="ADF"), lambda n, image: pages.append(image),
         lambda: len(pages) >= 2)
    result = normalise_images(pages)
    (tmp_path / "scan.pdf").write_bytes(result.pdf)
    assert result.pages == 2 and inspect_pdf(tmp_path / "scan.pdf", 2, 200) is None


WRITE_AFTER_A_SCAN = """
import socket
from sync.capture import ScanSettings, scan

scan(ScanSettings("test:0", resolution=50, source="ADF"), lambda number, image: None, lambda: False)
ours, theirs = socket.socketpair()
theirs.close()
try:
    ours.send(b"the rest of an upload")
except BrokenPipeError:
    print("broken pipe")
"""


def test_a_write_to_a_closed_connection_after_a_scan_is_an_error_not_the_end_of_cabinet(sane_test):
    """SANE's reader threads set SIGPIPE back to its default when a page is read: the next upload cut
    by the server killed the whole process (the suite with it). In a child, so that a regression fails
    this test only."""
    import os
    import subprocess

    done = subprocess.run([sys.executable, "-c", WRITE_AFTER_A_SCAN], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert (done.returncode, done.stdout.strip()) == (0, "broken pipe"), done.stderr
