#include "engine/audit/checkpoint.hpp"

#include <algorithm>
#include <charconv>

#include "engine/audit/canonical_json.hpp"
#include "engine/audit/ed25519.hpp"
#include "engine/audit/sha256.hpp"

namespace tdkt::engine::audit {
namespace {

// The field names, in document order, after the header line.
constexpr std::string_view kFields[] = {"size", "last-seq", "root", "time", "key", "signature"};

Result<std::string> BytesFromHex(std::string_view hex, std::size_t bytes, std::string_view what) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() != 2 * bytes) {
    return Status::InvalidArgument(std::string(what) + " must be " + std::to_string(2 * bytes) +
                                   " lower-case hex digits");
  }
  std::string out(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i) {
    const int high = digit(hex[2 * i]);
    const int low = digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return Status::InvalidArgument(std::string(what) + " must be " + std::to_string(2 * bytes) +
                                     " lower-case hex digits");
    }
    out[i] = static_cast<char>(high * 16 + low);
  }
  return out;
}

// A decimal integer without sign or leading zeros (0 itself allowed).
template <typename T>
bool ParseDecimal(std::string_view text, T& out) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out >= 0;
}

}  // namespace

std::string CheckpointSignedText(const Checkpoint& checkpoint) {
  std::string text(kCheckpointHeader);
  text += "\nsize: " + std::to_string(checkpoint.size);
  text += "\nlast-seq: " + std::to_string(checkpoint.last_seq);
  text += "\nroot: " + MerkleHex(checkpoint.root);
  text += "\ntime: " + checkpoint.time;
  text += "\nkey: " + checkpoint.key_id;
  text += "\n";
  return text;
}

std::string FormatCheckpoint(const Checkpoint& checkpoint) {
  return CheckpointSignedText(checkpoint) + "signature: " + HexLower(checkpoint.signature) + "\n";
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      return Status::InvalidArgument("line " + std::to_string(lines.size() + 1) +
                                     " does not end with a line break");
    }
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    text.remove_prefix(end + 1);
  }
  const std::size_t expected = 1 + std::size(kFields);
  if (lines.empty() || lines[0] != kCheckpointHeader) {
    return Status::InvalidArgument("line 1 must be \"" + std::string(kCheckpointHeader) +
                                   "\": this is not a tdkt audit checkpoint");
  }
  if (lines.size() != expected) {
    return Status::InvalidArgument("a checkpoint has " + std::to_string(expected) +
                                   " lines, this one " + std::to_string(lines.size()));
  }
  std::string_view values[std::size(kFields)];
  for (std::size_t i = 0; i < std::size(kFields); ++i) {
    const std::string prefix = std::string(kFields[i]) + ": ";
    if (!lines[i + 1].starts_with(prefix)) {
      return Status::InvalidArgument("line " + std::to_string(i + 2) + " must start with \"" +
                                     prefix + "\"");
    }
    values[i] = lines[i + 1].substr(prefix.size());
  }
  Checkpoint checkpoint;
  if (!ParseDecimal(values[0], checkpoint.size)) {
    return Status::InvalidArgument("size: \"" + std::string(values[0]) +
                                   "\" is not a number of records");
  }
  if (!ParseDecimal(values[1], checkpoint.last_seq)) {
    return Status::InvalidArgument("last-seq: \"" + std::string(values[1]) + "\" is not a seq");
  }
  auto root = MerkleHashFromHex(values[2]);
  if (!root.ok()) return Status::InvalidArgument("root: " + root.status().message());
  checkpoint.root = *root;
  if (auto time = ParseTimestamp(values[3]); !time.ok()) {
    return Status::InvalidArgument("time: " + time.status().message());
  }
  checkpoint.time = std::string(values[3]);
  if (auto key = BytesFromHex(values[4], 32, "key"); !key.ok()) return key.status();
  checkpoint.key_id = std::string(values[4]);
  auto signature = BytesFromHex(values[5], 64, "signature");
  if (!signature.ok()) return signature.status();
  checkpoint.signature = *signature;
  return checkpoint;
}

std::string KeyId(std::string_view raw_public_key) { return Sha256Hex(raw_public_key); }

Status SignCheckpoint(Checkpoint& checkpoint, std::string_view private_key_pem) {
  auto public_key = Ed25519PublicKey(private_key_pem);
  if (!public_key.ok()) return public_key.status();
  checkpoint.key_id = KeyId(*public_key);
  auto signature = Ed25519Sign(private_key_pem, CheckpointSignedText(checkpoint));
  if (!signature.ok()) return signature.status();
  checkpoint.signature = *signature;
  return Status::Ok();
}

Result<SignatureCheck> CheckCheckpointSignature(const Checkpoint& checkpoint,
                                                std::string_view public_key_pem) {
  auto public_key = Ed25519PublicKey(public_key_pem);
  if (!public_key.ok()) return public_key.status();
  if (KeyId(*public_key) != checkpoint.key_id) return SignatureCheck::kOtherKey;
  return Ed25519Verify(*public_key, CheckpointSignedText(checkpoint), checkpoint.signature)
             ? SignatureCheck::kValid
             : SignatureCheck::kBadSignature;
}

Result<MerkleHash> RecordLeafHash(const AuditRecord& record) {
  auto line = CanonicalJson(RecordObjectWithHash(record));
  if (!line.ok()) return line.status();
  return LeafHash(*line);
}

std::string_view FindingKindName(CheckpointFinding::Kind kind) {
  switch (kind) {
    case CheckpointFinding::Kind::kExtends: return "extends";
    case CheckpointFinding::Kind::kTruncated: return "truncated";
    case CheckpointFinding::Kind::kMissing: return "missing";
    case CheckpointFinding::Kind::kInserted: return "inserted";
    case CheckpointFinding::Kind::kChanged: return "changed";
  }
  return "unknown";
}

CheckpointFinding CheckAgainstCheckpoint(const LogLeaves& log, const Checkpoint& checkpoint) {
  using Kind = CheckpointFinding::Kind;
  const std::uint64_t size = checkpoint.size;
  const std::uint64_t now = log.hashes.size();
  const std::string covered =
      std::to_string(size) + " records up to seq " + std::to_string(checkpoint.last_seq);
  if (size <= now) {
    auto proof = ConsistencyProof(log.hashes, size);
    if (proof.ok() && VerifyConsistency(size, now, checkpoint.root, TreeHash(log.hashes), *proof)) {
      return {Kind::kExtends, "the log (" + std::to_string(now) + " records) extends the " +
                                  covered + " that the checkpoint signed"};
    }
  }
  // Not an extension. Which kind of difference, from how many records now lie at or below the
  // checkpoint's last seq: exactly `size` when nothing was added or removed there.
  const auto at_or_below = static_cast<std::uint64_t>(
      std::upper_bound(log.seqs.begin(), log.seqs.end(), checkpoint.last_seq) - log.seqs.begin());
  const std::string now_has = "the log has " + std::to_string(at_or_below) + " records up to seq " +
                              std::to_string(checkpoint.last_seq) +
                              " where the checkpoint signed " + covered;
  if (at_or_below < size && at_or_below == now) {
    const std::string last =
        now == 0 ? "the log is empty" : "it ends at seq " + std::to_string(log.seqs.back());
    return {Kind::kTruncated, "the checkpoint signed " + covered + "; " + last + ": records " +
                                  std::to_string(now + 1) + " to " + std::to_string(size) +
                                  " of the log were cut off"};
  }
  if (at_or_below < size) return {Kind::kMissing, now_has + ": records were deleted"};
  if (at_or_below > size) return {Kind::kInserted, now_has + ": records were inserted"};
  return {Kind::kChanged, "the log's first " + covered +
                              " do not hash to the checkpoint's root: records were rewritten"};
}

}  // namespace tdkt::engine::audit
