"""Playwright driving Debian's Chromium against the live test server.

A failed test leaves a screenshot of each of its pages in test-artifacts/screenshots, named
`failed-<module>.<test>[-phone].png`, and the failure report names the file.
"""

import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


# The page fixtures a failure screenshot is taken of, and the suffix each adds to the file name.
PAGE_FIXTURES = {"page": "", "phone_page": "-phone"}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """On a failure in the test itself, a screenshot of its pages as they were (before teardown)."""
    report = yield
    if report.when == "call" and report.failed:
        for fixture, suffix in PAGE_FIXTURES.items():
            page = getattr(item, "funcargs", {}).get(fixture)
            if page is None:
                continue
            name = re.sub(r"[^\w.-]+", "_", f"{Path(str(item.fspath)).stem}.{item.name}")
            path = SCREENSHOTS / f"failed-{name}{suffix}.png"
            try:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), full_page=True)
            except Exception as error:  # noqa: BLE001 (a closed or crashed page must not hide the failure)
                report.sections.append((f"screenshot of {fixture}", f"not taken: {error!r}"))
            else:
                report.sections.append((f"screenshot of {fixture}", str(path)))
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def browser_login(live_server):
    def login(page, username: str, password: str = "rahasia-123"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()

    return login
