// audit verify --checkpoint: the log's signed checkpoints checked against the log, each one a
// line of the report, and where the first difference lies (docs/audit-format.md, "Signed
// checkpoints").

#include <soci/soci.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "adapters/cli/audit_checkpoint.hpp"
#include "adapters/db/settled_log.hpp"
#include "engine/audit/checkpoint.hpp"
#include "engine/audit/ed25519.hpp"

namespace tdkt::adapters::cli {

using engine::audit::Checkpoint;

namespace {

constexpr int kRefusedExitCode = 3;

}  // namespace

int VerifyCheckpoints(soci::session& session, db::Backend backend,
                      const std::vector<std::string>& checkpoint_files,
                      const std::string& public_key_file) {
  auto key = ReadPublicKey(public_key_file);
  if (!key.ok()) return Fail(2, key.status().message());
  struct Held {
    std::string file;
    Checkpoint checkpoint;
  };
  // Every file is read and parsed before any verdict: bad input is told as such.
  std::vector<Held> held;
  for (const auto& file : checkpoint_files) {
    auto checkpoint = ReadCheckpoint(file);
    if (!checkpoint.ok()) return Fail(2, checkpoint.status().message());
    held.push_back({file, *checkpoint});
  }
  std::stable_sort(held.begin(), held.end(), [](const Held& a, const Held& b) {
    return a.checkpoint.size < b.checkpoint.size;
  });
  db::SettledLog log(backend);
  auto settled = log.SettledSeq(session);
  if (!settled.ok()) return Fail(ExitCodeOf(settled.status()), settled.status().message());
  auto leaves = log.Leaves(session, *settled);
  if (!leaves.ok()) {
    if (leaves.status().code() == engine::StatusCode::kUnavailable) {
      return Fail(1, leaves.status().message());
    }
    std::cout << "audit checkpoints not extended: changed: " << leaves.status().message()
              << std::endl;
    return kRefusedExitCode;
  }
  const std::string key_id = engine::audit::KeyId(*engine::audit::Ed25519PublicKey(*key));
  std::size_t failures = 0;
  bool located = false;
  std::optional<Checkpoint> last_extended;  // the largest checkpoint the log extends so far
  for (const Held& h : held) {
    const Checkpoint& checkpoint = h.checkpoint;
    const std::string name = "checkpoint " + h.file + " (" + std::to_string(checkpoint.size) +
                             " records, " + checkpoint.time + ")";
    auto signature = engine::audit::CheckCheckpointSignature(checkpoint, *key);
    if (*signature != engine::audit::SignatureCheck::kValid) {
      ++failures;
      std::cout << name << ": refused: "
                << (*signature == engine::audit::SignatureCheck::kOtherKey
                        ? "signed by key " + checkpoint.key_id + ", not by the public key " +
                              public_key_file + " (key " + key_id + ")"
                        : "forged: its signature does not verify with the public key " +
                              public_key_file + " (the document was altered)")
                << std::endl;
      continue;
    }
    const auto finding = engine::audit::CheckAgainstCheckpoint(*leaves, checkpoint);
    if (finding.kind == engine::audit::CheckpointFinding::Kind::kExtends) {
      std::cout << name << ": extends: " << finding.message << std::endl;
      last_extended = checkpoint;
      continue;
    }
    ++failures;
    std::cout << name << ": " << engine::audit::FindingKindName(finding.kind) << ": "
              << finding.message << std::endl;
    if (located) continue;
    located = true;
    // The first difference lies after the largest checkpoint the log still extends and within
    // this one: every record before it is as signed.
    const std::uint64_t from = last_extended ? last_extended->size : 0;
    const std::uint64_t to = std::min<std::uint64_t>(checkpoint.size, leaves->hashes.size());
    if (finding.kind == engine::audit::CheckpointFinding::Kind::kTruncated || from >= to) {
      std::cout << "first record that differs: record " << leaves->hashes.size() + 1
                << " of the log (after seq " << (leaves->seqs.empty() ? 0 : leaves->seqs.back())
                << "): missing" << std::endl;
    } else if (to - from == 1) {
      std::cout << "first record that differs: record " << from + 1 << " of the log, seq "
                << leaves->seqs[from] << std::endl;
    } else {
      std::cout << "first record that differs: among records " << from + 1 << " to " << to
                << " of the log, seq " << leaves->seqs[from] << " to " << leaves->seqs[to - 1]
                << (last_extended ? " (the log extends the " + std::to_string(from) +
                                        "-record checkpoint before it)"
                                  : std::string())
                << std::endl;
    }
  }
  if (failures == 0) {
    std::cout << "audit checkpoints hold: the log (" << leaves->hashes.size()
              << " records) extends " << held.size()
              << (held.size() == 1 ? " checkpoint" : " checkpoints") << std::endl;
    return 0;
  }
  std::cout << failures << " of " << held.size() << " checkpoints not extended" << std::endl;
  return kRefusedExitCode;
}

}  // namespace tdkt::adapters::cli
