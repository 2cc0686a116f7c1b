#!/usr/bin/env python3
"""Schemathesis against a real `haven serve`, with two identities per role.

Called by .ci/run. Creates a vault and, for every role, one account in compartment `alpha` and
one in `beta`; signs each in the way a person does (one-time password, new password, TOTP
enrolment, sign-in with a code) and gives schemathesis an API token per account. For each
role it runs schemathesis with the role's two accounts as peers that must not see each other's
objects: no server errors, authentication never ignored, no object-level authorization leaks, and
every answer matches the schema the document gives for it.
Exits non-zero when schemathesis reports anything.
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from haven_client import HavenServer  # noqa: E402

HAVEN, ST = sys.argv[1], sys.argv[2]
PORT = int(os.environ.get("HAVEN_FUZZ_PORT", "18181"))
EXAMPLES = os.environ.get("HAVEN_FUZZ_EXAMPLES", "20")
ROLES = ["analyst", "documenter", "reviewer", "administrator"]


SEED = {
    "persons": {"names": [{"value": "가상인물", "script": "hangul", "system": "south_korean"}], "sex": "female"},
    "events": {"title": "가상 사건 — fictional", "startDate": "2024-08"},
    "sources": {"name": "가상 출처", "sourceKind": "ngo"},
}


def seed_and_cross_check(haven, tokens):
    """Records in each compartment, made by its analyst, then read by every identity: those of
    the same compartment whose role reads records get them; every other identity gets exactly
    what a record that does not exist gets (404), or 403 for a role that reads no records."""
    made = []
    for suffix in ["a", "b"]:
        for kind, body in SEED.items():
            status, answer, _ = haven.call("POST", f"/api/{kind}", body, token=tokens[f"analyst-{suffix}"])
            assert status == 201, f"seeding {kind} as analyst-{suffix} answered {status}: {answer}"
            made.append((suffix, kind, answer["record"]["id"].lower()))
    ok = True
    for suffix, kind, record_id in made:
        for name, token in tokens.items():
            role, own = name.rsplit("-", 1)
            for path in [f"/api/{kind}/{record_id}", f"/api/{kind}/{record_id}/history"]:
                status = haven.call("GET", path, token=token)[0]
                expected = 403 if role == "administrator" else (200 if own == suffix else 404)
                if status != expected:
                    ok = False
                    print(f"FAIL object-level authorization: {name} GET {path} answered {status}, expected {expected}")
            listed = haven.call("GET", f"/api/{kind}?limit=500", token=token)
            if role != "administrator" and own != suffix and record_id in json.dumps(listed[1]).lower():
                ok = False
                print(f"FAIL object-level authorization: {name} lists {kind} {record_id} of the other compartment")
    print(f"object-level authorization across compartments: {len(made)} records x {len(tokens)} identities: {'ok' if ok else 'FAILED'}")
    return ok


def main():
    haven = HavenServer(HAVEN, PORT)
    accounts = {}
    for role in ROLES:
        for suffix, compartment in [("a", "alpha"), ("b", "beta")]:
            accounts[f"{role}-{suffix}"] = haven.add_user(f"{role}-{suffix}", role, None if role == "administrator" else compartment)
    haven.start()
    try:
        tokens = {name: haven.api_token(name, one_time) for name, one_time in accounts.items()}
        failed = not seed_and_cross_check(haven, tokens)
        for role in ROLES:
            peers = [f"{role}-a", f"{role}-b"]
            auth = {"auth": [{"name": name, "fixedHeaders": [{"name": "Authorization", "value": "Bearer " + tokens[name]}]}
                             for name in peers]}
            auth_path, config_path = os.path.join(haven.work, f"auth-{role}.json"), os.path.join(haven.work, f"{role}.toml")
            with open(auth_path, "w") as f:
                json.dump(auth, f)
            with open(config_path, "w") as f:
                f.write(f'[auth.wfc]\npath = "{auth_path}"\npeers = {json.dumps(peers)}\n')
            print(f"== schemathesis as {role} ({' and '.join(peers)}, compartments alpha and beta)", flush=True)
            result = subprocess.run([ST, "--config-file", config_path, "run", f"{haven.base}/openapi.json",
                                     "--checks", "not_a_server_error,ignored_auth,object_level_authorization,response_schema_conformance",
                                     "--max-examples", EXAMPLES, "--seed", "1", "--no-color"])
            failed = failed or result.returncode != 0
        return 1 if failed else 0
    finally:
        haven.stop()


if __name__ == "__main__":
    sys.exit(main())
