"""Download file names: safe on every system, and free of the client's label when names are hidden."""

from __future__ import annotations

import pytest

from ipt_network.export.filenames import MAX_STEM, download_name, safe_filename


@pytest.mark.parametrize("label, expected", [
    ("Ana", "ana-session-08-network.png"),
    ("Inés Núñez", "ines-nunez-session-08-network.png"),  # folded to ASCII
    ("../../etc/passwd", "etc-passwd-session-08-network.png"),  # no path separators
    ("..\\..\\Windows\\win.ini", "windows-win-ini-session-08-network.png"),
    (".hidden", "hidden-session-08-network.png"),  # no leading dot
    ("Jo\x00\r\nAnn\t", "jo-ann-session-08-network.png"),  # no control characters
    ("李", "client-session-08-network.png"),  # nothing usable left
    ('A "quoted"; name=x', "a-quoted-name-x-session-08-network.png"),  # nothing a header could misread
])
def test_labels_become_safe_file_names(label, expected):
    assert download_name(label, "network", "png", session=8) == expected


def test_windows_device_names_are_never_produced():
    assert safe_filename("CON", "txt") == "con-file.txt"
    assert safe_filename("lpt1", "md") == "lpt1-file.md"
    assert download_name("nul", "course", "json") == "nul-course.json"  # not a device with a suffix after it


def test_long_labels_are_capped():
    name = download_name("x" * 500, "note", "pdf", session=12)
    assert name == "x" * 40 + "-session-12-note.pdf"
    assert len(safe_filename("y" * 500, "pdf")) == MAX_STEM + len(".pdf")


def test_hidden_names_keep_the_label_out_of_the_file_name():
    assert download_name("Ana", "note", "pdf", session=3, hide_names=True) == "client-session-03-note.pdf"
    assert download_name("Ana", "course", "zip", hide_names=True) == "client-course.zip"
