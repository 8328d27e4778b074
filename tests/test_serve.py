"""``ipt-network serve`` and ``demo`` as real processes: start-up line, browser, door, Ctrl+C.

The browser is whatever ``$BROWSER`` names (Python's webbrowser module honours it): here a small
program that writes down the address it was asked to open.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipt_network.cli import main
from tests.conftest import ROOT, SAMPLES

STARTED = re.compile(r"^ipt-network is running at (http://127\.0\.0\.1:(\d+)/\?token=(\S+))  \(Ctrl\+C to stop\)$")


def test_demo_without_serving_loads_every_sample_from_the_package(db_url):
    result = CliRunner().invoke(main, ["--db", db_url, "demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^  (c-\S+)  ", result.output, re.M)
    assert len(listed) == len(SAMPLES) >= 4


def test_the_package_finds_the_repository_assets_and_samples():
    # One code path: importlib.resources, here from the checkout, in a wheel from inside it.
    assert Path(str(files("ipt_network.assets"))) == ROOT / "assets"
    assert Path(str(files("ipt_network.samples"))) == ROOT / "data" / "samples"


@pytest.fixture
def serving(db_url, tmp_path) -> Iterator[tuple[subprocess.Popen, re.Match, Path]]:
    """``serve`` started as from a terminal, with $IPT_NETWORK_TOKEN set and the browser recorded."""
    opened = tmp_path / "opened.txt"
    recorder = f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])"
    env = {**os.environ, "IPT_NETWORK_TOKEN": "from-the-environment",
           "BROWSER": f"{shlex.quote(sys.executable)} -c {shlex.quote(recorder)} %s"}
    process = subprocess.Popen(
        [sys.executable, "-m", "ipt_network", "--db", db_url, "serve", "--port", "0", "--no-backup"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # Ctrl+C as in a terminal
    try:
        started = STARTED.match(process.stdout.readline().rstrip("\n"))
        assert started, process.stderr.read()
        yield process, started, opened
    finally:
        process.kill()
        process.wait(10)


def status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    answer = connection.getresponse().status
    connection.close()
    return answer


def test_serve_prints_one_start_up_line_opens_the_browser_and_stops_cleanly_on_ctrl_c(serving):
    process, started, opened = serving
    address, port, token = started.group(1), int(started.group(2)), started.group(3)
    assert token == "from-the-environment"
    assert status(port, "/") == 401
    assert status(port, f"/?token={token}") == 302
    deadline = time.monotonic() + 60
    while not (opened.exists() and opened.read_text()):  # the browser starts beside the server
        assert time.monotonic() < deadline, "no browser was opened"
        time.sleep(0.05)
    assert opened.read_text() == address

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert out == "ipt-network stopped.\n"
    assert "Traceback" not in err
    assert "development server" not in err
