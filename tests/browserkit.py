"""What the browser tests share: a real Chromium (Playwright) and a
``Tab`` = one browser context on the real server (one Gradio session) that
records dialogs, page errors and requests, asks questions and takes
screenshots into tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

# On a loaded 2-core machine a Gradio round trip can take longer than
# Playwright's default 5 s; a state that never comes still fails, later.
expect.set_options(timeout=15_000)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
C5_TITLE = "2.3.4 クラウドコンピューティングコンプライアンスコントロールカタログ（C5）（ドイツ）"

LATENCIES: dict[str, list[float]] = {}


def launch_browser() -> Iterator:
    """A real headless Chromium for a module (use as a fixture body)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
    if LATENCIES:
        (ARTIFACTS / "browser-latency.json").write_text(json.dumps(LATENCIES, indent=2), encoding="utf-8")


class Tab:
    """One browser tab = one Gradio session; records dialogs and page errors."""

    def __init__(self, browser, url: str, viewport: dict, path: str = ""):
        self.ctx = browser.new_context(viewport=viewport, locale="ja-JP", accept_downloads=True)
        self.page: Page = self.ctx.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.net: list[str] = []
        self.page.on("request", lambda r: self.net.append(f"{r.method} {r.url} {(r.post_data or '')[:120]}"))
        self.page.on("console", lambda m: self.net.append(f"console {m.type}: {m.text}"))
        t0 = time.perf_counter()
        self.page.goto(url + path)
        self.page.wait_for_selector("#question textarea")
        self.page.wait_for_function("() => window.__assistantBound === true && !!window.__assistantTick")
        LATENCIES.setdefault("page_load_s", []).append(round(time.perf_counter() - t0, 3))

    def _on_dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def answers(self):
        return self.page.locator("#chat .message.bot .answer")

    def ask(self, question: str, label: str = "ask_s"):
        n = self.answers().count()
        box = self.page.locator("#question textarea")
        box.fill(question)
        t0 = time.perf_counter()
        box.press("Enter")
        self.wait_answers(n + 1, settle=False)
        LATENCIES.setdefault(label, []).append(round(time.perf_counter() - t0, 3))
        self.settle_chat()
        return self.answers().nth(n)

    def wait_answers(self, n: int, settle: bool = True):
        try:
            self.page.wait_for_function(
                "n => document.querySelectorAll('#chat .message.bot .answer').length >= n"
                " && !document.querySelector('#chat .pending')",
                arg=n,
                timeout=30_000,
            )
        except Exception:
            self.shot("failure.png", full_page=False)
            (ARTIFACTS / "failure.html").write_text(self.page.content(), encoding="utf-8")
            (ARTIFACTS / "failure.log").write_text("\n".join(self.net + self.errors), encoding="utf-8")
            raise
        if settle:
            self.settle_chat()

    def settle_chat(self):
        """Wait out Gradio's chatbot autoscroll: on a new message it scrolls the
        chat to the bottom after a 300 ms timer in its own code (measured here:
        40-170 ms after the answer shows). A click that Playwright aimed before
        that jump lands beside its badge (seen on CI: the click reached no
        link). Done when 800 ms have passed and no scroll position inside
        #chat has moved for the last 250 ms."""
        self.page.evaluate(
            """() => new Promise((done) => {
              const pos = () => [window.scrollY, ...Array.from(document.querySelectorAll('#chat *'))
                .filter((e) => e.scrollHeight > e.clientHeight).map((e) => e.scrollTop)].join(',');
              const t0 = performance.now();
              let last = pos(), since = t0;
              const tick = () => {
                const now = performance.now(), p = pos();
                if (p !== last) { last = p; since = now; }
                if (now - t0 >= 800 && now - since >= 250) return done();
                if (now - t0 > 10000) return done();
                setTimeout(tick, 50);
              };
              setTimeout(tick, 50);
            })"""
        )

    def shot(self, name: str, full_page: bool = True):
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)

    def close(self):
        self.ctx.close()
