#pragma once
// Verification of the audit chain: per dossier (VerifyChain) and over the whole log (LogVerifier).
//
// What is checked, record by record in dossier_seq order, and the kind reported for the first
// record that fails (docs/audit-format.md, "What verify checks"):
//   reordered  its prev_hash is the hash of a record that comes *later* in the dossier; or its
//              content is intact except its position (seq, dossier_seq), which belongs to another
//              record of the dossier; or its seq is not greater than the previous record's seq;
//   inserted   it repeats the previous record's dossier_seq; or the next record links past it (to
//              the record before it) while no record links to it; or the log holds more records
//              than the dossier's projection (dossiers.version) says;
//   missing    its prev_hash names no record of the dossier that precedes it, or its dossier_seq
//              skips numbers; or the log holds fewer records than the projection says;
//   changed    its hash does not match its content.
// A verifier is a plain object used from one thread.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/record.hpp"

namespace tdkt::engine::audit {

enum class FailureKind { kChanged, kMissing, kReordered, kInserted };

// "changed", "missing", "reordered", "inserted".
std::string_view FailureKindName(FailureKind kind);

struct ChainFailure {
  FailureKind kind = FailureKind::kChanged;
  std::string dossier_id;
  std::int64_t seq = 0;          // the record named (0 when the failure is the projection's)
  std::int64_t dossier_seq = 0;  // its dossier_seq, or the first one missing
  std::string message;           // one line: what is wrong, for a person
};

// Verifies one dossier's records, given in the order the log stores them (ascending dossier_seq).
// `projected_version`, when given, is the dossier's version in the projection: the number of
// records its chain must have. Returns the first failure, or nullopt when the chain is intact.
std::optional<ChainFailure> VerifyChain(std::span<const AuditRecord> records,
                                        std::optional<std::int64_t> projected_version = {});

struct LogSummary {
  std::int64_t records = 0;
  std::int64_t dossiers = 0;
  std::int64_t failed_dossiers = 0;
  std::optional<ChainFailure> first_failure;  // the failure with the smallest seq
};

// Verifies a whole log fed one dossier at a time (records ordered by dossier, then dossier_seq), so
// that only one dossier's records are held in memory.
class LogVerifier {
 public:
  // `projected_versions`: dossier id → version from the projection; dossiers absent from it are
  // checked without the length comparison, and dossiers present in it but absent from the log
  // must have version 0.
  explicit LogVerifier(std::map<std::string, std::int64_t> projected_versions = {});

  // Adds the next record. Records of one dossier must be contiguous.
  void Add(AuditRecord record);
  // Ends the input; returns what was found.
  LogSummary Finish();

 private:
  void FlushDossier();
  void Note(ChainFailure failure);

  std::map<std::string, std::int64_t> projected_versions_;
  std::vector<AuditRecord> current_;
  LogSummary summary_;
};

}  // namespace tdkt::engine::audit
