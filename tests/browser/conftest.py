"""Real Chromium (Debian's package) driven by Playwright; never a browser downloaded by Playwright."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import skip_or_fail

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COUNTER_SCREEN = {"width": 1366, "height": 768}  # the counter's usual screen
SCREENSHOTS_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        skip_or_fail("找不到 Chromium（Debian 软件包 chromium）：浏览器测试无法运行")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def holidays(live_server):
    """The holiday table as its data migration seeds it. live_server's tests run in transactions that are
    flushed afterwards, which empties the table for every later test: seeded again here, so a limit across
    a holiday counts the holiday whatever ran before."""
    from courthall.holidays import seed_holidays_from_chinesecalendar

    seed_holidays_from_chinesecalendar()


@pytest.fixture
def page(browser, live_server, holidays):
    context = browser.new_context(viewport=COUNTER_SCREEN, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save what the user sees, for a person to look at (var/screenshots/NAME.png)."""

    def take(name: str) -> Path:
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS_DIR / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
