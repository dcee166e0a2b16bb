"""The chat page in a real Chromium (Playwright), against the real server.

Screenshots go to tests/artifacts/ (git-ignored): desktop 1280 px and
mobile 390 px. Latencies measured in the browser (Enter -> answer rendered)
are written to tests/artifacts/browser-latency.json.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ui import testserver as uiserver

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browserkit import C5_TITLE, DESKTOP, MOBILE, Tab, launch_browser  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def server():
    return uiserver.shared_server()


@pytest.fixture(scope="module")
def browser():
    yield from launch_browser()


@pytest.fixture
def desktop(browser, server):
    tab = Tab(browser, server.url, DESKTOP)
    yield tab
    tab.close()


@pytest.fixture
def mobile(browser, server):
    tab = Tab(browser, server.url, MOBILE)
    yield tab
    tab.close()


def test_answer_badge_sources_viewer_toc_and_new_chat(desktop: Tab):
    page = desktop.page
    desktop.shot("desktop-empty.png")

    msg = desktop.ask("C5の監査基準は？")
    badge = msg.locator("a.cite", has_text="［2.3.4 ").first
    expect(badge).to_be_visible()
    # the badge names section, scheme, field and the report page (from the 目次)
    expect(badge).to_have_text("［2.3.4 C5（ドイツ） › 概要・特徴 · p.15］")
    expect(msg).to_contain_text("ISAE 3000")
    sources = page.locator("#sources")
    expect(sources).to_contain_text("ISAE 3000")
    expect(sources.locator("mark", has_text="ISAE 3000")).to_have_count(1)
    expect(sources.locator(".src .field").first).to_be_visible()
    expect(sources.locator(".src .score").first).to_contain_text("score")
    expect(sources.locator(".src .page").first).to_have_text("p.15")
    desktop.shot("desktop-answer.png")

    # empty input does nothing (Enter on an empty box, and on spaces only)
    for empty in ("", "   "):
        page.locator("#question textarea").fill(empty)
        page.locator("#question textarea").press("Enter")
        page.wait_for_timeout(1000)
        assert page.locator("#chat .message").count() == 2
        assert desktop.answers().count() == 1

    # a badge opens the section viewer with the cited span highlighted
    badge.click()
    viewer = page.locator("#viewer")
    expect(viewer.locator(".v-title")).to_have_text(C5_TITLE)
    expect(page.locator("#tab-viewer-button")).to_have_attribute("aria-selected", "true")
    expect(viewer.locator("mark.focus")).to_contain_text("ISAE 3000")
    expect(viewer.locator(".v-field", has_text="概要・特徴")).to_have_count(1)
    # the viewer scrolls its highlight into view
    page.wait_for_function(
        "() => { const v = document.getElementById('viewer'), m = v.querySelector('mark.focus');"
        " const a = v.getBoundingClientRect(), b = m.getBoundingClientRect();"
        " return b.top >= a.top && b.bottom <= a.bottom; }",
        timeout=5000,
    )
    desktop.shot("desktop-viewer.png", full_page=False)

    # a follow-up shows the query actually searched
    follow = desktop.ask("その有効期間は？")
    searched = follow.locator(".searched")
    expect(searched).to_contain_text("検索:")
    expect(searched).to_contain_text("C5")

    # a source card opens its section too
    page.locator("#tab-sources-button").click()
    expect(page.locator("#tab-sources-button")).to_have_attribute("aria-selected", "true")
    card = page.locator("#sources .src").first
    sid = card.locator(".sid").inner_text()
    card.click()
    # wait for the server's answer to this click (it selects the viewer tab): the title
    # alone may already match, and a late reply would switch tabs under the next step
    expect(page.locator("#tab-viewer-button")).to_have_attribute("aria-selected", "true")
    expect(viewer.locator(".v-title")).to_contain_text(sid)

    # the table of contents opens any section
    page.locator("#tab-toc-button").click()
    expect(page.locator("#tab-toc-button")).to_have_attribute("aria-selected", "true")
    toc = page.locator("#toc")
    assert toc.locator("a.toc-item").count() >= 20
    expect(toc.locator(".toc-group", has_text="2.3 諸外国の制度・ガイドライン等")).to_have_count(1)
    toc.locator("a.toc-item", has_text="2.4.5 SOC2").click()
    expect(viewer.locator(".v-title")).to_have_text("2.4.5 SOC2、SOC2+")
    desktop.shot("desktop-toc-section.png")

    # 新しい会話 clears the chat and the sources
    page.get_by_role("button", name="新しい会話").click()
    expect(page.locator("#chat .message")).to_have_count(0)
    expect(sources.locator(".src")).to_have_count(0)
    # and the next question starts fresh (nothing carried over)
    fresh = desktop.ask("その有効期間は？")
    expect(fresh.locator(".searched")).to_have_count(0)
    assert desktop.dialogs == [] and desktop.errors == []


def test_xss_payloads_render_as_literal_text(desktop: Tab):
    page = desktop.page
    payloads = [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        '<img src=x onerror="window.__pwned=1"><b>太字</b>',
    ]
    for q in payloads:
        desktop.ask(q)
        user = page.locator("#chat .message.user .q-text").last
        expect(user).to_have_text(q)  # shown verbatim as text
        expect(page.locator("#sources .src-q")).to_have_text(f"質問: {q}")
    page.wait_for_timeout(500)
    assert page.locator("#chat img, #sources img, #chat script, #chat b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert desktop.dialogs == [], desktop.dialogs
    desktop.shot("desktop-xss.png")
    # overlong input: answered from its first 2000 characters, with a notice
    long_msg = desktop.ask("C5の監査基準は？" + "あ" * 2100)
    expect(long_msg.locator(".notice")).to_contain_text("2000")


def test_abstention_is_distinct_and_offers_related_sections(desktop: Tab):
    page = desktop.page
    msg = desktop.ask("火星の人口は？")
    box = msg.locator(".abstain")
    expect(box).to_contain_text("この報告書には記載がありません")
    assert msg.evaluate("e => e.classList.contains('is-abstained')")
    # visibly different: its own background and border
    style = box.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderLeftStyle]; }"
    )
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] == "solid"
    related = msg.locator("a.sec-link")
    assert related.count() >= 1
    title = related.first.get_attribute("title")
    related.first.click()
    expect(page.locator("#viewer .v-title")).to_have_text(title.split(" — ")[0])
    desktop.shot("desktop-abstention.png")


def test_examples_and_follow_up_demo(desktop: Tab):
    page = desktop.page
    page.get_by_role("button", name="Which standard does IRAP reference?").click()
    desktop.wait_answers(1)
    expect(page.locator("#chat .message.user").first).to_contain_text("Which standard does IRAP reference?")
    page.locator("#followup-demo").click()
    desktop.wait_answers(3)
    last = desktop.answers().nth(2)
    expect(last.locator(".searched")).to_contain_text("検索:")
    expect(page.locator("#chat .message.user").last).to_have_text("その有効期間は？")


def test_deep_link_opens_a_section(browser, server):
    tab = Tab(browser, server.url, DESKTOP, path="#s=2.4.5")
    try:
        expect(tab.page.locator("#viewer .v-title")).to_have_text("2.4.5 SOC2、SOC2+")
    finally:
        tab.close()


def test_mobile_layout_stacks_and_badge_scrolls_to_viewer(mobile: Tab):
    page = mobile.page
    mobile.shot("mobile-empty.png")
    msg = mobile.ask("C5の監査基準は？")
    chat_box = page.locator("#chat-col").bounding_box()
    side_box = page.locator("#side-col").bounding_box()
    assert side_box["y"] >= chat_box["y"] + chat_box["height"] - 1, (chat_box, side_box)  # stacked
    assert side_box["width"] > 300
    # nothing wider than the phone
    assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBILE["width"]
    mobile.shot("mobile-answer.png")
    msg.locator("a.cite").first.click()
    viewer_title = page.locator("#viewer .v-title")
    expect(viewer_title).to_have_text(C5_TITLE)
    page.wait_for_function(
        "() => { const m = document.querySelector('#viewer mark'); if (!m) return false;"
        " const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }",
        timeout=5000,
    )
    mobile.shot("mobile-viewer.png", full_page=False)
    assert mobile.dialogs == [] and mobile.errors == []
