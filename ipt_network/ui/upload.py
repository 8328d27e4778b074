"""From a file dropped on the import control to a valid ``Document``, by the same door as the CLI.

The browser sends the file as a base64 data URL. It is written to a private temporary folder and
read by ``formats.read_document``, so a refused upload shows exactly the messages that
``ipt-network import`` prints, attributed to the name the person chose.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path, PurePath

from ipt_network.errors import ValidationError
from ipt_network.formats import read_document
from ipt_network.formats.limits import MAX_FILE_BYTES, too_large
from ipt_network.model import Document

SUFFIXES = (".json", ".zip")
"""What the import control accepts: a JSON v1 file or a CSV bundle zipped."""


def display_name(filename: str | None) -> str:
    """The file's own name, without any folder the browser may have sent (``/`` or ``\\``)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name not in ("", ".", "..") else "the uploaded file"


def _decoded(contents: str, name: str) -> bytes:
    _, _, encoded = contents.partition(";base64,")
    if len(encoded) > MAX_FILE_BYTES * 4 // 3 + 4:
        raise too_large(name)
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("could not be read from the browser; please choose it again", name) from None
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name)
    return data


def read_upload(contents: str, filename: str | None) -> Document:
    """The document in an uploaded file; ``ValidationError`` naming the file and every problem."""
    name = display_name(filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError("is not a JSON file (.json) or a CSV bundle (.zip)", name)
    data = _decoded(contents, name)
    with tempfile.TemporaryDirectory(prefix="ipt-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_document(path)
        except ValidationError as exc:
            raise exc.with_source(name) from None
