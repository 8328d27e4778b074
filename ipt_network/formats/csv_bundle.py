"""The CSV bundle: the JSON content (version 2) as eight spreadsheet files, in a folder or a .zip.

``client.csv`` (one row), ``goals.csv`` and ``history.csv`` (the client's goals and history before
therapy), ``people.csv``, ``sessions.csv``, ``ties.csv``, ``links.csv`` and ``mood.csv``, one row per
record, with columns named as the JSON keys plus ``session`` (the session number) in the last three.
Lists go in one cell: ``problem_areas`` separated by ``;``, mood ``items`` by spaces, and the others
(session ``events`` and ``goal_progress``, a history event's ``people``, the relapse plan's lists) as
a JSON array. A field that holds one record of its own (a session's ``risk``, a person's
``inventory``, the client's ``relapse_plan``) becomes one column per field of that record, named
``risk_assessed``, ``risk_level``, ...; booleans are written ``true``/``false``. An empty cell means
the field is left out (all of a record's columns empty: no record). A bundle without the files and
columns of version 2 reads as a version 1 client does.
Text cells are neutralised against formula injection (see ``formulas``). docs/formats.md is the
guide for people preparing a bundle.

Reading is all-or-nothing and names the file and line of every problem: problems with the files'
layout (missing files or columns, unknown columns, rows pointing at no session) are listed first;
once the layout is right, every problem with the content is listed.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import re
import stat
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from ipt_network.errors import ValidationError
from ipt_network.formats.atomic import write_atomic
from ipt_network.formats.formulas import neutralise, restore
from ipt_network.formats.json_v1 import parse_json
from ipt_network.formats.limits import (
    MAX_FILE_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FLOOR,
    decode_utf8,
    read_capped,
    too_large,
)
from ipt_network.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Client,
    Document,
    Goal,
    HistoryEvent,
    Link,
    MoodScore,
    Person,
    Record,
    Session,
    Tie,
    parse_document,
)

# A valid session's events cell can exceed csv's default 128 KiB field limit; files are capped anyway.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))


@dataclass(frozen=True)
class Table:
    """One file of the bundle: where its records sit in the document, and its columns.

    ``nested`` names the fields that hold one record of their own, each spread over the columns
    ``field_subfield``.
    """

    file: str
    section: str
    columns: tuple[str, ...]
    required: frozenset[str]
    per_session: bool
    nested: tuple[str, ...] = ()
    of_client: bool = False
    """A list inside the client record (goals, history): a file of version 2, so it may be missing."""

    @classmethod
    def of(cls, file: str, section: str, model: type[Record], per_session: bool = False,
           leave_out: tuple[str, ...] = (), of_client: bool = False) -> Table:
        fields = {name: info for name, info in model.model_fields.items() if name not in leave_out}
        required = {name for name, info in fields.items() if info.is_required()}
        nested = {name: inner for name, info in fields.items() if (inner := _record_type(info.annotation))}
        columns = [column for name in fields for column in
                   ([f"{name}_{sub}" for sub in nested[name].model_fields] if name in nested else [name])]
        lead = ("session",) if per_session else ()
        return cls(file, section, lead + tuple(columns), frozenset(required | set(lead)), per_session,
                   tuple(nested), of_client)


def _record_type(annotation: Any) -> type[Record] | None:
    """The record type a field holds (``Risk`` for ``Risk | None``), or None for a plain value or a list."""
    if get_origin(annotation) is list:
        return None
    for kind in (annotation, *get_args(annotation)):
        if isinstance(kind, type) and issubclass(kind, Record):
            return kind
    return None


TABLES = (
    Table.of("client.csv", "client", Client, leave_out=("goals", "history")),
    Table.of("goals.csv", "goals", Goal, of_client=True),
    Table.of("history.csv", "history", HistoryEvent, of_client=True),
    Table.of("people.csv", "people", Person),
    Table.of("sessions.csv", "sessions", Session, leave_out=("ties", "links", "mood")),
    Table.of("ties.csv", "ties", Tie, per_session=True),
    Table.of("links.csv", "links", Link, per_session=True),
    Table.of("mood.csv", "mood", MoodScore, per_session=True),
)
FILES = tuple(table.file for table in TABLES)
REQUIRED_FILES = tuple(table.file for table in TABLES if not table.of_client)
"""Every file but those of version 2, which a bundle made before them does not have."""

INTEGER_COLUMNS = frozenset({"session", "number", "circle", "support", "conflict", "score", "planned_sessions",
                             "formulation_shared_at", "areas_agreed_at", "inventory_as_of"})
BOOLEAN_COLUMNS = frozenset({"risk_assessed", "risk_plan_in_place", "rated", "inventory_confides",
                             "inventory_knows_about_depression"})
JSON_COLUMNS = {
    "events": '["moved house", {"text": "row with Dan", "people": ["p-dan"], "mood": "worse"}]',
    "goal_progress": '[{"goal": "g-1", "status": "progressing"}]',
    "people": '["p-mum", "p-dan"]',
    "relapse_plan_warning_signs": '["sleeping badly", "staying in"]',
    "relapse_plan_actions": '["call Sam", "walk every day"]',
    "relapse_plan_people": '["p-sam"]',
}
"""Columns holding a list as a JSON array, each with an example for a refusal to show. The items are
checked by the model, which names the event, goal or person at fault."""
_BOOLEANS = {"true": True, "false": False}
_INTEGER = re.compile(r"\s*(\d{1,9})\s*")
_ITEM_SEPARATORS = re.compile(r"[\s;,]+")

_RECORD_NAMES = {
    "client": "client '{id}'",
    "goals": "client, goal '{id}'",
    "history": "client, history #{index}",
    "people": "person '{id}'",
    "sessions": "session {number}",
    "ties": "session {session}, tie for '{person}'",
    "links": "session {session}, link '{a}'–'{b}'",
    "mood": "session {session}, mood {instrument}",
}
"""How model.consistency_problems names each kind of record, to find the rows it speaks of."""

Row = tuple[int, dict[str, Any]]
"""A record's line in its file (the header is line 1) and its values, converted from text."""


# --- writing ---------------------------------------------------------------------------------


def to_files(doc: Document) -> dict[str, bytes]:
    """The eight files of the bundle for ``doc``: UTF-8 with a byte order mark (so spreadsheets
    recognise it), CRLF line ends, every text cell neutralised."""
    dump = doc.model_dump(mode="json")
    files = {}
    for table in TABLES:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(table.columns)
        for record in _records(dump, table):
            writer.writerow(neutralise(_cell(column, record.get(column))) for column in table.columns)
        files[table.file] = buffer.getvalue().encode("utf-8-sig")
    return files


def _records(dump: dict[str, Any], table: Table) -> list[dict[str, Any]]:
    if table.section == "client":
        records = [dump["client"]]
    elif table.of_client:
        records = dump["client"][table.section]
    elif not table.per_session:
        records = dump[table.section]
    else:
        records = [{"session": s["number"], **record} for s in dump["sessions"] for record in s[table.section]]
    return [_flat(record, table.nested) for record in records]


def _flat(record: dict[str, Any], nested: tuple[str, ...]) -> dict[str, Any]:
    """A record with each nested record spread over ``field_subfield`` keys."""
    flat = dict(record)
    for field in nested:
        flat.update({f"{field}_{key}": value for key, value in (flat.pop(field, None) or {}).items()})
    return flat


def _cell(column: str, value: Any) -> str:
    if value is None or value == []:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column == "problem_areas":
        return ";".join(value)
    if column == "items":
        return " ".join(map(str, value))
    if column in JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write(doc: Document, path: str | Path) -> None:
    """Write the bundle to ``path``: a zip when it ends in ``.zip``, otherwise a folder.

    Every file is complete before it replaces an older one (see ``write_atomic``).
    """
    path = Path(path)
    files = to_files(doc)
    if path.suffix.lower() == ".zip":
        write_atomic(path, zip_bytes(files))
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(path / name, data)


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A deflated zip of ``files`` at its root, with fixed timestamps so equal content gives equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# --- reading ---------------------------------------------------------------------------------


def read(path: str | Path) -> Document:
    """Read a bundle from a folder or a ``.zip``; nothing is kept unless every file is valid."""
    path = Path(path)
    source = str(path)
    try:
        files = _zip_files(path) if path.suffix.lower() == ".zip" else _folder_files(path)
    except ValidationError as exc:
        raise exc.with_source(source) from None
    return from_files(files, source)


def _folder_files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        raise ValidationError("is not a folder (a CSV bundle is a folder or a .zip of eight CSV files)")
    strays = sorted(p.name for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.name not in FILES)
    if strays:
        raise ValidationError([f"{name} is not a file of the bundle (expected {_expected()})" for name in strays])
    files, total = {}, 0
    for name in FILES:
        if (folder / name).is_file():
            files[name] = read_capped(folder / name)
            total += len(files[name])
    if total > MAX_FILE_BYTES:
        raise too_large(str(folder))
    return files


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError,
               OSError, ValueError, zlib.error, lzma.LZMAError)
"""What zipfile raises on damaged, encrypted or unsupported archives."""


def _zip_files(path: Path) -> dict[str, bytes]:
    """The bundle's files from a zip, refusing anything that could escape, mislead or explode."""
    data = read_capped(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = _bundle_entries(archive.infolist())
            return {name: _read_entry(archive, info) for name, info in entries.items()}
    except _ZIP_ERRORS as exc:
        raise ValidationError(f"is not a zip file that can be read ({exc})") from None


def _bundle_entries(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The bundle's files' entries: at the root or inside one folder; junk skipped, anything else refused."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError(f"holds {len(infos)} entries; a bundle holds eight files (at most "
                              f"{MAX_ZIP_ENTRIES} entries in all)")
    problems: list[str] = []
    entries: dict[str, zipfile.ZipInfo] = {}
    folders: set[str] = set()
    for info in infos:
        parts = info.filename.replace("\\", "/").split("/")
        problem = _entry_problem(info, parts)
        if problem:
            problems.append(f"entry '{info.filename}' {problem}")
        elif not _is_junk(info, parts):
            if parts[-1] in entries:
                problems.append(f"entry '{info.filename}': {parts[-1]} appears more than once")
            folders.add("/".join(parts[:-1]))
            entries[parts[-1]] = info
    if len(folders) > 1:
        problems.append("the bundle's files must be together, at the top of the zip or inside one folder")
    total = sum(info.file_size for info in entries.values())
    if total > MAX_FILE_BYTES:
        problems.append(f"would expand to {total:,} bytes, over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit")
    if problems:
        raise ValidationError(problems)
    return entries


def _entry_problem(info: zipfile.ZipInfo, parts: list[str]) -> str | None:
    if parts[0] == "" or re.match(r"[A-Za-z]:", parts[0]) or ".." in parts:
        return "points outside the bundle's folder"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    if _is_junk(info, parts):
        return None
    if len(parts) > 2 or parts[-1] not in FILES:
        return f"is not a file of the bundle (expected {_expected()}, at the top or inside one folder)"
    if info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
        return (f"would expand {info.file_size // max(info.compress_size, 1):,} times its packed size "
                "(a zip bomb?)")
    return None


def _is_junk(info: zipfile.ZipInfo, parts: list[str]) -> bool:
    """Folders, and what macOS adds when it zips a folder."""
    return info.is_dir() or parts[0] == "__MACOSX" or parts[-1] == ".DS_Store"


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, never more than it declared (zipfile stops there and checks the CRC)."""
    with archive.open(info) as entry:
        return entry.read(min(info.file_size, MAX_FILE_BYTES) + 1)


def _expected() -> str:
    return ", ".join(FILES)


def from_files(files: Mapping[str, bytes], source: str | None = None) -> Document:
    """A ``Document`` from the bytes of the bundle's files, keyed by file name."""
    problems: list[str] = []
    tables = {table.file: _rows(table, files.get(table.file), problems) for table in TABLES}
    if problems:
        raise ValidationError(problems, source)
    data, origins, names = _assemble(tables, problems)
    if problems:
        raise ValidationError(problems, source)
    try:
        return parse_document(data, source, origin=lambda loc: _longest_prefix(origins, loc))
    except ValidationError as exc:
        raise ValidationError([_locate(problem, names) for problem in exc.problems], source) from None


def _rows(table: Table, data: bytes | None, problems: list[str]) -> list[Row]:
    """The records of one file, each cell converted; layout and cell problems go to ``problems``."""
    if data is None:
        if not table.of_client:
            problems.append(f"{table.file} is missing (a bundle has all of {', '.join(REQUIRED_FILES)}, "
                            "and may have goals.csv and history.csv; a file with only its header row "
                            "means no records)")
        return []
    try:
        lines = csv.reader(io.StringIO(decode_utf8(data), newline=""))
        header = [name.strip() for name in next(lines, [])]
        if not _header_fits(table, header, problems):
            return []
        rows = []
        for line, cells in enumerate(lines, start=2):
            if any(cells):
                rows.append((line, _values(table, header, cells, f"{table.file} line {line}", problems)))
    except ValidationError as exc:
        problems.extend(f"{table.file} {problem}" for problem in exc.problems)
        return []
    except csv.Error as exc:
        problems.append(f"{table.file} line {lines.line_num}: cannot be read as CSV ({exc})")
        return []
    if table.section == "client" and len(rows) != 1:
        problems.append(f"client.csv must have exactly one row after the header, found {len(rows)}")
    return rows


def _header_fits(table: Table, header: list[str], problems: list[str]) -> bool:
    before = len(problems)
    if not any(header):
        problems.append(f"{table.file} has no header row (expected: {','.join(table.columns)})")
        return False
    for name in dict.fromkeys(header):
        if not name:
            problems.append(f"{table.file}: a column has no name in the header row")
        elif name not in table.columns:
            problems.append(f"{table.file}: unknown column '{name}' (is it a typo? the columns are "
                            f"{', '.join(table.columns)})")
        elif header.count(name) > 1:
            problems.append(f"{table.file}: column '{name}' appears more than once")
    problems.extend(f"{table.file}: column '{name}' is required" for name in sorted(table.required)
                    if name not in header)
    return len(problems) == before


def _values(table: Table, header: list[str], cells: list[str], place: str, problems: list[str]) -> dict:
    """One row as the JSON values it stands for: empty cells left out, numbers and lists converted."""
    if len(cells) > len(header) and any(cells[len(header):]):
        problems.append(f"{place}: has {len(cells)} cells but the header has {len(header)} columns")
    values = {}
    for column, cell in zip(header, cells, strict=False):
        if cell:
            try:
                values[column] = _value(column, restore(cell))
            except ValidationError as exc:
                problems.extend(f"{place}: {column} {problem}" for problem in exc.problems)
    for field in table.nested:
        inner = {column.removeprefix(f"{field}_"): values.pop(column) for column in list(values)
                 if column.startswith(f"{field}_")}
        if inner:
            values[field] = inner
    return values


def _value(column: str, cell: str) -> Any:
    """A cell as its JSON value; what cannot be converted is left as text for the model to refuse."""
    if column in INTEGER_COLUMNS:
        return _integer(cell)
    if column in BOOLEAN_COLUMNS:
        return _BOOLEANS.get(cell.strip().lower(), cell)
    if column == "problem_areas":
        return [word.strip() for word in cell.split(";") if word.strip()]
    if column == "items":
        return [_integer(item) for item in _ITEM_SEPARATORS.split(cell.strip()) if item]
    if column in JSON_COLUMNS:
        try:
            items = parse_json(cell)
        except ValidationError:
            items = None
        if not isinstance(items, list):
            raise ValidationError(f"must be a JSON list, such as {JSON_COLUMNS[column]}")
        return items
    return cell


def _integer(cell: str) -> int | str:
    number = _INTEGER.fullmatch(cell)
    return int(number.group(1)) if number else cell


def _assemble(tables: dict[str, list[Row]], problems: list[str]) -> tuple[dict, dict, dict]:
    """The document dict, where each record came from, and each record's name -> its places.

    Rows of goals.csv and history.csv join the client; rows of ties.csv, links.csv and mood.csv join
    the first session with their ``session`` number.
    """
    origins: dict[tuple, str] = {}
    names: dict[str, list[tuple[str, int]]] = {}
    sections: dict[str, Any] = {}
    for table in (t for t in TABLES if not t.per_session):
        sections[table.section] = []
        at = ("client", table.section) if table.of_client else (table.section,)
        origins[at] = table.file
        for index, (line, values) in enumerate(tables[table.file]):
            _name(names, table, line, values | {"index": index + 1})
            origins[(*at, index)] = f"{table.file} line {line}"
            sections[table.section].append(values | ({"ties": [], "links": [], "mood": []}
                                                     if table.section == "sessions" else {}))
    client = sections["client"][0] | {table.section: sections[table.section] for table in TABLES
                                      if table.of_client and sections[table.section]}
    sessions = sections["sessions"]
    position: dict[int, int] = {}
    for index, session in reversed(list(enumerate(sessions))):
        if isinstance(session.get("number"), int):
            position[session["number"]] = index
    for table in (t for t in TABLES if t.per_session):
        for line, values in tables[table.file]:
            number = values.pop("session", None)
            if number not in position:
                problems.append(f"{table.file} line {line}: {_session_problem(number)}")
                continue
            records = sessions[position[number]][table.section]
            _name(names, table, line, values | {"session": number})
            origins[("sessions", position[number], table.section)] = table.file
            origins[("sessions", position[number], table.section, len(records))] = f"{table.file} line {line}"
            records.append(values)
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "client": client,
            "people": sections["people"], "sessions": sessions}
    return data, origins, names


def _session_problem(number: Any) -> str:
    if number is None:
        return "session is required (the number of a session in sessions.csv)"
    if isinstance(number, int):
        return f"session {number} is not in sessions.csv"
    return f"session must be the number of a session in sessions.csv, got {number!r}"


def _name(names: dict[str, list[tuple[str, int]]], table: Table, line: int, values: dict) -> None:
    try:
        name = _RECORD_NAMES[table.section].format_map(values)
    except KeyError:
        return
    names.setdefault(name, []).append((table.file, line))


def _longest_prefix(origins: dict[tuple, str], loc: tuple) -> str | None:
    return next((origins[loc[:end]] for end in range(len(loc), 0, -1) if loc[:end] in origins), None)


def _locate(problem: str, names: dict[str, list[tuple[str, int]]]) -> str:
    """Put the file and line(s) before a problem that names a record but no place."""
    if problem.startswith(FILES):
        return problem
    for separator in re.finditer(": ", problem):
        places = names.get(problem[: separator.start()])
        if places:
            lines = [str(line) for _, line in places]
            where = f"{places[0][0]} line{'s' if len(lines) > 1 else ''} {', '.join(lines)}"
            return f"{where}, {problem}"
    return problem
