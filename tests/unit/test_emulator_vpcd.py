"""The vpcd bridge against a TCP server in the test that plays vpcd's side on 127.0.0.1."""

import socket
import threading
import time

import pytest

from cardreader.emulator import STOCK_CARDS, VirtualReader, VitaleCard, VpcdBridge, run_emulator

TIMEOUT = 5.0
SELECT_MF = bytes.fromhex("00A40000023F00")
READ_SFI2 = bytes.fromhex("00B0820000")


class FakeVpcd:
    """vpcd's side of one port: accepts the card's connection, sends framed messages."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(TIMEOUT)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        self.conn, _ = self.server.accept()
        self.conn.settimeout(TIMEOUT)

    def send(self, payload: bytes) -> None:
        self.conn.sendall(len(payload).to_bytes(2, "big") + payload)

    def receive(self) -> bytes | None:
        """The next message, or None when the card side closed the connection."""
        header = self._exactly(2)
        return None if header is None else self._exactly(int.from_bytes(header, "big"))

    def _exactly(self, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            chunk = self.conn.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def exchange(self, payload: bytes) -> bytes | None:
        self.send(payload)
        return self.receive()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.server.close()


@pytest.fixture
def vpcd():
    fake = FakeVpcd()
    yield fake
    fake.close()


def vitale() -> VitaleCard:
    return VitaleCard(STOCK_CARDS["vitale"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_framing_atr_control_codes_and_apdus(vpcd):
    card = vitale()
    bridge = VpcdBridge(card, port=vpcd.port)
    bridge.start(TIMEOUT)
    try:
        vpcd.accept()
        assert bridge.connected
        assert vpcd.exchange(b"\x04") == card.atr
        vpcd.send(b"\x01")  # power on: no answer, so the next message answers the APDU
        assert vpcd.exchange(SELECT_MF) == b"\x90\x00"
        answer = vpcd.exchange(READ_SFI2)
        assert answer[-2:] == b"\x90\x00" and answer[0] == 0x65
        assert bridge.apdu_count == 2
        vpcd.send(b"\x00")  # power off loses the current file
        vpcd.send(b"\x02")
        assert vpcd.exchange(bytes.fromhex("00B0000000")) == b"\x69\x86"
        assert vpcd.exchange(b"\x04") == card.atr
        assert bridge.apdu_count == 3
    finally:
        bridge.stop()


def test_pull_after_closes_without_answering(vpcd):
    bridge = VpcdBridge(vitale(), port=vpcd.port, pull_after=2)
    bridge.start(TIMEOUT)
    vpcd.accept()
    assert vpcd.exchange(SELECT_MF) == b"\x90\x00"
    assert vpcd.exchange(READ_SFI2) is None
    assert not bridge.connected
    assert bridge.apdu_count == 2
    bridge.stop()


def test_stop_pulls_the_card_promptly(vpcd):
    disconnected = threading.Event()
    bridge = VpcdBridge(vitale(), port=vpcd.port, on_disconnect=disconnected.set)
    bridge.start(TIMEOUT)
    vpcd.accept()
    assert vpcd.exchange(SELECT_MF) == b"\x90\x00"
    started = time.monotonic()
    bridge.stop()
    assert time.monotonic() - started < 1.0
    assert vpcd.receive() is None
    assert not bridge.connected
    assert not disconnected.is_set()  # only the other side's closing is reported


def test_reader_side_closing_ends_the_bridge_quietly(vpcd):
    disconnected = threading.Event()
    bridge = VpcdBridge(vitale(), port=vpcd.port, on_disconnect=disconnected.set)
    bridge.start(TIMEOUT)
    vpcd.accept()
    vpcd.conn.close()
    vpcd.conn = None
    assert disconnected.wait(TIMEOUT)
    assert not bridge.connected
    bridge.stop()


def test_start_fails_clearly_when_nothing_listens():
    port = free_port()
    bridge = VpcdBridge(vitale(), port=port)
    with pytest.raises(ConnectionError, match=f"127.0.0.1:{port}.*pcscd"):
        bridge.start(timeout=0.3)
    assert not bridge.connected


def test_start_waits_for_vpcd_to_listen():
    port = free_port()
    bridge = VpcdBridge(vitale(), port=port)
    starting = threading.Thread(target=bridge.start, args=(TIMEOUT,))
    starting.start()
    fake = FakeVpcd(port)  # vpcd starts listening after the bridge began trying
    try:
        fake.accept()
        starting.join(TIMEOUT)
        assert bridge.connected
        assert fake.exchange(b"\x04") == bridge.card.atr
    finally:
        bridge.stop()
        fake.close()


def test_virtual_reader_slots():
    slots = [FakeVpcd(), FakeVpcd()]
    vitale_card = vitale()
    other_vitale = VitaleCard(STOCK_CARDS["vitale-corse"])
    try:
        with VirtualReader([s.port for s in slots]) as reader:
            reader.insert(0, vitale_card)
            slots[0].accept()
            reader.insert(1, other_vitale)
            slots[1].accept()
            assert (reader.card_in(0), reader.card_in(1)) == (vitale_card, other_vitale)
            assert slots[1].exchange(SELECT_MF) == b"\x90\x00"
            first_connection = slots[0].conn
            reader.insert(0, other_vitale, pull_after=1)  # replaces the card in slot 0
            assert slots[0].receive() is None
            first_connection.close()
            slots[0].accept()
            assert slots[0].exchange(SELECT_MF) is None  # pulled on its first APDU
            assert reader.card_in(0) is None
            reader.pull(1)
            assert slots[1].receive() is None
            assert reader.card_in(1) is None
            with pytest.raises(ValueError, match="no slot 2"):
                reader.insert(2, vitale_card)
    finally:
        for slot in slots:
            slot.close()


def test_virtual_reader_close_pulls_every_card():
    slots = [FakeVpcd(), FakeVpcd()]
    try:
        reader = VirtualReader([s.port for s in slots])
        for index, slot in enumerate(slots):
            reader.insert(index, vitale())
            slot.accept()
        reader.close()
        assert [slot.receive() for slot in slots] == [None, None]
    finally:
        for slot in slots:
            slot.close()


def test_run_emulator_reconnects_until_stopped(vpcd, tmp_path):
    stop = threading.Event()
    result: list[int] = []
    runner = threading.Thread(
        target=lambda: result.append(
            run_emulator("vitale", vpcd.port, "127.0.0.1", tmp_path / "pki", stop)
        )
    )
    runner.start()
    try:
        vpcd.accept()
        assert vpcd.exchange(b"\x04") == bytes.fromhex("3B751300004309EA9000")
        vpcd.conn.close()  # pcscd restarted
        vpcd.accept()
        assert vpcd.exchange(SELECT_MF) == b"\x90\x00"
    finally:
        stop.set()
        runner.join(TIMEOUT)
    assert result == [0]
    assert vpcd.receive() is None  # stopping pulled the card


def test_run_emulator_rejects_an_unknown_card(tmp_path):
    with pytest.raises(ValueError, match="unknown card"):
        run_emulator("badge", free_port(), "127.0.0.1", tmp_path, threading.Event())
