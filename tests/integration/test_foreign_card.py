"""A CARDS.md card written apart from the project's emulators, read through pcscd by the CLI.

It differs from the stock emulators wherever the contract leaves room: tags in another order, unknown
extra tags, long-form lengths, every answer split by 61xx in 40-byte pieces, no GET DATA for the PIN
counter, a CPS4 ATR, a holder with no civility, six situations, and a Vitale card with seven
beneficiaries whose two files pass 256 bytes. The reader must be driven by the data alone.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cardreader.emulator.vpcd import VpcdBridge

pytestmark = pytest.mark.pcsc


def tlv(tag: int, value: bytes | str | list[bytes]) -> bytes:
    if isinstance(value, list):
        value = b"".join(value)
    if isinstance(value, str):
        value = value.encode()
    length = bytes([0x81, len(value)]) if len(value) < 256 else b"\x82" + len(value).to_bytes(2, "big")
    return tag.to_bytes((tag.bit_length() + 7) // 8, "big") + length + value


def nir_with_key(nir13: str) -> str:
    return f"{nir13}{97 - int(nir13) % 97:02d}"


class ForeignCard:
    """Serves a dict of files; chunks every answer through 61xx; a 4-digit PIN 2580."""

    def __init__(self, atr: bytes, files: dict[bytes, bytes], pin_files: set[bytes], sfi_files=None):
        self.atr, self.files, self.pin_files = atr, files, pin_files
        self.sfi_files = sfi_files or {}
        self.reset()

    def reset(self) -> None:
        self.current, self.verified, self.pending, self.dir = None, False, b"", None

    def _answer(self, data: bytes, sw: bytes = b"\x90\x00") -> bytes:
        if len(data) > 40:
            self.pending = data[40:] + sw
            return data[:40] + b"\x61" + bytes([min(len(self.pending) - 2, 255)])
        return data + sw

    def process(self, apdu: bytes) -> bytes:
        ins, p1, p2 = apdu[1], apdu[2], apdu[3]
        body = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        if ins == 0xC0:
            data, sw = self.pending[:-2], self.pending[-2:]
            self.pending = b""
            return self._answer(data, sw)
        if ins == 0xA4:
            if p1 == 0x04:
                self.dir = body
                return b"\x90\x00"
            if p1 == 0x00:
                self.dir = b"MF"
                return b"\x90\x00"
            if body not in self.files:
                return b"\x6a\x82"
            self.current = body
            return b"\x90\x00"
        if ins == 0xB0:
            if p1 & 0x80:
                self.current = self.sfi_files[self.dir]
                offset = p2
            else:
                offset = (p1 << 8) | p2
            if self.current in self.pin_files and not self.verified:
                return b"\x69\x82"
            content = self.files[self.current]
            if offset >= len(content):
                return b"\x6b\x00"
            return self._answer(content[offset:offset + (apdu[4] or 256)])
        if ins == 0x20:
            if not body:
                return b"\x90\x00" if self.verified else b"\x63\xc3"
            self.verified = body == b"2580\xff\xff\xff\xff"
            return b"\x90\x00" if self.verified else b"\x63\xc2"
        if ins == 0xCB:
            return b"\x6a\x88"  # no GET DATA object: VERIFY alone tells the counter
        return b"\x6d\x00"


def professional_card() -> ForeignCard:
    holder = tlv(0xE1, [tlv(0x85, "Anne-Sophie"), tlv(0x84, "N'Diaye-Ménard"), tlv(0x80, "CPS"),
                        tlv(0x82, "810101010105"), tlv(0x81, "8"), tlv(0x99, "extra"),
                        tlv(0x86, "10"), tlv(0x87, "SM54")])
    files = {
        b"\xd0\x03": tlv(0x5A, bytes.fromhex("80250000019876543210")),
        b"\xd0\x10": tlv(0xEC, [tlv(0x82, "20290131"), tlv(0x81, "20260201")]),
        b"\xd0\x01": holder,
    }
    for i in range(6):
        files[b"\x00\x01\xd1" + bytes([0x20 + i])] = tlv(0xEE, [
            tlv(0x87, f"97{i}000001"), tlv(0x84, f"Maison de santé n°{i + 1} — Saint-Denis"),
            tlv(0x85, f"97400000{i}"), tlv(0x86, "SA08"), tlv(0x88, "R"), tlv(0x89, "")])
    atr = bytes.fromhex("3B9B1880010012250064800401000090 44".replace(" ", ""))  # a CPS4
    return ForeignCard(atr, files, {p for p in files if p.startswith(b"\x00\x01")})


def vitale_card() -> ForeignCard:
    people = [("Ménard", "Hélène", "19800000", "00"), ("Ménard", "Loïc", "19790412", "01")] + [
        ("Ménard", f"Enfant{i}", f"201{i}0101", "06") for i in range(5)]
    nir = nir_with_key("2800097411001")
    identities = b"".join(tlv(0x65, [tlv(0x84, q), tlv(0x82, b), tlv(0x81, f), tlv(0x80, last),
                                     tlv(0x83, "1")]) for last, f, b, q in people)
    insurance = tlv(0x66, [tlv(0x81, "0000424242"), tlv(0x80, "20200301")]) + b"".join(
        tlv(0x65, [tlv(0x98, "20271231"), tlv(0x93, nir), tlv(0x95, "974"), tlv(0x94, "01"),
                   tlv(0x96, "0400"), tlv(0x97, "20260101")]) for _ in people)
    aid = bytes.fromhex("D250000002564954414C45")
    files = {b"ID": identities, b"INS": insurance}
    card = ForeignCard(bytes.fromhex("3B7513000049 09FA9000".replace(" ", "")), files, set(),
                       {b"MF": b"ID", aid: b"INS"})
    return card


def test_foreign_cards_are_read_by_the_data_alone(pcscd, card_presence):
    bridges = [VpcdBridge(vitale_card(), port=pcscd.ports[0]),
               VpcdBridge(professional_card(), port=pcscd.ports[1])]
    try:
        for bridge, reader in zip(bridges, pcscd.reader_names):
            bridge.start()
            card_presence(reader)
        done = subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--json", "--reader",
                               pcscd.reader_names[1], "--pin-stdin"], input="2580\n",
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        (cps,) = [json.loads(line) for line in done.stdout.splitlines()]
        assert cps["kind"] == "CPS" and cps["serial"] == "9876543210"
        assert (cps["valid_from"], cps["valid_until"]) == ("2026-02-01", "2029-01-31")
        assert cps["holder"]["last_name"] == "N'Diaye-Ménard" and cps["holder"]["civility"] == ""
        assert cps["pin_tries_left"] == 3
        assert len(cps["situations"]) == 6
        assert cps["situations"][5]["name"] == "Maison de santé n°6 — Saint-Denis"
        assert cps["situations"][0]["mode"] == "R" and cps["situations"][0]["convention_sector"] == ""

        done = subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--json", "--reader",
                               pcscd.reader_names[0]], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        (family,) = [json.loads(line) for line in done.stdout.splitlines()]
        assert family["kind"] == "VITALE" and family["serial"] == "0000424242"
        people = family["beneficiaries"]
        assert [p["first_name"] for p in people] == ["Hélène", "Loïc"] + [f"Enfant{i}" for i in range(5)]
        assert people[0]["birth_date"] == "1980-00-00" and people[1]["quality"] == "01"
        assert all(p["nir_key_valid"] and p["fund"] == "974" for p in people)
    finally:
        for bridge in bridges:
            bridge.stop()
        for reader in pcscd.reader_names:
            card_presence(reader, present=False)
