#!/usr/bin/env python3
"""Schemathesis against a real `haven serve`, with two identities per role.

Called by .ci/run. Creates a vault and, for every role, one account in compartment `alpha` and
one in `beta`; signs each in the way a person does (one-time password, new password, TOTP
enrolment, sign-in with a code) and gives schemathesis an API token per account. For each
role it runs schemathesis with the role's two accounts as peers that must not see each other's
objects: no server errors, authentication never ignored, no object-level authorization leaks.
Exits non-zero when schemathesis reports anything.
"""
import base64, hashlib, hmac, json, os, re, shutil, struct, subprocess, sys, tempfile, time, urllib.request, urllib.error

HAVEN, ST = sys.argv[1], sys.argv[2]
PORT = int(os.environ.get("HAVEN_FUZZ_PORT", "18181"))
BASE = f"http://127.0.0.1:{PORT}"
EXAMPLES = os.environ.get("HAVEN_FUZZ_EXAMPLES", "20")
ROLES = ["analyst", "documenter", "reviewer", "administrator"]


def call(method, path, body=None, cookie=None, csrf=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    if csrf:
        request.add_header("X-CSRF-Token", csrf)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), response.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, (json.loads(raw) if raw else None), error.headers


def totp(secret_b32, step):
    secret = base64.b32decode(secret_b32 + "=" * ((8 - len(secret_b32) % 8) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def sign_in(username, password, code=""):
    status, body, headers = call("POST", "/api/session", {"username": username, "password": password, "code": code})
    assert status == 200, f"sign-in of {username} answered {status}: {body}"
    cookie = headers["Set-Cookie"].split(";")[0]
    return cookie, body["csrfToken"], body["scope"]


def enrol(username, one_time):
    """One-time password → own password → TOTP enrolment → full session → API token."""
    password = "a fuzzing passphrase 한글 " + hashlib.sha256(username.encode()).hexdigest()[:8]
    cookie, csrf, scope = sign_in(username, one_time)
    assert scope == "enrolment", scope
    status, body, _ = call("POST", "/api/session/password", {"current": one_time, "new": password}, cookie, csrf)
    assert status == 204, f"password change answered {status}: {body}"
    cookie, csrf, _ = sign_in(username, password)
    status, body, _ = call("POST", "/api/session/mfa/enrol", None, cookie, csrf)
    assert status == 200 and body["qrCodeSVG"].startswith("<svg"), f"enrol answered {status}"
    secret, step = body["secret"], int(time.time()) // 30
    status, body, _ = call("POST", "/api/session/mfa/confirm", {"code": totp(secret, step)}, cookie, csrf)
    assert status == 200 and len(body["recoveryCodes"]) == 10, f"confirm answered {status}: {body}"
    # The next step's code: within the accepted window, and later than the one just used.
    cookie, csrf, scope = sign_in(username, password, totp(secret, step + 1))
    assert scope == "full", scope
    status, body, _ = call("POST", "/api/tokens", {"label": "schemathesis", "expiresInDays": 1}, cookie, csrf)
    assert status == 201, f"token answered {status}: {body}"
    return body["token"]


SEED = {
    "persons": {"names": [{"value": "가상인물", "script": "hangul", "system": "south_korean"}], "sex": "female"},
    "events": {"title": "가상 사건 — fictional", "startDate": "2024-08"},
    "sources": {"name": "가상 출처", "sourceKind": "ngo"},
}


def seed_and_cross_check(tokens):
    """Records in each compartment, made by its analyst, then read by every identity: those of
    the same compartment whose role reads records get them; every other identity gets exactly
    what a record that does not exist gets (404), or 403 for a role that reads no records."""
    made = []
    for suffix in ["a", "b"]:
        for kind, body in SEED.items():
            status, answer, _ = call("POST", f"/api/{kind}", body, token=tokens[f"analyst-{suffix}"])
            assert status == 201, f"seeding {kind} as analyst-{suffix} answered {status}: {answer}"
            made.append((suffix, kind, answer["record"]["id"].lower()))
    ok = True
    for suffix, kind, record_id in made:
        for name, token in tokens.items():
            role, own = name.rsplit("-", 1)
            for path in [f"/api/{kind}/{record_id}", f"/api/{kind}/{record_id}/history"]:
                status = call("GET", path, token=token)[0]
                expected = 403 if role == "administrator" else (200 if own == suffix else 404)
                if status != expected:
                    ok = False
                    print(f"FAIL object-level authorization: {name} GET {path} answered {status}, expected {expected}")
            listed = call("GET", f"/api/{kind}?limit=500", token=token)
            if role != "administrator" and own != suffix and record_id in json.dumps(listed[1]).lower():
                ok = False
                print(f"FAIL object-level authorization: {name} lists {kind} {record_id} of the other compartment")
    print(f"object-level authorization across compartments: {len(made)} records x {len(tokens)} identities: {'ok' if ok else 'FAILED'}")
    return ok


def main():
    work = tempfile.mkdtemp(prefix="haven-fuzz-")
    data, key = os.path.join(work, "data"), os.path.join(work, "haven.key")
    subprocess.run([HAVEN, "init", "--data", data, "--key-file", key], check=True, capture_output=True)
    accounts = {}
    for role in ROLES:
        for suffix, compartment in [("a", "alpha"), ("b", "beta")]:
            name = f"{role}-{suffix}"
            args = [HAVEN, "user", "add", "--data", data, "--key-file", key, "--username", name, "--role", role]
            if role != "administrator":
                args += ["--compartment", compartment]
            out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
            accounts[name] = re.search(r"One-time password / 일회용 비밀번호: (\S+)", out).group(1)
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([HAVEN, "serve", "--data", data, "--key-file", key, "--port", str(PORT)], stdout=log, stderr=log)
    try:
        for _ in range(120):
            try:
                if call("GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        tokens = {name: enrol(name, one_time) for name, one_time in accounts.items()}
        failed = not seed_and_cross_check(tokens)
        for role in ROLES:
            peers = [f"{role}-a", f"{role}-b"]
            auth = {"auth": [{"name": name, "fixedHeaders": [{"name": "Authorization", "value": "Bearer " + tokens[name]}]}
                             for name in peers]}
            auth_path, config_path = os.path.join(work, f"auth-{role}.json"), os.path.join(work, f"{role}.toml")
            with open(auth_path, "w") as f:
                json.dump(auth, f)
            with open(config_path, "w") as f:
                f.write(f'[auth.wfc]\npath = "{auth_path}"\npeers = {json.dumps(peers)}\n')
            print(f"== schemathesis as {role} ({' and '.join(peers)}, compartments alpha and beta)", flush=True)
            result = subprocess.run([ST, "--config-file", config_path, "run", f"{BASE}/openapi.json",
                                     "--checks", "not_a_server_error,ignored_auth,object_level_authorization",
                                     "--max-examples", EXAMPLES, "--seed", "1", "--no-color"])
            failed = failed or result.returncode != 0
        return 1 if failed else 0
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        with open(os.path.join(work, "server.log")) as f:
            tail = f.read()[-3000:]
        if "Something went wrong" in tail or " error " in tail:
            print(tail)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
