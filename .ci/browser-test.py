#!/usr/bin/env python3
"""Haven's pages in a real browser: Debian's chromium and chromedriver driven by selenium.

Called by .ci/run against a real `haven serve` on 127.0.0.1. A documentation officer signs in
with a TOTP code, sees the home page, switches language and signs out; a new account chooses its
password and enrols by scanning (the QR code is on the page as SVG). Saves screenshots of every
page in Korean and English at 1280 px and 375 px into the folder given (git ignores it).
"""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from haven_client import HavenServer, totp  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HAVEN, SHOTS = sys.argv[1], sys.argv[2]
PORT = int(os.environ.get("HAVEN_BROWSER_PORT", "18282"))


def browser():
    """Chromium as a Korean reader's browser: Korean first in Accept-Language."""
    options = webdriver.ChromeOptions()
    options.add_experimental_option("prefs", {"intl.accept_languages": "ko-KR,ko,en"})
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=ko-KR"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(10)
    return driver


def click_and_wait(driver, element):
    """Clicks a link or button and waits until the page it was on has been replaced (signing in
    hashes a password, which takes a moment)."""
    element.click()

    def replaced(_):
        # Chromium reports a node of a page being replaced either as stale or as no longer
        # belonging to the document; both mean the navigation happened.
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 30).until(replaced)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


class Check:
    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            self.failures.append(what)


def shoot(driver, name):
    """The page at 1280 px and at 375 px (phone)."""
    for width, label in [(1280, "desktop"), (375, "phone")]:
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(900, min(height, 4000)))
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{label}.png"))
    driver.set_window_size(1280, 900)


def sign_in(driver, base, username, password, code=""):
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    if code:
        driver.find_element(By.ID, "code").send_keys(code)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))


def main():
    os.makedirs(SHOTS, exist_ok=True)
    check = Check()
    haven = HavenServer(HAVEN, PORT)
    officer_otp = haven.add_user("officer.kim", "documenter", "alpha")
    newcomer_otp = haven.add_user("newcomer.lee", "documenter", "alpha")
    haven.start()
    driver = browser()
    try:
        base = haven.base
        # Headers every page carries, read without the browser.
        status, _, headers = haven.call("GET", "/login")
        check(status == 200 and "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")
              and headers.get("X-Content-Type-Options") == "nosniff" and headers.get("Cache-Control") == "no-store",
              "the sign-in page carries the security headers")

        # Korean first, then English, for the sign-in page.
        driver.get(base + "/login")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko", "pages start in Korean")
        check(driver.find_element(By.TAG_NAME, "h1").text == "로그인", "the Korean sign-in page is titled 로그인")
        # The stylesheet applies under the CSP: the skip link is moved out of sight until focused.
        check(driver.find_element(By.CSS_SELECTOR, "a.skip").location["x"] < 0, "the stylesheet is applied (skip link hidden)")
        shoot(driver, "login-ko")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Sign in", "the language switch shows the page in English")
        shoot(driver, "login-en")

        # A wrong password is refused with an alert, and what was typed stays but the password not.
        sign_in(driver, base, "officer.kim", "not the password at all", "000000")
        check(driver.find_element(By.CSS_SELECTOR, "[role=alert]").is_displayed(), "a refused sign-in says so")
        check(driver.find_element(By.ID, "username").get_attribute("value") == "officer.kim"
              and driver.find_element(By.ID, "password").get_attribute("value") == "", "the user name stays, the password does not")

        # A set-up account records an incident through the API (signed in with its next TOTP code)…
        password, secret, step, recovery = haven.set_up("officer.kim", officer_otp)
        cookie, csrf, _ = haven.sign_in("officer.kim", password, totp(secret, step + 1))
        status, made, _ = haven.call("POST", "/api/events", {"title": "김정숙 가족 체포 — 가상 기록", "startDate": "2024-08-21",
                                                             "placeCode": "KP-09-MUSAN"}, cookie, csrf)
        check(status == 201, "an incident is recorded through the API")
        # … and signs in to the pages with a recovery code, reaching home.
        sign_in(driver, base, "officer.kim", password, recovery[0])
        check(driver.current_url.rstrip("/") == base and "officer.kim" in driver.find_element(By.TAG_NAME, "main").text,
              "signing in with a TOTP code reaches the home page")
        check("officer.kim" not in driver.title, "no account name in the page title")
        shoot(driver, "home-en")
        # A two-character Hangul search finds the incident.
        driver.get(base + "/records")
        driver.find_element(By.ID, "q").send_keys("김정")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        results = driver.find_elements(By.CSS_SELECTOR, "ul.results li a")
        check(any("김정숙" in r.text for r in results) and made["record"]["id"].lower() in results[0].get_attribute("href").lower(),
              "a two-character Hangul search finds the incident")
        check("김정" not in driver.title and "%EA" not in driver.current_url and "김정" not in driver.current_url,
              "the search text is neither in the page title nor in the URL")
        shoot(driver, "records-en")
        # Opening it shows the record with its history; the page title names only the kind.
        click_and_wait(driver, results[0])
        check(driver.find_element(By.TAG_NAME, "h1").text.startswith("김정숙") and len(driver.find_elements(By.CSS_SELECTOR, "ol.history li")) == 1
              and "김정" not in driver.title, "the record page shows the incident and its history, its title not in the page title")
        shoot(driver, "record-en")
        # Editing it through the form keeps the earlier version in the history.
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href$='/edit']"))
        shoot(driver, "edit-en")
        title = driver.find_element(By.ID, "title")
        title.clear()
        title.send_keys("김정숙 가족 체포 — 가상 기록 (확인됨)")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check(driver.find_element(By.TAG_NAME, "h1").text.endswith("(확인됨)") and len(driver.find_elements(By.CSS_SELECTOR, "ol.history li")) == 2,
              "an edit through the form is saved and the history shows both versions")
        driver.get(base + "/records")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        check("2024년 8월 21일" in driver.find_element(By.TAG_NAME, "main").text and "무산" in driver.find_element(By.TAG_NAME, "main").text,
              "in Korean the result reads 2024년 8월 21일 and 무산")
        shoot(driver, "records-ko")
        driver.get(base + "/")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko", "home is in Korean now")
        shoot(driver, "home-ko")
        # Keyboard: the first Tab reaches the skip link.
        driver.find_element(By.TAG_NAME, "body").send_keys("\t")
        check(driver.switch_to.active_element.get_attribute("class") == "skip", "the first Tab reaches the skip link")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))
        check(driver.current_url.endswith("/login"), "signing out returns to the sign-in page")
        driver.get(base + "/")
        check(driver.current_url.endswith("/login"), "after signing out, home sends the browser to sign in")

        # A new account: one-time password, own password, enrolment by the QR code on the page.
        sign_in(driver, base, "newcomer.lee", newcomer_otp)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/account/password']"))
        new_password = "겨울 바다를 건너는 긴 다리 7"
        driver.find_element(By.ID, "current").send_keys(newcomer_otp)
        driver.find_element(By.ID, "new").send_keys(new_password)
        driver.find_element(By.ID, "repeat").send_keys(new_password)
        shoot(driver, "password-ko")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check(driver.find_element(By.CSS_SELECTOR, "[role=status]").is_displayed(), "the changed password is confirmed")
        sign_in(driver, base, "newcomer.lee", new_password)
        driver.get(base + "/account/enrol")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        svg = driver.find_element(By.CSS_SELECTOR, "figure.qr svg")
        check(svg.is_displayed() and svg.size["width"] >= 150, "the QR code is drawn on the page")
        shoot(driver, "enrol-ko")
        key = driver.find_element(By.CSS_SELECTOR, "code.secret").text.replace(" ", "")
        driver.find_element(By.ID, "code").send_keys(totp(key, int(time.time()) // 30))
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        codes = driver.find_elements(By.CSS_SELECTOR, "ol.codes li")
        check(len(codes) == 10, "ten recovery codes are shown once")
        shoot(driver, "recovery-ko")
        sign_in(driver, base, "newcomer.lee", new_password, totp(key, int(time.time()) // 30 + 1))
        check("newcomer.lee" in driver.find_element(By.TAG_NAME, "main").text, "the enrolled account signs in with its app")
    finally:
        driver.quit()
        haven.stop()
    print(f"screenshots in {SHOTS}: {len(os.listdir(SHOTS))} files")
    if check.failures:
        print(f"{len(check.failures)} browser check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
