"""The product as a therapist installs it: a wheel in a fresh virtual environment, run from elsewhere.

Builds the sdist and the wheel (``python -m build``: the wheel is built from the sdist, so both are
proved complete), installs the wheel into a new virtual environment outside the checkout, and from
an empty temporary folder runs ``ipt-network demo --no-serve`` and ``ipt-network serve``. Then over
HTTP: no token → 401, a foreign Host → 403, the token → the cookie, every script and stylesheet the
page names → 200; in Chromium: the page is styled and lists every sample client. Ctrl+C stops it
cleanly. Run with the checkout's virtual environment (it has build and playwright):

    .venv/bin/python .ci/check_install.py [--screenshot FILE]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = len(list((ROOT / "data" / "samples").glob("*.json")))
TOKEN = "install-check-token"
STARTED = re.compile(r"running at (http://127\.0\.0\.1:(\d+)/\?token=\S+)")


def step(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:5.1f} s] {message}", flush=True)


def run(*command: str | Path, cwd: Path, env: dict) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def get(port: int, path: str, *, host: str | None = None, cookie: str = "") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}", "Cookie": cookie})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def expect_status(response: http.client.HTTPResponse, status: int, what: str) -> None:
    if response.status != status:
        sys.exit(f"failed: {what}: expected {status}, got {response.status}")


def check_http(port: int) -> str:
    """The door and the static files; returns the sign-in cookie."""
    expect_status(get(port, "/"), 401, "a request without the token")
    expect_status(get(port, "/", host=f"evil.example:{port}"), 403, "a request with a foreign Host")
    signed_in = get(port, f"/?token={TOKEN}")
    expect_status(signed_in, 302, "the address with the token")
    cookie = "; ".join(f"{k}={m.value}" for k, m in SimpleCookie(signed_in.headers["Set-Cookie"]).items())
    page = get(port, "/", cookie=cookie)
    expect_status(page, 200, "the page, signed in")
    html = page.body.decode()
    files = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    if len(files) < 10:
        sys.exit(f"failed: the page names only {len(files)} scripts and stylesheets")
    for address in files:
        expect_status(get(port, address, cookie=cookie), 200, address)
    print(f"    {len(files)} scripts and stylesheets answer 200; no token 401; foreign Host 403")
    return cookie


def check_in_browser(url: str, screenshot: Path | None) -> None:
    """The page as the therapist sees it: styled, every sample client listed."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        expect(page.locator("#client-count")).to_have_text(f"{SAMPLES} clients", timeout=30_000)
        styled = page.evaluate("""() => [...document.styleSheets].filter(s => s.cssRules.length > 0).length""")
        font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
        if styled < 2 or "Times" in font:
            sys.exit(f"failed: the page is not styled ({styled} stylesheets with rules, font {font})")
        if screenshot:
            page.screenshot(path=str(screenshot))
        browser.close()
    print(f"    the page lists {SAMPLES} sample clients, styled by {styled} stylesheets")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="Save the served client list as seen at 1366×768.")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ipt-network-install-") as folder:
        tmp = Path(folder)
        work, data = tmp / "work", tmp / "data"
        work.mkdir()
        env = {**os.environ, "XDG_DATA_HOME": str(data), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        env.pop("IPT_NETWORK_DB", None)
        env.pop("IPT_NETWORK_TOKEN", None)

        run(sys.executable, "-m", "build", "--outdir", tmp / "dist", ROOT, cwd=work, env=env)
        wheel, = (tmp / "dist").glob("*.whl")
        step(f"built {wheel.name} ({wheel.stat().st_size / 1024:.0f} KiB) and the sdist", started)
        run(sys.executable, "-m", "venv", tmp / "venv", cwd=work, env=env)
        # --no-compile: byte-compiling plotly's thousands of modules would take most of the time.
        run(tmp / "venv" / "bin" / "pip", "install", "--quiet", "--no-compile", wheel, cwd=work, env=env)
        step("installed the wheel into a fresh virtual environment", started)

        cli = tmp / "venv" / "bin" / "ipt-network"
        demo = run(cli, "demo", "--no-serve", cwd=work, env=env)
        listed = re.findall(r"^  c-\S+", demo, re.M)
        database = re.search(r"Demo database: (\S+)", demo).group(1)
        if len(listed) != SAMPLES:
            sys.exit(f"failed: demo loaded {len(listed)} clients, data/samples has {SAMPLES}\n{demo}")
        step(f"demo --no-serve loaded {SAMPLES} sample clients into {database}", started)

        serve = subprocess.Popen(
            [cli, "--db", database, "serve", "--no-browser", "--token", TOKEN, "--port", "0"],
            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # Ctrl+C works as in a terminal
        try:
            said = []
            while not (found := STARTED.search(line := serve.stdout.readline())):
                if not line:  # serve ended before it started serving
                    sys.exit(f"failed: serve did not start:\n{''.join(said)}{serve.stderr.read()}")
                said.append(line)
            url, port = found.group(1), int(found.group(2))
            step(f"serve started: {''.join(said)}{line.strip()}", started)
            check_http(port)
            check_in_browser(url, args.screenshot)
            step("checked over HTTP and in Chromium", started)
        finally:
            serve.send_signal(signal.SIGINT)
            out, err = serve.communicate(timeout=30)
        if serve.returncode != 0 or "ipt-network stopped." not in out or "Traceback" in err:
            sys.exit(f"failed: Ctrl+C did not stop serve cleanly (status {serve.returncode})\n{out}\n{err}")
        if "development server" in out + err:
            sys.exit(f"failed: serve ran a development server\n{out}\n{err}")
        step(f"Ctrl+C stopped serve cleanly; it wrote {len(err.splitlines())} lines to stderr", started)
    print(f"install check passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
