"""The Vitale 2 emulator, driven with raw APDUs as a reader would (CARDS.md)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardreader import tlv
from cardreader.atr import CardFamily, classify
from cardreader.emulator import STOCK_CARDS, VitaleCard
from cardreader.identifiers import nir_key_valid

SELECT_MF = "00A40000023F00"
SELECT_VITALE = "00A404000BD25000000256495441 4C45".replace(" ", "")
READ_SFI2 = "00B0820000"


def tx(card, command: str) -> tuple[bytes, int]:
    raw = card.process(bytes.fromhex(command))
    return raw[:-2], int.from_bytes(raw[-2:], "big")


def ok(card, command: str) -> bytes:
    data, sw = tx(card, command)
    assert sw == 0x9000, f"{command}: {sw:04X}"
    return data


def read_sfi2(card) -> bytes:
    """The current DF's file 2: by short identifier, then by offset past 256 bytes."""
    content = ok(card, READ_SFI2)
    while len(content) % 256 == 0:
        data, sw = tx(card, f"00B0{len(content):04X}00")
        if sw == 0x6B00:
            break
        assert sw == 0x9000
        content += data
    return content


def persons(elements: list[tlv.Tlv]) -> list[dict[int, str]]:
    return [
        {tag: value.decode("utf-8") for tag, value in tlv.children_map(element).items()}
        for element in elements
        if element.tag == 0x65
    ]


@pytest.fixture
def card():
    return VitaleCard(STOCK_CARDS["vitale"])


def test_atr_is_a_vitale_2_atr(card):
    assert card.atr == bytes.fromhex("3B751300004309EA9000")
    assert classify(card.atr).family is CardFamily.VITALE


def test_identities(card):
    ok(card, SELECT_MF)
    people = persons(tlv.decode(read_sfi2(card)))
    assert [(p[0x81], p[0x84]) for p in people] == [
        ("Éloïse", "00"),
        ("Noémie", "06"),
        ("Gaël", "06"),
    ]
    assert people[0][0x80] == "Bérard"
    assert all(len(p[0x82]) == 8 and p[0x82].isdigit() for p in people)
    assert [p[0x83] for p in people] == ["1", "1", "2"]  # twins


def test_insurance_data(card):
    ok(card, SELECT_VITALE)
    elements = tlv.decode(read_sfi2(card))
    assert elements[0].tag == 0x66
    header = {tag: value.decode() for tag, value in tlv.children_map(elements[0]).items()}
    assert header[0x81] == "1234567890"
    assert len(header[0x80]) == 8
    people = persons(elements[1:])
    assert len(people) == 3
    assert len({p[0x93] for p in people}) == 1  # children carry the insured's NIR
    for person in people:
        assert len(person[0x93]) == 15 and nir_key_valid(person[0x93])
        assert (person[0x94], len(person[0x95]), len(person[0x96])) == ("01", 3, 4)
        assert person[0x97] < person[0x98]


def test_the_mf_is_selected_at_power_on(card):
    assert persons(tlv.decode(ok(card, READ_SFI2)))[0][0x81] == "Éloïse"
    ok(card, SELECT_VITALE)
    assert tlv.decode(ok(card, READ_SFI2))[0].tag == 0x66
    card.reset()
    assert tlv.decode(ok(card, READ_SFI2))[0].tag == 0x65


def test_large_family_files_continue_by_offset():
    card = VitaleCard(STOCK_CARDS["vitale-large-family"])
    first = ok(card, READ_SFI2)
    assert len(first) == 256
    identities = read_sfi2(card)
    assert len(identities) > 256 and identities.startswith(first)
    people = persons(tlv.decode(identities))
    assert len(people) == 7
    assert people[0][0x82].endswith("00")  # day unknown
    assert people[1][0x84] == "01"  # spouse
    ok(card, SELECT_VITALE)
    insurance = tlv.decode(read_sfi2(card))
    assert len(persons(insurance[1:])) == 7


def test_corsica_nir_key():
    card = VitaleCard(STOCK_CARDS["vitale-corse"])
    ok(card, SELECT_VITALE)
    (insured,) = persons(tlv.decode(read_sfi2(card))[1:])
    assert insured[0x93][5:7] == "2A"
    assert insured[0x93][13:] == f"{97 - 1720819004027 % 97:02d}"


def test_read_by_offset_needs_a_current_file(card):
    assert tx(card, "00B0000000") == (b"", 0x6986)
    ok(card, READ_SFI2)
    assert ok(card, "00B0000201") == b"\x80"  # 65 LL 80 ...: offset 2 is the first tag
    ok(card, SELECT_MF)
    assert tx(card, "00B0000000") == (b"", 0x6986)  # selecting a DF drops the current file


def test_read_binary_errors(card):
    assert tx(card, "00B0830000") == (b"", 0x6A82)  # no file 3
    assert tx(card, "00B0A20000") == (b"", 0x6A86)
    assert tx(card, "00B082FF00") == (b"", 0x6B00)
    assert tx(card, "00B08200") == (b"", 0x6700)


def test_select_errors(card):
    assert tx(card, "00A40000023F01") == (b"", 0x6A82)
    assert tx(card, "00A404000BD250000002564954414C46") == (b"", 0x6A82)
    assert tx(card, "00A4080C02D003") == (b"", 0x6A86)
    assert tx(card, "00A4000000") == (b"", 0x6700)


def test_no_pin_and_no_other_instructions(card):
    assert tx(card, "00200081") == (b"", 0x6D00)
    assert tx(card, "00CB3FFF0A4D087006BF810102A08000") == (b"", 0x6D00)
    assert tx(card, "10B0820000") == (b"", 0x6E00)


def test_chaining_and_strict_le():
    identities = read_sfi2(VitaleCard(STOCK_CARDS["vitale-large-family"]))
    card = VitaleCard(STOCK_CARDS["vitale-large-family"], chaining=100, strict_le=True)
    assert tx(card, READ_SFI2) == (b"", 0x6164)
    chunks = [tx(card, "00C0000064"), tx(card, "00C0000064"), tx(card, "00C0000038")]
    assert [sw for _, sw in chunks] == [0x6164, 0x6138, 0x9000]
    assert b"".join(data for data, _ in chunks) == identities[:256]
    rest = identities[256:]
    assert tx(card, "00B00100FF") == (b"", 0x6C00 | len(rest))
    assert tx(card, f"00B00100{len(rest):02X}") == (rest, 0x9000)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=10), st.sampled_from([None, 3, 256]))
def test_any_bytes_get_an_answer_ending_with_a_status_word(apdus, chaining):
    card = VitaleCard(STOCK_CARDS["vitale"], chaining=chaining)
    for apdu in [bytes.fromhex(SELECT_VITALE), *apdus, b"\x00\xb0\x82\x00\x00", *apdus]:
        answer = card.process(apdu)
        assert len(answer) >= 2 and answer[-2:] != b"\x6f\x00"
