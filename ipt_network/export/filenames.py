"""Download file names that are safe on every system and say what the file holds.

A client label is typed by a person ("Ana", "Jo/Ann", "..\\con"), and a browser or an operating
system may act on what a file name contains: path separators, control characters, a leading dot
(a hidden file), Windows device names such as ``CON``. Names are folded to lower-case ASCII
letters, digits and hyphens, so ``Inés Núñez`` gives ``ines-nunez``.

When names are hidden the file name carries no client label either, nor the client id (ids are
often built from names, such as ``c-ana``): the file is called ``client-…``.
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 80
"""Longest part of a file name before its extension; far below every file system's limit."""

ANONYMOUS = "client"
"""What a file is named after when names are hidden, or when a label has no usable letter."""

WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})
"""Names Windows treats as devices whatever their extension (``nul.txt`` is the device NUL)."""


def slug(text: str) -> str:
    """``text`` as lower-case ASCII words joined by hyphens; ``""`` when nothing usable is left.

    >>> slug("Inés Núñez"), slug("../../etc/passwd"), slug(" .hidden\\x00name ")
    ('ines-nunez', 'etc-passwd', 'hidden-name')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def safe_filename(stem: str, extension: str) -> str:
    """A file name from any text: slugged, capped at ``MAX_STEM`` characters, never a device name.

    >>> safe_filename("CON", "png"), safe_filename("", "md"), safe_filename("x" * 200, "pdf") == "x" * 80 + ".pdf"
    ('con-file.png', 'client.md', True)
    """
    name = slug(stem)[:MAX_STEM].rstrip("-") or ANONYMOUS
    if name in WINDOWS_DEVICES:
        name += "-file"
    return f"{name}.{slug(extension) or 'bin'}"


def download_name(label: str, what: str, extension: str, *, session: int | None = None,
                  hide_names: bool = False) -> str:
    """The suggested name of an export: ``ana-session-08-network.png``, ``client-course.json``.

    ``label`` is the client's label; it is left out when ``hide_names`` is set. Session numbers
    are padded to two digits so files sort in session order.

    >>> download_name("Ana", "network", "png", session=8)
    'ana-session-08-network.png'
    >>> download_name("Ana", "note", "pdf", session=12, hide_names=True)
    'client-session-12-note.pdf'
    """
    parts = [ANONYMOUS if hide_names else (slug(label)[:40].rstrip("-") or ANONYMOUS)]
    if session is not None:
        parts.append(f"session-{session:02d}")
    parts.append(what)
    return safe_filename("-".join(parts), extension)
