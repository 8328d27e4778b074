"""The interchange formats: JSON (one file; version 2 written, 1 and 2 read), the CSV bundle (a folder
or a .zip of eight files, two of them optional), and GraphML (one session, as written by
``export --format graphml`` or edited in Gephi).

Every reader is all-or-nothing and turns any file, however damaged or hostile, into either a valid
``Document`` or a ``ValidationError`` naming the file, record and field of each problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ipt_network.errors import ValidationError
from ipt_network.formats import csv_bundle, graphml, json_v1
from ipt_network.model import Document

Format = Literal["json", "csv"]


def read_document(path: str | Path) -> Document:
    """Read a JSON file (``.json``, version 1 or 2), a CSV bundle (a folder or ``.zip``) or one session's
    ``.graphml``."""
    path = Path(path)
    if path.is_dir() or path.suffix.lower() == ".zip":
        return csv_bundle.read(path)
    if path.suffix.lower() == ".json":
        return json_v1.read(path)
    if path.suffix.lower() == ".graphml":
        return graphml.read(path)
    if not path.exists():
        raise ValidationError("no such file or folder", str(path))
    raise ValidationError("is neither a .json file, a CSV bundle (a folder or a .zip) nor a .graphml file", str(path))


def write_document(doc: Document, path: str | Path, fmt: Format | None = None) -> None:
    """Write ``doc`` as JSON (version 2) or as a CSV bundle; without ``fmt``, ``.json`` means JSON, else CSV.

    A CSV bundle goes to a zip when ``path`` ends in ``.zip``, otherwise to a folder.
    """
    path = Path(path)
    if (fmt or ("json" if path.suffix.lower() == ".json" else "csv")) == "json":
        json_v1.write(doc, path)
    else:
        csv_bundle.write(doc, path)
