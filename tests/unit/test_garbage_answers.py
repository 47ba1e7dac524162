"""Whatever a card answers, the profiles raise a typed CardError or succeed: never anything else."""

from hypothesis import HealthCheck, given, settings, strategies as st

from cardreader import cps, tlv, vitale
from cardreader.errors import CardError


class GarbageCard:
    """Answers each command with the next drawn (data, status word); 90 00 is drawn often."""

    def __init__(self, data: st.DataObject):
        self.data = data
        self.count = 0

    def transmit(self, raw: bytes) -> tuple[bytes, int]:
        self.count += 1
        if self.count > 400:
            raise AssertionError("the reader code never stopped sending commands")
        body = self.data.draw(st.binary(max_size=300))
        sw = self.data.draw(st.one_of(st.just(0x9000), st.integers(0, 0xFFFF),
                                      st.sampled_from([0x6100, 0x61FF, 0x6C00, 0x6C10, 0x6B00,
                                                       0x6A82, 0x63C1, 0x6983, 0x6982])))
        return body, sw


PROFILE_CALLS = [
    cps.read_identity,
    cps.pin_status,
    cps.read_situations,
    cps.read_certificate,
    lambda t: cps.authenticate(t, b"challenge"),
    lambda t: cps.verify_pin(t, "1234"),
    vitale.read_vitale,
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data(), st.sampled_from(PROFILE_CALLS))
def test_random_answers_only_raise_card_errors(data, call):
    try:
        call(GarbageCard(data))
    except CardError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_structured_but_wrong_files_are_malformed_data(data):
    """TLV that parses but carries bad text, dates or missing tags: still a CardError."""
    fields = st.lists(st.tuples(st.sampled_from([0x80, 0x81, 0x82, 0x83, 0x84, 0x93, 0x97]),
                                st.binary(max_size=20)), max_size=6)
    def element(tag):
        return st.builds(lambda fs: tlv.encode(tag, [tlv.encode(t, v) for t, v in fs]), fields)

    files = st.lists(st.one_of(element(0x65), element(0x66), element(0xE1), element(0xEC)),
                     min_size=1, max_size=4).map(b"".join)

    class TemplateCard:
        def transmit(self, raw):
            if raw[1] == 0xB0:
                return data.draw(files), 0x9000
            return b"", 0x9000

    for call in (vitale.read_vitale, cps.read_identity):
        try:
            call(TemplateCard())
        except CardError:
            pass
