"""Fixtures shared by the whole suite: the DESIGN section 4 example and the sample clients."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ipt_network.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.json"))

ANA = {
    "format": "ipt-network",
    "version": 1,
    "client": {"id": "c-ana", "label": "Ana", "problem_areas": ["role_dispute"],
               "start_date": "2026-01-05", "notes": ""},
    "people": [
        {"id": "p-mum", "name": "Mum", "role": "parent", "deceased_on": None, "notes": ""},
        {"id": "p-dan", "name": "Dan", "role": "partner", "deceased_on": None, "notes": ""},
    ],
    "sessions": [
        {"number": 1, "date": "2026-01-05", "phase": "initial", "notes": "", "events": [],
         "ties": [
             {"person": "p-mum", "circle": 1, "support": 6, "conflict": 8, "contact": "weekly"},
             {"person": "p-dan", "circle": 1, "support": 4, "conflict": 7, "focus": "role_dispute",
              "note": "arguments about money"},
         ],
         "links": [{"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7}],
         "mood": [{"instrument": "PHQ-9", "score": 18, "items": [2, 2, 2, 2, 2, 2, 2, 2, 2]}]},
    ],
}
"""The example of DESIGN section 4, as a plain dict (what json.load gives)."""


@pytest.fixture
def ana_data() -> dict:
    """A fresh copy of the DESIGN example, safe to corrupt in a test."""
    return copy.deepcopy(ANA)


@pytest.fixture
def db_url(tmp_path) -> str:
    """A SQLite database URL in a fresh temporary folder."""
    return f"sqlite:///{tmp_path / 'ipt.db'}"


CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Every test that opens a page gets Debian's Chromium, one browser for the whole run."""
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "headless": True,
            "args": CHROME_FLAGS}


@pytest.fixture
def store(db_url):
    """An open store over the test's own empty database (modules that need it filled override it)."""
    with Store.open(db_url) as opened:
        yield opened
