"""Smart cards for Cabinet: CPS/CPF/CPE professional cards and the carte Vitale over PC/SC.

No Qt, no network, no sync. The protocol core (``apdu``, ``tlv``, ``atr``) does no I/O; card profiles
(``cps``, ``vitale``) run over a :class:`~cardreader.transport.Transport` they are given; only
``transport`` and ``monitor`` talk to PC/SC (pyscard).
"""
