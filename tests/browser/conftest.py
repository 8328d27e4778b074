"""The real dashboard in Debian's Chromium: a live server on a fresh database, and a watchful page.

Every browser test is watched (``watch_page`` is autouse): at the end it fails if the page logged a
console error, threw, or asked for anything outside the app's own origin (health data must never
leave the machine).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from ipt_network.formats import read_document
from ipt_network.store import Store
from ipt_network.ui import create_app
from tests.conftest import SAMPLES

expect.set_options(timeout=15_000)
# Every expectation waits on its condition; on a 2-core machine shared with other work the page can
# take longer than Playwright's 5 s default to reach it, without being wrong.

GRAPH_DRAWN = "() => document.querySelector('#network-graph .js-plotly-plot')?.data?.length > 0"
"""True once plotly has drawn the network (it loads asynchronously)."""


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    """The test's own handle on the app's database, loaded with the sample clients."""
    with Store.open(db_url) as opened:
        for path in SAMPLES:
            opened.import_document(read_document(path))
        yield opened


@pytest.fixture
def app_url(store, db_url) -> Iterator[str]:
    """The dashboard served on a free loopback port, over the test's database."""
    server = make_server("127.0.0.1", 0, create_app(db_url).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join(5)


@pytest.fixture(autouse=True)
def watch_page(page, app_url) -> Iterator[list[str]]:
    """Fail the test on any console error, page error, or request leaving the app's origin.

    Yields the list of problems seen, so a test that provokes one on purpose can take it back.
    """
    problems = watch(page, app_url)
    yield problems
    assert problems == []


def watch(page, app_url: str) -> list[str]:
    """Start collecting the page's console errors, page errors and requests outside the app (for a
    second tab, which ``watch_page`` does not see)."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(
        f"console error: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: request.url.startswith((app_url, "data:")) or problems.append(
        f"request outside the app: {request.url}"))
    return problems
