"""Limits every imported file must respect, and the checks that enforce them cheaply.

Imports come from people's own machines but may be damaged or hostile: these checks run before
any parsing, so that a huge, deeply nested or wrongly encoded file is refused with a plain message
instead of exhausting memory or the stack. docs/formats.md documents every number here.
"""

from __future__ import annotations

import codecs
import re
from itertools import accumulate
from pathlib import Path

from ipt_network.errors import ValidationError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest JSON file, CSV file, zip file or total of a bundle's files (20 MiB).

A course of 16 sessions with 60 people and every link filled in is about 1 MiB of JSON."""

MAX_DEPTH = 16
"""Deepest nesting of JSON arrays and objects; the format itself needs 6 levels."""

MAX_ZIP_ENTRIES = 64
"""Most entries a bundle zip may hold, counting folders and the junk some archivers add."""

MAX_ZIP_RATIO = 100
"""Highest expansion of one zip entry (uncompressed / compressed) beyond ``ZIP_RATIO_FLOOR``."""

ZIP_RATIO_FLOOR = 64 * 1024
"""Entries smaller than this (uncompressed) are not held to ``MAX_ZIP_RATIO``."""

_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
"""A JSON string literal, or an unterminated one running to the end (so a scan never backtracks)."""

_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, refused before reading when it is larger than ``limit``."""
    try:
        if path.stat().st_size > limit:
            raise too_large(path.name, limit)
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise ValidationError(f"cannot be read ({exc.strerror or exc})", path.name) from None
    if len(data) > limit:  # the file grew, or is a device reporting no size
        raise too_large(path.name, limit)
    return data


def too_large(name: str, limit: int = MAX_FILE_BYTES) -> ValidationError:
    return ValidationError(f"is larger than the {limit // (1024 * 1024)} MiB limit for one import", name)


def decode_utf8(data: bytes) -> str:
    """UTF-8 text with an optional byte order mark; anything else is refused with the byte offset."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4]:
        raise ValidationError("looks like UTF-16 or UTF-32 text; please save it as UTF-8")
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skipped
        raise ValidationError(
            f"is not UTF-8 text: the byte at offset {offset} (0x{data[offset]:02x}) cannot be read; "
            "please save it as UTF-8"
        ) from None


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse JSON nested deeper than ``limit`` before a recursive parser ever sees it.

    String literals are removed first (brackets inside text do not count); the scan is linear.
    """
    brackets = re.sub(r"[^\[\]{}]+", "", _JSON_STRING.sub("", text))
    if brackets and max(accumulate(map(_BRACKET_STEP.__getitem__, brackets))) > limit:
        raise ValidationError(f"is nested more than {limit} levels deep; the format needs at most 6")
