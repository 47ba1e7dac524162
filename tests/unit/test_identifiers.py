import pytest

from cardreader.identifiers import luhn_valid, nir_key, nir_key_valid


@pytest.mark.parametrize(
    ("nir13", "key"),
    [("1850575123456", 97 - 1850575123456 % 97), ("2690299341732", 97 - 2690299341732 % 97)],
)
def test_nir_key_is_97_minus_mod_97(nir13, key):
    assert nir_key(nir13) == key
    assert nir_key_valid(f"{nir13}{key:02d}")
    assert not nir_key_valid(f"{nir13}{(key % 97) + 1:02d}")


def test_corsica_departments_are_replaced_before_the_computation():
    assert nir_key("185052A123456") == 97 - 1850519123456 % 97
    assert nir_key("285052B123456") == 97 - 2850518123456 % 97
    assert nir_key_valid(f"185052A123456{97 - 1850519123456 % 97:02d}")


@pytest.mark.parametrize("nir", ["", "12345", "18505751234567X", "1850575123456 7", "ABCDEFGHIJKLM00"])
def test_not_a_nir(nir):
    assert not nir_key_valid(nir)


def test_spaces_in_a_nir_are_ignored():
    key = nir_key("1850575123456")
    assert nir_key_valid(f"1 85 05 75 123 456 {key:02d}")


@pytest.mark.parametrize(("number", "valid"), [("79927398710", False), ("79927398713", True),
                                                ("0", True), ("", False), ("12a", False)])
def test_luhn(number, valid):
    assert luhn_valid(number) is valid
