"""The inspection and quarantine of incoming scans (sync.capture), on real files made here: the kinds a
scan comes in are accepted, each hostile or broken kind is refused with its own code, and a refused file
is kept in quarantine with its reason."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from scan_pdf import A4, make_pdf, pixels, scan

from sync.capture import Kind, Limits, Refusal, inspect_file, quarantine


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def image_bytes(size: tuple[int, int], fmt: str, mode: str = "L", **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 200).save(out, fmt, **options)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` grey pixels, with one tiny compressed row."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def pikepdf_scan(tmp_path: Path, change) -> Path:
    """A valid scan, changed by ``change(pdf)`` and saved by pikepdf (its ``save`` options returned)."""
    source = write(tmp_path / "source.pdf", scan())
    with pikepdf.open(source) as pdf:
        options = change(pdf) or {}
        pdf.save(tmp_path / "changed.pdf", **options)
    return tmp_path / "changed.pdf"


# --- accepted --------------------------------------------------------------------------------------


def test_a_scanned_pdf_is_accepted_whatever_its_name(tmp_path):
    found = inspect_file(write(tmp_path / "SCN_0001.jpg", scan(pages=3)))
    assert (found.kind, found.pages, found.refusal, found.accepted) == (Kind.PDF, 3, None, True)


@pytest.mark.parametrize("fmt, kind", [("JPEG", Kind.JPEG), ("PNG", Kind.PNG)])
def test_a_scanned_image_is_accepted(tmp_path, fmt, kind):
    found = inspect_file(write(tmp_path / "scan.bin", image_bytes(pixels(A4, 200), fmt)))
    assert (found.kind, found.pages, found.refusal) == (kind, 1, None)


def test_a_multi_page_tiff_counts_its_pages(tmp_path):
    frames = [Image.new("1", pixels(A4, 200), 1) for _ in range(3)]
    frames[0].save(tmp_path / "batch.tif", save_all=True, append_images=frames[1:], compression="group4")
    found = inspect_file(tmp_path / "batch.tif")
    assert (found.kind, found.pages, found.refusal) == (Kind.TIFF, 3, None)


# --- refused ---------------------------------------------------------------------------------------


def test_an_empty_file_is_refused(tmp_path):
    assert inspect_file(write(tmp_path / "empty.pdf", b"")).refusal is Refusal.EMPTY


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as file:
        file.truncate(11 * 1024 * 1024)  # sparse: costs no disk, and is never read
    found = inspect_file(path, Limits(max_bytes=10 * 1024 * 1024))
    assert (found.refusal, found.kind) == (Refusal.TOO_LARGE, None)


def test_random_bytes_named_pdf_are_not_a_scan(tmp_path):
    found = inspect_file(write(tmp_path / "scan.pdf", os.urandom(4096).replace(b"%PDF-", b"")))
    assert (found.refusal, found.kind) == (Refusal.NOT_A_SCAN, None)


def test_a_fifo_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    assert inspect_file(tmp_path / "pipe.pdf").refusal is Refusal.NOT_A_SCAN


def test_a_truncated_jpeg_is_corrupt(tmp_path):
    data = image_bytes(pixels(A4, 200), "JPEG", quality=95)
    found = inspect_file(write(tmp_path / "cut.jpg", data[: len(data) // 2]))
    assert (found.kind, found.refusal) == (Kind.JPEG, Refusal.CORRUPT)


def test_a_pdf_cut_in_the_middle_is_corrupt(tmp_path):
    data = scan(pages=2)
    assert inspect_file(write(tmp_path / "cut.pdf", data[: len(data) // 3])).refusal is Refusal.CORRUPT


def test_a_png_claiming_a_huge_image_is_a_decompression_bomb(tmp_path):
    found = inspect_file(write(tmp_path / "bomb.png", png_claiming(100_000, 100_000)))
    assert (found.kind, found.refusal) == (Kind.PNG, Refusal.DECOMPRESSION_BOMB)


def test_pillows_own_bomb_warning_is_a_refusal_too(tmp_path):
    # over Pillow's MAX_IMAGE_PIXELS (89 M), under ours: Pillow's warning alone refuses it
    found = inspect_file(write(tmp_path / "bomb.png", png_claiming(10_000, 10_000)),
                         Limits(max_pixels=200_000_000, max_side=50_000))
    assert found.refusal is Refusal.DECOMPRESSION_BOMB


def test_a_strip_no_sheet_has_is_absurd(tmp_path):
    found = inspect_file(write(tmp_path / "strip.png", image_bytes((20, 3000), "PNG")))
    assert (found.kind, found.refusal) == (Kind.PNG, Refusal.ABSURD_DIMENSIONS)


def test_a_pdf_image_over_the_pixel_bound_is_refused(tmp_path):
    pdf = make_pdf([(A4, (100, 100))], size_entries="/Width 100000 /Height 100000")
    assert inspect_file(write(tmp_path / "bomb.pdf", pdf)).refusal is Refusal.DECOMPRESSION_BOMB


def test_too_many_pages_are_refused(tmp_path):
    assert inspect_file(write(tmp_path / "long.pdf", scan(pages=4)), Limits(max_pages=3)).refusal \
        is Refusal.TOO_MANY_PAGES
    frames = [Image.new("1", (800, 1100), 1) for _ in range(4)]
    frames[0].save(tmp_path / "long.tif", save_all=True, append_images=frames[1:])
    assert inspect_file(tmp_path / "long.tif", Limits(max_pages=3)).refusal is Refusal.TOO_MANY_PAGES


def test_a_page_count_that_lies_is_refused_before_the_page_tree_is_walked(tmp_path):
    pdf = make_pdf([(A4, pixels(A4, 200))], count=10_000_000)
    assert inspect_file(write(tmp_path / "lying.pdf", pdf)).refusal is Refusal.TOO_MANY_PAGES


@pytest.mark.parametrize("encryption", [pikepdf.Encryption(owner="owner", user="user"),
                                        pikepdf.Encryption(owner="owner", user="")])
def test_an_encrypted_pdf_is_refused(tmp_path, encryption):
    path = pikepdf_scan(tmp_path, lambda pdf: {"encryption": encryption})
    assert inspect_file(path).refusal is Refusal.ENCRYPTED


def test_a_pdf_opening_with_javascript_is_refused(tmp_path):
    def add(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
    found = inspect_file(pikepdf_scan(tmp_path, add))
    assert (found.kind, found.refusal) == (Kind.PDF, Refusal.ACTIVE_CONTENT)


def test_a_launch_action_hidden_in_an_outline_is_found(tmp_path):
    def add(pdf):
        item = pdf.make_indirect(pikepdf.Dictionary(Title="Page 1", A=pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F="calc.exe")))
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(First=item, Last=item, Count=1))
    assert inspect_file(pikepdf_scan(tmp_path, add)).refusal is Refusal.ACTIVE_CONTENT


def test_a_pdf_with_embedded_files_is_refused(tmp_path):
    def add(pdf):
        pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ payload")
    assert inspect_file(pikepdf_scan(tmp_path, add)).refusal is Refusal.EMBEDDED_FILES


def test_a_pdf_still_being_written_is_corrupt(tmp_path):
    data = scan()
    found = inspect_file(write(tmp_path / "growing.pdf", data[:-40]))  # all objects there, no trailer yet
    assert (found.refusal, found.detail) == (Refusal.CORRUPT, "repaired by qpdf: file is damaged")


def test_a_pdf_whose_page_tree_is_no_dictionary_is_corrupt(tmp_path):
    pdf = make_pdf([(A4, pixels(A4, 200))]).replace(b"/Pages 2 0 R", b"/Pages [2 0 R]")
    assert inspect_file(write(tmp_path / "odd.pdf", pdf)).refusal is Refusal.CORRUPT


def tiff_bytes() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("L", (300, 400), 100 + n) for n in range(2)]
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.mark.parametrize("valid", [scan(pages=2), image_bytes((300, 400), "JPEG"), image_bytes((300, 400), "PNG"),
                                   tiff_bytes()], ids=["pdf", "jpeg", "png", "tiff"])
def test_damaged_files_never_make_it_raise(tmp_path, valid):
    """A folder full of junk: each file, with bytes overwritten at random, gets an answer."""
    shuffle = random.Random(11)
    refused = 0
    for n in range(60):
        data = bytearray(valid)
        for _ in range(shuffle.randint(1, 20)):
            data[shuffle.randrange(len(data))] = shuffle.randrange(256)
        found = inspect_file(write(tmp_path / f"junk{n}", bytes(data[: shuffle.randint(1, len(data))])))
        refused += not found.accepted
    assert refused > 30


# --- quarantine ------------------------------------------------------------------------------------


def reason_of(path: Path) -> dict[str, str]:
    text = path.with_name(path.name + ".reason.txt").read_text()
    return dict(line.split(": ", 1) for line in text.splitlines())


def test_quarantine_moves_the_file_and_writes_its_reason(tmp_path):
    data = os.urandom(1000)
    (tmp_path / "in").mkdir()
    incoming = write(tmp_path / "in" / "SCN_0001.pdf", data)
    kept = quarantine(incoming, tmp_path / "quarantine", Refusal.NOT_A_SCAN, "unknown\nfirst bytes")
    assert kept == tmp_path / "quarantine" / "SCN_0001.pdf"
    assert not incoming.exists() and kept.read_bytes() == data
    assert reason_of(kept) == {"reason": "not-a-scan", "original": "SCN_0001.pdf", "detail": "unknown first bytes"}


def test_the_same_name_twice_gives_two_files(tmp_path):
    (tmp_path / "in").mkdir()
    kept = [quarantine(write(tmp_path / "in" / "SCN_0001.pdf", bytes([n]) * 10), tmp_path / "q", Refusal.CORRUPT)
            for n in range(3)]
    assert [path.name for path in kept] == ["SCN_0001.pdf", "SCN_0001 (2).pdf", "SCN_0001 (3).pdf"]
    assert [path.read_bytes() for path in kept] == [bytes([n]) * 10 for n in range(3)]
    assert all(reason_of(path)["reason"] == "corrupt" for path in kept)


def test_a_file_named_like_a_reason_file_takes_no_other_files_reason(tmp_path):
    (tmp_path / "in").mkdir()
    first = quarantine(write(tmp_path / "in" / "a.pdf.reason.txt", b"x"), tmp_path / "q", Refusal.NOT_A_SCAN)
    second = quarantine(write(tmp_path / "in" / "a.pdf", b"y"), tmp_path / "q", Refusal.EMPTY)
    assert (first.name, second.name) == ("a.pdf.reason.txt", "a (2).pdf")
    assert (first.read_bytes(), reason_of(second)["reason"]) == (b"x", "empty")


def test_quarantine_across_file_systems_copies_then_removes(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs a second file system")
    incoming = write(shm / f"cabinet-test-{os.getpid()}.pdf", b"scan bytes")
    kept = quarantine(incoming, tmp_path / "q", Refusal.ENCRYPTED)
    assert not incoming.exists() and kept.read_bytes() == b"scan bytes"
    assert [p.name for p in (tmp_path / "q").iterdir() if p.name.startswith(".incoming-")] == []
