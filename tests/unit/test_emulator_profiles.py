"""Stock cards, JSON profiles and card specs of the emulators."""

import json
from datetime import date

import pytest

from cardreader import tlv
from cardreader.emulator import (
    STOCK_CARDS,
    ProfessionalCard,
    ProfessionalProfile,
    VitaleCard,
    VitaleProfile,
    card_from_spec,
    load_profile,
)
from cardreader.emulator.identities import nir_key, with_luhn
from cardreader.identifiers import luhn_valid, nir_key_valid


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pki")


def test_nir_key_and_corsica():
    assert nir_key("2850375115042") == f"{97 - 2850375115042 % 97:02d}"
    assert nir_key("172082A004027") == f"{97 - 1720819004027 % 97:02d}"
    assert nir_key("185052B123456") == f"{97 - 1850518123456 % 97:02d}"
    with pytest.raises(ValueError):
        nir_key("28503751150")


def test_luhn():
    assert with_luhn("7992739871") == "79927398713"
    assert luhn_valid(with_luhn("1000345678"))


def test_stock_cards_follow_the_brief():
    gp = STOCK_CARDS["cps"]
    assert isinstance(gp, ProfessionalProfile)
    assert (gp.pin, gp.puk, gp.pin_tries_left) == ("1234", "12345678", 3)
    assert gp.holder.national_id.startswith("8") and luhn_valid(gp.holder.national_id[1:])
    assert len({s.am_number for s in gp.situations}) == 2
    assert any(s.mode == "L" and s.convention_sector == "1" for s in gp.situations)
    assert STOCK_CARDS["cpf"].holder.card_type == "CPF"
    assert STOCK_CARDS["cpf"].holder.id_type == "8"
    staff = STOCK_CARDS["cpe"].holder
    assert (staff.card_type, staff.id_type, staff.profession) == ("CPE", "3", "")
    assert staff.employer
    assert STOCK_CARDS["cps-blocked"].pin_tries_left == 0
    assert STOCK_CARDS["cps-expired"].valid_until < date.today() < gp.valid_until
    vitale = STOCK_CARDS["vitale"]
    assert isinstance(vitale, VitaleProfile)
    assert [b.quality for b in vitale.beneficiaries] == ["00", "06", "06"]
    assert len({b.full_nir for b in vitale.beneficiaries}) == 1
    serials = [profile.serial for profile in STOCK_CARDS.values()]
    assert len(set(serials)) == len(serials)
    for profile in STOCK_CARDS.values():
        if isinstance(profile, VitaleProfile):
            assert all(nir_key_valid(b.full_nir) for b in profile.beneficiaries)


@pytest.mark.parametrize(
    ("spec", "kind", "serial"),
    [
        ("cps", ProfessionalCard, "2500012345"),
        ("cps:gp", ProfessionalCard, "2500012345"),
        ("gp", ProfessionalCard, "2500012345"),
        ("cpf", ProfessionalCard, "2500067890"),
        ("cpe", ProfessionalCard, "2500024680"),
        ("cps-blocked", ProfessionalCard, "2500012346"),
        ("cps-expired", ProfessionalCard, "2500012347"),
        ("vitale", VitaleCard, "1234567890"),
        ("vitale:vitale-corse", VitaleCard, "1234500201"),
    ],
)
def test_card_from_spec(pki_dir, spec, kind, serial):
    card = card_from_spec(spec, pki_dir)
    assert isinstance(card, kind)
    assert card.profile.serial == serial


def test_card_from_spec_passes_the_robustness_options(pki_dir):
    card = card_from_spec("vitale", pki_dir, chaining=16, strict_le=True)
    assert (card.chaining, card.strict_le) == (16, True)


@pytest.mark.parametrize("spec", ["cps:nobody", "vitale:cps", "cpx", "", "json"])
def test_bad_specs_list_the_valid_names(pki_dir, spec):
    with pytest.raises(ValueError, match="cps-blocked.*vitale.*json:PATH"):
        card_from_spec(spec, pki_dir)


def test_a_vitale_card_needs_no_pki(tmp_path):
    card_from_spec("vitale", tmp_path / "pki")
    assert not (tmp_path / "pki").exists()


def test_json_professional_profile(tmp_path, pki_dir):
    path = tmp_path / "kine.json"
    path.write_text(
        json.dumps(
            {
                "kind": "professional",
                "serial": "2500099999",
                "valid_from": "2025-01-01",
                "valid_until": "2099-01-01",
                "pin": "0000",
                "holder": {
                    "card_type": "CPS",
                    "id_type": "8",
                    "identifier": "10000000009",
                    "civility": "M",
                    "last_name": "Kinésithérapeute",
                    "first_name": "Aimé",
                    "profession": "70",
                },
                "situations": [
                    {
                        "structure_name": "Cabinet de kinésithérapie",
                        "structure_id": "12345678900017",
                        "sector": "SA07",
                        "am_number": "131234567",
                        "mode": "L",
                        "convention_sector": "1",
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.holder.national_id == "810000000009"
    assert profile.valid_until == date(2099, 1, 1)
    card = card_from_spec(f"json:{path}", pki_dir)
    assert card.process(bytes.fromhex("002000810830303030FFFFFFFF")) == b"\x90\x00"


def test_json_vitale_profile_keeps_a_wrong_nir_key(tmp_path, pki_dir):
    path = tmp_path / "bad-key.json"
    person = {
        "last_name": "Faux",
        "first_name": "Clé",
        "birth_date": "1990-00-00",
        "quality": "00",
        "nir": "1900075115042",
        "nir_key": "00",
        "rights_start": "2026-01-01",
        "rights_end": "2026-12-31",
    }
    path.write_text(
        json.dumps(
            {
                "kind": "vitale",
                "serial": "1111111111",
                "valid_from": "2024-01-01",
                "beneficiaries": [person],
            }
        ),
        encoding="utf-8",
    )
    card = card_from_spec(f"json:{path}", pki_dir)
    card.process(bytes.fromhex("00A404000BD250000002564954414C45"))
    answer = card.process(bytes.fromhex("00B0820000"))
    nir = tlv.find(tlv.decode(answer[:-2]), 0x93).value.decode()
    assert nir == "190007511504200" and not nir_key_valid(nir)
    assert card.profile.beneficiaries[0].birth_date == "19900000"


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "{}",
        '{"kind": "badge"}',
        '{"kind": "vitale", "serial": "1", "valid_from": "2024-01-01", "beneficiaries": []}',
        '{"kind": "professional", "serial": "2500099999"}',
    ],
)
def test_bad_json_profiles_name_the_file(tmp_path, content):
    path = tmp_path / "card.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="card.json: not a card profile"):
        load_profile(path)


def test_missing_json_profile(tmp_path):
    with pytest.raises(ValueError, match="not a card profile"):
        load_profile(tmp_path / "absent.json")
