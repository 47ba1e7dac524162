"""SCOR benchmark (``make bench``), each figure against a baseline measured in the same run:

- **ingest**: 200 scanned A4 pages (grey JPEG files at 200 dpi, as a copier leaves them in the scan
  folder) taken by :class:`sync.capture.ingest.Ingest` — settled, inspected in a bounded child,
  normalised, quality-checked, sealed, queued as drafts and archived — in pages per second, against
  the same files through bare img2pdf and AES-GCM in one process (the issue's target: 0.8 of it);
- **upload**: documents sent by :meth:`sync.documents.DocumentQueue.upload_pending` (sealed file
  opened, 256 KiB chunks, declaration and completion) against a bare httpx streaming upload of the same
  bytes to the same server, declared and completed the same way (target: 0.8 of its throughput);
- **memory**: the peak resident memory of a child ingesting a 50-page document against a 1-page one.

Figures printed and written to ``.bench/scor.json``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import img2pdf
import pytest
from awaiting_invoices import awaiting_invoice
from capture_sheets import care_sheet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from figures import record
from PIL import ImageDraw
from signing import card_signer

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.client import BackofficeClient
from sync.capture import ScanFolder
from sync.capture.ingest import Ingest
from sync.documents import DocumentQueue
from sync.protocol.documents import DocumentDeclaration, InvoiceRef
from sync.store import Store
from sync.vault import Vault

RESULTS = Path(".bench/scor.json")
PAGES = 200
DISTINCT_SHEETS = 20  # drawn once each; every file differs by its page number stamped on it
UPLOADS = 12
VAULT = Vault(bytes(range(32)))


def scanned_pages(folder: Path, count: int, dpi: int = 200) -> list[Path]:
    """``count`` different grey JPEG care sheets in ``folder``, as a copier writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        sheet = care_sheet(dpi, seed=n % DISTINCT_SHEETS)
        ImageDraw.Draw(sheet).text((40, 40), f"page {n}", fill=0)
        path = folder / f"SCN_{n:04d}.jpg"
        sheet.save(path, "JPEG", quality=85, dpi=(dpi, dpi))
        paths.append(path)
    return paths


def bare_ingest(paths: list[Path]) -> float:
    """Seconds to make each file a PDF with img2pdf and seal it with AES-GCM, in this process."""
    aead = AESGCM(bytes(range(32)))
    started = time.perf_counter()
    for path in paths:
        pdf = img2pdf.convert(path.read_bytes())
        aead.encrypt(os.urandom(12), pdf, None)
    return time.perf_counter() - started


@pytest.mark.bench
def test_ingest_of_200_scanned_pages_against_bare_img2pdf_and_aes_gcm(tmp_path):
    pages = scanned_pages(tmp_path / "made", PAGES)
    baseline = bare_ingest(pages)
    incoming = tmp_path / "scans"
    incoming.mkdir()
    for path in pages:
        path.rename(incoming / path.name)
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    try:
        queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
        folder = ScanFolder(incoming, tmp_path / "archive", tmp_path / "journal.json", settle_seconds=0.0)
        ingest = Ingest(queue, folder, tmp_path / "quarantine")
        started = time.perf_counter()
        added = 0
        while added < PAGES:
            report = ingest.poll()
            assert not report.quarantined and not report.unreadable
            added += len(report.added)
        ours = time.perf_counter() - started
        assert len(queue.documents("draft")) == PAGES and not list(incoming.iterdir())
    finally:
        store.close()
    record(RESULTS, "ingest of 200 scanned A4 pages (200 dpi grey JPEG files)", {
        "pages": PAGES, "pages_per_second": round(PAGES / ours, 1),
        "baseline_pages_per_second": round(PAGES / baseline, 1), "ratio": round(baseline / ours, 3)})


@pytest.fixture(scope="module")
def office(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    # chunks up to 64 MiB: the bare upload sends each document in one request
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=200, months=1, extra_args=("--max-chunk-body", str(64 * 1024 * 1024))) as running:
        yield running


def documents_to_send() -> list[tuple[bytes, int]]:
    """Normalised multi-page PDFs of different sizes (3 to 8 pages of 300 dpi grey sheets), with their
    page counts."""
    from sync.capture import normalise_images

    pdfs = []
    for n in range(UPLOADS):
        sheets = [care_sheet(300, seed=(n + page) % DISTINCT_SHEETS) for page in range(3 + n % 6)]
        for page, sheet in enumerate(sheets):
            ImageDraw.Draw(sheet).text((60, 60), f"document {n} page {page}", fill=0)
            sheet.info["dpi"] = (300, 300)
        pdfs.append((normalise_images(sheets).pdf, len(sheets)))
    return pdfs


@pytest.mark.bench
def test_upload_throughput_against_a_bare_httpx_streaming_upload(tmp_path, office, pki_dir):
    pdfs = documents_to_send()
    total = sum(len(pdf) for pdf, _ in pdfs)
    client = BackofficeClient(office.url, ca_file=office.ca_certificate, workstation="poste-bench")
    client.sign_in_with_card(card_signer(pki_dir))

    def declared(pdf: bytes, pages: int) -> str:
        import hashlib

        document_id = str(uuid.uuid4())
        invoice = InvoiceRef.model_validate(awaiting_invoice(office.db_path, 1))
        client.declare_document(DocumentDeclaration(id=document_id, sha256=hashlib.sha256(pdf).hexdigest(),
                                                    size=len(pdf), pages=pages, invoice=invoice))
        return document_id

    started = time.perf_counter()
    with httpx.Client(base_url=office.url, verify=str(office.ca_certificate), http2=False) as bare:
        for pdf, pages in pdfs:
            document_id = declared(pdf, pages)
            stream = (pdf[start:start + 65536] for start in range(0, len(pdf), 65536))
            bare.put(f"/v1/documents/{document_id}/content", content=stream,
                     headers={**client._authorized(), "Content-Type": "application/octet-stream",  # noqa: SLF001
                              "Content-Range": f"bytes 0-{len(pdf) - 1}/{len(pdf)}",
                              "Content-Length": str(len(pdf))}).raise_for_status()
            assert client.complete_document(document_id).status == "accepted"
    baseline = time.perf_counter() - started

    store = Store.open(tmp_path / "store.sqlite", VAULT)
    try:
        queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
        for pdf, pages in pdfs:
            queue.add(pdf, pages=pages, invoice=awaiting_invoice(office.db_path, 1))
        started = time.perf_counter()
        done = queue.upload_pending(client)
        ours = time.perf_counter() - started
        assert done == UPLOADS and len(queue.documents("accepted")) == UPLOADS
    finally:
        store.close()
        client.close()
    record(RESULTS, "upload on loopback (TLS)", {
        "documents": UPLOADS, "megabytes": round(total / 1e6, 1),
        "megabytes_per_second": round(total / 1e6 / ours, 1),
        "baseline_megabytes_per_second": round(total / 1e6 / baseline, 1), "ratio": round(baseline / ours, 3)})


PEAK_OF_ONE_INGEST = """
import os, sys, threading
from pathlib import Path
from sync.capture.ingest import Ingest
from sync.documents import DocumentQueue
from sync.store import Store
from sync.vault import Vault

def resident_kib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

work, document = Path(sys.argv[1]), Path(sys.argv[2])
vault = Vault(bytes(range(32)))
store = Store.open(work / "store.sqlite", vault)
ingest = Ingest(DocumentQueue(work / "sealed", store, vault), None, work / "quarantine")
ingest.import_files([document.with_name("warm-up.pdf")])  # modules loaded, caches made
before, peak, done = resident_kib(), [0], threading.Event()

def sample() -> None:
    while not done.wait(0.002):
        peak[0] = max(peak[0], resident_kib())

sampler = threading.Thread(target=sample)
sampler.start()
report = ingest.import_files([document])
done.set()
sampler.join()
assert len(report.added) == 1, report
print(before, max(peak[0], resident_kib()))
"""


def ingest_peak_kib(work: Path, pages: int) -> tuple[int, int]:
    """(resident KiB before, peak KiB during) of a child importing one ``pages``-page PDF, after a
    warm-up import of another 1-page one (the modules' and caches' memory is not the document's)."""
    from sync.capture import normalise_images

    # a clean scan (little paper grain): 50 pages of it stay under the fund's 20 MiB per document
    sheets = [care_sheet(200, seed=page % DISTINCT_SHEETS, noise=1.0) for page in range(pages)]
    for sheet in sheets:
        sheet.info["dpi"] = (200, 200)
    work.mkdir()
    document = work / f"{pages}-pages.pdf"
    document.write_bytes(normalise_images(sheets).pdf)
    warm_up = care_sheet(200, seed=DISTINCT_SHEETS - 1, noise=1.0)
    warm_up.info["dpi"] = (200, 200)
    (work / "warm-up.pdf").write_bytes(normalise_images([warm_up]).pdf)
    done = subprocess.run([sys.executable, "-c", PEAK_OF_ONE_INGEST, str(work), str(document)],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    before, peak = map(int, done.stdout.split())
    return before, peak


@pytest.mark.bench
def test_peak_memory_ingesting_50_pages_against_1(tmp_path):
    one_before, one_peak = ingest_peak_kib(tmp_path / "one", 1)
    fifty_before, fifty_peak = ingest_peak_kib(tmp_path / "fifty", 50)
    record(RESULTS, "peak memory of an ingest", {
        "one_page_mib": round((one_peak - one_before) / 1024, 1),
        "fifty_pages_mib": round((fifty_peak - fifty_before) / 1024, 1),
        "fifty_pages_document_mib": round((tmp_path / "fifty" / "50-pages.pdf").stat().st_size / 2**20, 1),
        "ratio": round((fifty_peak - fifty_before) / max(1, one_peak - one_before), 2)})
