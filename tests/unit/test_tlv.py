import pytest
from hypothesis import given, strategies as st

from cardreader import tlv
from cardreader.errors import MalformedData


def test_nested_templates_with_multi_byte_tags():
    data = tlv.encode(0x70, [tlv.encode(0xBF8101, [tlv.encode(0xA0, [tlv.encode(0x9A, b"\x03"),
                                                                     tlv.encode(0x9B, b"\x02")])])])
    assert data.hex() == "700cbf810108a0069a01039b0102"
    elements = tlv.decode(data)
    assert tlv.find(elements, 0xBF8101).constructed
    assert tlv.find(elements, 0x9B).value == b"\x02"


def test_two_byte_tag_and_long_lengths():
    long_value = bytes(range(256)) * 2
    data = tlv.encode(0x5F20, b"abc") + tlv.encode(0x04, long_value) + tlv.encode(0x05, b"x" * 200)
    assert data[:3] == b"\x5f\x20\x03"
    assert data[6:10] == b"\x04\x82\x02\x00"  # 512 bytes: two length bytes
    first, second, third = tlv.decode(data)
    assert (first.tag, first.value) == (0x5F20, b"abc")
    assert second.value == long_value
    assert third.value == b"x" * 200 and data[-202:-200] == b"\x81\xc8"


def test_padding_between_elements_is_skipped():
    data = tlv.encode(0x80, b"a") + b"\x00\xff" + tlv.encode(0x81, b"b") + b"\xff" * 4
    assert [e.tag for e in tlv.decode(data)] == [0x80, 0x81]


@pytest.mark.parametrize(
    "data",
    ["80", "8005616263", "1f", "1f81", "1f818181818101", "80 85 00 00 00 00 01", "80 80", "E1 03 80 05 61"],
)
def test_malformed_input_is_a_typed_error(data):
    with pytest.raises(MalformedData):
        tlv.decode(bytes.fromhex(data.replace(" ", "")))


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_malformed(data):
    try:
        tlv.decode(data)
    except MalformedData:
        pass


@given(st.lists(st.tuples(st.sampled_from([0x80, 0x5F20, 0x9F7F, 0x04]), st.binary(max_size=400)),
                max_size=5))
def test_encode_decode_round_trip(items):
    data = b"".join(tlv.encode(tag, value) for tag, value in items)
    assert [(e.tag, e.value) for e in tlv.decode(data)] == items
