// audit verify --checkpoint: the log's signed checkpoints checked against the log, each one a
// line of the report, and where the first difference lies (docs/audit-format.md, "Signed
// checkpoints").

#include <soci/soci.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "adapters/cli/audit_checkpoint.hpp"
#include "adapters/db/checkpoint_outbox.hpp"
#include "adapters/db/settled_log.hpp"
#include "engine/audit/checkpoint.hpp"
#include "engine/audit/ed25519.hpp"

namespace tdkt::adapters::cli {

using engine::audit::Checkpoint;

namespace {

constexpr int kRefusedExitCode = 3;
// The daily checkpoints kept in the database that are read: thirty years' worth.
constexpr int kStoredCheckpoints = 11000;

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
  using Kind = engine::audit::CheckpointFinding::Kind;
  // Every checkpoint signed by the key is evidence of what the log was: those given, and the
  // daily ones kept in the database (the database's administrators can delete those, not forge
  // them). Each holds or not; the first difference lies between the largest that holds and the
  // smallest that does not.
  struct Evidence {
    Checkpoint checkpoint;
    Kind kind;
  };
  std::vector<Evidence> evidence;
  std::size_t failures = 0;
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
    std::cout << name << ": " << engine::audit::FindingKindName(finding.kind) << ": "
              << finding.message << std::endl;
    if (finding.kind != Kind::kExtends) ++failures;
    evidence.push_back({checkpoint, finding.kind});
  }
  auto stored = db::RecentCheckpoints(session, kStoredCheckpoints);
  if (!stored.ok()) return Fail(ExitCodeOf(stored.status()), stored.status().message());
  std::size_t signed_by_key = 0, stored_extended = 0, unsigned_ignored = 0;
  for (const auto& document : *stored) {
    auto checkpoint = engine::audit::ParseCheckpoint(document);
    auto signature = checkpoint.ok()
                         ? engine::audit::CheckCheckpointSignature(*checkpoint, *key)
                         : engine::Result<engine::audit::SignatureCheck>(checkpoint.status());
    if (!signature.ok() || *signature != engine::audit::SignatureCheck::kValid) {
      ++unsigned_ignored;
      continue;
    }
    ++signed_by_key;
    const auto finding = engine::audit::CheckAgainstCheckpoint(*leaves, *checkpoint);
    if (finding.kind == Kind::kExtends) {
      ++stored_extended;
    } else {
      ++failures;
      std::cout << "checkpoint of " << checkpoint->time << " kept in the database ("
                << checkpoint->size << " records): " << engine::audit::FindingKindName(finding.kind)
                << ": " << finding.message << std::endl;
    }
    evidence.push_back({*checkpoint, finding.kind});
  }
  if (!stored->empty()) {
    std::cout << "checkpoints kept in the database: " << signed_by_key
              << " signed by the key, of which " << stored_extended << " extended by the log"
              << (unsigned_ignored > 0
                      ? "; " + std::to_string(unsigned_ignored) + " not signed by it, ignored"
                      : std::string())
              << std::endl;
  }
  if (evidence.empty() && failures == 0) {
    return Fail(2,
                "no checkpoint to check: none given (--checkpoint) and none kept in the "
                "database signed by the key " +
                    public_key_file);
  }
  if (failures == 0) {
    std::cout << "audit checkpoints hold: the log (" << leaves->hashes.size()
              << " records) extends " << evidence.size()
              << (evidence.size() == 1 ? " checkpoint" : " checkpoints") << std::endl;
    return 0;
  }
  std::stable_sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    return a.checkpoint.size < b.checkpoint.size;
  });
  const auto first_failed = std::find_if(
      evidence.begin(), evidence.end(), [](const Evidence& e) { return e.kind != Kind::kExtends; });
  if (first_failed != evidence.end()) {
    // Every record up to the largest checkpoint below it that the log extends is as signed.
    std::uint64_t from = 0;
    for (auto e = evidence.begin(); e != first_failed; ++e) from = e->checkpoint.size;
    const std::uint64_t to =
        std::min<std::uint64_t>(first_failed->checkpoint.size, leaves->hashes.size());
    if (first_failed->kind == Kind::kTruncated || from >= to) {
      std::cout << "first record that differs: record " << leaves->hashes.size() + 1
                << " of the log (after seq " << (leaves->seqs.empty() ? 0 : leaves->seqs.back())
                << "): missing" << std::endl;
    } else if (to - from == 1) {
      std::cout << "first record that differs: record " << from + 1 << " of the log, seq "
                << leaves->seqs[from] << std::endl;
    } else {
      std::cout << "first record that differs: among records " << from + 1 << " to " << to
                << " of the log, seq " << leaves->seqs[from] << " to " << leaves->seqs[to - 1]
                << " (between the checkpoints of "
                << (from > 0 ? std::to_string(from) + " and " : std::string("0 and "))
                << first_failed->checkpoint.size << " records)" << std::endl;
    }
  }
  std::cout << failures << " of " << held.size() + signed_by_key << " checkpoints not extended"
            << std::endl;
  return kRefusedExitCode;
}

}  // namespace tdkt::adapters::cli
