"""The dashboard in real Chromium on a 60-person, 16-session client: first load, session change, server time.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_dashboard``. Prints medians
next to the targets of the review page:

- first page load to a drawn network ≤ 2 s (with an empty browser cache, and with a warm one);
- a session change (ArrowRight on the slider) to the new network painted ≤ 150 ms, timed inside
  the page from the key event to the first animation frame after plotly has the new figure;
- server time per session change ≤ 30 ms: the processor time the server spends on every callback
  request that one change causes, measured around the WSGI app (request read to response written)
  with the request thread's clock. The requests run at once on threads that share one interpreter
  lock, so their wall times overlap and add up to more; that sum is printed too;
- against what Dash and plotly need anyway, in the same run: the cold first load ≤ 1.3 x a bare Dash
  page holding only the same network figure (loads interleaved), and the session change ≤ 1.1 x a
  bare ``Plotly.react`` from one session's network figure to the next's in the same page.

The app runs as in production (werkzeug, threads) on a fresh SQLite file holding the sample
clients and ``benchmarks.synthetic.make_document()``.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import dash
from dash import dcc
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from benchmarks.synthetic import make_document
from ipt_network.formats import read_document
from ipt_network.store import Store
from ipt_network.ui import create_app

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "samples").glob("*.json"))
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
CLIENT = "c-bench"
START_SESSION = 8
SETTLE_MS = 900
"""Quiet time after each change (the 0.5 s glide and the other panels) before the next one."""

NETWORK_PAINTED = """() => {
    const gd = document.querySelector('#network-graph .js-plotly-plot');
    return !!gd && gd.querySelectorAll('.scatterlayer .point').length > 0;
}"""
"""The network's markers are in the page (plotly has drawn it)."""

MEASURE_CHANGE = """() => new Promise(resolve => {
    const gd = document.querySelector('#network-graph .js-plotly-plot');
    const thumb = document.querySelector('#session-slider [role=slider]');
    const before = gd.data;
    let pressed = null;
    thumb.addEventListener('keydown', event => { pressed = event.timeStamp; }, {once: true, capture: true});
    const frame = now => {
        if (pressed !== null && gd.data !== before) { resolve(now - pressed); return; }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""
"""Milliseconds from the key press to the first animation frame after plotly received the new figure
(plotly draws in the same task that swaps ``gd.data``; this frame is the one that paints it)."""


class CallbackTimer:
    """WSGI middleware recording the server time of each callback request (processor and wall) and what
    it updated."""

    def __init__(self, app: Callable):
        self.app = app
        self.records: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/_dash-update-component":
            return self.app(environ, start_response)
        start, start_cpu = time.perf_counter(), time.thread_time()
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        response = b"".join(self.app(environ, start_response))
        elapsed, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        outputs = json.loads(body).get("output", "?")
        with self._lock:
            self.records.append((outputs, cpu, elapsed))
        return [response]

    def take(self) -> list[tuple[str, float, float]]:
        with self._lock:
            taken, self.records = self.records, []
        return taken


TOKEN = "bench"
"""The launch token of the served app; each browser context signs in with it once, before timing."""


def signed_in_context(browser, url: str):
    """A fresh browser context that has opened the address with the token, as a person does once."""
    context = browser.new_context(viewport=VIEWPORT)
    context.request.get(urlsplit(url)._replace(path="/", query=f"token={TOKEN}").geturl())
    return context


def serve(db_url: str) -> tuple[str, CallbackTimer, Callable[[], None]]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in the report
    app = create_app(db_url, token=TOKEN)
    timer = CallbackTimer(app.server.wsgi_app)
    app.server.wsgi_app = timer
    url, stop = serve_wsgi(app.server)
    return url, timer, stop


def serve_wsgi(wsgi_app: Callable) -> tuple[str, Callable[[], None]]:
    """``wsgi_app`` on a free loopback port, as in production (werkzeug, threads): its address, and how to stop it."""
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join(5)

    return f"http://127.0.0.1:{server.server_port}", stop


def bare_page(figure: dict) -> dash.Dash:
    """A Dash app holding nothing but ``figure``, in a graph with the review page's id: what a first load
    of that figure costs in Dash at the least."""
    app = dash.Dash(__name__)
    app.layout = dcc.Graph(id="network-graph", figure=figure)
    return app


DRAWN_FIGURE = """() => {
    const gd = document.querySelector('#network-graph .js-plotly-plot');
    return JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
}"""
"""The network figure as the page drew it (its data and layout, as plain JSON)."""

BARE_REACT = """figure => new Promise(resolve => {
    const gd = document.querySelector('#network-graph .js-plotly-plot');
    const before = gd.data;
    const start = performance.now();
    Plotly.react(gd, figure.data, figure.layout);
    const frame = now => {
        if (gd.data !== before) { resolve(now - start); return; }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""
"""Milliseconds from a bare ``Plotly.react`` of ``figure`` to the first animation frame after plotly
has it, as ``MEASURE_CHANGE`` times the page's own change (the glide that follows is not counted)."""


def load_ms(page: Page, url: str) -> float:
    """Navigation start to the first frame with the network drawn, as the page's clock sees it."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(NETWORK_PAINTED, polling="raf", timeout=30_000)
    return page.evaluate("performance.now()")


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def report(what: str, value: float, target: float | None, unit: str = "ms") -> None:
    verdict = "" if target is None else f"   (target <= {target:g} {unit}: {'ok' if value <= target else 'MISSED'})"
    print(f"  {what:<52} median {value:8.1f} {unit}{verdict}")


def first_loads(browser, url: str, bare_url: str, repeats: int) -> tuple[list[float], list[float], list[float]]:
    """Cold loads of the review page and of the bare page, interleaved so both meet the same machine;
    then warm loads of the review page."""
    cold, bare = [], []
    for _ in range(repeats):
        for target, times in ((url, cold), (bare_url, bare)):
            context = signed_in_context(browser, target)
            times.append(load_ms(context.new_page(), target))
            context.close()
    context = signed_in_context(browser, url)
    page = context.new_page()
    load_ms(page, url)  # fills this context's cache
    warm = [load_ms(page, url) for _ in range(repeats)]
    context.close()
    return cold, warm, bare


def drawn_figure(browser, url: str) -> dict:
    """The network figure the review page draws at ``url``."""
    context = signed_in_context(browser, url)
    page = context.new_page()
    load_ms(page, url)
    figure = page.evaluate(DRAWN_FIGURE)
    context.close()
    return figure


def session_changes(browser, url: str, timer: CallbackTimer, repeats: int) -> tuple[list[float], list[list],
                                                                                 list[float]]:
    """Session changes on the slider (one session on and back), then, in the same page, bare
    ``Plotly.react`` calls between the same two figures."""
    context = signed_in_context(browser, url)
    page = context.new_page()
    load_ms(page, url)
    page.wait_for_timeout(2 * SETTLE_MS)
    page.focus("#session-slider [role=slider]")
    timer.take()
    painted, per_change, figures = [], [], []
    for i in range(repeats):
        page.evaluate(f"() => {{ window.sessionChange = ({MEASURE_CHANGE})(); }}")  # not awaited: armed
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        painted.append(page.evaluate("() => window.sessionChange"))
        page.wait_for_timeout(SETTLE_MS)
        per_change.append(timer.take())
        if len(figures) < 2:
            figures.append(page.evaluate(DRAWN_FIGURE))
    reacts = []
    for i in range(repeats):
        reacts.append(page.evaluate(BARE_REACT, figures[i % 2]))
        page.wait_for_timeout(SETTLE_MS)
    context.close()
    return painted, per_change, reacts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/bench.db"
        doc = make_document()
        with Store.open(db_url) as store:
            store.import_documents([*(read_document(path) for path in SAMPLES), doc])
        url, timer, stop = serve(db_url)
        page_url = f"{url}/client/{CLIENT}?session={START_SESSION}"
        people = len(doc.session(START_SESSION).ties)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
                bare_url, stop_bare = serve_wsgi(bare_page(drawn_figure(browser, page_url)).server)
                try:
                    cold, warm, bare = first_loads(browser, page_url, bare_url, max(5, args.repeats // 2))
                finally:
                    stop_bare()
                painted, per_change, reacts = session_changes(browser, page_url, timer, args.repeats)
                browser.close()
        finally:
            stop()

    print(f"Review page of a synthetic client: {len(doc.people)} people ({people} in session {START_SESSION}), "
          f"{len(doc.sessions)} sessions; Chromium {VIEWPORT['width']}x{VIEWPORT['height']}")
    report(f"first load to drawn network, empty cache (n={len(cold)})", median(cold), 2000)
    report(f"first load to drawn network, warm cache (n={len(warm)})", median(warm), 2000)
    report(f"  a bare Dash page of the same figure, interleaved (n={len(bare)})", median(bare), None)
    report("  ratio: review page / bare page", median(cold) / median(bare), 1.3, "x")
    report(f"session change: key press to painted network (n={len(painted)})", median(painted), 150)
    report(f"  a bare Plotly.react between the same figures (n={len(reacts)})", median(reacts), None)
    report("  ratio: session change / bare Plotly.react", median(painted) / median(reacts), 1.1, "x")
    report("server time per session change (processor, all callbacks)",
           median(sum(cpu for _, cpu, _ in change) * 1000 for change in per_change), 30)
    report("  the same callbacks' wall times, summed (they overlap)",
           median(sum(wall for _, _, wall in change) * 1000 for change in per_change), None)
    report("callback requests per session change", median(len(change) for change in per_change), None, "")
    by_callback: defaultdict[str, list[float]] = defaultdict(list)
    for change in per_change:
        for outputs, cpu, _ in change:
            by_callback[outputs].append(cpu * 1000)
    print("  server processor time of each callback (median over the changes that ran it):")
    for outputs, times in sorted(by_callback.items(), key=lambda item: -median(item[1])):
        print(f"    {median(times):7.1f} ms  x{len(times):<3} {outputs[:90]}")


if __name__ == "__main__":
    main()
