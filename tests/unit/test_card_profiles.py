"""The reader's profiles against the emulators, in-process: the whole contract, without pcscd.

The emulators are an independent implementation of CARDS.md (their own TLV files, NIR keys, Luhn
keys); every variant of answer shape they can produce (61xx chaining, 6Cxx, files past 256 bytes)
is read here the same way.
"""

import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from cardreader import cps, vitale
from cardreader.apdu import Key
from cardreader.atr import CardFamily, classify
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from cardreader.errors import InvalidPinFormat, PinBlocked, PinNeeded, PinWrong
from cardreader.reading import read_card

VARIANTS = [{}, {"chaining": 37}, {"strict_le": True}, {"chaining": 200, "strict_le": True}]


@pytest.fixture(params=VARIANTS, ids=["plain", "chaining", "strict-le", "both"])
def variant(request):
    return request.param


@pytest.mark.parametrize("spec", ["cps", "cpf", "cpe"])
def test_professional_cards_read_whole(spec, variant, pki_dir):
    card = card_from_spec(spec, pki_dir, **variant)
    profile = STOCK_CARDS[spec]
    transport = EmulatorTransport(card)
    assert classify(card.atr).family is CardFamily.PROFESSIONAL
    identity = cps.read_identity(transport)
    assert identity.kind == spec.upper()
    assert identity.serial == profile.serial
    assert identity.valid_from == profile.valid_from.isoformat()
    assert identity.holder.last_name == profile.holder.last_name
    assert identity.holder.first_name == profile.holder.first_name
    assert identity.holder.national_id == profile.holder.national_id
    assert identity.holder.employer == (profile.holder.employer or None)
    assert identity.pin == cps.PinStatus(verified=False, tries_left=3, max_tries=3)
    with pytest.raises(PinNeeded):
        cps.read_situations(transport)
    cps.verify_pin(transport, "1234")
    assert cps.pin_status(transport).verified
    situations = cps.read_situations(transport)
    assert [(s.name, s.am_number, s.mode) for s in situations] == [
        (p.structure_name, p.am_number, p.mode) for p in profile.situations]


def test_wrong_pins_block_the_card_and_the_puk_unblocks_it(pki_dir):
    transport = EmulatorTransport(card_from_spec("cps", pki_dir))
    cps.select_application(transport)
    for left in (2, 1):
        with pytest.raises(PinWrong) as wrong:
            cps.verify_pin(transport, "0000")
        assert wrong.value.tries_left == left
        assert cps.pin_status(transport).tries_left == left
    with pytest.raises((PinWrong, PinBlocked)):
        cps.verify_pin(transport, "0000")
    assert cps.pin_status(transport).blocked
    with pytest.raises(PinBlocked):
        cps.verify_pin(transport, "1234")  # even the right PIN: only the PUK helps now
    with pytest.raises(PinWrong):
        cps.unblock_pin(transport, "00000000", "4321")
    cps.unblock_pin(transport, "12345678", "4321")
    assert cps.pin_status(transport).tries_left == 3
    cps.verify_pin(transport, "4321")
    assert len(cps.read_situations(transport)) == 2


def test_blocked_and_expired_stock_cards(pki_dir):
    blocked = cps.read_identity(EmulatorTransport(card_from_spec("cps-blocked", pki_dir)))
    assert blocked.pin.blocked and blocked.pin.tries_left == 0
    expired = cps.read_identity(EmulatorTransport(card_from_spec("cps-expired", pki_dir)))
    assert expired.valid_until < blocked.valid_from


def test_a_malformed_pin_is_never_sent(pki_dir):
    transport = EmulatorTransport(card_from_spec("cps", pki_dir))
    cps.select_application(transport)
    sent = transport.commands
    with pytest.raises(InvalidPinFormat):
        cps.verify_pin(transport, "12345")
    assert transport.commands == sent


@pytest.mark.parametrize("key", [Key.AUTHENTICATION, Key.SIGNATURE])
def test_signatures_verify_with_the_certificate(key, variant, pki_dir):
    transport = EmulatorTransport(card_from_spec("cps", pki_dir, **variant))
    cps.select_application(transport)
    certificate = x509.load_der_x509_certificate(cps.read_certificate(transport, key))
    subject = certificate.subject
    assert subject.get_attributes_for_oid(x509.NameOID.SERIAL_NUMBER)[0].value == (
        STOCK_CARDS["cps"].holder.national_id)
    assert "TEST" in certificate.issuer.rfc4514_string()
    challenge = b"\x01" * 32
    with pytest.raises(PinNeeded):
        cps.authenticate(transport, challenge)
    cps.verify_pin(transport, "1234")
    signature = (cps.authenticate if key is Key.AUTHENTICATION else cps.sign)(transport, challenge)
    assert len(signature) == 256
    certificate.public_key().verify(signature, challenge, PKCS1v15(), SHA256())


@pytest.mark.parametrize("spec", ["vitale", "vitale-corse", "vitale-large-family"])
def test_vitale_beneficiaries_joined_in_order(spec, variant, pki_dir):
    profile = STOCK_CARDS[spec]
    card = vitale.read_vitale(EmulatorTransport(card_from_spec(spec, pki_dir, **variant)))
    assert card.serial == profile.serial
    assert [(b.first_name, b.nir, b.birth_rank) for b in card.beneficiaries] == [
        (p.first_name, p.full_nir, p.birth_rank) for p in profile.beneficiaries]
    assert all(b.nir_key_valid for b in card.beneficiaries)
    first = profile.beneficiaries[0]
    assert card.beneficiaries[0].birth_date == (
        f"{first.birth_date[:4]}-{first.birth_date[4:6]}-{first.birth_date[6:]}"
        if isinstance(first.birth_date, str) else first.birth_date.isoformat())


def test_a_wrong_nir_key_is_reported(tmp_path, pki_dir):
    profile = {
        "kind": "vitale", "serial": "1234567890", "valid_from": "2024-09-15",
        "beneficiaries": [{"last_name": "Faure", "first_name": "Zoé", "birth_date": "1990-07-00",
                           "quality": "00", "nir": "2900775115042", "nir_key": "01",
                           "rights_start": "2026-01-01", "rights_end": "2027-12-31"}]}
    path = tmp_path / "wrong-key.json"
    path.write_text(json.dumps(profile))
    card = vitale.read_vitale(EmulatorTransport(card_from_spec(f"json:{path}", pki_dir)))
    (person,) = card.beneficiaries
    assert person.nir == "290077511504201" and not person.nir_key_valid
    assert person.birth_date == "1990-07-00"


def test_read_card_keeps_a_wrong_pin_as_its_error(pki_dir):
    card = card_from_spec("cps", pki_dir)
    reading = read_card(EmulatorTransport(card), "R", classify(card.atr), pin="9999")
    assert isinstance(reading.error, PinWrong)
    assert reading.professional.pin.tries_left == 2 and reading.situations == ()
