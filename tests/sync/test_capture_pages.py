"""Page edits over a batch (sync.capture.pages): whatever the secretary does, no page is lost nor
doubled, and each edit does what its name says."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.capture import Batch, PageRef


def refs(batch: Batch) -> list[list[tuple[int, int]]]:
    return [[(ref.source, ref.index) for ref in doc] for doc in batch.documents]


def test_a_batch_starts_with_one_document_per_source():
    assert refs(Batch.of_sources([2, 0, 1])) == [[(0, 0), (0, 1)], [(2, 0)]]


def test_each_edit_does_what_it_says():
    batch = Batch.of_sources([3, 2])
    assert batch.rotate(0, 1, 1).rotate(0, 1, 3).documents[0][1].rotation == 0
    assert batch.rotate(0, 1, -1).documents[0][1] == PageRef(0, 1, 3)
    assert refs(batch.move(0, 0, 1, 1)) == [[(0, 1), (0, 2)], [(1, 0), (0, 0), (1, 1)]]
    assert refs(batch.move(0, 2, 0, 0)) == [[(0, 2), (0, 0), (0, 1)], [(1, 0), (1, 1)]]
    assert refs(batch.move(1, 0, 2, 0)) == [[(0, 0), (0, 1), (0, 2)], [(1, 1)], [(1, 0)]]  # a new document
    assert refs(batch.delete(1, 0).delete(1, 0)) == [[(0, 0), (0, 1), (0, 2)]]  # the empty document goes
    assert refs(batch.split(0, 1)) == [[(0, 0)], [(0, 1), (0, 2)], [(1, 0), (1, 1)]]
    assert refs(batch.merge(1, 0)) == [[(1, 0), (1, 1), (0, 0), (0, 1), (0, 2)]]
    assert batch.rotate(1, 0, 1).move(1, 0, 0, 99).documents[0][-1] == PageRef(1, 0, 1)  # carried, clamped


@pytest.mark.parametrize("edit", [lambda b: b.rotate(2, 0, 1), lambda b: b.delete(0, 3), lambda b: b.move(0, 0, 3, 0),
                                  lambda b: b.split(0, 0), lambda b: b.split(0, 3), lambda b: b.merge(0, 0)])
def test_edits_that_make_no_sense_are_refused(edit):
    with pytest.raises((IndexError, ValueError)):
        edit(Batch.of_sources([3, 2]))


_EDITS = st.sampled_from(["rotate", "move", "delete", "split", "merge"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4),
       st.lists(st.tuples(_EDITS, st.integers(0, 50), st.integers(0, 50), st.integers(0, 50),
                          st.integers(-50, 50)), max_size=30))
def test_any_sequence_of_edits_keeps_every_page_not_deleted_exactly_once(counts, edits):
    batch = Batch.of_sources(counts)
    expected = Counter((ref.source, ref.index) for doc in batch.documents for ref in doc)
    for name, a, b, c, d in edits:
        if not batch.documents:
            break
        doc = a % len(batch.documents)
        page = b % len(batch.documents[doc])
        if name == "rotate":
            batch = batch.rotate(doc, page, d)
        elif name == "move":
            batch = batch.move(doc, page, c % (len(batch.documents) + 1), d)
        elif name == "delete":
            expected[(batch.documents[doc][page].source, batch.documents[doc][page].index)] -= 1
            batch = batch.delete(doc, page)
        elif name == "split" and len(batch.documents[doc]) > 1:
            batch = batch.split(doc, 1 + page % (len(batch.documents[doc]) - 1))
        elif name == "merge" and len(batch.documents) > 1:
            batch = batch.merge(doc, (doc + 1 + c % (len(batch.documents) - 1)) % len(batch.documents))
        found = Counter((ref.source, ref.index) for doc_ in batch.documents for ref in doc_)
        assert found == +expected  # each page not deleted exactly once, the deleted ones nowhere
        assert all(doc_ for doc_ in batch.documents)  # no empty document
        assert all(0 <= ref.rotation < 4 for doc_ in batch.documents for ref in doc_)
