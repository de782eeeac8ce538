"""What the browser tests share: Debian's chromium driven headless through
chromium-driver, asking for Vietnamese pages first as the officials' browsers
do, and an opener that leaves redirects to the test to look at."""

import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser(console_log=False):
    """A headless chromium at desktop width (1366 px); with `console_log`, the page's console is kept."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900", "--hide-scrollbars",
                     "--lang=vi"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi,vi-VN"})
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Makes urllib hand a 3xx answer back instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None
