"""Load held: a real `haven serve` on a vault of realistic size (the demo's fictional history,
filled by `haven-bench --fill`) is driven by wrk at 16 and 64 connections: reads by id, searches
(two Hangul syllables, romanised), the dashboard and report pages, and writes, each with a
signed-in session or an API token as a real client would. Then a sign-in flood (wrong passwords)
and, with --soak, a mixed load for minutes while the server's memory is sampled. Afterwards
`haven audit verify` must pass. Prints one table; judges nothing but errors (a 5xx other than a
deliberate 503, or a failed verify, exits non-zero).

Usage (through Scripts/bench-load, which builds Haven):
    load_test.py --haven BIN --bench BIN [--records N] [--duration S] [--soak S] [--database URL]
Standard library and wrk (Debian's) only.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".ci"))
from haven_client import HavenServer, totp  # noqa: E402

LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "load.lua")


def signed_in(vault, username, role):
    """A fully set-up account: its session cookie, CSRF token and an API token made in that session."""
    # The demo's history is kept in the default compartment.
    one_time = vault.add_user(username, role, "default")
    password, secret, step, _ = vault.set_up(username, one_time)
    cookie, csrf, scope = vault.sign_in(username, password, totp(secret, step + 1))
    assert scope == "full", scope
    status, body, _ = vault.call("POST", "/api/tokens", {"label": "load", "expiresInDays": 1}, cookie, csrf)
    assert status == 201, f"token answered {status}: {body}"
    return cookie, csrf, body["token"]


def record_paths(vault, token, kind, path, wanted):
    """Up to `wanted` API paths of current records of one kind, from the list endpoint."""
    paths, offset = [], 0
    while len(paths) < wanted:
        status, body, _ = vault.call("GET", f"/api/{path}?limit=500&offset={offset}", token=token)
        assert status == 200, f"listing {kind} answered {status}"
        items = body["items"]
        if not items:
            break
        paths += [f"/api/{path}/{item['record']['id']}" for item in items]
        offset += len(items)
    return paths[:wanted]


def run_wrk(base, connections, duration, scenario, requests_file, auth):
    """One wrk run; returns its figures as the Lua script's done() printed them. `auth` is a
    list of header sets, dealt out to wrk's threads in turn."""
    auth_file = requests_file + ".auth"
    with open(auth_file, "w") as out:
        for headers in auth:
            out.write("\t".join(f"{name}: {value}" for name, value in headers.items()) + "\n")
    env = dict(os.environ, HAVEN_LOAD_REQUESTS=requests_file, HAVEN_LOAD_AUTH=auth_file)
    threads = 2 if connections >= 2 else 1
    done = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
                           "-s", LUA, base], capture_output=True, text=True, env=env)
    lines = [line for line in done.stdout.splitlines() if line.startswith("HAVEN-LOAD ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed on {scenario}: {done.stderr.strip() or done.stdout.strip()}")
    figures = json.loads(lines[-1][len("HAVEN-LOAD "):])
    figures.update(scenario=scenario, connections=connections)
    return figures


def write_requests(work, name, requests):
    """Writes a scenario's requests for load.lua: method, path and JSON body (or nothing), TAB-separated."""
    path = os.path.join(work, f"{name}.requests")
    with open(path, "w") as out:
        for method, target, body in requests:
            out.write(f"{method}\t{target}\t{json.dumps(body, ensure_ascii=False) if body is not None else ''}\n")
    return path


def person_body(n):
    # Clearly fictional, as every record of the benchmark is.
    return {"names": [{"value": f"가상 부하{n}", "script": "hangul", "system": "unknown"}], "sex": random.choice(["female", "male"])}


def resident_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--haven", required=True)
    parser.add_argument("--bench", required=True, help="haven-bench, which fills the vault")
    parser.add_argument("--records", type=int, default=100_000, help="about this many records of fictional history")
    parser.add_argument("--duration", type=int, default=20, help="seconds of each wrk run")
    parser.add_argument("--soak", type=int, default=0, help="seconds of mixed load while memory is sampled (0: none)")
    parser.add_argument("--database", help="a PostgreSQL URL instead of a SQLite vault")
    parser.add_argument("--port", type=int, default=18480)
    args = parser.parse_args()
    random.seed(7)

    vault = HavenServer(args.haven, args.port, database=args.database)
    failures = []
    try:
        incidents = max(1, args.records // 7)
        started = time.monotonic()
        fill = ["--fill", str(incidents), "--key-file", vault.key] + (
            ["--postgres-url", args.database] if args.database else ["--data", os.path.join(vault.work, "data")])
        out = subprocess.run([args.bench] + fill, check=True, capture_output=True, text=True).stdout.strip()
        print(f"{out} ({time.monotonic() - started:.0f} s)", flush=True)
        started = time.monotonic()
        vault.start()
        print(f"haven serve answered /health {time.monotonic() - started:.1f} s after it started (unlock included)", flush=True)

        officer_cookie, officer_csrf, officer_token = signed_in(vault, "load-documenter", "documenter")
        analyst_cookie, _, analyst_token = signed_in(vault, "load-analyst", "analyst")
        persons = record_paths(vault, analyst_token, "person", "persons", 5_000)
        events = record_paths(vault, analyst_token, "event", "events", 2_000)
        assert persons and events, "the filled vault lists no persons or events"
        # Half the connections come with a signed-in session, half with an API token.
        reader = [{"Cookie": analyst_cookie}, {"Authorization": "Bearer " + analyst_token}]
        writer = [{"Cookie": officer_cookie, "X-CSRF-Token": officer_csrf}, {"Authorization": "Bearer " + officer_token}]

        hangul = ["영희", "철수", "혜산", "김영", "박순", "무산", "이정", "최명"]
        latin = ["kim", "park", "yong", "hye", "choe", "hyesan", "musan", "lee"]
        work = vault.work
        scenarios = {
            "read by id": write_requests(work, "reads", [["GET", p, None] for p in random.sample(persons + events, len(persons + events))]),
            "search, 2 Hangul syllables": write_requests(work, "hangul", [["GET", "/api/search?q=" + urllib.parse.quote(q), None] for q in hangul]),
            "search, romanised": write_requests(work, "latin", [["GET", "/api/search?q=" + q, None] for q in latin]),
            "dashboard (/)": write_requests(work, "dashboard", [["GET", "/", None]]),
            "report pages": write_requests(work, "reports", [["GET", p, None] for p in ["/reports/trends", "/reports/statistics", "/reports/brokers", "/reports/parties"]]),
            "write (new person)": write_requests(work, "writes", [["POST", "/api/persons", person_body(n)] for n in range(2_000)]),
        }
        plan = [("read by id", 16), ("read by id", 64), ("search, 2 Hangul syllables", 16), ("search, 2 Hangul syllables", 64),
                ("search, romanised", 64), ("dashboard (/)", 16), ("report pages", 16), ("write (new person)", 16), ("write (new person)", 64)]
        rows = []
        # Pages are for people: signed in with a session; the API also takes tokens.
        pages = {"dashboard (/)", "report pages"}
        for scenario, connections in plan:
            auth = writer if scenario.startswith("write") else [reader[0]] if scenario in pages else reader
            figures = run_wrk(vault.base, connections, args.duration, scenario, scenarios[scenario], auth)
            rows.append(figures)
            print(f"  {scenario}, {connections} connections: {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms", flush=True)

        # A flood of wrong passwords: each must be answered quickly (429 once throttled), not queued.
        flood = write_requests(work, "flood", [["POST", "/api/session", {"username": "load-analyst", "password": f"wrong {n}", "code": ""}]
                                               for n in range(100)])
        rows.append(run_wrk(vault.base, 64, min(args.duration, 10), "sign-in flood (wrong password)", flood, [{}]))

        soak = None
        if args.soak:
            mixed = []
            for n in range(4_000):
                r = random.random()
                if r < 0.70:
                    mixed.append(["GET", random.choice(persons + events), None])
                elif r < 0.85:
                    mixed.append(["GET", "/api/search?q=" + urllib.parse.quote(random.choice(hangul + latin)), None])
                elif r < 0.97:
                    mixed.append(["GET", "/", None])
                else:
                    mixed.append(["POST", "/api/persons", person_body(100_000 + n)])
            samples = []
            stop = threading.Event()

            def sample():
                while not stop.wait(5):
                    samples.append(resident_mib(vault.server.pid))
            sampler = threading.Thread(target=sample)
            sampler.start()
            # A documenter's day, signed in with a session: the pages take no token.
            soak_row = run_wrk(vault.base, 16, args.soak, f"mixed soak, {args.soak} s", write_requests(work, "mixed", mixed), [writer[0]])
            stop.set()
            sampler.join()
            rows.append(soak_row)
            # Growth from the end of the first minute (caches warm) to the end.
            settled = samples[min(len(samples) - 1, 12)] if samples else 0
            soak = (settled, samples[-1] if samples else 0, max(samples) if samples else 0)

        print()
        print("| scenario | connections | req/s | p50 (ms) | p99 (ms) | 2xx | 401 | 429 | 503 | other |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for f in rows:
            s = f["statuses"]
            two = sum(v for k, v in s.items() if k.startswith("2"))
            other = sum(v for k, v in s.items() if not k.startswith("2") and k not in ("401", "429", "503"))
            print(f"| {f['scenario']} | {f['connections']} | {f['rps']:,.0f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} | {two:,} | "
                  f"{s.get('401', 0):,} | {s.get('429', 0):,} | {s.get('503', 0):,} | {other:,} |")
            if any(k.startswith("5") and k != "503" for k in s) or f["socket_errors"]:
                failures.append(f"{f['scenario']} at {f['connections']} connections: statuses {s}, socket errors {f['socket_errors']}")
            elif other and not f["scenario"].startswith("sign-in"):
                failures.append(f"{f['scenario']} at {f['connections']} connections: unexpected statuses {s}")
        if soak:
            growth = (soak[1] - soak[0]) / soak[0] * 100 if soak[0] else 0
            print(f"\nmemory during the soak: {soak[0]:.0f} MiB after its first minute, {soak[1]:.0f} MiB at its end "
                  f"({growth:+.1f} %), at most {soak[2]:.0f} MiB")
        print(f"server's resident memory at the end: {resident_mib(vault.server.pid):.0f} MiB")
        vault.stop(remove=False)
        started = time.monotonic()
        code, text = vault.verify_audit()
        entries = re.search(r"(\d[\d,]*) audit entries", text)
        print(f"haven audit verify: exit {code} in {time.monotonic() - started:.1f} s ({entries.group(1) if entries else '?'} entries)")
        if code != 0:
            failures.append("audit verify failed: " + text[-500:])
    finally:
        vault.stop()
    if failures:
        print("\nFAILED:\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
