"""Crash safety, measured: a real `haven serve` on a real vault takes concurrent writes through the
API and is killed with SIGKILL at random moments; after every kill nothing acknowledged may be lost
or changed, nothing unacknowledged may be half there, the server's index must agree with what was
acknowledged, and `haven audit verify` must pass on the killed vault.

Writers (each owning its records, so that what each expects is exact): create persons, change
them with If-Match, delete them, and record whole incidents through /api/incidents (an event, an
act, a victim, a group, a source and what it reported, in one transaction). Every write carries a
marker (CrashW3x17) so that one whose answer never came can be found afterwards: it is either
wholly there (and then expected from then on) or wholly absent. Between kills the harness also
kills `haven import-sheet` mid-import (the sheet's persons: all or none) and `haven keys rotate`
mid-rotation (every acknowledged record still readable, verify passes).

Usage (through Scripts/crash-test, which builds Haven):
    crash_test.py --haven BIN [--kills N] [--writers N] [--database URL] [--seed N]
Prints its figures; exits non-zero on any failure. Standard library only.
"""
import argparse
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".ci"))
from haven_client import HavenServer  # noqa: E402

PATHS = {"event": "events", "act": "acts", "victim_group": "victim-groups", "person": "persons", "organisation": "organisations",
         "involvement": "involvements", "source": "sources", "information": "information"}


# Seconds within which a live server must answer a request.
ANSWER_WITHIN = 30


class Lost(Exception):
    """The server went away in the middle of a call."""


class Vault(HavenServer):
    """HavenServer with SIGKILL, a quicker start and a call that says when the server went away."""

    def start(self):
        # Another process on the port would answer /health in this server's stead.
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"something already listens on port {self.port}; stop it or pass --port")
        self.log = open(os.path.join(self.work, f"server-{self.port}.log"), "a")
        self.server = subprocess.Popen([self.haven, "serve"] + self.store + ["--key-file", self.key, "--port", str(self.port)],
                                       stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.call("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            if self.server.poll() is not None:
                raise RuntimeError(f"haven serve exited with {self.server.returncode}; see {self.log.name}")
            time.sleep(0.02)
        raise RuntimeError("haven serve did not answer /health within a minute")

    def kill(self):
        if self.server:
            self.server.send_signal(signal.SIGKILL)
            self.server.wait(timeout=30)
            self.log.close()
            self.server = None

    def call_or_lost(self, *args, **kwargs):
        try:
            return self.call(*args, **kwargs)
        except TimeoutError as error:  # alive, but no answer within the socket timeout
            self.hung = True
            raise Lost(str(error)) from error
        except OSError as error:  # refused, reset, closed before an answer
            raise Lost(str(error)) from error


class Ledger:
    """What one writer expects of its records."""

    def __init__(self, writer):
        self.writer = writer
        self.sequence = 0
        self.persons = {}          # id -> {"record": body, "etag": str, "notes": str, "deleted": bool}
        self.uncertain = {}        # id -> set of acceptable states: note strings, or None for deleted
        self.unanswered_creates = []     # markers
        self.incidents = []        # acknowledged: list of (kind, id)
        self.victims = set()       # person ids made by acknowledged incidents
        self.unanswered_incidents = []   # markers
        self.acknowledged = 0
        self.busy = 0
        self.unavailable = 0

    def marker(self):
        self.sequence += 1
        # Ended by z, so that a search for one is not a substring of another's (x5z, x50z).
        return f"CrashW{self.writer}x{self.sequence}z"


def write_round(vault, token, ledger, stop, failures, rng, database_down=None):
    """Writes until the server goes away (or `stop` is set). While `database_down` is set (its
    PostgreSQL was killed), an answer of 503 is a write whose fate is unknown, like one whose
    answer never came, and the round ends."""
    def call(*args, **kwargs):
        for _ in range(40):
            status, body, headers = vault.call_or_lost(*args, token=token, **kwargs)
            if database_down is not None and database_down.is_set() and status >= 500:
                if status != 503:
                    failures.append(f"answered {status}, not 503, while the database was down: {str(body)[:200]}")
                ledger.unavailable += 1
                raise Lost(f"{status} while the database was down")
            if status != 503:
                return status, body, headers
            ledger.busy += 1
            time.sleep(0.05)
        return status, body, headers

    while not stop.is_set():
        present = [i for i, p in ledger.persons.items() if not p["deleted"] and i not in ledger.uncertain]
        roll = rng.random()
        try:
            if roll < 0.35 or not present:
                marker = ledger.marker()
                ledger.unanswered_creates.append(marker)
                status, body, headers = call("POST", "/api/persons", {"names": [{"value": f"{marker} 가상", "script": "latin", "system": "unknown"}],
                                                                     "notes": "v0"})
                if status != 201:
                    failures.append(f"create answered {status}: {str(body)[:200]}")
                    continue
                ledger.unanswered_creates.pop()
                record = body["record"]
                ledger.persons[record["id"].lower()] = {"record": record, "etag": headers.get("ETag"), "notes": "v0", "deleted": False}
                ledger.acknowledged += 1
            elif roll < 0.60:
                rid = rng.choice(present)
                person = ledger.persons[rid]
                notes = f"v{ledger.marker()}"
                ledger.uncertain[rid] = {person["notes"], notes}
                status, body, headers = call("PUT", f"/api/persons/{rid}", dict(person["record"], notes=notes), if_match=person["etag"])
                if status != 200:
                    failures.append(f"change of {rid} answered {status}: {str(body)[:200]}")
                    del ledger.uncertain[rid]
                    continue
                del ledger.uncertain[rid]
                person.update(record=body["record"], etag=headers.get("ETag"), notes=notes)
                ledger.acknowledged += 1
            elif roll < 0.70:
                rid = rng.choice(present)
                person = ledger.persons[rid]
                ledger.uncertain[rid] = {person["notes"], None}
                status, body, _ = call("DELETE", f"/api/persons/{rid}")
                if status not in (200, 204):
                    failures.append(f"delete of {rid} answered {status}: {str(body)[:200]}")
                    del ledger.uncertain[rid]
                    continue
                del ledger.uncertain[rid]
                person["deleted"] = True
                ledger.acknowledged += 1
            else:
                marker = ledger.marker()
                ledger.unanswered_incidents.append(marker)
                status, body, _ = call("POST", "/api/incidents", {
                    "event": {"title": f"가상 사건 {marker}", "startDate": "2024-03-02", "placeCode": "CN-JL"}, "actType": "arrest",
                    "victims": [{"name": f"{marker}v 가상", "sex": "female"}], "groups": [{"size": 3, "status": "detained"}],
                    "sources": [{"name": "가상 단체", "kind": "ngo", "reliability": "B", "credibility": "2"}]})
                if status != 201:
                    failures.append(f"incident answered {status}: {str(body)[:200]}")
                    continue
                ledger.unanswered_incidents.pop()
                refs = [(r["kind"], r["id"].lower()) for r in body["records"]]
                ledger.incidents.extend(refs)
                ledger.victims.update(i for k, i in refs if k == "person")
                ledger.acknowledged += 1
        except Lost:
            return


def found(vault, token, kind, marker):
    """The ids of records of `kind` whose text holds the marker."""
    status, body, _ = vault.call("GET", f"/api/{PATHS[kind]}?q={marker}&limit=10", token=token)
    assert status == 200, f"search answered {status}"
    return [item["record"]["id"].lower() for item in body["items"]]


def check(vault, token, ledgers, failures, rng, everything=False):
    """After a restart: everything acknowledged as acknowledged, unanswered writes all or none."""
    for ledger in ledgers:
        # Creates whose answer never came: there or not, and from now on expected as found.
        for marker in ledger.unanswered_creates:
            ids = found(vault, token, "person", marker)
            if len(ids) > 1:
                failures.append(f"unanswered create {marker} is there {len(ids)} times")
            for rid in ids:
                status, body, headers = vault.call("GET", f"/api/persons/{rid}", token=token)
                ledger.persons[rid] = {"record": body["record"], "etag": headers.get("ETag"), "notes": body["record"].get("notes"), "deleted": False}
        ledger.unanswered_creates.clear()
        for marker in ledger.unanswered_incidents:
            events, victims = found(vault, token, "event", marker), found(vault, token, "person", marker + "v")
            if len(events) != len(victims) or len(events) > 1:
                failures.append(f"unanswered incident {marker} is half there: {len(events)} events, {len(victims)} victims")
            ledger.victims.update(victims)
        ledger.unanswered_incidents.clear()
        # Persons: every one after the last kill's uncertain writes, and a sample of the rest.
        ids = list(ledger.persons)
        sample = ids if everything else list(ledger.uncertain) + rng.sample(ids, min(15, len(ids)))
        for rid in sample:
            person = ledger.persons[rid]
            status, body, headers = vault.call("GET", f"/api/persons/{rid}", token=token)
            allowed = ledger.uncertain.get(rid, {None} if person["deleted"] else {person["notes"]})
            seen = None if status == 404 else body["record"].get("notes") if status == 200 else f"status {status}"
            if seen not in allowed:
                failures.append(f"person {rid}: expected {sorted(map(str, allowed))}, found {seen}")
            if status == 200:
                person.update(record=body["record"], etag=headers.get("ETag"), notes=seen, deleted=False)
            elif status == 404:
                person["deleted"] = True
        ledger.uncertain.clear()
        refs = ledger.incidents if everything else rng.sample(ledger.incidents, min(10, len(ledger.incidents)))
        for kind, rid in refs:
            status, _, _ = vault.call("GET", f"/api/{PATHS[kind]}/{rid}", token=token)
            if status != 200:
                failures.append(f"acknowledged {kind} {rid} answered {status}")
    # The index agrees with what was acknowledged: every person counted, none more.
    expected = sum(1 for ledger in ledgers for p in ledger.persons.values() if not p["deleted"]) + sum(len(l.victims) for l in ledgers)
    status, body, _ = vault.call("GET", "/api/persons?limit=1", token=token)
    if status != 200 or body["total"] != expected + vault.extra_persons:
        failures.append(f"the index lists {body.get('total') if status == 200 else status} persons, {expected + vault.extra_persons} expected")


def verify(vault, failures, when):
    status, output = vault.verify_audit()
    if status != 0:
        failures.append(f"audit verify failed {when}: {output[-300:]}")
    return status == 0


def kill_import(vault, token, failures, rng, rows=3000):
    """`haven import-sheet` of `rows` persons killed at a random moment: all of them or none."""
    status, body, _ = vault.call("GET", "/api/persons?limit=1", token=token)
    before = body["total"]
    sheet = os.path.join(vault.work, "sheet.csv")
    with open(sheet, "w") as f:
        f.write("name,sex\n" + "".join(f"SheetP{rng.randrange(10**9)}x{n} 가상,F\n" for n in range(rows)))
    started = time.monotonic()
    process = subprocess.Popen([vault.haven, "import-sheet"] + vault.store + ["--key-file", vault.key, "--kind", "person",
                                "--compartment", "alpha", "--duplicate-threshold", "1", sheet],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if vault.import_seconds is None:
        # The first import runs to the end: how long one takes places the later kills, most of
        # them in its second half, where the rows are checked and written.
        process.wait()
        vault.import_seconds = time.monotonic() - started
    else:
        time.sleep(rng.uniform(0.3, 1.05) * vault.import_seconds)
        process.send_signal(signal.SIGKILL)
        process.wait()
    # The running server sees another process's writes at its next request.
    status, body, _ = vault.call("GET", "/api/persons?limit=1", token=token)
    added = body["total"] - before
    if added not in (0, rows):
        failures.append(f"a killed import left {added} of {rows} persons")
    vault.extra_persons += added
    return added == rows


def kill_rotation(vault, rng):
    """`haven keys rotate` killed mid-way (the server stopped, as the runbook says)."""
    process = subprocess.Popen([vault.haven, "keys", "rotate"] + vault.store + ["--key-file", vault.key, "--batch-size", "50"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.05, 0.8))
    process.send_signal(signal.SIGKILL)
    return process.wait()


class Postgres:
    """The throwaway PostgreSQL server of .ci/postgres.sh (PGBIN, PGDIR, PGPORT in the environment)."""

    def __init__(self):
        self.bin, self.dir, self.port = os.environ["PGBIN"], os.environ["PGDIR"], os.environ.get("PGPORT", "54329")

    def kill_and_restart(self, rng):
        with open(os.path.join(self.dir, "data", "postmaster.pid")) as f:
            pid = int(f.readline())
        os.kill(pid, signal.SIGKILL)
        # Its backends end when they see the postmaster gone; a new one waits for them.
        time.sleep(rng.uniform(0.2, 1.0))
        # In a container whose first process reaps no orphans, the killed postmaster stays a
        # zombie, which PostgreSQL takes for a live one: its lock files go, as an operator would
        # remove them once the process is dead.
        try:
            with open(f"/proc/{pid}/stat") as f:
                dead = f.read().split(")")[-1].split()[0] == "Z"
        except FileNotFoundError:
            dead = True
        if dead:
            for stale in (os.path.join(self.dir, "data", "postmaster.pid"), os.path.join(self.dir, f".s.PGSQL.{self.port}.lock")):
                try:
                    os.remove(stale)
                except FileNotFoundError:
                    pass
        started = subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.dir, "data"),
                                  "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60",
                                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}", "start"], stdout=subprocess.DEVNULL)
        if started.returncode != 0:
            with open(os.path.join(self.dir, "server.log")) as log:
                raise RuntimeError("PostgreSQL did not restart:\n" + "".join(log.readlines()[-8:]))


def sabotage(vault, ledgers):
    """Deletes the row of one acknowledged, present person from the SQLite file, as a lost write
    would leave it."""
    victim = next(rid for ledger in ledgers for rid, p in ledger.persons.items() if not p["deleted"])
    with sqlite3.connect(os.path.join(vault.work, "data", "haven.sqlite")) as db:
        deleted = db.execute("DELETE FROM records WHERE lower(id) = ?", (victim,)).rowcount
    print(f"  sabotage: deleted the row of acknowledged person {victim} ({deleted} row)", flush=True)


def disk_full(haven, port, failures):
    """Fault injection: the vault on a small filesystem (a tmpfs of 16 MB, mounted here; needs
    root) that fills up under writes. Every write the full disk refuses must be a 503 that says
    so, not a 500; the server must stay up; once space is freed it must write again, and every
    acknowledged record must be there, and the audit log verify. Returns a sentence of figures."""
    mount = tempfile.mkdtemp(prefix="haven-tiny-")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount], capture_output=True).returncode != 0:
        os.rmdir(mount)
        return "disk full: skipped (mounting a small tmpfs needs root)"
    previous, tempfile.tempdir = tempfile.tempdir, mount
    try:
        vault = Vault(haven, port)
    finally:
        tempfile.tempdir = previous
    vault.extra_persons = 0
    one_time = vault.add_user("full", "analyst", "alpha")
    acknowledged, refused, other = [], 0, []
    try:
        vault.start()
        token = vault.api_token("full", one_time)
        # Most of the space taken by a file, so that the vault fills within a few hundred writes.
        filler = os.path.join(mount, "filler")
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        with open(filler, "wb") as f:
            f.write(b"\0" * max(free - 1_500_000, 0))
        for n in range(20_000):
            status, body, _ = vault.call("POST", "/api/persons", {"names": [{"value": f"DiskFull{n}z 가상", "script": "latin", "system": "unknown"}],
                                                                 "notes": "x" * 2000}, token=token)
            if status == 201:
                acknowledged.append(body["record"]["id"].lower())
            elif status == 503 and body and "disk is full" in str(body.get("detail", "")):
                refused += 1
                if refused >= 20:
                    break
            else:
                other.append(f"{status} {str(body)[:160]}")
                if len(other) >= 5:
                    break
        if refused == 0:
            failures.append("disk full: the disk never filled (no write was refused)")
        for answer in other:
            failures.append(f"disk full: a write answered {answer}, not 503 'the disk is full'")
        health = vault.call("GET", "/health")[0]
        os.remove(filler)
        status, body, _ = vault.call("POST", "/api/persons", {"names": [{"value": "DiskFreedz 가상", "script": "latin", "system": "unknown"}]},
                                     token=token)
        if status != 201:
            failures.append(f"disk full: after space was freed a write answered {status}: {str(body)[:160]}")
        missing = [rid for rid in acknowledged if vault.call("GET", f"/api/persons/{rid}", token=token)[0] != 200]
        if missing:
            failures.append(f"disk full: {len(missing)} acknowledged persons missing after space was freed")
        vault.stop(remove=False)
        verify(vault, failures, "after the disk filled")
    finally:
        vault.kill()
        subprocess.run(["umount", mount], capture_output=True)
        shutil.rmtree(vault.work, ignore_errors=True)
        os.rmdir(mount)
    return (f"disk full: {len(acknowledged)} writes acknowledged until the disk filled, then {refused} refused with 503 "
            f"'the disk is full' and {len(other)} with anything else; /health answered {health} while full; writes resumed "
            f"once space was freed; none of the acknowledged lost")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--haven", required=True)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a SQLite vault in a temporary folder)")
    parser.add_argument("--port", type=int, default=18501)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--import-every", type=int, default=10, help="kill an import-sheet after every N server kills (0: never)")
    parser.add_argument("--rotate-every", type=int, default=25, help="kill a key rotation after every N server kills (0: never)")
    parser.add_argument("--kill-postgres-every", type=int, default=0,
                        help="with --database: every Nth kill is of PostgreSQL itself (SIGKILL to the postmaster, then a "
                             "restart) under the running server, which must recover")
    parser.add_argument("--disk-full", action="store_true",
                        help="also fill the disk under a vault (a small tmpfs; needs root) and check the 503s and the recovery")
    parser.add_argument("--sabotage-at", type=int, default=0,
                        help="after kill N, delete one acknowledged person's row behind Haven's back (SQLite only): the run must "
                             "then fail, which shows that the checks can")
    args = parser.parse_args()
    # Stopped from outside (timeout, Ctrl-C), the servers it started go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    # A server that stops answering is a failure, not a reason for the harness to wait forever.
    socket.setdefaulttimeout(ANSWER_WITHIN)
    rng = random.Random(args.seed)
    vault = Vault(args.haven, args.port, database=args.database)
    vault.extra_persons, vault.import_seconds = 0, None
    one_time = vault.add_user("crash", "analyst", "alpha")
    ledgers = [Ledger(n) for n in range(args.writers)]
    if args.sabotage_at and args.database:
        parser.error("--sabotage-at works on a SQLite vault only")
    failures, verified, imports, imports_whole, rotations, postgres_kills = [], 0, 0, 0, 0, 0
    started = time.monotonic()
    try:
        vault.start()
        token = vault.api_token("crash", one_time)
        postgres = Postgres() if args.kill_postgres_every else None
        for kill in range(1, args.kills + 1):
            stop, database_down = threading.Event(), threading.Event()
            vault.hung = False
            threads = [threading.Thread(target=write_round, args=(vault, token, ledger, stop, failures, random.Random(rng.random()),
                                                                  database_down))
                       for ledger in ledgers]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.1, 1.5))
            if postgres and kill % args.kill_postgres_every == 0:
                database_down.set()
                postgres.kill_and_restart(rng)
                postgres_kills += 1
                stop.set()
                for thread in threads:
                    thread.join()
                if vault.hung:
                    failures.append(f"the server stopped answering for {ANSWER_WITHIN} s after PostgreSQL was killed (kill {kill})")
                # The server stayed up: it must answer again now that its database is back.
                def healthy():
                    try:
                        return vault.call("GET", "/health")[0] == 200
                    except OSError:
                        return False
                deadline = time.monotonic() + 30
                while not healthy() and time.monotonic() < deadline:
                    time.sleep(0.1)
                if not healthy():
                    failures.append(f"the server did not recover within 30 s of PostgreSQL's restart (kill {kill})")
                    vault.kill()
                    vault.start()
                check(vault, token, ledgers, failures, rng)
                continue
            vault.kill()
            stop.set()
            for thread in threads:
                thread.join()
            if vault.hung:
                failures.append(f"the server stopped answering for {ANSWER_WITHIN} s under writes (kill {kill})")
            verified += verify(vault, failures, f"after kill {kill}")
            if kill == args.sabotage_at:
                sabotage(vault, ledgers)
            if args.rotate_every and kill % args.rotate_every == 0:
                kill_rotation(vault, rng)
                rotations += 1
                verified += verify(vault, failures, f"after a killed key rotation (kill {kill})")
            vault.start()
            check(vault, token, ledgers, failures, rng, everything=kill == args.kills)
            if args.import_every and kill % args.import_every == 0:
                imports += 1
                imports_whole += kill_import(vault, token, failures, rng)
            if kill % 10 == 0 or kill == args.kills:
                acknowledged = sum(l.acknowledged for l in ledgers)
                print(f"  {kill} kills, {acknowledged:,} writes acknowledged, {len(failures)} failures, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
        vault.stop(remove=False)
        verified += verify(vault, failures, "at the end")
    finally:
        vault.kill()
        vault.stop()
    acknowledged = sum(l.acknowledged for l in ledgers)
    engine = "PostgreSQL" if args.database else "SQLite"
    if imports:
        # The first import ran to the end to be timed; it is not a killed one.
        imports -= 1
        imports_whole -= 1
    print(f"crash test on {engine}: {args.kills - postgres_kills} SIGKILLs of haven serve"
          + (f" and {postgres_kills} of PostgreSQL ({sum(l.unavailable for l in ledgers)} writes answered 503 while it was down)"
             if postgres_kills else "")
          + f" under {args.writers} writers in "
          f"{time.monotonic() - started:.0f} s; {acknowledged:,} writes acknowledged (creates, changes with If-Match, deletes, "
          f"whole incidents), {sum(l.busy for l in ledgers)} busy answers retried; lost or changed: "
          f"{sum(1 for f in failures if 'expected' in f or 'acknowledged' in f)}; half there: {sum(1 for f in failures if 'half' in f or 'left' in f)}; "
          f"audit verify passed {verified} times; killed imports {imports} ({imports_whole} finished before the kill, "
          f"the rest wrote nothing); killed key rotations {rotations}; failures {len(failures)}")
    if args.disk_full:
        print(disk_full(args.haven, args.port + 7, failures))
    for message in failures[:20]:
        print("FAIL", message)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
