#!/usr/bin/env python3
"""Re-verify tdkt's signed audit checkpoints and their proofs, independently of tdkt.

Follows docs/audit-format.md ("Signed checkpoints") and RFC 9162 and nothing else; Python's
standard library and Debian's python3-cryptography (Ed25519). The Merkle algorithms are written
here from RFC 9162's text, not translated from tdkt's C++.

Usage:
  verify_checkpoint.py --public-key KEY.pub checkpoint FILE
      the checkpoint's signature
  verify_checkpoint.py --public-key KEY.pub tree FILE EXPORT.jsonl
      the signature, and that the first `size` records of `tdkt audit export` (jsonl) hash to
      the checkpoint's root and end at its last seq
  verify_checkpoint.py --public-key KEY.pub inclusion PROOF.json
      `tdkt audit prove --record`: the signature, the record's own hash (docs/audit-format.md,
      "The hash"), and its RFC 9162 §2.1.3.2 inclusion proof against the checkpoint's root
  verify_checkpoint.py --public-key KEY.pub consistency PROOF.json
      `tdkt audit prove --to`: both signatures and the RFC 9162 §2.1.4.2 consistency proof
Exit 0 and "ok: ..." when everything holds; 1 and the first failure otherwise; 2 for unusable
input (a file that is not what it should be).
"""

import argparse
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HEADER = "tdkt audit checkpoint v1"
FIELDS = ["size", "last-seq", "root", "time", "key", "signature"]


class Unusable(Exception):
    pass


class Failed(Exception):
    pass


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(data):  # RFC 9162 §2.1.1
    return sha256(b"\x00" + data)


def node_hash(left, right):  # RFC 9162 §2.1.1
    return sha256(b"\x01" + left + right)


def mth(leaves):  # RFC 9162 §2.1.1, over leaf hashes
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(index, size, leaf, path, root):  # RFC 9162 §2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, path):  # RFC 9162 §2.1.4.2
    if first > second:
        return False
    if first == second:
        return not path and first_hash == second_hash
    if first == 0:
        return not path and first_hash == sha256(b"")
    if not path:
        return False
    if first & (first - 1) == 0:
        path = [first_hash] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def unhex(text, size, what):
    try:
        raw = bytes.fromhex(text)
    except (TypeError, ValueError):
        raise Unusable(f"{what} is not hex")
    if len(raw) != size or text != text.lower():
        raise Unusable(f"{what} is not {2 * size} lower-case hex digits")
    return raw


def parse_checkpoint(text):
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] != "":
        raise Unusable("the checkpoint does not end with a line break")
    lines = lines[:-1]
    if not lines or lines[0] != HEADER:
        raise Unusable(f"line 1 is not '{HEADER}'")
    if len(lines) != 1 + len(FIELDS):
        raise Unusable(f"a checkpoint has {1 + len(FIELDS)} lines, this one {len(lines)}")
    values = {}
    for number, (field, line) in enumerate(zip(FIELDS, lines[1:]), start=2):
        if not line.startswith(field + ": "):
            raise Unusable(f"line {number} does not start with '{field}: '")
        values[field] = line[len(field) + 2:]
    checkpoint = {
        "size": int(values["size"]),
        "last_seq": int(values["last-seq"]),
        "root": unhex(values["root"], 32, "root"),
        "time": values["time"],
        "key": values["key"],
        "signature": unhex(values["signature"], 64, "signature"),
        # The signed bytes: every line up to and including "key: ...", each ended by "\n".
        "signed": ("\n".join(lines[:-1]) + "\n").encode("utf-8"),
    }
    return checkpoint


def check_signature(checkpoint, public_key):
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = hashlib.sha256(raw).hexdigest()
    if checkpoint["key"] != key_id:
        raise Failed(f"signed by key {checkpoint['key']}, not by the key given ({key_id})")
    try:
        public_key.verify(checkpoint["signature"], checkpoint["signed"])
    except InvalidSignature:
        raise Failed("the signature does not verify: the checkpoint was altered or forged")


def record_hash(record):  # docs/audit-format.md, "The hash"
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(record["prev_hash"].encode("ascii") + canonical(body)).hexdigest()


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise Unusable(f"{path}: {e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--public-key", required=True)
    parser.add_argument("what", choices=["checkpoint", "tree", "inclusion", "consistency"])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    try:
        with open(args.public_key, "rb") as f:
            public_key = serialization.load_pem_public_key(f.read())
        if not isinstance(public_key, Ed25519PublicKey):
            raise Unusable(f"{args.public_key} is not an Ed25519 public key")
    except (OSError, ValueError) as e:
        raise Unusable(f"{args.public_key}: {e}")

    if args.what in ("checkpoint", "tree"):
        with open(args.files[0], encoding="utf-8") as f:
            checkpoint = parse_checkpoint(f.read())
        check_signature(checkpoint, public_key)
        if args.what == "checkpoint":
            return f"ok: checkpoint of {checkpoint['size']} records signed"
        if len(args.files) != 2:
            raise Unusable("tree needs the checkpoint and an export")
        leaves, last_seq = [], 0
        with open(args.files[1], encoding="utf-8") as f:
            for line in f:
                if len(leaves) == checkpoint["size"]:
                    break
                record = json.loads(line)
                if canonical(record) != line.rstrip("\n").encode("utf-8"):
                    raise Failed(f"export line {len(leaves) + 1} is not canonical JSON")
                leaves.append(leaf_hash(canonical(record)))
                last_seq = record["seq"]
        if len(leaves) < checkpoint["size"]:
            raise Failed(f"the export has {len(leaves)} records, the checkpoint covers "
                         f"{checkpoint['size']}")
        if last_seq != checkpoint["last_seq"]:
            raise Failed(f"record {len(leaves)} has seq {last_seq}, the checkpoint's last seq is "
                         f"{checkpoint['last_seq']}")
        if mth(leaves) != checkpoint["root"]:
            raise Failed("the export's first records do not hash to the checkpoint's root")
        return f"ok: the export's first {len(leaves)} records hash to the signed root"

    proof = load_json(args.files[0])
    if args.what == "inclusion":
        checkpoint = parse_checkpoint(proof["checkpoint"])
        check_signature(checkpoint, public_key)
        record = proof["record"]
        if record_hash(record) != record["hash"]:
            raise Failed(f"record seq {record['seq']}: its hash does not match its content")
        if proof["tree_size"] != checkpoint["size"]:
            raise Failed("the proof is for another tree size than its checkpoint's")
        path = [unhex(h, 32, "a proof hash") for h in proof["inclusion_path"]]
        if not verify_inclusion(proof["leaf_index"], checkpoint["size"],
                                leaf_hash(canonical(record)), path, checkpoint["root"]):
            raise Failed(f"record seq {record['seq']} is not at {proof['leaf_index']} in the "
                         "checkpoint's tree")
        return (f"ok: record seq {record['seq']} is record {proof['leaf_index'] + 1} of the "
                f"{checkpoint['size']} signed")
    first = parse_checkpoint(proof["first"])
    second = parse_checkpoint(proof["second"])
    check_signature(first, public_key)
    check_signature(second, public_key)
    path = [unhex(h, 32, "a proof hash") for h in proof["consistency_path"]]
    if not verify_consistency(first["size"], second["size"], first["root"], second["root"], path):
        raise Failed(f"the {second['size']}-record checkpoint does not extend the "
                     f"{first['size']}-record one")
    return f"ok: the {second['size']}-record checkpoint extends the {first['size']}-record one"


if __name__ == "__main__":
    try:
        print(main())
    except Failed as e:
        print(f"FAILED: {e}")
        sys.exit(1)
    except (Unusable, KeyError, TypeError, ValueError) as e:
        print(f"unusable input: {e}", file=sys.stderr)
        sys.exit(2)
