"""The restore drill, measured: a vault of realistic size (the demo's fictional history, filled by
`haven-bench --fill`) is served by a real `haven serve` while writers add persons through the
API; `haven backup` copies it meanwhile, `haven backup verify` checks the file, `haven restore`
restores it into a new vault and `haven audit verify` checks that one. Then the restored vault
is compared with the original, row by row:
- every write acknowledged before the backup began is in it, and nothing sent after it ended;
- every record row in it is byte for byte the original's row (records are sealed, so this
  compares what was stored, key versions and all);
- its audit log is exactly the first entries of the original's, and the records it holds are
  exactly those whose writes those entries name (records and log from one instant).
Prints one table; exits non-zero if anything differs or a command fails.

Usage (through Scripts/bench-backup, which builds Haven):
    restore_drill.py --haven BIN --bench BIN [--records N] [--database URL --restore-database URL]
Standard library only (psql for PostgreSQL).
"""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "load"))
from load_test import HavenServer, signed_in  # noqa: E402

RECORD_COLUMNS = "id, version, kind, compartment, key_version, status, place_code, date_from, date_to, parent_id, type_code, deleted, updated_at, actor, coded, sealed"
AUDIT_COLUMNS = "seq, at, actor, action, kind, record_id, version, content_hash, detail, root, signature"


def rows(store, sql):
    """The rows of a query as tab-separated text, from an SQLite file or a PostgreSQL URL."""
    if store.startswith("postgres"):
        out = subprocess.run(["psql", store, "-At", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
        return out.splitlines()
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return ["\t".join("" if v is None else str(v) for v in row) for row in db.execute(sql)]


def timed(args, what):
    """Runs a haven command; returns its seconds and peak memory (MiB), or raises with its output."""
    started = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-f", "HAVEN-MAXRSS %M"] + args, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {(done.stdout + done.stderr).strip()[-2000:]}")
    rss = [line for line in done.stderr.splitlines() if line.startswith("HAVEN-MAXRSS")]
    return seconds, int(rss[-1].split()[1]) / 1024 if rss else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--haven", required=True)
    parser.add_argument("--bench", required=True, help="haven-bench, which fills the vault")
    parser.add_argument("--records", type=int, default=100_000, help="about this many records of fictional history")
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--database", help="a PostgreSQL URL for the vault instead of an SQLite file")
    parser.add_argument("--restore-database", help="with --database: an empty PostgreSQL database to restore into")
    parser.add_argument("--port", type=int, default=18520)
    args = parser.parse_args()
    if bool(args.database) != bool(args.restore_database):
        parser.error("--database and --restore-database go together")

    vault = HavenServer(args.haven, args.port, database=args.database)
    work = vault.work
    failures = []
    try:
        started = time.monotonic()
        fill = ["--fill", str(max(1, args.records // 7)), "--key-file", vault.key] + (
            ["--postgres-url", args.database] if args.database else ["--data", os.path.join(work, "data")])
        out = subprocess.run([args.bench] + fill, check=True, capture_output=True, text=True).stdout.strip()
        print(f"{out} ({time.monotonic() - started:.0f} s)", flush=True)
        vault.start(wait=60 + args.records / 4_000)
        _, _, token = signed_in(vault, "drill-documenter", "documenter")

        acknowledged = []  # (id, when the answer arrived)
        sent_after = []  # ids whose request was sent after the backup ended
        lock, stop = threading.Lock(), threading.Event()
        backup_window = {}

        def writer(w):
            n = 0
            while not stop.is_set():
                n += 1
                sent = time.monotonic()
                status, body, _ = vault.call("POST", "/api/persons", {"names": [{"value": f"가상 복원{w}-{n}", "script": "hangul", "system": "unknown"}],
                                                                       "sex": "female"}, token=token)
                if status != 201:
                    failures.append(f"a write answered {status}")
                    return
                with lock:
                    acknowledged.append((body["record"]["id"].lower(), time.monotonic()))
                    if "end" in backup_window and sent > backup_window["end"]:
                        sent_after.append(body["record"]["id"].lower())

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(args.writers)]
        for t in threads:
            t.start()
        time.sleep(2)
        backup = os.path.join(work, "vault.havenbackup")
        backup_window["start"] = time.monotonic()
        backup_s, backup_mib = timed([args.haven, "backup"] + vault.store + ["--key-file", vault.key, "--output", backup], "haven backup")
        with lock:
            backup_window["end"] = time.monotonic()
        time.sleep(2)
        stop.set()
        for t in threads:
            t.join()
        vault.stop(remove=False)

        verify_backup_s, verify_backup_mib = timed([args.haven, "backup", "verify", "--key-file", vault.key, backup], "haven backup verify")
        if args.database:
            target, restored_store = ["--database", args.restore_database], args.restore_database
            original_store = args.database
        else:
            target = ["--data", os.path.join(work, "restored")]
            restored_store = os.path.join(work, "restored", "haven.sqlite")
            original_store = os.path.join(work, "data", "haven.sqlite")
        restore_s, restore_mib = timed([args.haven, "restore", "--key-file", vault.key] + target + [backup], "haven restore")
        audit_s, audit_mib = timed([args.haven, "audit", "verify", "--key-file", vault.key] + target, "haven audit verify of the restored vault")

        # What the restored vault holds, against the original.
        restored_records = rows(restored_store, f"SELECT {RECORD_COLUMNS} FROM records ORDER BY id")
        original_records = set(rows(original_store, f"SELECT {RECORD_COLUMNS} FROM records ORDER BY id"))
        differing = [r for r in restored_records if r not in original_records]
        if differing:
            failures.append(f"{len(differing)} restored record rows differ from the original's")
        restored_ids = {r.split("\t", 1)[0] for r in restored_records}
        before = [i for i, at in acknowledged if at < backup_window["start"]]
        missing = [i for i in before if i not in restored_ids]
        if missing:
            failures.append(f"{len(missing)} of {len(before)} writes acknowledged before the backup began are not in it")
        present_after = [i for i in sent_after if i in restored_ids]
        if present_after:
            failures.append(f"{len(present_after)} writes sent after the backup ended are in it")
        restored_log = rows(restored_store, f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq")
        original_log = rows(original_store, f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq")
        if original_log[:len(restored_log)] != restored_log:
            failures.append("the restored audit log is not the first entries of the original's")
        written = {line.split("\t")[5] for line in restored_log if line.split("\t")[3] in ("create", "import", "update", "delete")}
        ours = {i for i, _ in acknowledged}
        logged_ours, held_ours = written & ours, restored_ids & ours
        if logged_ours != held_ours:
            failures.append(f"records and log disagree: {len(logged_ours ^ held_ours)} of the writers' records are in one and not the other")

        size_mib = os.path.getsize(backup) / 2**20
        engine = "PostgreSQL" if args.database else "SQLite"
        print()
        print(f"| restore drill ({engine}, {len(restored_ids):,} records, {len(restored_log):,} audit entries) | seconds | peak memory (MiB) |")
        print("|---|---:|---:|")
        print(f"| `haven backup` while {args.writers} writers wrote ({size_mib:,.1f} MiB file) | {backup_s:.1f} | {backup_mib:,.0f} |")
        print(f"| `haven backup verify` | {verify_backup_s:.1f} | {verify_backup_mib:,.0f} |")
        print(f"| `haven restore` (verifies the log against the backup's head) | {restore_s:.1f} | {restore_mib:,.0f} |")
        print(f"| `haven audit verify` of the restored vault | {audit_s:.1f} | {audit_mib:,.0f} |")
        print()
        print(f"writes acknowledged: {len(acknowledged):,} ({len(before):,} before the backup began, all in it: {not missing}; "
              f"{len(sent_after):,} sent after it ended, none in it: {not present_after}); restored record rows equal to the "
              f"original's: {len(restored_records) - len(differing):,} of {len(restored_records):,}; audit log a prefix of the "
              f"original's ({len(restored_log):,} of {len(original_log):,}): {original_log[:len(restored_log)] == restored_log}")
    finally:
        vault.stop()
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
