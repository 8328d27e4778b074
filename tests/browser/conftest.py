"""The real dashboard in Debian's Chromium: a live server on a fresh database, and a watchful page.

A test gets ``app_url`` (and ``store``, its own handle on the same database) from ``served``: a
server and database of its own, or, for a test marked ``reads_only`` (one that changes nothing
stored), the one its module shares with the other such tests, which saves starting a server,
migrating a database and importing the samples for each of them.

Every browser test is watched (``watch_page`` is autouse): at the end it fails if the page logged a
console error, threw, or asked for anything outside the app's own origin (health data must never
leave the machine).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from ipt_network.formats import read_document
from ipt_network.store import Store
from ipt_network.ui import create_app
from tests.conftest import SAMPLES

TOKEN = "browser-test-token"
"""The launch token the served app expects (``ipt-network serve`` would print it in the address)."""

# Assertions wait for their condition up to 15 s (Playwright's default is 5 s): a passing test is as
# fast as before, and one on a machine busy with other work does not fail for want of patience.
expect.set_options(timeout=15_000)

GRAPH_DRAWN = "() => document.querySelector('#network-graph .js-plotly-plot')?.data?.length > 0"
"""True once plotly has drawn the network (it loads asynchronously)."""


@contextmanager
def serving(db_url: str) -> Iterator[tuple[Store, str]]:
    """A database at ``db_url`` loaded with the sample clients, and the dashboard served over it on a
    free loopback port: the test's own handle on the database, and the dashboard's address."""
    with Store.open(db_url) as store:
        for path in SAMPLES:
            store.import_document(read_document(path))
        server = make_server("127.0.0.1", 0, create_app(db_url, token=TOKEN).server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield store, f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()
            thread.join(5)


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory) -> Iterator[tuple[Store, str]]:
    """One server and database for the tests of a module marked ``reads_only``."""
    with serving(f"sqlite:///{tmp_path_factory.mktemp('shared') / 'ipt.db'}") as served:
        yield served


@pytest.fixture
def served(request, db_url) -> Iterator[tuple[Store, str]]:
    """The module's shared server for a test marked ``reads_only``, else a fresh one of its own."""
    if request.node.get_closest_marker("reads_only"):
        yield request.getfixturevalue("shared_server")
        return
    with serving(db_url) as own:
        yield own


@pytest.fixture
def store(served) -> Store:
    """The test's own handle on the app's database, loaded with the sample clients."""
    return served[0]


@pytest.fixture
def app_url(served) -> str:
    """The dashboard's address, served on a free loopback port over ``store``'s database."""
    return served[1]


@pytest.fixture(autouse=True)
def signed_in(context, app_url) -> None:
    """Each browser context opens the address with the token once, as a person opens the printed
    address; the door answers with its cookie, which the context's pages then carry."""
    assert context.request.get(f"{app_url}?token={TOKEN}").ok


@pytest.fixture(autouse=True)
def watch_page(page, app_url) -> Iterator[list[str]]:
    """Fail the test on any console error, page error, or request leaving the app's origin.

    Yields the list of problems seen, so a test that provokes one on purpose can take it back.
    """
    problems = watch(page, app_url)
    yield problems
    assert problems == []


@pytest.fixture
def second_page(page, app_url) -> Iterator:
    """Another tab of the same browser, watched like the first."""
    other = page.context.new_page()
    problems = watch(other, app_url)
    yield other
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
