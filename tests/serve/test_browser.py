"""``stratui serve`` in a real browser: headless Chromium (Debian's ``chromium``) driven
by Playwright, with no browser downloaded. A teammate opens their personal link, types a
commitment through the page, and the store has it, owned by them; a browser killed
mid-session leaves no app process once the idle time has passed.

Without Chromium these tests are skipped, unless ``STRATUI_REQUIRE_BROWSER`` is set (CI
installs Chromium and sets it: a missing browser fails there rather than skipping).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ._served import Served, children, stratui, wait_until

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = next(
    (p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium")) if p and Path(p).exists()),
    None,
)
if CHROMIUM is None:
    if os.environ.get("STRATUI_REQUIRE_BROWSER"):
        raise RuntimeError("STRATUI_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

FONTS = re.compile(r"https://fonts\.(googleapis|gstatic)\.com/.*")  # no network here
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z])")


@pytest.fixture
def store(tmp_path):
    store = tmp_path / "store"
    for name in ("ana", "ben"):
        stratui(store, "person", "add", name)
    stratui(store, "team", "add", "Platform", "--members", "ana,ben")
    return store


class Page:
    """A browser page on a personal link, reading what the app draws from its socket
    (the terminal draws on a canvas: the text is in the frames, not in the DOM)."""

    def __init__(self, page) -> None:
        self.page = page
        self.received = bytearray()
        page.route(FONTS, lambda route: route.abort())
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes):
            self.received.extend(payload)

    def text(self) -> str:
        return " ".join(ESCAPES.sub(b" ", bytes(self.received)).decode("utf-8", "replace").split())

    def open(self, url: str, until: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body.-first-byte", timeout=30_000)
        self.wait_for(until)

    def wait_for(self, text: str, timeout: float = 45) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not drawn; last: {self.text()[-300:]}")
            self.page.wait_for_timeout(50)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(300)  # a loaded machine draws slowly


def test_a_teammate_logs_a_commitment_through_the_page(store, tmp_path):
    with Served(store, "--team", "Platform") as served, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = Page(browser.new_page(viewport={"width": 1200, "height": 700}))
        page.open(served.links["ben"], until="stratui · ben")
        page.page.locator(".xterm").click()
        page.keys("2")
        page.wait_for("Commitments")
        page.keys("a")
        page.wait_for("New commitment")
        page.page.keyboard.type("Ship the browser door")
        page.keys("Enter")

        def logged() -> list[dict]:
            listed = json.loads(stratui(store, "list", "--all", "--json"))
            return [c for c in listed if c["title"] == "Ship the browser door"]

        (commitment,) = wait_until(logged, 45, "the commitment typed in the page is stored")
        assert commitment["owner"] == "ben"  # the link's person, not the server's user
        page.page.wait_for_timeout(500)
        page.page.screenshot(path=str(tmp_path / "browser.png"))
        shots = os.environ.get("STRATUI_SCREENSHOTS")
        if shots:
            shutil.copy(tmp_path / "browser.png", Path(shots) / "serve-browser.png")
        browser.close()
        wait_until(lambda: children(served.pid) == [], 15, "the page closed: no process left")
    assert (tmp_path / "browser.png").stat().st_size > 10_000


def test_a_browser_killed_mid_session_leaves_no_process(store, tmp_path):
    with Served(store, "--idle-minutes", "0.1") as served:  # 6 s
        chromium = subprocess.Popen(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--remote-debugging-port=0",
                f"--user-data-dir={tmp_path / 'profile'}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            endpoint = ""
            while not endpoint:
                line = chromium.stderr.readline()
                assert line, "Chromium said nothing about its DevTools endpoint"
                if "DevTools listening on " in line:
                    endpoint = line.split("DevTools listening on ", 1)[1].strip()
            with playwright_api.sync_playwright() as p:
                browser = p.chromium.connect_over_cdp(endpoint)
                page = Page(browser.contexts[0].new_page())
                page.open(served.links["ana"], until="stratui · ana")
                assert len(children(served.pid)) == 1
                os.killpg(chromium.pid, signal.SIGKILL)  # the browser dies, no goodbye
                chromium.wait(timeout=10)
                wait_until(lambda: children(served.pid) == [], 30, "no app process remains")
        finally:
            if chromium.poll() is None:
                os.killpg(chromium.pid, signal.SIGKILL)
            chromium.stderr.close()
