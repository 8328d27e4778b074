"""Static pictures of plotly figures (PNG, SVG, PDF), drawn by kaleido in Debian's Chromium.

Launching Chromium for each picture costs about 3 s; kaleido's warm exporter (one browser kept
open for the life of the process) draws one in about 0.3 s. That exporter is shared state and
not thread-safe: without a lock, 19 of 24 concurrent calls returned *another call's* picture,
which here would put one client's network in another client's note. So every call, and the
lazy start, go through one lock.

Nothing is fetched from outside: kaleido uses the plotly.js bundled with plotly, and MathJax is
turned off (otherwise kaleido adds a script tag pointing at a CDN).
"""

from __future__ import annotations

import os
import threading
from typing import Literal

import kaleido
from choreographer.browsers.chromium import Chromium

from ipt_network.errors import IPTNetworkError

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: tuple[ImageFormat, ...] = ("png", "svg", "pdf")

PNG_SCALE = 2
"""PNG pixels per layout pixel: sharp when printed or shown on a high-density screen."""

_lock = threading.Lock()
_started = False


class PicturesUnavailableError(IPTNetworkError):
    """No Chromium-based browser is installed, so no picture can be drawn."""

    def __init__(self) -> None:
        super().__init__("Pictures need Chromium: install the 'chromium' package "
                         "(for example: sudo apt-get install chromium), then try again.")


def _browser_found() -> bool:
    """True when kaleido will find a browser it can run (``BROWSER_PATH`` or the usual names)."""
    path = Chromium.find_browser(skip_local=False)
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def _start_once() -> None:
    """Start the warm exporter on first use; the caller holds ``_lock``.

    The browser is checked first: kaleido's server thread would otherwise die on start and
    leave every later call waiting for ever.
    """
    global _started
    if _started:
        return
    if not _browser_found():
        raise PicturesUnavailableError()
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _started = True


def warm_up() -> None:
    """Start the exporter now (a server may call this at start-up, so the first picture is quick)."""
    with _lock:
        _start_once()


def figure_image(figure: dict, fmt: ImageFormat, *, width: int, height: int | None = None) -> bytes:
    """The figure drawn as PNG, SVG or PDF bytes, ``width`` layout pixels wide.

    ``height`` defaults to the figure's own. PNGs are drawn at ``PNG_SCALE`` times the layout
    size; SVG and PDF are vectors. Raises ``PicturesUnavailableError`` when no browser is found.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"picture format must be one of {', '.join(IMAGE_FORMATS)}, got {fmt!r}")
    options = {"format": fmt, "width": width, "height": height or figure["layout"]["height"],
               "scale": PNG_SCALE if fmt == "png" else 1}
    with _lock:
        _start_once()
        # the same call plotly.io.to_image makes, without its per-call warning about kopts
        return kaleido.calc_fig_sync(figure, opts=options)
