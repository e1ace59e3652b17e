"""The HTML report of the seed references in a real headless Chromium.

Checks what an editor sees: the conflicts are listed first and visible, the evidence
spans are highlighted in the side-by-side sources, and selecting a conflict marks its
spans. Takes a screenshot; with CHECKER_UPDATE_SCREENSHOT=1 it replaces the one kept in
docs/report-screenshot.png (otherwise it goes to a temporary directory, so a test run never
dirties the checkout).

Needs Debian's ``chromium`` and ``chromium-driver`` packages and the ``selenium``
package; skips with the reason when one of them is missing. Only file:// and the
local chromedriver (127.0.0.1) are used.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.api import reconcile_files
from checker.render import to_html

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"


def _binary(name: str, default: str) -> str | None:
    path = shutil.which(name) or default
    return path if os.access(path, os.X_OK) else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    chromium = _binary("chromium", "/usr/bin/chromium")
    driver_path = _binary("chromedriver", "/usr/bin/chromedriver")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    if driver_path is None:
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1600,1000",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    # An explicit driver path keeps Selenium Manager (which would go online) out of it.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    claims = sorted((ROOT / "fixtures" / "claims" / "seeds").glob("*.json"))
    report = reconcile_files(claims)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(to_html(report, texts), encoding="utf-8")
    return page, report


def test_seed_report_in_chromium(browser: Any, seed_page: tuple[Path, Any], tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page, report = seed_page
    browser.get(page.as_uri())
    assert "4 conflicts" in browser.title

    conflicts = [f for f in report.findings if f.verdict == "conflict"]
    assert conflicts, "the seed references have conflicts"
    buttons = browser.find_elements(By.CSS_SELECTOR, "button[data-finding]")
    assert [b.get_attribute("data-finding") for b in buttons[: len(conflicts)]] == [f.id for f in conflicts]
    first = buttons[0]
    assert first.is_displayed() and "CONFLICT" in first.text and conflicts[0].fact in first.text
    assert first.get_attribute("aria-pressed") == "false"

    marks = browser.find_elements(By.CSS_SELECTOR, "mark[data-finding]")
    assert len(marks) >= sum(len(f.values) for f in conflicts)
    for finding in conflicts:
        spans = browser.find_elements(By.CSS_SELECTOR, f'mark[data-finding~="{finding.id}"]')
        shown = "".join(m.get_attribute("textContent") for m in spans)
        for value in finding.values:
            assert value.evidence.text in shown, value.evidence.text
    colour = browser.execute_script(
        "return getComputedStyle(document.querySelector('mark.v-conflict')).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "conflict evidence is highlighted"

    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    selected = browser.find_elements(By.CSS_SELECTOR, "mark.selected")
    expected = browser.find_elements(By.CSS_SELECTOR, f'mark[data-finding~="{conflicts[0].id}"]')
    assert selected and {m.id for m in selected} == {m.id for m in expected}
    assert all(m.is_displayed() for m in selected)
    in_view = browser.execute_script(
        "var r = document.querySelector('mark.selected').getBoundingClientRect();"
        "return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;"
    )
    assert in_view, "the first selected span is scrolled into view"
    assert browser.find_element(By.ID, "status").text.startswith("1 finding(s) selected")

    target = SCREENSHOT if os.environ.get("CHECKER_UPDATE_SCREENSHOT") == "1" else tmp_path / SCREENSHOT.name
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000

    # Clicking a highlighted span selects the finding(s) covering it, and only those.
    other = conflicts[-1]
    mark = browser.find_element(By.CSS_SELECTOR, f'mark[data-finding~="{other.id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    covering = set(mark.get_attribute("data-finding").split())
    pressed = {b.get_attribute("data-finding") for b in browser.find_elements(By.CSS_SELECTOR, '[aria-pressed="true"]')}
    assert other.id in pressed and pressed == covering
    for lit in browser.find_elements(By.CSS_SELECTOR, "mark.selected"):
        assert covering & set(lit.get_attribute("data-finding").split())

    # Escape clears the selection; selecting a finding twice toggles it off.
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue00c")
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.selected")
    button = browser.find_element(By.CSS_SELECTOR, f'button[data-finding="{other.id}"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and browser.find_elements(By.CSS_SELECTOR, "mark.selected")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.selected")
    assert browser.get_log("browser") == [], "no console errors (CSP, script)"
