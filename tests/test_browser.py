"""End to end: a person types a Chinese query into Datasette's search box in a real (headless) browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The same real Datasette (module-scoped fixture) the HTTP tests use.
from tests.test_datasette import Server, server  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")  # Debian package chromium
CHROMEDRIVER = Path("/usr/bin/chromedriver")  # Debian package chromium-driver
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no calls home: the test must work offline
    "--disable-component-update",
    "--disable-sync",
)
WAIT_SECONDS = 30


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.skip(
            f"headless browser test needs {' and '.join(missing)}: apt-get install chromium chromium-driver"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install selenium)"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def submit_search(browser: Any, url: str, field: str, query: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    box = WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.presence_of_element_located((By.NAME, field))
    )
    box.clear()
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains(f"{field}="))


def test_a_chinese_query_typed_into_the_search_boxes_finds_the_article(browser: Any, server: Server) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    # The table's own search box: a Simplified query finds the Traditional article, and only it.
    submit_search(browser, f"{server.base}/archive/articles", "_search", "机器学习")
    page = browser.page_source
    assert "方言翻譯模型發表" in page
    assert "谷歌团队抵达" not in page and "Flood barrier opens" not in page

    # The ranked search page: the match is highlighted in the original (Traditional) text.
    submit_search(browser, f"{server.base}/archive/search", "q", "机器学习")
    marks = [element.text for element in browser.find_elements(By.TAG_NAME, "mark")]
    assert "機器學習" in marks
    assert "方言翻譯模型發表" in browser.page_source
