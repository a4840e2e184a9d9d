"""Helpers for the browser tests: a local server, a watched tab in Chromium, axe-core.

Chromium is Debian's (never a browser Playwright downloads); axe-core comes from the npm
registry into tests/.cache on first use.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.site_build.sitekit import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_PACKAGE = "axe-core@4"
NPM_QUIET = ("--no-audit", "--no-fund", "--no-package-lock", "--no-save")
CACHE = REPO / "tests" / ".cache"
TIMEOUT_MS = 5_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output free of one line per request."""


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Watched:
    """A browser tab and everything it did that a test must check afterwards."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_tab(
    browser: Any, color_scheme: str = "light", *, for_axe: bool = False, width: int = 1280
) -> tuple[Any, Watched]:
    """A fresh tab; ``for_axe`` lets the test inject axe-core past the site's own CSP."""
    context = browser.new_context(
        color_scheme=color_scheme,
        service_workers="block",
        bypass_csp=for_axe,
        viewport={"width": width, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    watched = Watched(context.new_page())

    def route(route: Any) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            watched.other_hosts.append(url)
            route.abort()

    context.route("**/*", route)
    page = watched.page
    page.on("console", lambda m: m.type == "error" and watched.console_errors.append(m.text))
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))

    def dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return context, watched


def check_clean(watched: Watched) -> None:
    assert watched.console_errors == []
    assert watched.other_hosts == []
    assert watched.dialogs == []


def violations(page: Any, axe_source: str) -> list[str]:
    """Every axe-core violation, whatever its impact."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


# A phone, a laptop, and the height of a phone's screen.
PHONE, LAPTOP, SCREEN_HEIGHT = 390, 1366, 844
# Pictures for people to look at after a run (the folder is ignored by git).
OUTPUT = REPO / "test-output"
