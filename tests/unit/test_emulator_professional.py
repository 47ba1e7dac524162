"""The professional card emulator, driven with raw APDUs as a reader would (CARDS.md)."""

import hashlib
from datetime import date

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from hypothesis import given, settings
from hypothesis import strategies as st

from cardreader import tlv
from cardreader.atr import CardFamily, classify
from cardreader.emulator import STOCK_CARDS, ProfessionalCard, TestPki
from cardreader.identifiers import luhn_valid

SELECT_APP = "00A404000DE828BD080F8025000001FF0010"
VERIFY_1234 = "002000810831323334FFFFFFFF"
VERIFY_9999 = "002000810839393939FFFFFFFF"
GET_PIN_COUNTER = "00CB3FFF0A4D087006BF810102A08000"
MSE_AUTH = "002241A406800102840182"
MSE_SIGN = "002241B606800102840181"
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def tx(card, command: str | bytes) -> tuple[bytes, int]:
    raw = card.process(bytes.fromhex(command) if isinstance(command, str) else command)
    return raw[:-2], int.from_bytes(raw[-2:], "big")


def ok(card, command: str | bytes) -> bytes:
    data, sw = tx(card, command)
    assert sw == 0x9000, f"{command}: {sw:04X}"
    return data


def read_file(card, path: str, chunk: int = 0) -> bytes:
    """Select by path and read with offsets until a short answer or 6B 00."""
    ok(card, f"00A4080C{len(path) // 2:02X}{path}")
    content = b""
    while True:
        data, sw = tx(card, f"00B0{len(content):04X}{chunk:02X}")
        if sw == 0x6B00:
            return content
        assert sw == 0x9000
        content += data
        if len(data) < (chunk or 256):
            return content


def fields(content: bytes, tag: int) -> dict[int, str]:
    (element,) = tlv.decode(content)
    assert element.tag == tag
    return {tag: value.decode("utf-8") for tag, value in tlv.children_map(element).items()}


def internal_authenticate(challenge: bytes) -> str:
    digest_info = SHA256_DIGEST_INFO + hashlib.sha256(challenge).digest()
    return "0088000033" + digest_info.hex() + "00"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return TestPki.open(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def gp_credentials(pki):
    return pki.card_credentials(STOCK_CARDS["cps"])


def make_card(pki, name: str = "cps", **options) -> ProfessionalCard:
    profile = STOCK_CARDS[name]
    return ProfessionalCard(profile, pki.card_credentials(profile), **options)


@pytest.fixture
def card(pki):
    return make_card(pki)


def test_atr_is_the_cps3_contact_atr(card):
    assert card.atr == bytes.fromhex("3BAC00402A00122500648000031000 9000")
    assert classify(card.atr).family is CardFamily.PROFESSIONAL


def test_select_application(card):
    assert tx(card, SELECT_APP) == (b"", 0x9000)
    assert tx(card, "00A404000DE828BD080F8025000001FF0011") == (b"", 0x6A82)


def test_serial_file(card):
    assert read_file(card, "D003") == bytes.fromhex("5A0A802500000125000123 45")


def test_validity_file(card):
    profile = STOCK_CARDS["cps"]
    assert fields(read_file(card, "D010"), 0xEC) == {
        0x81: profile.valid_from.strftime("%Y%m%d"),
        0x82: profile.valid_until.strftime("%Y%m%d"),
    }


def test_expired_card_validity_is_in_the_past(pki):
    validity = fields(read_file(make_card(pki, "cps-expired"), "D010"), 0xEC)
    assert validity[0x82] < date.today().strftime("%Y%m%d")


def test_gp_holder(card):
    holder = fields(read_file(card, "D001"), 0xE1)
    assert holder[0x80] == "CPS"
    assert holder[0x81] == "8"
    assert holder[0x82].startswith("8") and len(holder[0x82]) == 12
    assert luhn_valid(holder[0x82][1:])
    assert (holder[0x83], holder[0x84], holder[0x85]) == ("DR", "Lefèvre-Dupré", "Émilie")
    assert (holder[0x86], holder[0x87]) == ("10", "SM54")
    assert 0x88 not in holder


def test_intern_and_staff_holders(pki):
    intern = fields(read_file(make_card(pki, "cpf"), "D001"), 0xE1)
    assert (intern[0x80], intern[0x81]) == ("CPF", "8")
    staff = fields(read_file(make_card(pki, "cpe"), "D001"), 0xE1)
    assert (staff[0x80], staff[0x81], staff[0x86]) == ("CPE", "3", "")
    assert staff[0x82].startswith("3")
    assert len(staff[0x88]) in (9, 14)  # FINESS or SIRET


def test_certificates_are_read_in_several_chunks(card, gp_credentials):
    assert len(gp_credentials.auth_cert_der) > 256
    assert read_file(card, "0001C020") == gp_credentials.auth_cert_der
    assert read_file(card, "0001C010", chunk=0x80) == gp_credentials.sign_cert_der


def test_read_binary_offsets_and_end_of_file(card):
    ok(card, "00A4080C02D003")
    assert ok(card, "00B0000204") == bytes.fromhex("80250000")
    assert ok(card, "00B0000A00") == bytes.fromhex("2345")  # short answer at the end
    assert tx(card, "00B0000C00") == (b"", 0x6B00)  # offset at the end
    assert tx(card, "00B0010000") == (b"", 0x6B00)  # past it


def test_read_binary_needs_a_current_file_and_an_le(card):
    assert tx(card, "00B0000000") == (b"", 0x6986)
    ok(card, SELECT_APP)
    assert tx(card, "00B0000000") == (b"", 0x6986)
    ok(card, "00A4080C02D003")
    assert tx(card, "00B00000") == (b"", 0x6700)
    assert tx(card, "00B0820000") == (b"", 0x6A86)  # no short file identifiers here


def test_unknown_path_keeps_the_selection(card):
    ok(card, "00A4080C02D003")
    assert tx(card, "00A4080C02D004") == (b"", 0x6A82)
    assert ok(card, "00B0000002") == bytes.fromhex("5A0A")
    assert tx(card, "00A4080C03D00300") == (b"", 0x6700)  # half a file identifier


def test_situations_need_the_pin(card):
    ok(card, "00A4080C040001D120")
    assert tx(card, "00B0000000") == (b"", 0x6982)
    ok(card, VERIFY_1234)
    first = fields(ok(card, "00B0000000"), 0xEE)
    second = fields(read_file(card, "0001D121"), 0xEE)
    assert tx(card, "00A4080C040001D122") == (b"", 0x6A82)  # the end of the list
    assert (first[0x88], first[0x89]) == ("L", "1")
    assert first[0x86].startswith("SA")
    assert first[0x87] != second[0x87]
    assert all(len(s[0x87]) == 9 and s[0x87].isdigit() for s in (first, second))


def test_verify_state_and_counter(card):
    assert tx(card, "00200081") == (b"", 0x63C3)
    assert tx(card, VERIFY_9999) == (b"", 0x63C2)
    assert tx(card, "00200081") == (b"", 0x63C2)
    assert tx(card, VERIFY_1234) == (b"", 0x9000)
    assert tx(card, "00200081") == (b"", 0x9000)
    assert ok(card, GET_PIN_COUNTER).endswith(bytes.fromhex("9B0103"))  # reset by the right PIN


def test_three_wrong_pins_block_the_card(card):
    assert [tx(card, VERIFY_9999)[1] for _ in range(3)] == [0x63C2, 0x63C1, 0x63C0]
    assert tx(card, VERIFY_1234) == (b"", 0x6983)
    assert tx(card, "00200081") == (b"", 0x6983)
    assert ok(card, GET_PIN_COUNTER) == bytes.fromhex("700CBF810108A0069A01039B0100")


def test_verify_rejects_odd_shapes(card):
    assert tx(card, "002000820831323334FFFFFFFF") == (b"", 0x6A86)
    assert tx(card, "00200081043132333400") == (b"", 0x6700)
    assert tx(card, "002000810431323334") == (b"", 0x6700)
    assert tx(card, "00200081") == (b"", 0x63C3)  # none of them counted


def test_get_data_pin_counter(card):
    assert ok(card, GET_PIN_COUNTER) == bytes.fromhex("700CBF810108A0069A01039B0103")
    (template,) = tlv.decode(ok(card, GET_PIN_COUNTER))
    assert tlv.find([template], 0x9A).value == b"\x03"
    assert tx(card, "00CB3FFE0A4D087006BF810102A08000") == (b"", 0x6A86)
    assert tx(card, "00CB3FFF0A4D087006BF810102A08100") == (b"", 0x6A88)


def test_blocked_card_is_unblocked_with_the_puk(pki):
    card = make_card(pki, "cps-blocked")
    assert tx(card, VERIFY_1234) == (b"", 0x6983)
    puk, new_pin = b"12345678".hex(), "34333231FFFFFFFF"  # new PIN 4321
    assert tx(card, f"002C008110{b'87654321'.hex()}{new_pin}") == (b"", 0x63C9)
    assert tx(card, f"002C008110{puk}{new_pin}") == (b"", 0x9000)
    assert tx(card, "00200081") == (b"", 0x63C3)  # unblocked, not verified
    assert tx(card, VERIFY_1234) == (b"", 0x63C2)
    assert tx(card, "002000810834333231FFFFFFFF") == (b"", 0x9000)


def test_reset_retry_counter_checks(card):
    puk = b"12345678".hex()
    assert tx(card, f"002C008010{puk}31323334FFFFFFFF") == (b"", 0x6A86)
    assert tx(card, f"002C00810C{puk}31323334") == (b"", 0x6700)
    assert tx(card, f"002C008110{puk}3132FFFFFFFFFFFF") == (b"", 0x6A80)  # 2-digit new PIN
    wrong = f"002C008110{b'00000000'.hex()}31323334FFFFFFFF"
    assert [tx(card, wrong)[1] for _ in range(10)] == [0x63C0 | n for n in range(9, -1, -1)]
    assert tx(card, f"002C008110{puk}31323334FFFFFFFF") == (b"", 0x6983)  # PUK blocked too


def test_mse_set(card):
    assert tx(card, MSE_AUTH) == (b"", 0x9000)
    assert tx(card, MSE_SIGN) == (b"", 0x9000)
    assert tx(card, "002241A406800102840181") == (b"", 0x6A80)  # signature key under AT
    assert tx(card, "002281A406800102840182") == (b"", 0x6A86)


def test_internal_authenticate_signs_with_the_authentication_key(card, gp_credentials):
    challenge = b"back-office challenge 0123456789"
    assert tx(card, internal_authenticate(challenge)) == (b"", 0x6982)  # no PIN
    ok(card, VERIFY_1234)
    assert tx(card, internal_authenticate(challenge)) == (b"", 0x6985)  # no MSE
    ok(card, MSE_SIGN)
    assert tx(card, internal_authenticate(challenge)) == (b"", 0x6985)  # MSE for the other key
    ok(card, MSE_AUTH)
    signature = ok(card, internal_authenticate(challenge))
    assert len(signature) == 256
    public_key = x509.load_der_x509_certificate(gp_credentials.auth_cert_der).public_key()
    public_key.verify(signature, challenge, PKCS1v15(), hashes.SHA256())


def test_internal_authenticate_refuses_other_digests(card):
    ok(card, VERIFY_1234)
    ok(card, MSE_AUTH)
    sha1_info = bytes.fromhex("3021300906052b0e03021a05000414") + hashlib.sha1(b"x").digest()
    assert tx(card, "0088000023" + sha1_info.hex() + "00") == (b"", 0x6A80)
    assert tx(card, "0088000000") == (b"", 0x6700)
    assert tx(card, internal_authenticate(b"x").replace("00880000", "00880100")) == (b"", 0x6A86)


def test_pso_compute_digital_signature_uses_the_signature_key(card, gp_credentials):
    document = b"facture 2026-000042"
    command = internal_authenticate(document).replace("00880000", "002A9E9A")
    ok(card, VERIFY_1234)
    assert tx(card, command) == (b"", 0x6985)
    ok(card, MSE_SIGN)
    signature = ok(card, command)
    sign_key = x509.load_der_x509_certificate(gp_credentials.sign_cert_der).public_key()
    sign_key.verify(signature, document, PKCS1v15(), hashes.SHA256())
    auth_key = x509.load_der_x509_certificate(gp_credentials.auth_cert_der).public_key()
    with pytest.raises(InvalidSignature):
        auth_key.verify(signature, document, PKCS1v15(), hashes.SHA256())
    assert tx(card, command.replace("002A9E9A", "002A9E9B")) == (b"", 0x6A86)


def test_reset_loses_pin_and_security_environment_but_not_the_counter(card):
    ok(card, VERIFY_1234)
    ok(card, MSE_AUTH)
    ok(card, "00A4080C040001D120")
    card.reset()
    assert tx(card, "00200081") == (b"", 0x63C3)  # not verified after power-on
    assert tx(card, "00B0000000") == (b"", 0x6986)  # selection lost
    ok(card, VERIFY_1234)
    assert tx(card, internal_authenticate(b"x")) == (b"", 0x6985)  # MSE lost
    assert tx(card, VERIFY_9999) == (b"", 0x63C2)
    card.reset()
    assert tx(card, "00200081") == (b"", 0x63C2)  # the counter is card memory


@pytest.mark.parametrize(
    ("command", "sw"),
    [
        ("00", 0x6700),
        ("00A404", 0x6700),
        ("80A4040000", 0x6E00),
        ("FFCA000000", 0x6E00),
        ("00FE000000", 0x6D00),
        ("00A4080C05D003", 0x6700),  # Lc says 5, 2 bytes follow
        ("00A4080C0002D003", 0x6700),  # extended length
        ("00A4020C02D003", 0x6A86),
        ("00A4080C", 0x6700),
        ("00C0000010", 0x6985),  # nothing to get
        ("00C0010010", 0x6A86),
    ],
)
def test_status_words_for_bad_commands(card, command, sw):
    assert tx(card, command) == (b"", sw)


def test_chaining_delivers_long_answers_through_get_response(pki, gp_credentials):
    card = make_card(pki, chaining=100)
    ok(card, VERIFY_1234)
    ok(card, MSE_AUTH)
    assert tx(card, internal_authenticate(b"c")) == (b"", 0x6164)
    first, sw1 = tx(card, "00C0000064")
    second, sw2 = tx(card, "00C0000064")
    last, sw3 = tx(card, "00C0000064")
    assert (len(first), sw1) == (100, 0x6164)
    assert (len(second), sw2) == (100, 0x6138)
    assert (len(last), sw3) == (56, 0x9000)
    public_key = x509.load_der_x509_certificate(gp_credentials.auth_cert_der).public_key()
    public_key.verify(first + second + last, b"c", PKCS1v15(), hashes.SHA256())
    assert tx(card, "00C0000064") == (b"", 0x6985)


def test_chaining_applies_to_short_files_too_and_another_command_drops_the_rest(pki):
    card = make_card(pki, chaining=5)
    ok(card, "00A4080C02D003")
    assert tx(card, "00B0000000") == (b"", 0x6105)
    assert tx(card, "00C0000005") == (bytes.fromhex("5A0A802500"), 0x6105)
    ok(card, "00A4080C02D003")
    assert tx(card, "00C0000005") == (b"", 0x6985)
    assert tx(card, "00B0000000") == (b"", 0x6105)
    assert tx(card, "00C0000000") == (bytes.fromhex("5A0A80250000012500012345"), 0x9000)


def test_strict_le_answers_6c_with_the_exact_length(pki):
    card = make_card(pki, strict_le=True)
    assert tx(card, GET_PIN_COUNTER[:-2] + "20") == (b"", 0x6C0E)
    assert len(ok(card, GET_PIN_COUNTER[:-2] + "0E")) == 14
    assert len(ok(card, GET_PIN_COUNTER)) == 14  # Le 00 always fits
    ok(card, "00A4080C02D003")
    assert ok(card, "00B0000004") == bytes.fromhex("5A0A8025")  # a Le within the file is exact
    assert tx(card, "00B0000810") == (b"", 0x6C04)
    assert ok(card, "00B0000804") == bytes.fromhex("00012345")


def test_without_strict_le_a_short_le_truncates(card):
    assert ok(card, GET_PIN_COUNTER[:-2] + "04") == bytes.fromhex("700CBF81")


def test_strict_le_and_chaining_together(pki):
    card = make_card(pki, chaining=4, strict_le=True)
    ok(card, "00A4080C02D003")
    assert tx(card, "00B0000020") == (b"", 0x6C0C)
    assert tx(card, "00B000000C") == (b"", 0x6104)
    parts = [tx(card, "00C0000004") for _ in range(3)]
    assert parts[-1][1] == 0x9000
    assert b"".join(data for data, _ in parts) == bytes.fromhex("5A0A80250000012500012345")


commands = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda cla, ins, p1p2, body: bytes([cla, ins]) + p1p2 + body,
        st.sampled_from([0x00, 0x00, 0x80]),
        st.sampled_from([0xA4, 0xB0, 0x20, 0x2C, 0xCB, 0x22, 0x88, 0x2A, 0xC0, 0x00]),
        st.sampled_from([b"\x00\x00", b"\x08\x0c", b"\x04\x00", b"\x00\x81", b"\x41\xa4"])
        | st.binary(min_size=2, max_size=2),
        st.binary(max_size=260),
    ),
    st.sampled_from([SELECT_APP, VERIFY_1234, MSE_AUTH, "00A4080C040001D120"]).map(bytes.fromhex),
)


@settings(max_examples=300, deadline=None)
@given(
    apdus=st.lists(commands, max_size=12),
    chaining=st.sampled_from([None, 1, 7, 256]),
    strict_le=st.booleans(),
)
def test_any_bytes_get_an_answer_ending_with_a_status_word(
    gp_credentials, apdus, chaining, strict_le
):
    card = ProfessionalCard(
        STOCK_CARDS["cps"], gp_credentials, chaining=chaining, strict_le=strict_le
    )
    for apdu in apdus:
        answer = card.process(apdu)
        assert len(answer) >= 2
        assert answer[-2:] != b"\x6f\x00"  # 6F 00 would mean the emulator itself failed
