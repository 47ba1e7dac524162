"""``cabinet-card read --json`` through the private pcscd: the CARDS.md command-line contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec

pytestmark = pytest.mark.pcsc


def run_cli(*args: str, pin: str | None = None) -> tuple[int, list[dict], str]:
    done = subprocess.run([sys.executable, "-m", "cardreader.cli", *args], input=pin,
                          capture_output=True, text=True, timeout=60)
    objects = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, objects, done.stderr


@pytest.fixture
def insert(pcscd, virtual_reader, card_presence, pki_dir):
    def insert(slot: int, spec: str, **kwargs):
        card = card_from_spec(spec, pki_dir, **{k: kwargs.pop(k) for k in ("chaining", "strict_le")
                                                 if k in kwargs})
        virtual_reader.insert(slot, card, **kwargs)
        card_presence(pcscd.reader_names[slot])
        return pcscd.reader_names[slot]

    return insert


@pytest.mark.parametrize("slot", [0, 1])
def test_cps_and_vitale_in_either_slot(insert, slot):
    cps_reader = insert(slot, "cps")
    vitale_reader = insert(1 - slot, "vitale")
    status, objects, stderr = run_cli("read", "--json")
    assert status == 0, stderr
    by_reader = {o["reader"]: o for o in objects}
    assert set(by_reader) == {cps_reader, vitale_reader}
    professional, family = by_reader[cps_reader], by_reader[vitale_reader]
    gp = STOCK_CARDS["cps"]
    assert professional["kind"] == "CPS"
    assert professional["atr"] == "3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00"
    assert professional["serial"] == gp.serial
    assert professional["valid_from"] == gp.valid_from.isoformat()
    assert professional["holder"] == {
        "id_type": "8", "national_id": gp.holder.national_id, "civility": "DR",
        "last_name": "Lefèvre-Dupré", "first_name": "Émilie", "profession": "10",
        "specialty": "SM54", "employer": None}
    assert professional["pin_tries_left"] == 3 and professional["situations"] == []
    assert family["kind"] == "VITALE" and family["serial"] == STOCK_CARDS["vitale"].serial
    assert [b["first_name"] for b in family["beneficiaries"]] == ["Éloïse", "Noémie", "Gaël"]
    assert all(b["nir_key_valid"] and len(b["nir"]) == 15 for b in family["beneficiaries"])
    assert family["beneficiaries"][2]["birth_rank"] == 2


def test_situations_only_with_the_right_pin(insert):
    reader = insert(0, "cps")
    status, (card,), _ = run_cli("read", "--json", "--pin-stdin", pin="1234\n")
    assert status == 0
    assert [s["am_number"] for s in card["situations"]] == ["751123456", "921987654"]
    assert card["situations"][0] == {
        "name": "Cabinet médical des Tilleuls", "structure_id": STOCK_CARDS["cps"].situations[0].structure_id,
        "sector": "SA08", "am_number": "751123456", "mode": "L", "convention_sector": "1"}
    status, (card,), stderr = run_cli("read", "--json", "--reader", reader, "--pin-stdin", pin="4321\n")
    assert status == 1 and "wrong PIN, 2 tries left" in stderr
    assert card["pin_tries_left"] == 2 and card["situations"] == []


def test_blocked_card_and_secretary_card(insert):
    insert(0, "cps-blocked")
    insert(1, "cpe")
    status, objects, _ = run_cli("read", "--json")
    assert status == 0
    blocked, secretary = sorted(objects, key=lambda o: o["reader"])
    assert blocked["pin_tries_left"] == 0
    assert secretary["kind"] == "CPE" and secretary["holder"]["id_type"] == "3"
    assert secretary["holder"]["employer"] == STOCK_CARDS["cpe"].holder.employer


def test_card_pulled_mid_read_is_card_removed_not_a_traceback(insert):
    insert(1, "vitale-large-family", pull_after=4)
    status, (card,), stderr = run_cli("read", "--json")
    assert status == 1
    assert card["kind"] == "VITALE" and "removed" in card["error"]
    assert "Traceback" not in stderr and "card removed" in stderr


@pytest.mark.parametrize("variant", [{"chaining": 50}, {"strict_le": True}])
def test_answer_shapes_through_pcscd(insert, variant):
    insert(0, "vitale-large-family", **variant)
    status, (card,), stderr = run_cli("read", "--json")
    assert status == 0, stderr
    assert len(card["beneficiaries"]) == len(STOCK_CARDS["vitale-large-family"].beneficiaries)


def test_list_names_both_slots(insert, pcscd):
    insert(1, "vitale")
    status, objects, _ = run_cli("list", "--json")
    assert status == 0
    assert [(o["reader"], o["card"]) for o in objects] == [
        (pcscd.reader_names[0], None), (pcscd.reader_names[1], "VITALE")]


def test_empty_readers(pcscd, virtual_reader):
    status, objects, stderr = run_cli("read", "--json")
    assert (status, objects) == (0, []) and "no card" in stderr
