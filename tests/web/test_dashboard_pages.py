"""The dashboard's pages and filters in a real browser: Debian's chromium,
driven by chromium-driver through python3-selenium, against the daemon
serving a plan of 250 tasks (bench/gen-plan.py).

It follows the links to the other pages and submits the filter form as a
person would, and compares what the pages show with `nhacviec tasks --json`.
With NHACVIEC_SCREENSHOTS=DIR it saves what it sees at desktop and phone
width there.
"""

import json
import os
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import Daemon, SOURCE, Workspace  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

TASKS = 250
NOW = "2026-11-25T09:00"
SCREENSHOTS = os.environ.get("NHACVIEC_SCREENSHOTS")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class DashboardPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        plan = cls.ws.path("plan.txt")
        with open(plan, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen-plan.py"), "--tasks", str(TASKS)],
                           stdout=f, check=True)
        cls.ws.import_plan(plan)
        cls.tasks = json.loads(cls.ws.run("tasks", "--json").stdout)
        cls.daemon = Daemon(cls.ws, NOW)
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.daemon.stop()
        cls.ws.close()

    def open(self, path):
        self.driver.get(self.daemon.url + path)

    def submit_and_wait(self, part):
        """Submits the filter form and waits until the browser is at the address it leads to."""
        self.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains(part))

    def follow(self, link, part):
        """Follows `link` and waits until the browser is at the address it leads to."""
        link.click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains(part))

    def rows(self):
        return [row.get_attribute("data-task")
                for row in self.driver.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr")]

    def shot(self, name, width=1366, height=900):
        if not SCREENSHOTS:
            return
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.driver.set_window_size(width, height)
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, name + ".png"))
        self.driver.set_window_size(1366, 900)

    def test_following_the_pages_shows_every_task_once(self):
        self.open("/")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "nav.pages .current").text, "Trang 1/3")
        self.shot("dashboard-desktop")
        seen = []
        for number in (1, 2, 3):
            rows = self.rows()
            self.assertEqual(len(rows), 100 if number < 3 else 50)
            self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "p.shown").text,
                             f"Nhiệm vụ {(number - 1) * 100 + 1}–{(number - 1) * 100 + len(rows)} "
                             f"trong {TASKS} nhiệm vụ phù hợp.")
            seen += rows
            if number < 3:
                self.follow(self.driver.find_element(By.CSS_SELECTOR, "nav.pages a[rel=next]"), f"page={number + 1}")
                self.assertTrue(self.driver.current_url.endswith(f"/?page={number + 1}"))
        self.assertEqual(sorted(seen), sorted(t["id"] for t in self.tasks))
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "nav.pages .current").text, "Trang 3/3")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "nav.pages a[rel=next]"), [])

    def test_the_filter_form_keeps_the_tasks_of_one_agency_and_category(self):
        self.open("/")
        overdue = int(self.driver.find_element(
            By.CSS_SELECTOR, "table.categories tr[data-category=overdue] td.count").text)
        Select(self.driver.find_element(By.NAME, "category")).select_by_value("overdue")
        self.submit_and_wait("category=overdue")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr")
        self.assertEqual(len(rows), min(overdue, 100))
        self.assertTrue(overdue > 0)
        self.assertEqual({row.get_attribute("class") for row in rows}, {"overdue"})

        agency = "Sở Tài chính"
        expected = sorted(t["id"] for t in self.tasks
                          if agency in t["lead"] + t["cooperating"])
        self.open("/")
        Select(self.driver.find_element(By.NAME, "agency")).select_by_visible_text(agency)
        self.submit_and_wait("agency=so-tai-chinh")
        total = int(self.driver.find_element(
            By.CSS_SELECTOR, "table.categories tr[data-category=total] td.count").text)
        self.assertEqual(total, len(expected))
        shown = []
        page = 1
        while True:
            shown += self.rows()
            following = self.driver.find_elements(By.CSS_SELECTOR, "nav.pages a[rel=next]")
            if not following:
                break
            page += 1
            self.follow(following[0], f"page={page}")
        self.assertEqual(sorted(shown), expected)
        self.assertEqual(Select(self.driver.find_element(By.NAME, "agency")).first_selected_option.text, agency)

    def test_on_a_phone_the_page_does_not_scroll_sideways(self):
        self.driver.set_window_size(390, 844)
        try:
            self.open("/")
            # The width of the page's content, against the width of the window less its scroll bar.
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            visible = self.driver.execute_script("return document.documentElement.clientWidth")
            self.assertLessEqual(width, visible)
            self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "form.filters button").is_displayed())
        finally:
            self.driver.set_window_size(1366, 900)
        self.shot("dashboard-phone", 390, 844)

    def test_a_bad_query_gets_a_page_that_names_the_parameter(self):
        for path, status, message in (
                ("/?page=9", 404, "Không có trang 9: danh sách chỉ có 3 trang."),
                ("/?page=abc", 400, "Tham số “page”: “abc” không phải là số trang (1, 2, 3…)."),
                ("/?agency=khong-co", 400, "Tham số “agency”: không có cơ quan “khong-co” trong các kế hoạch.")):
            with self.subTest(path=path):
                with self.assertRaises(urllib.error.HTTPError) as answer:
                    urllib.request.urlopen(self.daemon.url + path, timeout=10)
                self.assertEqual(answer.exception.code, status)
                self.open(path)
                self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "p.error").text, message)
                self.driver.find_element(By.LINK_TEXT, "Về trang đầu của danh sách nhiệm vụ").click()
                WebDriverWait(self.driver, 10).until(
                    lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.tasks tbody tr")) == 100)
        self.open("/?page=abc")
        self.shot("dashboard-bad-query", 390, 844)


if __name__ == "__main__":
    unittest.main()
