"""The JSON interchange format (DESIGN sections 4 and 9): strict reading, canonical writing, schema.

Versions 1 and 2 are read (a version 1 file reads as version 2, its new fields at their
defaults: see ``model.NEW_IN_VERSION_2``); version 2 is written. The module keeps the name of the
format's first version, which its readers and writers still accept.

Reading refuses what the standard ``json`` module would quietly accept: NaN and Infinity,
duplicate keys (the last value would silently win), unpaired surrogate escapes, integers too
long to be ratings, and files that are too large or too deeply nested (see ``limits``).

Writing is canonical, so a document always gives the same bytes: every field of every record in
the model's order, two-space indentation, and each record whose values are all plain (a tie, a
link, a person) on one line. ``loads(dumps(doc)) == doc`` for every valid document.

Regenerate the published schema of version 2 with::

    python -m ipt_network.formats > docs/ipt-network-v2.schema.json

The schema of version 1 (docs/ipt-network-v1.schema.json) is kept as it was published.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ipt_network.errors import ValidationError
from ipt_network.formats.atomic import write_atomic
from ipt_network.formats.limits import MAX_DEPTH, MAX_FILE_BYTES, check_depth, decode_utf8, read_capped, too_large
from ipt_network.model import Document, parse_document

SCHEMA_ID = "https://ipt-network.invalid/schema/ipt-network-v2.schema.json"
"""Identifies the schema; the ``.invalid`` domain (RFC 2606) means it is a name, never fetched."""

MAX_INTEGER_DIGITS = 20
"""Longer integers are refused while parsing (no field of the format comes close)."""

_UNPAIRED_SURROGATE = re.compile(r"[\ud800-\udfff]")
_RECORD_KEYS = ("id", "person", "number", "instrument", "a")
"""Keys that identify an object, to say which object holds a duplicate key."""


def parse_json(text: bytes | str) -> Any:
    """Strict JSON text (UTF-8 bytes or str) to plain Python data; problems raise ``ValidationError``."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise too_large("the JSON text")
        text = decode_utf8(text)
    text = text.removeprefix("\ufeff")
    check_depth(text)
    duplicates: list[str] = []
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            object_pairs_hook=lambda pairs: _object_without_duplicates(pairs, duplicates),
        )
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg[0].lower()}{exc.msg[1:]}"
        ) from None
    except ValueError as exc:  # from _refuse_constant or _bounded_int
        raise ValidationError(str(exc)) from None
    if duplicates:
        raise ValidationError(duplicates)
    if ("\\ud" in text or "\\uD" in text) and _has_unpaired_surrogate(data):
        raise ValidationError("contains an unpaired surrogate escape such as \\ud800, which is not text")
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"contains {name}, which is not a number JSON allows; write a number or null")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ValueError(f"contains an integer with more than {MAX_INTEGER_DIGITS} digits")
    return int(digits)


def _object_without_duplicates(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    """Build the object, noting each key that appears twice (json would keep only the last value)."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            known = next((k for k in _RECORD_KEYS if isinstance(obj.get(k), str | int)), None)
            where = f" in the object with {known} {obj[known]!r}" if known else ""
            duplicates.append(f"key {key!r} appears more than once{where}; keep one")
        obj[key] = value
    return obj


def _has_unpaired_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _UNPAIRED_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def loads(data: bytes | str, source: str | None = None) -> Document:
    """A ``Document`` from JSON text of version 1 or 2; ``source`` names the file in messages."""
    try:
        raw = parse_json(data)
        if not isinstance(raw, dict):
            raise ValidationError(f"the top level must be a JSON object {{...}}, got {_json_kind(raw)}")
    except ValidationError as exc:
        raise exc.with_source(source) if source else exc from None
    return parse_document(raw, source)


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def read(path: str | Path) -> Document:
    """Read a JSON file (version 1 or 2); nothing is kept unless the whole file is valid."""
    path = Path(path)
    try:
        data = read_capped(path)
    except ValidationError as exc:
        raise exc.with_source(str(path)) from None
    return loads(data, str(path))


def dumps(doc: Document) -> str:
    """The canonical JSON text (version 2) of ``doc``, ending with a newline."""
    return _format(doc.model_dump(mode="json"), "") + "\n"


def _format(value: Any, indent: str) -> str:
    """Indent containers two spaces per level, but keep plain records and lists on one line."""
    if not _holds_containers(value):
        return json.dumps(value, ensure_ascii=False)
    inner = indent + "  "
    if isinstance(value, dict):
        body = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_format(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(body) + f"\n{indent}}}"
    return "[\n" + ",\n".join(inner + _format(v, inner) for v in value) + f"\n{indent}]"


def _holds_containers(value: Any) -> bool:
    """True for a dict or list that has a dict, or a list holding a dict or list, inside it."""
    if isinstance(value, dict):
        return any(isinstance(v, dict) or (isinstance(v, list) and _holds_containers(v)) for v in value.values())
    if isinstance(value, list):
        return any(isinstance(v, dict | list) for v in value)
    return False


def write(doc: Document, path: str | Path) -> None:
    """Write ``doc`` as canonical UTF-8 JSON, all at once (see ``write_atomic``)."""
    write_atomic(Path(path), dumps(doc).encode("utf-8"))


_SCHEMA_DESCRIPTION = f"""\
One client and their whole course of Interpersonal Psychotherapy: the people in their life, and for \
every session the ties (client to person), links (person to person) and mood scores. Rules beyond \
this schema, checked on import: ids are unique within the file and the client id is not a person's id; \
every tie's person and every link's a and b name a person in people; a link joins two different \
people who both have a tie in that session; at most one tie per person, one link per pair (a-b and \
b-a are the same) and one score per instrument in a session; session numbers are unique; a mood \
score is at most 27 for PHQ-9, 21 for GAD-7, 52 for HAM-D-17 and 10 for mood-0-10; items are given \
only for PHQ-9 (9 items) and GAD-7 (7 items), each 0-3, summing to the score; a session's risk record \
gives a level or a plan only when assessed is true; a session not attended has no ties, links or mood; \
a goal's area is one of the client's problem areas, goal ids are unique, and every goal named by a \
session's goal_progress is one of the client's goals; every person named by an event, the history or \
the relapse plan is in people, at most once each; the onset and the history are dated on or before \
the start date. Version 1 files (without the fields new in version 2: the case frame of the client, \
a person's inventory, a session's attendance, goal progress and risk, a tie's rated, events written \
as objects) are read too. The file is UTF-8 (a \
byte order mark is allowed), at most {MAX_FILE_BYTES // (1024 * 1024)} MiB, nested at most \
{MAX_DEPTH} levels, with no NaN or Infinity and no key repeated within an object. See docs/formats.md."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, generated from ``Document`` (published in docs/)."""
    schema = Document.model_json_schema()
    header = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ipt-network interchange format, version 2",
        "description": _SCHEMA_DESCRIPTION,
    }
    return header | {k: v for k, v in schema.items() if k not in ("title", "description")}


def schema_text() -> str:
    """``json_schema()`` as the text of docs/ipt-network-v2.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
