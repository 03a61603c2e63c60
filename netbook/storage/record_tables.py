"""The record tables of a data file: pydantic records mirrored in memory, saved through its journal.

``people.json`` holds the tables "contacts" and "organizations", ``index.json`` the table
"meetings" (one summary row per meeting). A :class:`TableFile` is one such file (snapshot
plus log, see :class:`netbook.storage.journal.Journal`), loaded once for all its tables; a
:class:`RecordTable` is one table of it, with a lookup by name built on first use.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from netbook.domain.models import SCHEMA_VERSION, normalise_key
from netbook.storage.files import CorruptFileError, read_json
from netbook.storage.journal import Journal
from netbook.storage.migrations import migrate

M = TypeVar("M", bound=BaseModel)


def first_error(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``field: message`` (what a CorruptFileError says)."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "record"
    return f"{loc}: {err.get('msg', 'invalid')}"


class RecordTable:
    """One table of pydantic records, mirrored in memory by id, saved through its file's journal."""

    def __init__(self, name: str, model: type[M], kind: str, file: TableFile) -> None:
        self.name = name
        self.model = model
        self._kind = kind
        self._items: dict[str, Any] | None = None
        self.file = file
        self.lock = threading.RLock()
        self._by_name: dict[str, list[str]] | None = None  # normalised name -> ids, built on first lookup
        self._names_of: dict[str, tuple[str, ...]] = {}
        file.tables.append(self)

    def items(self) -> dict[str, Any]:
        if self._items is None:
            with self.lock:  # one load, even when two workers (Home's search, the palette) ask at once
                if self._items is None:
                    self.file.load()
        return self._items  # type: ignore[return-value]

    def save(self, model: Any) -> None:
        items = self.items()
        self.file.journal.append(self.name, model.id, model.to_storage_dict())
        items[model.id] = model
        self._index_names(model)
        self.file.maybe_compact()

    def replace_all(self, models: Iterable[Any]) -> None:
        """The whole table in ONE atomic snapshot (with the file's other tables as they are)."""
        models = list(models)
        self.file.load()
        self._items = {m.id: m for m in models}
        self._by_name = None
        self.file.write_snapshot()

    def delete(self, record_id: str) -> None:
        items = self.items()
        self.file.journal.append(self.name, record_id, None)
        items.pop(record_id, None)
        self._unindex_names(record_id)
        self.file.maybe_compact()

    # ------------------------------------------------------------------ lookup by name

    def find_by_name(self, name: str) -> Any | None:
        """The first record called ``name`` (or one of its aliases), from an index built once."""
        key = normalise_key(name)
        if self._by_name is None:
            with self.lock:
                if self._by_name is None:
                    self._names_of = {}
                    self._by_name = {}
                    for model in self.items().values():
                        self._index_names(model)
        for record_id in self._by_name.get(key, ()):
            model = self.items().get(record_id)
            if model is not None and any(normalise_key(n) == key for n in model.all_names()):
                return model
        return None

    def _index_names(self, model: Any) -> None:
        if self._by_name is None:
            return
        self._unindex_names(model.id)
        keys = tuple(dict.fromkeys(normalise_key(n) for n in model.all_names()))
        self._names_of[model.id] = keys
        for key in keys:
            self._by_name.setdefault(key, []).append(model.id)

    def _unindex_names(self, record_id: str) -> None:
        if self._by_name is None:
            return
        for key in self._names_of.pop(record_id, ()):
            ids = self._by_name.get(key)
            if ids and record_id in ids:
                ids.remove(record_id)
                if not ids:
                    del self._by_name[key]


@functools.cache
def _file_model(stem: str, tables: tuple[tuple[str, type[BaseModel]], ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {name: (dict[str, model], {}) for name, model in tables}
    return create_model(f"_{stem}_file", __config__=ConfigDict(extra="ignore"), **fields)


class TableFile:
    """The tables of one data file (a journal: snapshot + log), loaded together.

    The snapshot is parsed and validated in a single pydantic-core pass when it can be:
    several times faster than json + per-record validation. Anything unusual (an old
    schema, a bad record, broken JSON) falls back to the record-by-record path, which
    migrates or names the problem. Logged changes are then replayed record by record.
    """

    def __init__(self, path: Path, *, read_only: bool, on_compact_error: Any = None) -> None:
        self.path = path
        self.tables: list[RecordTable] = []
        self.journal = Journal(path, read_only=read_only)
        self._loaded = False
        self._on_compact_error = on_compact_error

    def load(self) -> None:
        if self._loaded:
            return
        raw = self.journal.read_snapshot()
        parsed = None
        loaded = self._load_fast(raw) if raw is not None else {t.name: {} for t in self.tables}
        if loaded is None:
            parsed = read_json(self.path)
            loaded = self._load_checked(parsed)
        generation = Journal.snapshot_generation(raw, parsed)
        for entry in self.journal.read_entries(generation):
            table = next((t for t in self.tables if t.name == entry.table), None)
            if table is None:
                continue
            if entry.doc is None:
                loaded[table.name].pop(entry.record_id, None)
                continue
            where = f"{entry.record_id}, line {entry.line}"
            data = migrate(entry.doc, table._kind, entry.path, where)
            try:
                model = table.model.model_validate(data)
            except ValidationError as exc:
                raise CorruptFileError(entry.path, f"invalid {table._kind}: {first_error(exc)}", where) from exc
            loaded[table.name][model.id] = model
        for table in self.tables:
            table._items = loaded[table.name]
        self._loaded = True
        self.maybe_compact()

    def _load_fast(self, raw: bytes) -> dict[str, dict[str, Any]] | None:
        signature = (self.path.stem, tuple((t.name, t.model) for t in self.tables))
        try:
            parsed = _file_model(*signature).model_validate_json(raw)
        except (ValidationError, ValueError):
            return None
        loaded: dict[str, dict[str, Any]] = {}
        for table in self.tables:
            rows = getattr(parsed, table.name)
            if any("schema_version" not in m.model_fields_set or m.schema_version != SCHEMA_VERSION for m in rows.values()):
                return None
            loaded[table.name] = {m.id: m for m in rows.values()}
        return loaded

    def _load_checked(self, data: Any) -> dict[str, dict[str, Any]]:
        """Record by record, migrating old ones and naming the record that is wrong."""
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptFileError(self.path, "is not a netbook table file")
        loaded: dict[str, dict[str, Any]] = {}
        for table in self.tables:
            items: dict[str, Any] = {}
            for doc_id, doc in data.get(table.name, {}).items():
                record = str(doc.get("id", doc_id)) if isinstance(doc, dict) else "?"
                doc = migrate(doc, table._kind, self.path, record)
                try:
                    model = table.model.model_validate(doc)
                except ValidationError as exc:
                    raise CorruptFileError(self.path, f"invalid {table._kind}: {first_error(exc)}", record) from exc
                items[model.id] = model
            loaded[table.name] = items
        return loaded

    def _rows(self) -> dict[str, list[Any]]:
        return {t.name: list((t._items or {}).values()) for t in self.tables}

    def write_snapshot(self) -> None:
        self.journal.write_snapshot(self._rows(), _storage_dict)

    def maybe_compact(self) -> None:
        """Fold the log into a new snapshot in the background once it outgrows a quarter of the file."""
        if self.journal.read_only:
            return
        if not self.path.exists() and self.journal.entries:
            self.write_snapshot()  # a new data dir: its first records make the snapshot
            return
        records = sum(len(t._items or ()) for t in self.tables)
        if self.journal.needs_compaction(records):
            self.journal.compact_in_background(self._rows(), _storage_dict, self._on_compact_error)


def _storage_dict(model: Any) -> dict[str, Any]:
    return model.to_storage_dict()
