#!/usr/bin/env python3
"""Re-verify a tdkt event log from `tdkt audit export --format jsonl`, independently of tdkt.

Python standard library only; follows docs/audit-format.md and nothing else:
  hash = SHA-256( prev_hash as ASCII || canonical JSON of the record without "hash" )
  canonical JSON = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                   UTF-8 encoded
  each dossier is its own chain: dossier_seq 1, 2, 3, ...; the first prev_hash is 64 zeros,
  every other is the previous record's hash; seq grows along the chain.

Usage: verify_audit.py [EXPORT.jsonl]   (stdin when no file is given)
Exit 0 and "ok: N records in M dossiers" when every chain holds; 1 and the first failure
otherwise; 2 when the input is not an export.
"""

import hashlib
import json
import sys

GENESIS = "0" * 64
FIELDS = {"seq", "dossier_id", "dossier_seq", "event_type", "payload", "actor_id", "actor_role",
          "actor_unit", "occurred_at", "request_id", "rule_pack", "prev_hash", "hash"}


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def record_hash(record):
    body = {key: value for key, value in record.items() if key != "hash"}
    return hashlib.sha256(record["prev_hash"].encode("ascii") + canonical(body)).hexdigest()


def main(argv):
    stream = open(argv[1], encoding="utf-8") if len(argv) > 1 else sys.stdin
    chains = {}
    count = 0
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if set(record) != FIELDS:
                print(f"line {number}: not an export record: {sorted(record)}")
                return 2
            chains.setdefault(record["dossier_id"], []).append(record)
            count += 1
    failures = []
    for dossier, records in chains.items():
        records.sort(key=lambda r: r["dossier_seq"])
        prev_hash, prev_seq = GENESIS, None
        for expected, record in enumerate(records, 1):
            name = f"record seq {record['seq']} (dossier {dossier}, dossier_seq {record['dossier_seq']})"
            problem = None
            if record["dossier_seq"] != expected:
                problem = f"dossier_seq {expected} expected"
            elif record["prev_hash"] != prev_hash:
                problem = "prev_hash is not the previous record's hash"
            elif record_hash(record) != record["hash"]:
                problem = "hash does not match the content"
            elif prev_seq is not None and record["seq"] <= prev_seq:
                problem = "seq is not after the previous record's"
            if problem:
                failures.append((record["seq"], f"{name}: {problem}"))
                break
            prev_hash, prev_seq = record["hash"], record["seq"]
    if failures:
        print("FAILED: " + min(failures)[1])
        return 1
    print(f"ok: {count} records in {len(chains)} dossiers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
