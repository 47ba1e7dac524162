"""The APDU core against small fake cards with behaviour (no I/O)."""

import pytest

from cardreader import apdu
from cardreader.errors import (
    CardProtocolError,
    CommandRejected,
    FileMissing,
    InvalidPinFormat,
    PinBlocked,
    PinNeeded,
    PinWrong,
    StatusWordError,
)


class ChainingCard:
    """Answers READ BINARY with ``content`` through 61xx chunks of ``chunk`` bytes, or 6Cxx."""

    def __init__(self, content: bytes, chunk: int = 0, exact_le: bool = False):
        self.content, self.chunk, self.exact_le = content, chunk, exact_le
        self.pending = b""
        self.sent: list[bytes] = []

    def transmit(self, raw: bytes) -> tuple[bytes, int]:
        self.sent.append(raw)
        if raw[1] == 0xC0:
            size = min(raw[4] or 256, self.chunk or 256)
            part, self.pending = self.pending[:size], self.pending[size:]
            return part, (0x6100 | min(len(self.pending), 255)) if self.pending else 0x9000
        offset = (raw[2] << 8) | raw[3]
        data = self.content[offset:offset + 256]
        if offset > len(self.content):
            return b"", 0x6B00
        if self.exact_le and raw[4] != len(data) % 256:
            return b"", 0x6C00 | len(data)
        if self.chunk and len(data) > self.chunk:
            part, self.pending = data[: self.chunk], data[self.chunk:]
            return part, 0x6100 | min(len(self.pending), 255)
        return data, 0x9000


def test_command_encoding_cases():
    assert apdu.select_path(b"\xd0\x03").to_bytes().hex() == "00a4080c02d003"
    assert apdu.read_binary(0x1234).to_bytes().hex() == "00b0123400"
    assert apdu.read_binary_sfi(2).to_bytes().hex() == "00b0820000"
    assert apdu.verify("1234").to_bytes().hex() == "0020008108" + "31323334ffffffff"
    assert apdu.verify_state().to_bytes().hex() == "00200081"
    assert apdu.get_pin_counter().to_bytes().hex() == "00cb3fff0a4d087006bf810102a08000"
    assert apdu.mse_set(apdu.Key.AUTHENTICATION).to_bytes().hex() == "002241a406800102840182"
    assert apdu.mse_set(apdu.Key.SIGNATURE).to_bytes().hex() == "002241b606800102840181"
    assert apdu.reset_retry_counter("12345678", "4321").to_bytes().hex() == (
        "002c008110" + "3132333435363738" + "34333231ffffffff")
    digest_info = apdu.digest_info_sha256(bytes(32))
    assert len(digest_info) == 51
    assert apdu.internal_authenticate(digest_info).to_bytes()[:5].hex() == "0088000033"
    assert apdu.pso_compute_signature(digest_info).to_bytes()[-1] == 0


@pytest.mark.parametrize("pin", ["123", "12345", "12a4", "", "١٢٣٤"])
def test_malformed_pins_never_reach_the_card(pin):
    with pytest.raises(InvalidPinFormat):
        apdu.verify(pin)


def test_get_response_chaining_collects_every_chunk():
    card = ChainingCard(bytes(range(200)), chunk=60)
    response = apdu.transceive(card, apdu.read_binary(0))
    assert response.ok and response.data == bytes(range(200))
    assert [raw[1] for raw in card.sent] == [0xB0, 0xC0, 0xC0, 0xC0]


def test_wrong_le_is_resent_with_the_length_the_card_asked():
    card = ChainingCard(b"hello", exact_le=True)
    response = apdu.transceive(card, apdu.read_binary(0))
    assert response.data == b"hello"
    assert card.sent[1].hex() == "00b0000005"


def test_read_file_reads_past_256_bytes_until_a_short_answer():
    content = bytes(i % 251 for i in range(700))
    card = ChainingCard(content, chunk=100)
    assert apdu.read_file(card, apdu.read_binary(0), "file") == content


def test_read_file_of_exactly_256_bytes_ends_on_6b00():
    card = ChainingCard(bytes(512))
    assert apdu.read_file(card, apdu.read_binary(0), "file") == bytes(512)
    assert card.sent[-1].hex() == "00b0020000"


class EndlessCard:
    def transmit(self, raw):
        return b"x", 0x6101


def test_a_card_chaining_forever_is_a_protocol_error():
    with pytest.raises(CardProtocolError):
        apdu.transceive(EndlessCard(), apdu.read_binary(0))


@pytest.mark.parametrize(
    ("sw", "error"),
    [
        (0x63C2, PinWrong),
        (0x6983, PinBlocked),
        (0x6982, PinNeeded),
        (0x6A82, FileMissing),
        (0x6700, CommandRejected),
        (0x6A86, CommandRejected),
        (0x6D00, CommandRejected),
        (0x6E00, CommandRejected),
        (0x6F00, StatusWordError),
        (0x6581, StatusWordError),
    ],
)
def test_status_words_map_to_typed_errors(sw, error):
    with pytest.raises(error) as raised:
        apdu.check(apdu.Response(b"", sw), "read something")
    if error is PinWrong:
        assert raised.value.tries_left == 2
    if issubclass(error, StatusWordError):
        assert f"{sw:04X}" in str(raised.value)


def test_ok_returns_the_data():
    assert apdu.check(apdu.Response(b"ab", 0x9000)) == b"ab"
