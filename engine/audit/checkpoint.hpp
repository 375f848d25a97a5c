#pragma once
// Signed checkpoints of the event log (signed tree heads, RFC 9162 §4.10 in spirit): how many
// records of the log, in seq order, a checkpoint covers, the RFC 9162 Merkle root over them, when
// it was taken, and an Ed25519 signature — and the check that a log still extends a checkpoint.
// The document's exact form is in docs/audit-format.md, "Signed checkpoints".
//
// Plain values and pure functions; thread-safe.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/merkle.hpp"
#include "engine/audit/record.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::audit {

// The first line of every checkpoint document.
inline constexpr std::string_view kCheckpointHeader = "tdkt audit checkpoint v1";

struct Checkpoint {
  std::uint64_t size = 0;     // the log's first `size` records in seq order are covered
  std::int64_t last_seq = 0;  // the seq of the last of them; 0 when size is 0
  MerkleHash root{};          // RFC 9162 MTH over their leaves (RecordLeafHash)
  std::string time;           // when it was taken: YYYY-MM-DDTHH:MM:SSZ
  std::string key_id;         // 64 hex digits: SHA-256 of the signer's raw 32-byte public key
  std::string signature;      // 64 bytes: Ed25519 over CheckpointSignedText()
};

// The bytes the signature covers: the document's lines from the header to `key:`, each ended by
// "\n".
std::string CheckpointSignedText(const Checkpoint& checkpoint);
// The whole document: the signed text, then "signature: " and 128 hex digits and "\n".
std::string FormatCheckpoint(const Checkpoint& checkpoint);
// The inverse of FormatCheckpoint (a "\r" before each "\n" is allowed, as e-mail may add it).
// InvalidArgument naming the line and what was expected there.
Result<Checkpoint> ParseCheckpoint(std::string_view text);

// Sets `checkpoint`'s key_id and signature with the Ed25519 private key in `private_key_pem`.
// InvalidArgument when that is no Ed25519 private key.
Status SignCheckpoint(Checkpoint& checkpoint, std::string_view private_key_pem);

enum class SignatureCheck {
  kValid,
  kOtherKey,      // key_id names another key than the one given
  kBadSignature,  // the key matches but the signature does not: the document was altered
};
// Checks `checkpoint`'s signature with the public key in `public_key_pem`. InvalidArgument when
// that is no Ed25519 key.
Result<SignatureCheck> CheckCheckpointSignature(const Checkpoint& checkpoint,
                                                std::string_view public_key_pem);

// 64 hex digits: SHA-256 of the raw public key, as in Checkpoint::key_id.
std::string KeyId(std::string_view raw_public_key);

// The leaf of a record in the checkpoints' tree: its export line (the canonical JSON of its 13
// fields, docs/audit-format.md), hashed as RFC 9162 §2.1.1 hashes a leaf. InvalidArgument when
// the record cannot be put in canonical form (a tampered payload).
Result<MerkleHash> RecordLeafHash(const AuditRecord& record);

// The settled log as the checkpoints see it: every record's leaf hash and seq, in seq order.
struct LogLeaves {
  std::vector<MerkleHash> hashes;
  std::vector<std::int64_t> seqs;
};

// What comparing the log with a checkpoint found.
struct CheckpointFinding {
  enum class Kind {
    kExtends,    // the log's first `size` records are those the checkpoint signed
    kTruncated,  // the log ends before the checkpoint's size: its last records were cut off
    kMissing,    // fewer records up to the checkpoint's last seq than it covers: some were deleted
    kInserted,   // more records up to the checkpoint's last seq than it covers: some were added
    kChanged,    // as many records, but they do not hash to its root: some were rewritten
  };
  Kind kind = Kind::kExtends;
  std::string message;  // one line, for the report
};
std::string_view FindingKindName(CheckpointFinding::Kind kind);

// Whether `log` extends `checkpoint`, by an RFC 9162 §2.1.4 consistency proof between the tree of
// the checkpoint's size and the whole log, checked against the checkpoint's root. Requires
// log.hashes and log.seqs of equal length, seqs increasing.
CheckpointFinding CheckAgainstCheckpoint(const LogLeaves& log, const Checkpoint& checkpoint);

}  // namespace tdkt::engine::audit
