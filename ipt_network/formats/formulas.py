"""Spreadsheet formula injection: neutralising text cells on export, reversing it on import.

A spreadsheet runs a cell beginning with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, tab,
carriage return or NUL) as a formula, so a note such as ``=HYPERLINK(...)`` could act when a CSV
file is opened. Export puts a ``'`` before such text, which spreadsheets show as plain text (OWASP
ASVS 5, requirement 1.2.10). So that import can undo exactly that and nothing else, text that
already begins with quotes followed by one of those characters gets one more quote; a note like
``'tis the season`` is never touched.
"""

from __future__ import annotations

import re

FORMULA_STARTS = "=+-@\t\r\0"
"""Characters that make a spreadsheet treat a cell as a formula."""

_QUOTED_FORMULA = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet; ``restore`` gives it back exactly."""
    return "'" + text if _QUOTED_FORMULA.match(text) else text


def restore(cell: str) -> str:
    """The text a neutralised cell stood for (cells that were never neutralised come back unchanged)."""
    return cell[1:] if cell.startswith("'") and _QUOTED_FORMULA.match(cell, 1) else cell
