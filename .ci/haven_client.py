"""What .ci/api-fuzz.py and .ci/browser-test.py share: a throwaway vault with accounts, a real
`haven serve`, and the API calls a person's first sign-in makes (one-time password, own password,
TOTP enrolment, sign-in with a code). Standard library only."""
import base64, hashlib, hmac, json, os, re, shutil, struct, subprocess, tempfile, time, urllib.request, urllib.error


def totp(secret_b32, step):
    """RFC 6238 with SHA-1, 6 digits, 30-second steps."""
    secret = base64.b32decode(secret_b32 + "=" * ((8 - len(secret_b32) % 8) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


class HavenServer:
    """A vault in a temporary directory, its accounts, and `haven serve` on 127.0.0.1:port."""

    def __init__(self, haven, port, database=None, vault_of=None):
        """A new vault (in a folder, or in the PostgreSQL `database` URL names), or with
        `vault_of`, a second server on another server's vault."""
        self.haven, self.port = haven, port
        self.base = f"http://127.0.0.1:{port}"
        self.server = None
        if vault_of:
            self.work, self.key, self.store, self.owns_vault = vault_of.work, vault_of.key, vault_of.store, False
            return
        self.work = tempfile.mkdtemp(prefix="haven-ci-")
        self.key = os.path.join(self.work, "haven.key")
        self.store = ["--database", database] if database else ["--data", os.path.join(self.work, "data")]
        self.owns_vault = True
        subprocess.run([haven, "init"] + self.store + ["--key-file", self.key], check=True, capture_output=True)

    def add_user(self, name, role, compartment=None):
        """Creates an account and returns its one-time password."""
        args = [self.haven, "user", "add"] + self.store + ["--key-file", self.key, "--username", name, "--role", role]
        if compartment:
            args += ["--compartment", compartment]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return re.search(r"One-time password / 일회용 비밀번호: (\S+)", out).group(1)

    def start(self, wait=60):
        """Starts `haven serve` and waits up to `wait` seconds for /health (a large vault takes
        a minute or more to unlock)."""
        self.log = open(os.path.join(self.work, f"server-{self.port}.log"), "w")
        self.server = subprocess.Popen([self.haven, "serve"] + self.store + ["--key-file", self.key, "--port", str(self.port)],
                                       stdout=self.log, stderr=self.log)
        for _ in range(int(wait * 2)):
            try:
                if self.call("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("haven serve did not start")

    def stop(self, remove=True):
        if os.environ.get("HAVEN_KEEP_LOGS") and self.server:
            print("server log:", os.path.join(self.work, f"server-{self.port}.log"))
        """Stops the server; with `remove`, deletes the vault's folder if this server made it."""
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.log.close()
            self.server = None
        if remove and self.owns_vault and not os.environ.get("HAVEN_KEEP_LOGS"):
            shutil.rmtree(self.work, ignore_errors=True)

    def verify_audit(self):
        """`haven audit verify` with the key: its exit status and what it printed."""
        done = subprocess.run([self.haven, "audit", "verify"] + self.store + ["--key-file", self.key], capture_output=True, text=True)
        return done.returncode, (done.stdout + done.stderr).strip()

    def call(self, method, path, body=None, cookie=None, csrf=None, token=None, if_match=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if cookie:
            request.add_header("Cookie", cookie)
        if csrf:
            request.add_header("X-CSRF-Token", csrf)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if if_match:
            request.add_header("If-Match", if_match)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, self.parse(response.read(), response.headers), response.headers
        except urllib.error.HTTPError as error:
            return error.code, self.parse(error.read(), error.headers), error.headers

    @staticmethod
    def parse(raw, headers):
        """JSON bodies as objects, pages as text."""
        if not raw:
            return None
        if "json" in (headers.get("Content-Type") or ""):
            return json.loads(raw)
        return raw.decode(errors="replace")

    def sign_in(self, username, password, code=""):
        status, body, headers = self.call("POST", "/api/session", {"username": username, "password": password, "code": code})
        assert status == 200, f"sign-in of {username} answered {status}: {body}"
        return headers["Set-Cookie"].split(";")[0], body["csrfToken"], body["scope"]

    def set_up(self, username, one_time):
        """One-time password → own password → TOTP enrolment. Returns the password, the TOTP
        secret, the last time step used and the ten recovery codes."""
        password = "a ci passphrase 한글 " + hashlib.sha256(username.encode()).hexdigest()[:8]
        cookie, csrf, scope = self.sign_in(username, one_time)
        assert scope == "enrolment", scope
        status, body, _ = self.call("POST", "/api/session/password", {"current": one_time, "new": password}, cookie, csrf)
        assert status == 204, f"password change answered {status}: {body}"
        cookie, csrf, _ = self.sign_in(username, password)
        status, body, _ = self.call("POST", "/api/session/mfa/enrol", None, cookie, csrf)
        assert status == 200 and body["qrCodeSVG"].startswith("<svg"), f"enrol answered {status}"
        secret, step = body["secret"], int(time.time()) // 30
        status, body, _ = self.call("POST", "/api/session/mfa/confirm", {"code": totp(secret, step)}, cookie, csrf)
        assert status == 200 and len(body["recoveryCodes"]) == 10, f"confirm answered {status}: {body}"
        return password, secret, step, body["recoveryCodes"]

    def api_token(self, username, one_time):
        """A fully set-up account's API token."""
        password, secret, step, _ = self.set_up(username, one_time)
        # The next step's code: within the accepted window, and later than the one just used.
        cookie, csrf, scope = self.sign_in(username, password, totp(secret, step + 1))
        assert scope == "full", scope
        status, body, _ = self.call("POST", "/api/tokens", {"label": "ci", "expiresInDays": 1}, cookie, csrf)
        assert status == 201, f"token answered {status}: {body}"
        return body["token"]
