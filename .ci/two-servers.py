#!/usr/bin/env python3
"""Two `haven serve` processes on one vault, written to at once.

Usage: two-servers.py HAVEN_BIN [POSTGRES_URL] [WRITES_PER_WRITER]

Called by .ci/run (on PostgreSQL, and on one SQLite file). Starts two servers on the same vault,
signs one analyst in on the first (its API token is kept in the vault, so the second honours it),
and runs concurrent writers that create persons on one server and at once read each back from
the other, then change it there with If-Match. Checks: every acknowledged write is readable on
the other server within a second; no answer is a server error (a 503 "busy" is retried, and
counted); both servers list exactly the acknowledged records; `haven audit verify` passes with
the key. Prints its figures; exits non-zero on any failure.
"""
import os, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from haven_client import HavenServer  # noqa: E402

HAVEN = sys.argv[1]
DATABASE = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
WRITES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
WRITERS = 6
PORTS = (int(os.environ.get("HAVEN_TWO_SERVERS_PORT", "18401")), int(os.environ.get("HAVEN_TWO_SERVERS_PORT", "18401")) + 1)


def main():
    first = HavenServer(HAVEN, PORTS[0], database=DATABASE)
    one_time = first.add_user("writer", "analyst", "alpha")
    second = HavenServer(HAVEN, PORTS[1], vault_of=first)
    servers = [first, second]
    failures, lock = [], threading.Lock()
    acknowledged, delays, busy = [], [], [0]

    def fail(message):
        with lock:
            failures.append(message)

    def call(server, *args, **kwargs):
        """A call that retries a 503 (busy) a few times, counting each."""
        for _ in range(20):
            status, body, headers = server.call(*args, **kwargs)
            if status != 503:
                return status, body, headers
            with lock:
                busy[0] += 1
            time.sleep(0.05)
        return status, body, headers

    def writer(number, token):
        for i in range(WRITES):
            here, there = servers[(number + i) % 2], servers[(number + i + 1) % 2]
            name = f"가상 병행 {number}-{i}"
            status, body, _ = call(here, "POST", "/api/persons", {"names": [{"value": name, "script": "hangul", "system": "unknown"}]},
                                   token=token)
            if status != 201:
                fail(f"create on :{here.port} answered {status}: {body}")
                continue
            record = body["record"]["id"].lower()
            with lock:
                acknowledged.append(record)
            started = time.monotonic()
            while True:
                status, body, headers = call(there, "GET", f"/api/persons/{record}", token=token)
                if status == 200:
                    break
                if status != 404 or time.monotonic() - started > 1.0:
                    fail(f"person {record} written on :{here.port} answered {status} on :{there.port} after {time.monotonic() - started:.2f} s")
                    break
                time.sleep(0.01)
            with lock:
                delays.append(time.monotonic() - started)
            if status != 200:
                continue
            # A change on the other server, against the version it was just read at.
            changed = dict(body["record"], notes=f"가상 — changed on :{there.port}")
            status, body, _ = call(there, "PUT", f"/api/persons/{record}", changed, token=token, if_match=headers.get("ETag"))
            if status != 200:
                fail(f"change of {record} on :{there.port} answered {status}: {body}")

    first.start()
    second.start()
    try:
        token = first.api_token("writer", one_time)
        started = time.monotonic()
        threads = [threading.Thread(target=writer, args=(n, token)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        for server in servers:
            status, body, _ = server.call("GET", "/api/persons?limit=1", token=token)
            if status != 200 or body.get("total") != len(acknowledged):
                fail(f":{server.port} lists {body.get('total') if status == 200 else status} persons, {len(acknowledged)} acknowledged")
        second.stop()
        first.stop(remove=False)
        status, verified = first.verify_audit()
        if status != 0:
            fail(f"haven audit verify failed: {verified[-300:]}")
    finally:
        second.stop()
        first.stop()
    engine = "PostgreSQL" if DATABASE else "SQLite"
    print(f"two servers on one {engine} vault: {WRITERS} writers, {len(acknowledged)} creates and as many changes acknowledged "
          f"in {elapsed:.1f} s ({2 * len(acknowledged) / elapsed:.0f} writes/s); read on the other server after at most "
          f"{max(delays, default=0) * 1000:.0f} ms (median {sorted(delays)[len(delays) // 2] * 1000 if delays else 0:.0f} ms); "
          f"{busy[0]} busy answers retried; audit verify: {'ok' if status == 0 else 'FAILED'}")
    for message in failures[:20]:
        print("FAIL", message)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
