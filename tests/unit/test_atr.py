import pytest

from cardreader.atr import CardFamily, classify, parse_hex


@pytest.mark.parametrize(
    ("atr", "family", "generation"),
    [
        ("3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00", CardFamily.PROFESSIONAL, "CPS3 contact"),
        # the masked bytes of the CPS3 contact ATR may be anything
        ("3B FF 11 22 33 00 12 25 00 64 80 44 55 66 00 90 00", CardFamily.PROFESSIONAL, "CPS3 contact"),
        ("3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E", CardFamily.PROFESSIONAL,
         "CPS3 contactless"),
        ("3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44", CardFamily.PROFESSIONAL, "CPS4"),
        ("3B 75 13 00 00 43 09 EA 90 00", CardFamily.VITALE, "Vitale 2"),
        ("3B 75 13 00 00 4F 09 FA 90 00", CardFamily.VITALE, "Vitale 2"),
        ("3B 75 13 00 00 40 09 FA 90 00", CardFamily.VITALE, "Vitale 2"),
        ("3F 65 25 00 2C 09 69 90 00", CardFamily.VITALE, "Vitale 1"),
        ("3F 65 25 00 22 09 F9 90 00", CardFamily.VITALE, "Vitale 1"),
        ("3F 65 25 00 A4 09 6A 90 00", CardFamily.VITALE, "Vitale 1"),
    ],
)
def test_known_atrs(atr, family, generation):
    info = classify(parse_hex(atr))
    assert (info.family, info.generation) == (family, generation)


@pytest.mark.parametrize(
    "atr",
    [
        "3B 75 13 00 00 53 09 EA 90 00",  # x must follow a 4
        "3B 75 13 00 00 43 09 DA 90 00",  # y is E or F only
        "3B 75 13 00 00 43 09 EB 90 00",  # the low nibble is A
        "3B AC 00 40 2A 00 12 25 00 64 81 00 03 10 00 90 00",  # an unmasked byte differs
        "3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90",  # one byte short
        "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A",  # a PC/SC memory card
        "3F 65 25 00 2B 09 EB 90 00",  # Bull Scot 5: a Vitale 1 ATR but for bytes 5 and 7
        "3F 65 25 00 24 09 6E 90 00",  # a Russian bank card of the same Bull CP8 platform
        "3F 65 25 00 00 09 FF 90 00",  # bytes 5 and 7 take only the known Vitale 1 values
        "",
    ],
)
def test_anything_else_is_unknown_with_its_atr(atr):
    raw = parse_hex(atr)
    info = classify(raw)
    assert info.family is CardFamily.UNKNOWN
    assert info.atr == raw
