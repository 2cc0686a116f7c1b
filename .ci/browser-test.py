#!/usr/bin/env python3
"""Haven's pages in a real browser: Debian's chromium and chromedriver driven by selenium.

Called by .ci/run against a real `haven serve` on 127.0.0.1. A documentation officer signs in
with a TOTP code, records an incident in Korean through the intake form (two named victims, a
victim group, a broker, an organisation and a source), finds it by a two-character Hangul search,
opens and edits it, reads it in English, starts an overdue intervention and a rescue request;
someone of another compartment reaches it neither by search nor by URL; a new account chooses
its password and enrols by scanning. Keyboard order, text contrast and phone width are checked on
the main pages. Saves screenshots in Korean and English at 1280 px and 375 px into the folder
given (git ignores it).
"""
import os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from haven_client import HavenServer, totp  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

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


def fill(driver, fields):
    """Types into text fields by id."""
    for field, value in fields.items():
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)


def choose(driver, choices):
    """Chooses options of selects by value."""
    for field, value in choices.items():
        Select(driver.find_element(By.ID, field)).select_by_value(value)


# WCAG 2.x contrast of each visible text element against the background it is drawn on
# (walking up to the first opaque background); returns the worst few.
CONTRAST_JS = """
function lum(c) { const v = c.match(/[\\d.]+/g).map(Number); const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(v[0]) + 0.7152 * f(v[1]) + 0.0722 * f(v[2]); }
function bg(e) { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; const v = c.match(/[\\d.]+/g).map(Number);
  if (v.length < 4 || v[3] > 0.9) return c; } return 'rgb(255, 255, 255)'; }
const out = [];
for (const e of document.querySelectorAll('body *')) {
  if (!e.childNodes.length || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  const r = e.getBoundingClientRect(); if (r.width === 0 || r.height === 0 || r.left < 0) continue;
  const a = lum(getComputedStyle(e).color), b = lum(bg(e));
  out.push([(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), e.tagName + '.' + e.className]);
}
out.sort((x, y) => x[0] - y[0]); return out.slice(0, 3);
"""


# Latin words a Korean page may show: the product's name, currency and file-format codes, the
# estimation methods' names (R packages), the language switch, and words of records the run
# itself typed in Latin letters.
LATIN_ALLOWED = {"Haven", "English", "USD", "KRW", "CNY", "EUR", "CSV", "PDF", "XLSX", "xlsx", "ODK", "Kobo", "KoboToolbox", "SHA", "TOTP",
                 "SVG", "UTC", "UTF", "EUC", "Ctrl", "dga", "LCMCR", "Yong", "officer", "kim", "analyst", "demo", "yoon", "newcomer", "lee", "park"}


def korean_page(driver, check, name):
    """On a Korean page: every link names its record (no id fragment), and no interface word
    is left in English."""
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "ko":
        return
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "body a")]
    ids = [t for t in links if re.search(r"\b[0-9a-f]{8}\b", t)]
    check(not ids, f"{name}: every link names its record, none by an id ({ids[:3]})")
    words = set(re.findall(r"[A-Za-z]{3,}", driver.find_element(By.TAG_NAME, "body").text)) - LATIN_ALLOWED
    check(not words, f"{name}: no English on the Korean page ({sorted(words)[:10]})")


def accessible(driver, check, name):
    """Text contrast of at least 4.5:1, no sideways scrolling at phone width, and on a Korean
    page Korean words and named links only."""
    korean_page(driver, check, name)
    worst = driver.execute_script(CONTRAST_JS)
    check(not worst or worst[0][0] >= 4.5, f"{name}: text contrast at least 4.5:1 (lowest {worst[0][0]:.2f} on {worst[0][1]})" if worst else f"{name}: contrast")
    driver.set_window_size(375, 900)
    overflow = driver.execute_script("return document.documentElement.scrollWidth")
    driver.set_window_size(1280, 900)
    check(overflow <= 375, f"{name}: fits 375 px without sideways scrolling (width {overflow})")


def workbook(path):
    """A Korean workbook as an organisation keeps one (openpyxl, every value invented): a title
    row above the header, a word the vocabulary does not know (row 4), a date that is not one
    (row 5), and one person written twice (rows 3 and 6)."""
    import datetime
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "탈북민 명단"
    ws["A1"] = "가상 단체 명단 2019"
    ws.merge_cells("A1:C1")
    ws.append(["이름", "성별", "생년월일"])
    ws.append(["가상 박순희", "여", datetime.date(1961, 4, 5)])
    ws.append(["가상 최은별", "여자아이", datetime.date(2009, 6, 1)])
    ws.append(["가상 한철", "남", "1979-13-02"])
    ws.append(["가상 박순희", "여", datetime.date(1961, 4, 5)])
    surnames, given = "김이박최정강조윤장임", ["민수", "서연", "지훈", "현우", "수빈", "영호", "준서", "혜진", "동현", "은지"]
    for i in range(30):
        ws.append([f"가상 {surnames[i % 10]}{given[(i * 3) % 10]}", "남" if i % 2 else "여", datetime.date(1950 + i, 1 + i % 12, 1 + i % 27)])
    wb.save(path)


def import_flow(driver, base, haven, otp, check):
    password, secret, step, _ = haven.set_up("analyst.yoon", otp)
    sign_in(driver, base, "analyst.yoon", password, totp(secret, step + 1))
    # The browser wants an absolute path for an upload; CI passes a relative screenshots folder.
    path = os.path.abspath(os.path.join(SHOTS, "명단-가상.xlsx"))
    workbook(path)
    driver.get(base + "/imports")
    check(driver.find_element(By.TAG_NAME, "h1").text == "스프레드시트 가져오기", "the import page opens in Korean")
    accessible(driver, check, "the import page")
    driver.find_element(By.ID, "file").send_keys(path)
    Select(driver.find_element(By.ID, "kind")).select_by_value("person")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/imports/upload'] button[type=submit]"))
    os.remove(path)
    main = driver.find_element(By.TAG_NAME, "main").text
    review_url = driver.current_url
    problems = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#problems li")]
    check(any("5행" in p and "생년월일" in p for p in problems) and "1979-13-02" not in main,
          "the dry run names the bad date by row and column without quoting it")
    check("여자아이" in driver.find_element(By.ID, "unknown-words").text, "the word no vocabulary knows is listed to map")
    duplicates = driver.find_elements(By.CSS_SELECTOR, "#import-duplicates tbody tr")
    check(any("가상 박순희" in row.text for row in duplicates), "the person written twice is shown side by side")
    check(not driver.find_element(By.CSS_SELECTOR, "button[value=commit]").is_enabled(), "importing is not offered while problems remain")
    shoot(driver, "import-review-ko")
    accessible(driver, check, "the import review")
    # Fix the mapping: the word means female, row 5 is left out, the repeated person is one person.
    Select(driver.find_element(By.ID, "word.0")).select_by_value("female")
    driver.find_element(By.ID, "skipRows").send_keys("5")
    for row in duplicates:
        row.find_element(By.CSS_SELECTOR, "input[type=radio][value=same]").click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=check]"))
    main = driver.find_element(By.TAG_NAME, "main").text
    check("모든 행이 준비되었습니다" in main and driver.find_element(By.CSS_SELECTOR, "button[value=commit]").is_enabled(),
          "after the fixes every row is ready")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=commit]"))
    batches = driver.find_elements(By.CSS_SELECTOR, "tr[data-batch]")
    check(driver.current_url.endswith("/imports") and len(batches) == 1 and "명단-가상.xlsx" in batches[0].text,
          "the batch is listed with its file")
    shoot(driver, "imports-ko")
    def named(name):
        """Search results whose link is the name itself (the search also offers similar names)."""
        driver.get(base + "/records?q=" + name)
        return [a for a in driver.find_elements(By.CSS_SELECTOR, "ul.results li a") if a.text == name]
    check(len(named("가상 최은별")) == 1, "an imported person is found by name")
    driver.get(base + "/imports")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "tr[data-batch] form button"))
    check("되돌림" in driver.find_element(By.CSS_SELECTOR, "tr[data-batch]").text, "the batch is undone")
    check(not named("가상 최은별"), "after the undo the imported person is gone")
    driver.get(review_url)
    check(driver.find_element(By.TAG_NAME, "h1").text != "파일 연결 및 확인", "the uploaded file is gone once imported")
    driver.get(base + "/")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))


def demo_first_screen(driver, check):
    """`haven demo` as a newcomer meets it: its first screen, signed in as the demo analyst, shows
    a populated dashboard, and the reports it links to have something to show."""
    port = PORT + 1
    demo = subprocess.Popen([HAVEN, "demo", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        printed = ""
        for line in demo.stdout:
            printed += line
            if "Open http" in line:
                break
        found = re.search(r"demo-analyst\s+password (\S+)\s+TOTP secret (\S+)", printed)
        check(found is not None, "haven demo prints the demo analyst's password and TOTP secret")
        if not found:
            return
        for _ in range(120):
            try:
                driver.get(f"http://127.0.0.1:{port}/login")
                break
            except WebDriverException:
                time.sleep(0.5)
        sign_in(driver, f"http://127.0.0.1:{port}", "demo-analyst", found.group(1), totp(found.group(2), int(time.time()) // 30))
        recent = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=recent] ul.results li")
        overdue = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=overdue] ul.results li")
        requests = [int(td.text) for td in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=rescue] td")]
        bars = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=monthly] svg rect")
        check(len(recent) == 5 and len(overdue) >= 3 and sum(requests) >= 50 and len([n for n in requests if n > 0]) >= 4 and len(bars) >= 11,
              f"the demo's first screen is a populated dashboard ({len(recent)} recent, {len(overdue)} overdue, "
              f"{sum(requests)} requests, {len(bars)} bars)")
        shoot(driver, "demo-home-ko")
        driver.get(f"http://127.0.0.1:{port}/reports/trends")
        check("CN-LN" in driver.page_source or "랴오닝" in driver.find_element(By.TAG_NAME, "main").text,
              "the demo's trends page opens on a range with a surge to show")
        shoot(driver, "demo-trends-ko")
        driver.get(f"http://127.0.0.1:{port}/duplicates")
        check(len(driver.find_elements(By.CSS_SELECTOR, "main li, main tr")) >= 5, "the demo has people recorded twice for the duplicate review")
        driver.get(f"http://127.0.0.1:{port}/reports/estimates?type=arrest&by=year&method=dga")
        estimated = [row for row in driver.find_elements(By.CSS_SELECTOR, "#estimates tbody tr")
                     if re.match(r"^\d+$", row.find_elements(By.TAG_NAME, "td")[2].text)]
        check(len(estimated) >= 2 and len(driver.find_elements(By.CSS_SELECTOR, "main figure svg circle")) == len(estimated),
              f"the demo's estimates page estimates arrests year by year and charts each ({len(estimated)} years)")
        korean_page(driver, check, "the demo's estimates")
        shoot(driver, "demo-estimates-ko")
    finally:
        demo.terminate()
        demo.wait(timeout=30)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    check = Check()
    haven = HavenServer(HAVEN, PORT)
    officer_otp = haven.add_user("officer.kim", "documenter", "alpha")
    newcomer_otp = haven.add_user("newcomer.lee", "documenter", "alpha")
    outsider_otp = haven.add_user("analyst.park", "analyst", "beta")
    importer_otp = haven.add_user("analyst.yoon", "analyst", "alpha")
    # The organisation names its compartment; pages show the name, not the code.
    subprocess.run([HAVEN, "compartment", "label"] + haven.store + ["--key-file", haven.key, "alpha", "--ko", "가상 북부 사무소",
                    "--en", "North office (fictional)"], check=True, capture_output=True)
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
        accessible(driver, check, "the sign-in page")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Sign in", "the language switch shows the page in English")
        shoot(driver, "login-en")

        # A wrong password is refused with an alert, and what was typed stays but the password not.
        sign_in(driver, base, "officer.kim", "not the password at all", "000000")
        check(driver.find_element(By.CSS_SELECTOR, "[role=alert]").is_displayed(), "a refused sign-in says so")
        check(driver.find_element(By.ID, "username").get_attribute("value") == "officer.kim"
              and driver.find_element(By.ID, "password").get_attribute("value") == "", "the user name stays, the password does not")

        # A set-up account signs in with a TOTP code from its app.
        password, secret, step, recovery = haven.set_up("officer.kim", officer_otp)
        sign_in(driver, base, "officer.kim", password, totp(secret, step + 1))
        check(driver.current_url.rstrip("/") == base and "officer.kim" in driver.find_element(By.TAG_NAME, "main").text,
              "signing in with a TOTP code reaches the home page")
        check("officer.kim" not in driver.title, "no account name in the page title")

        # The incident form, in Korean: the event, two named victims, a group of 13 women and
        # 2 children, a broker, a perpetrating organisation and a source, in one pass.
        shoot(driver, "home-en")
        # Back to Korean (English was chosen on the sign-in page), then the incident form.
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        driver.get(base + "/records/event/new")
        check(driver.find_element(By.TAG_NAME, "h1").text == "새 사건", "the incident form is in Korean")
        fill(driver, {"title": "김정숙 가족 체포 — 가상 기록", "startDate": "2024-08-21", "placeCode": "무산",
                      "victims[0].name": "김정숙", "victims[0].otherName": "Kim Jong-suk", "victims[0].age": "40-49",
                      "victims[1].name": "리영호"})
        # 김정숙 is one of the group of 15 below (13 women and 2 children); 리영호 is not.
        choose(driver, {"actType": "arrest", "victims[0].sex": "female", "victims[0].status": "detained", "victims[0].inGroup": "0",
                        "victims[1].sex": "male", "victims[1].status": "repatriated"})
        # A third victim row is added without script; what was typed stays.
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_add][value=victims]"))
        check(driver.find_element(By.ID, "victims[0].name").get_attribute("value") == "김정숙"
              and len(driver.find_elements(By.ID, "victims[2].name")) == 1, "adding a victim row keeps what was typed")
        check(driver.current_url.endswith("#victims") and driver.execute_script(
                  "return document.getElementById('victims').getBoundingClientRect().top") < 300,
              "the form comes back at the victims, not at its top")
        fill(driver, {"groups[0].women": "13", "groups[0].children": "2", "actors[0].name": "가상 브로커 최",
                      "actors[1].name": "가상 보위부 분견대", "sources[0].name": "가상 제보자 A", "sources[0].content": "가족이 전한 가상 제보"})
        choose(driver, {"groups[0].status": "detained", "actors[0].kind": "person", "actors[0].role": "facilitator",
                        "actors[1].kind": "state_security", "actors[1].role": "perpetrator", "sources[0].kind": "family",
                        "sources[0].reliability": "B", "sources[0].credibility": "2", "sources[0].connection": "hearsay"})
        shoot(driver, "incident-form-ko")
        accessible(driver, check, "the incident form")
        # Keyboard only: Tab from the title walks every section in order and reaches the save button.
        driver.find_element(By.ID, "title").click()
        reached = []
        for _ in range(80):
            driver.switch_to.active_element.send_keys("\t")
            active = driver.switch_to.active_element
            reached.append(active.get_attribute("id") or active.get_attribute("name"))
            if reached[-1] == "_save":
                break
        order = [f for f in ["description", "actType", "victims[0].name", "groups[0].women", "actors[0].name", "sources[0].name", "_save"] if f in reached]
        check(order == ["description", "actType", "victims[0].name", "groups[0].women", "actors[0].name", "sources[0].name", "_save"]
              and reached.index("victims[0].name") < reached.index("victims[1].name"),
              "Tab alone walks the incident form in order to the save button")
        outline = driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]")
        check(outline[0] != "none" and outline[1] >= 2, f"the focused control shows a visible focus ring ({outline[0]} {outline[1]}px)")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        check(driver.current_url.endswith("?saved=1") and "저장했습니다" in driver.find_element(By.CSS_SELECTOR, "main p[role=status]").text,
              "the saved incident's page confirms the save")
        record_url = driver.current_url.split("?")[0]
        main_text = driver.find_element(By.TAG_NAME, "main").text
        check("/records/event/" in record_url and driver.find_element(By.TAG_NAME, "h1").text.startswith("김정숙"),
              "the incident is saved and its page opens")
        check(all(t in main_text for t in ["김정숙", "리영호", "15명: 여성 13, 아동 2", "가상 브로커 최", "조력자(브로커)", "가상 제보자 A", "B · "]),
              "the record page lists both victims, the group, the broker and the source with its reliability")
        check("김정" not in driver.title and "김정" not in record_url, "no name in the page title or the URL")
        check("가상 북부 사무소" in main_text and "alpha" not in main_text, "the compartment is shown by the name the organisation gave it")
        shoot(driver, "record-ko")
        accessible(driver, check, "the incident's page")

        # A two-character Hangul search finds the incident.
        driver.get(base + "/records")
        driver.find_element(By.ID, "q").send_keys("김정")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        results = [r for r in driver.find_elements(By.CSS_SELECTOR, "ul.results li a") if r.get_attribute("href") == record_url]
        check(len(results) == 1, "a two-character Hangul search finds the incident")
        check("김정" not in driver.title and "%EA" not in driver.current_url and "김정" not in driver.current_url,
              "the search text is neither in the page title nor in the URL")
        shoot(driver, "records-ko")
        accessible(driver, check, "the records page")
        # Opening it shows the record with its history; the page title names only the kind.
        click_and_wait(driver, results[0])
        check(driver.find_element(By.TAG_NAME, "h1").text.startswith("김정숙") and len(driver.find_elements(By.CSS_SELECTOR, "ol.history li")) == 1
              and "김정" not in driver.title, "the record page shows the incident and its history, its title not in the page title")
        # Editing it through the form keeps the earlier version in the history.
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href$='/edit']"))
        shoot(driver, "edit-ko")
        title = driver.find_element(By.ID, "title")
        title.clear()
        title.send_keys("김정숙 가족 체포 — 가상 기록 (확인됨)")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check(driver.find_element(By.TAG_NAME, "h1").text.endswith("(확인됨)") and len(driver.find_elements(By.CSS_SELECTOR, "ol.history li")) == 2,
              "an edit through the form is saved and the history shows both versions")
        # Follow-up: a victim's name gets its other spelling on the person's own form; the
        # history says who changed which field, and the old version can be read.
        click_and_wait(driver, driver.find_element(By.LINK_TEXT, "리영호"))
        person_url = driver.current_url
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href$='/edit']"))
        fill(driver, {"names[1].value": "Ri Yong-ho"})
        choose(driver, {"names[1].system": "mccune_reischauer"})
        shoot(driver, "person-edit-ko")
        accessible(driver, check, "the person's edit form")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        history = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ol.history li")]
        check(driver.current_url.split("?")[0] == person_url and "Ri Yong-ho" in driver.find_element(By.TAG_NAME, "main").text
              and len(history) == 2 and "바꾼 항목: 이름" in history[0] and "officer" in history[0],
              "the person's other spelling is saved; the history names the author and the field changed")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "ol.history a[href$='/versions/1']"))
        check("1번째 버전" in driver.find_element(By.CSS_SELECTOR, "main p[role=status]").text
              and "Ri Yong-ho" not in driver.find_element(By.CSS_SELECTOR, "dl.fields").text,
              "the first version reads as it was, without the new spelling")
        # A victim's next step, recorded from the incident's page.
        driver.get(record_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href*='/records/act/new?parent=']"))
        victims = Select(driver.find_element(By.ID, "victim"))
        victim = [o for o in victims.options if o.text.startswith("리영호")]
        check(len(victim) == 1, "the next-step form offers the incident's victims by name")
        victims.select_by_value(victim[0].get_attribute("value"))
        choose(driver, {"actType": "forced_repatriation", "victimStatus": "repatriated"})
        fill(driver, {"date": "2024-10", "placeCode": "지린시(길림시)"})
        shoot(driver, "act-new-ko")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check("/records/act/" in driver.current_url and "강제송환" in driver.find_element(By.TAG_NAME, "h1").text,
              "the victim's next step is saved as an act of the incident")
        # Another source for the incident, from its page.
        driver.get(record_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href*='/records/information/new?parent=']"))
        fill(driver, {"sourceName": "가상 통신 보도", "content": "가상 보도 내용"})
        choose(driver, {"sourceKind": "media", "connection": "media", "reliability": "C", "credibility": "3"})
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        driver.get(record_url)
        main_text = driver.find_element(By.TAG_NAME, "main").text
        check("가상 제보자 A" in main_text and "가상 통신 보도" in main_text and main_text.count("강제송환") >= 1,
              "the incident lists both sources and the victim's repatriation")

        # In English, the same record with English labels.
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        main_text = driver.find_element(By.TAG_NAME, "main").text
        check(driver.current_url.split("?")[0] == record_url and driver.find_element(By.TAG_NAME, "h1").text.endswith("(확인됨)")
              and "21 August 2024" in main_text and "Musan" in main_text and "Arrest" in main_text and "Facilitator (broker)" in main_text,
              "switched to English, the same record reads 21 August 2024, Musan, Arrest")
        shoot(driver, "record-en")
        # The follow-up work in English: a note on the person, a victim's next step typed as Kunming.
        driver.get(person_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href$='/edit']"))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Edit person" and driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en",
              "the person's form opens in English")
        fill(driver, {"notes": "Spelling checked with the family (fictional)"})
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        history = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ol.history li")]
        check("Saved" in driver.find_element(By.CSS_SELECTOR, "main p[role=status]").text and "changed: Notes" in history[0],
              "saved in English, the history says the notes changed")
        driver.get(record_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href*='/records/act/new?parent=']"))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Record what happened next to a victim", "the next-step form opens in English")
        victims = Select(driver.find_element(By.ID, "victim"))
        victims.select_by_value([o for o in victims.options if o.text.startswith("김정숙")][0].get_attribute("value"))
        choose(driver, {"actType": "detention", "victimStatus": "detained"})
        fill(driver, {"date": "2024-09", "placeCode": "Kunming"})
        shoot(driver, "act-new-en")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check("Detention" in driver.find_element(By.TAG_NAME, "h1").text and "Kunming" in driver.find_element(By.CSS_SELECTOR, "dl.fields").text,
              "the step typed in English is saved, its place typed as Kunming")
        driver.get(base + "/records/event/new")
        shoot(driver, "incident-form-en")
        driver.get(base + "/records?kind=event")
        shoot(driver, "records-en")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
        check("2024년 8월 21일" in driver.find_element(By.TAG_NAME, "main").text and "무산" in driver.find_element(By.TAG_NAME, "main").text,
              "back in Korean the list reads 2024년 8월 21일 and 무산")
        driver.get(base + "/")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko", "home is in Korean now")

        # An intervention about the incident, started from its page, whose deadline has passed.
        driver.get(record_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href*='/records/intervention/new?about=']"))
        fill(driver, {"partyName": "가상 외교부", "dateSent": "2025-01-10", "deadline": "2025-02-10",
                      "request": "강제송환을 중지하고 가족의 소재를 알려 달라는 요청 (가상)"})
        choose(driver, {"channel": "diplomatic_note", "status": "sent", "priority": "urgent"})
        shoot(driver, "intervention-form-ko")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        main_text = driver.find_element(By.TAG_NAME, "main").text
        check("/records/intervention/" in driver.current_url and "기한 경과" in main_text and "김정숙 가족 체포" in main_text,
              "the intervention is saved about the incident and marked overdue")
        shoot(driver, "intervention-ko")
        driver.get(base + "/")
        check("가상 외교부" in driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=overdue]").text,
              "the dashboard lists the overdue intervention")
        shoot(driver, "home-ko")
        accessible(driver, check, "the home page")

        # A rescue request from the home page's link, then its next status.
        check(len(driver.find_elements(By.CSS_SELECTOR, "nav.site a[aria-current=page]")) == 1, "the navigation bar marks the page the reader is on")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "nav.site a[href='/records/rescue_request/new']"))
        fill(driver, {"requesterName": "가상 요청자 (딸, 서울)", "subjects[0].name": "가상 어머니", "subjects[0].age": "50-59",
                      "brokerName": "가상 브로커 최", "fee.amount": "2000", "groupSize": "2", "placeCode": "Hyesan",
                      "statusDate": "2025-03-04"})
        choose(driver, {"subjects[0].sex": "female", "contactInitiatedBy": "broker", "fee.currency": "USD", "status": "received"})
        shoot(driver, "rescue-form-ko")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        # The incident named a broker of that name: the form asks whether it is that record. The
        # officer is not sure and records a new one (found again on /duplicates below).
        question = Select(driver.find_element(By.ID, "brokerExisting"))
        check(len([o for o in question.options if o.get_attribute("value").startswith("person:")]) == 1
              and driver.find_element(By.ID, "fee.amount").get_attribute("value") == "2000",
              "the rescue request form asks whether its broker is the one already recorded, keeping what was typed")
        question.select_by_value("new")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        rescue_url = driver.current_url
        check("/records/rescue_request/" in rescue_url and "2000 USD" in driver.find_element(By.TAG_NAME, "main").text,
              "the rescue request is saved with its fee")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.button[href$='/edit']"))
        fill(driver, {"statusDate": "2025-03-10", "statusNote": "가상 메모"})
        choose(driver, {"status": "underway"})
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        steps = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ol.timeline li")]
        check(driver.current_url == rescue_url and len(steps) == 2 and "진행 중" in steps[1] and "2025년 3월 10일" in steps[1],
              "the rescue request's timeline shows both statuses")
        shoot(driver, "rescue-ko")
        accessible(driver, check, "the rescue request's page")
        check("함정 징후" in driver.find_element(By.TAG_NAME, "main").text and len(driver.find_elements(By.CSS_SELECTOR, "ul.indicators li")) >= 2,
              "the rescue request shows its trap indicators")
        # Ticking a check of the verification checklist is recorded and answers its indicator.
        driver.find_element(By.ID, "check.independent_channel").click()
        check(driver.find_element(By.ID, "check.independent_channel").is_selected(), "a checklist box is ticked by the keyboard or mouse")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.checklist button[type=submit]"))
        raised = [item.find_element(By.TAG_NAME, "strong").text for item in driver.find_elements(By.CSS_SELECTOR, "ul.indicators li")]
        check(driver.find_element(By.ID, "check.independent_channel").is_selected()
              and "요청자와 가족의 관계가 독립된 경로로 확인되지 않음" not in raised and "요청자의 신원이 확인되지 않음" in raised,
              "the recorded check stays ticked, its own indicator is gone and the identity indicator stays")
        driver.find_element(By.ID, "check.requester_identity").click()
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.checklist button[type=submit]"))
        raised = [item.find_element(By.TAG_NAME, "strong").text for item in driver.find_elements(By.CSS_SELECTOR, "ul.indicators li")]
        check("요청자의 신원이 확인되지 않음" not in raised, "ticking the requester's identity clears the indicator it answers")

        # The rescue request named the incident's broker again, so Haven holds two records of one
        # broker: suggested as a possible duplicate, reviewed side by side, merged, and un-merged.
        driver.get(base + "/duplicates")
        pairs = driver.find_elements(By.CSS_SELECTOR, "table.report tbody tr")
        check(any(row.text.count("가상 브로커 최") == 2 for row in pairs), "the broker recorded twice is suggested as a possible duplicate")
        shoot(driver, "duplicates-ko")
        accessible(driver, check, "the duplicates page")
        review = next(row for row in pairs if row.text.count("가상 브로커 최") == 2).find_element(By.TAG_NAME, "a")
        click_and_wait(driver, review)
        check(driver.find_element(By.TAG_NAME, "h1").text == "같은 사람입니까?"
              and len(driver.find_elements(By.CSS_SELECTOR, "table.side-by-side thead th")) == 2, "the review shows the two records side by side")
        shoot(driver, "duplicate-review-ko")
        accessible(driver, check, "the duplicate review")
        click_and_wait(driver, driver.find_elements(By.CSS_SELECTOR, "form[action='/duplicates/merge'] button")[0])
        check("같은 사람으로 기록됨" in driver.find_element(By.TAG_NAME, "main").text, "after the merge the record says which it is the same as")
        merged_url = driver.current_url
        driver.get(base + "/reports/brokers")
        rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "table.report tbody tr") if "가상 브로커 최" in row.text]
        cells = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")] if rows else []
        check(len(rows) == 1 and cells[:2] == ["1", "1"],
              f"the merged broker is listed once, with the request of one record and the arrest of the other ({cells[:2]})")
        driver.get(merged_url)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/duplicates/unmerge'] button"))
        check("같은 사람으로 기록됨" not in driver.find_element(By.TAG_NAME, "main").text and len(driver.find_elements(By.CSS_SELECTOR, "ol.history li")) == 3,
              "un-merging leaves the record on its own, with the merge in its history")

        # A second incident naming the same broker: before saving, the form asks whether the broker
        # is one of the two records already kept, and the answer gathers the incident under it.
        driver.get(base + "/records/event/new")
        fill(driver, {"title": "두 번째 가상 사건", "startDate": "2025-04-02", "placeCode": "쿤밍", "victims[0].name": "가상 피해자 박",
                      "actors[0].name": "가상 브로커 최"})
        choose(driver, {"actType": "arrest", "victims[0].status": "detained", "actors[0].kind": "person", "actors[0].role": "facilitator"})
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        question = Select(driver.find_element(By.ID, "actors[0].existing"))
        offered = [o.get_attribute("value") for o in question.options if o.get_attribute("value").startswith("person:")]
        check(len(offered) == 2 and driver.find_element(By.ID, "actors[0].name").get_attribute("value") == "가상 브로커 최"
              and "이미 기록된 이름과 비슷한 이름이 있습니다" in driver.find_element(By.TAG_NAME, "main").text,
              "the intake form asks whether the broker is one of the two records kept, keeping what was typed")
        shoot(driver, "incident-actor-question-ko")
        accessible(driver, check, "the intake form asking about a broker")
        question.select_by_value(offered[0])
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[name=_save]"))
        check("/records/event/" in driver.current_url and "두 번째 가상 사건" in driver.find_element(By.TAG_NAME, "h1").text,
              "the incident is saved once the question is answered")
        check("쿤밍(곤명)" in driver.find_element(By.CSS_SELECTOR, "dl.fields").text, "the place typed as 쿤밍 is kept and shown by its name")
        driver.get(base + "/records/person/" + offered[0].split(":", 1)[1])
        check("두 번째 가상 사건" in driver.find_element(By.TAG_NAME, "main").text, "the broker's record lists the new incident")

        # The accountability reports, each in a real browser.
        for path, heading, name in [("/reports/brokers", "브로커와 조력 조직", "brokers-ko"), ("/reports/parties", "기관별 응답", "parties-ko"),
                                    ("/reports/trends?type=arrest&from=2024-01&to=2025-12", "동향", "trends-ko"),
                                    ("/reports/statistics?from=2024&to=2025", "통계", "statistics-ko")]:
            driver.get(base + path)
            check(driver.find_element(By.TAG_NAME, "h1").text == heading, f"{path} opens in Korean")
            shoot(driver, name)
            accessible(driver, check, path)
        driver.get(record_url.replace("/records/event/", "/dossiers/event/"))
        main_text = driver.find_element(By.TAG_NAME, "main").text
        check("자료집" in main_text and "김정숙 가족 체포" in main_text and "가상 외교부" in main_text and "리영호" in main_text,
              "the incident's dossier holds its chronology and the request to the ministry")
        check("피해 인원: 16" in main_text, "the group of 15 with 김정숙 among them and 리영호 beside it: 16 people, each counted once")
        accessible(driver, check, "the incident's dossier")
        shoot(driver, "dossier-ko")
        # Keyboard: the first Tab reaches the skip link.
        driver.find_element(By.TAG_NAME, "body").send_keys("\t")
        check(driver.switch_to.active_element.get_attribute("class") == "skip", "the first Tab reaches the skip link")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))
        check(driver.current_url.endswith("/login"), "signing out returns to the sign-in page")
        driver.get(base + "/")
        check(driver.current_url.endswith("/login"), "after signing out, home sends the browser to sign in")

        # An analyst brings in an organisation's Korean workbook: uploads it, sees its problems,
        # unknown words and duplicates in the dry run, fixes the mapping, imports, finds the
        # records, and undoes the batch.
        import_flow(driver, base, haven, importer_otp, check)

        # Someone of another compartment reaches the incident neither by search nor by its URL.
        password_b, secret_b, step_b, _ = haven.set_up("analyst.park", outsider_otp)
        sign_in(driver, base, "analyst.park", password_b, totp(secret_b, step_b + 1))
        driver.get(base + "/records")
        driver.find_element(By.ID, "q").send_keys("김정")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        # (The place type-ahead lists 김정숙군, a county; the incident's title is what must not appear.)
        check(not driver.find_elements(By.CSS_SELECTOR, "ul.results li a") and "김정숙 가족" not in driver.page_source,
              "another compartment's search does not find the incident")
        driver.get(record_url)
        check(driver.find_element(By.TAG_NAME, "h1").text == "찾을 수 없습니다" and "김정숙" not in driver.page_source,
              "another compartment gets 'not found' at the incident's URL")
        shoot(driver, "not-found-ko")
        driver.get(base + "/")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))
        # The officer signs in again with a recovery code.
        sign_in(driver, base, "officer.kim", password, recovery[0])
        check("officer.kim" in driver.find_element(By.TAG_NAME, "main").text, "a recovery code signs in once")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))

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
        driver.delete_all_cookies()
        demo_first_screen(driver, check)
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
