"""Page edits over a batch of scanned documents, as the page editor makes them: pure values, each edit a
new :class:`Batch`, so that the window can undo by keeping the previous one and nothing is written
until the secretary confirms (then :func:`sync.capture.pdf_pages.assemble` makes each document's PDF).

A page is a :class:`PageRef` into the batch's sources (the PDFs scanned or imported), never a copy of
its image: an edit moves references only. A document left without pages by an edit disappears.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Batch", "PageRef"]


@dataclass(frozen=True)
class PageRef:
    """Page ``index`` (from 0) of source ``source``, turned ``rotation`` quarter turns clockwise (0-3)
    from how it was scanned."""

    source: int
    index: int
    rotation: int = 0


Document = tuple[PageRef, ...]


@dataclass(frozen=True)
class Batch:
    """Documents (each a tuple of pages, in order) made from the pages of the sources. Indexes of
    documents and pages count from 0; a wrong one raises IndexError, an edit that makes no sense
    (splitting before the first page, merging a document with itself) ValueError."""

    documents: tuple[Document, ...]

    @classmethod
    def of_sources(cls, page_counts: Sequence[int]) -> Batch:
        """One document per source, with all its pages: how a batch starts."""
        return cls(tuple(tuple(PageRef(source, index) for index in range(count))
                         for source, count in enumerate(page_counts) if count > 0))

    def rotate(self, doc: int, page: int, quarter_turns: int) -> Batch:
        """Turn one page by ``quarter_turns`` clockwise (negative: counter-clockwise)."""
        ref = self._page(doc, page)
        turned = PageRef(ref.source, ref.index, (ref.rotation + quarter_turns) % 4)
        return self._with(doc, self.documents[doc][:page] + (turned,) + self.documents[doc][page + 1:])

    def move(self, doc: int, page: int, to_doc: int, to_index: int) -> Batch:
        """Move one page to position ``to_index`` of document ``to_doc`` (its position once moved,
        clamped to that document's end); ``to_doc`` equal to the number of documents makes it a new
        last document."""
        ref = self._page(doc, page)
        if not 0 <= to_doc <= len(self.documents):
            raise IndexError(f"no document {to_doc}")
        documents = [list(pages) for pages in self.documents] + [[]]
        del documents[doc][page]
        target = documents[to_doc]
        target.insert(max(0, min(to_index, len(target))), ref)
        return Batch(tuple(tuple(pages) for pages in documents if pages))

    def delete(self, doc: int, page: int) -> Batch:
        self._page(doc, page)
        return self._with(doc, self.documents[doc][:page] + self.documents[doc][page + 1:])

    def split(self, doc: int, before_page: int) -> Batch:
        """Cut document ``doc`` in two before its page ``before_page``; the second part follows it."""
        pages = self._document(doc)
        if not 0 < before_page < len(pages):
            raise ValueError(f"cannot split a document of {len(pages)} pages before page {before_page}")
        return Batch(self.documents[:doc] + (pages[:before_page], pages[before_page:]) + self.documents[doc + 1:])

    def merge(self, doc: int, other: int) -> Batch:
        """Append the pages of document ``other`` to document ``doc``; ``other`` disappears."""
        self._document(doc), self._document(other)
        if doc == other:
            raise ValueError("a document cannot be merged with itself")
        documents = list(self.documents)
        documents[doc] = documents[doc] + documents[other]
        del documents[other]
        return Batch(tuple(documents))

    def _document(self, doc: int) -> Document:
        if not 0 <= doc < len(self.documents):
            raise IndexError(f"no document {doc}")
        return self.documents[doc]

    def _page(self, doc: int, page: int) -> PageRef:
        pages = self._document(doc)
        if not 0 <= page < len(pages):
            raise IndexError(f"no page {page} in document {doc}")
        return pages[page]

    def _with(self, doc: int, pages: Document) -> Batch:
        """This batch with document ``doc`` replaced by ``pages`` (dropped when empty)."""
        replaced = (pages,) if pages else ()
        return Batch(self.documents[:doc] + replaced + self.documents[doc + 1:])
