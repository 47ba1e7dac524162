"""A table model that opens its rows only as they are painted, in the manner of Anki's browser table.

A list's rows are sealed in the store: opening 10,000 of them to paint 20 would stall the window and
hold every patient's name in memory. So the model asks its :class:`RowSource` two things, both on the
pool (:class:`~desktop_app.ops.OpRunner`), never on the GUI thread:

- the **keys** of the rows a query selects, in the order asked (cheap: clear columns, no decryption),
  with a summary (totals) of them: :meth:`RowSource.select`;
- the **records** of a block of keys, opened one by one: :meth:`RowSource.records`, asked when the view
  paints a row whose record is not at hand (the block around it).

Until a block arrives its cells show "…"; a bounded cache keeps the records last painted. A newer query
makes every answer of an older one void (answers carry the generation they were asked for). After the
engine reports a change (:meth:`LazyTableModel.refresh`), the rows already shown keep their values until
their new ones arrive, so a sync never blanks the screen.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ..ops import OpRunner

__all__ = ["Column", "LazyTableModel", "RowSource", "Selection", "SortOrder", "column_header", "row_flags"]

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

BLOCK = 64  # records opened per request: a screenful and a half
CACHE = 4_096  # records kept at most; the oldest painted go first
LOADING = "…"


@dataclass(frozen=True)
class SortOrder:
    """The source's name of a sort (a column's ``sort``) and its direction."""

    key: str
    descending: bool = False


@dataclass(frozen=True)
class Selection(Generic[K]):
    """The keys a query selects, in order, and what the source sums up of them (totals, counts). A source
    may add the records of the first keys (``first``, opened in the same call): the first paint then shows
    them, without a paint of "…" and another trip to the pool."""

    keys: Sequence[K]
    summary: Any = None
    first: Mapping[K, Any] = field(default_factory=dict)


class RowSource(Protocol[K, R]):
    """What a lazy model reads; both methods run on the pool, never on the GUI thread."""

    def select(self, query: Any, order: SortOrder | None) -> Selection[K]:
        """The keys ``query`` selects, sorted by ``order`` (None: the source's natural order)."""

    def records(self, keys: Sequence[K]) -> Mapping[K, R]:
        """The records of ``keys`` by key; a key gone since (deleted by a sync) is left out."""


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header (translated by the caller), its cell text, the source's sort (None: not sortable)."""

    title: str
    text: Callable[[R], str]
    sort: str | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[R], str] | None = None
    role: Callable[[R], str | None] | None = None  # a style state for the row ("new", "refused"...)


def column_header(columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """``headerData`` of a table model made of ``columns``: their titles and alignments."""
    if orientation == Qt.Orientation.Horizontal and 0 <= section < len(columns):
        if role == Qt.ItemDataRole.DisplayRole:
            return columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return columns[section].align
    return None


def row_flags(index: Index) -> Qt.ItemFlag:
    """``flags`` of a read-only list: cells enabled and selectable, no children."""
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass
class _Cached(Generic[R]):
    record: R
    epoch: int  # the refresh it was read in: an older one is shown, and read again


@dataclass
class _Asked:
    generation: int
    blocks: set[int] = field(default_factory=set)


class LazyTableModel(QAbstractTableModel, Generic[K, R]):
    """Rows of ``source`` for the query of :meth:`set_query`. ``selected``: the keys of a query arrived (the
    count and :attr:`summary` are new); ``failed``: reading the store failed (the error)."""

    selected = Signal()
    failed = Signal(object)
    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's record, None until read
    STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # the column's ``role`` of the row

    def __init__(self, ops: OpRunner, columns: Sequence[Column[R]], parent: QObject | None = None, *,
                 block: int = BLOCK, cache: int = CACHE) -> None:
        super().__init__(parent)
        self._ops, self._columns, self._block, self._cache_size = ops, tuple(columns), block, cache
        self._source: RowSource[K, R] | None = None
        self._query: Any = None
        self._order: SortOrder | None = None
        self._keys: Sequence[K] = ()
        self._summary: Any = None
        self._cache: OrderedDict[K, _Cached[R]] = OrderedDict()
        self._generation = 0  # bumped by every new selection asked: older answers are void
        self._epoch = 0  # bumped by every refresh: records read before are shown, then read again
        self._asked = _Asked(0)
        self._loaded = False

    # -- what the owner calls -------------------------------------------------------------------------

    def set_source(self, source: RowSource[K, R] | None) -> None:
        """The session's source (None: the session locked, every row forgotten)."""
        self._source = source
        if source is None:
            self.clear()
        else:
            self._select(keep_records=False)

    def set_query(self, query: Any) -> None:
        """Select the rows of ``query`` (the source's own filter object); rows follow when painted."""
        self._query = query
        self._select(keep_records=True)

    def refresh(self) -> None:
        """The data changed (a sync applied rows): select again; rows shown keep their values meanwhile."""
        self._epoch += 1
        self._select(keep_records=True)

    def clear(self) -> None:
        """Forget every row and ignore every answer under way."""
        self._generation += 1
        self._asked = _Asked(self._generation)
        self.beginResetModel()
        self._keys, self._summary, self._loaded = (), None, False
        self._cache.clear()
        self.endResetModel()

    @property
    def query(self) -> Any:
        return self._query

    @property
    def summary(self) -> Any:
        """The source's summary of the rows selected (None until they are)."""
        return self._summary

    @property
    def loaded(self) -> bool:
        """Whether the rows of the current query have been selected (the count is right)."""
        return self._loaded

    def key(self, row: int) -> K:
        return self._keys[row]

    def record(self, row: int) -> R | None:
        """The row's record if read (also one read before the last refresh); None, and asked, if not."""
        cached = self._cache.get(self._keys[row])
        if cached is None or cached.epoch != self._epoch:
            self._ask(row // self._block)
        return cached.record if cached is not None else None

    def records_of(self, keys: Sequence[K]) -> Mapping[K, R]:
        """Read ``keys``' records now, on the caller's thread: for an export on the pool, never on the GUI thread."""
        assert self._source is not None, "no source"
        return self._source.records(keys)

    # -- Qt's model interface -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._keys):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, self.RECORD_ROLE,
                        self.STATE_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            return None
        record = self.record(index.row())
        if role == self.RECORD_ROLE:
            return record
        if record is None:
            return LOADING if role == Qt.ItemDataRole.DisplayRole else None
        if role == self.STATE_ROLE:
            return column.role(record) if column.role else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record) if column.tooltip else None
        return column.text(record)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self._columns, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the source (the whole selection, not the rows read); a column without a sort is ignored."""
        if not 0 <= column < len(self._columns) or self._columns[column].sort is None:
            return
        self._order = SortOrder(self._columns[column].sort, order == Qt.SortOrder.DescendingOrder)
        self._select(keep_records=True)

    # -- inside ---------------------------------------------------------------------------------------

    def _select(self, *, keep_records: bool) -> None:
        if self._source is None:
            return
        self._generation += 1
        generation, source, query, order = self._generation, self._source, self._query, self._order
        if not keep_records:
            self._cache.clear()

        def selected(selection: Selection[K]) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._keys, self._summary, self._loaded = selection.keys, selection.summary, True
            self._asked = _Asked(generation)
            for key, record in selection.first.items():
                self._cache[key] = _Cached(record, self._epoch)
                self._cache.move_to_end(key)
            self.endResetModel()
            self.selected.emit()

        self._ops.run_op(lambda: source.select(query, order), selected, self._failure(generation))

    def _ask(self, block: int) -> None:
        asked = self._asked
        if block in asked.blocks or self._source is None:
            return
        asked.blocks.add(block)
        start = block * self._block
        keys = list(self._keys[start:start + self._block])
        source, epoch = self._source, self._epoch

        def read(by_key: Mapping[K, R]) -> None:
            if asked is not self._asked:  # another selection since: its own blocks are asked anew
                return
            for key in keys:
                if key in by_key:
                    self._cache[key] = _Cached(by_key[key], epoch)
                    self._cache.move_to_end(key)
                else:  # deleted since: its row shows "…" until the next selection drops it
                    self._cache.pop(key, None)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            if epoch != self._epoch:  # a refresh came meanwhile: the block is read again when painted
                asked.blocks.discard(block)
            last = min(start + self._block, len(self._keys)) - 1
            if last >= start:
                self.dataChanged.emit(self.index(start, 0), self.index(last, len(self._columns) - 1))

        def failed(error: BaseException) -> None:
            asked.blocks.discard(block)
            self._failure(asked.generation)(error)

        self._ops.run_op(lambda: source.records(keys), read, failed)

    def _failure(self, generation: int) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if generation == self._generation:
                log.error("a list could not be read from the store", exc_info=error)
                self.failed.emit(error)
        return failed
