#include "engine/audit/chain_verifier.hpp"

#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace tdkt::engine::audit {
namespace {

std::string Name(const AuditRecord& r) {
  return "record seq " + std::to_string(r.seq) + " (dossier " + r.dossier_id + ", dossier_seq " +
         std::to_string(r.dossier_seq) + ")";
}

ChainFailure Failure(FailureKind kind, const AuditRecord& r, std::string message) {
  return ChainFailure{kind, r.dossier_id, r.seq, r.dossier_seq, Name(r) + ": " + message};
}

bool HashMatches(const AuditRecord& r) {
  auto computed = ComputeRecordHash(r);
  return computed.ok() && *computed == r.hash;
}

// Whether `r` is intact but sits at another record's position: its hash matches when its seq
// and/or dossier_seq are replaced by those of some other record of the dossier.
std::optional<std::size_t> MovedFrom(std::span<const AuditRecord> records, std::size_t i) {
  for (std::size_t j = 0; j < records.size(); ++j) {
    if (j == i) continue;
    const std::pair<std::int64_t, std::int64_t> positions[] = {
        {records[j].seq, records[j].dossier_seq},
        {records[j].seq, records[i].dossier_seq},
        {records[i].seq, records[j].dossier_seq}};
    for (auto [seq, dossier_seq] : positions) {
      AuditRecord moved = records[i];
      moved.seq = seq;
      moved.dossier_seq = dossier_seq;
      if (HashMatches(moved)) return j;
    }
  }
  return std::nullopt;
}

// Where each hash occurs in a dossier's records, and which hashes are linked to, so that each
// record's checks take constant time. A tampered log may repeat a hash: the first and last places
// are kept.
struct ChainIndex {
  explicit ChainIndex(std::span<const AuditRecord> records) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      first.try_emplace(records[i].hash, i);
      last[records[i].hash] = i;
      linked.insert(records[i].prev_hash);
    }
  }
  std::unordered_map<std::string, std::size_t> first;
  std::unordered_map<std::string, std::size_t> last;
  std::unordered_set<std::string> linked;
};

std::optional<ChainFailure> CheckRecord(std::span<const AuditRecord> records,
                                        const ChainIndex& index, std::size_t i) {
  const AuditRecord& r = records[i];
  const AuditRecord* previous = i > 0 ? &records[i - 1] : nullptr;
  const std::string expected_prev = previous ? previous->hash : std::string(kGenesisHash);
  const std::int64_t expected_dossier_seq = previous ? previous->dossier_seq + 1 : 1;

  if (auto later = index.last.find(r.prev_hash); later != index.last.end() && later->second > i) {
    return Failure(
        FailureKind::kReordered, r,
        "it links to " + Name(records[later->second]) + ", which the log stores after it");
  }
  if (previous && r.dossier_seq == previous->dossier_seq) {
    return Failure(FailureKind::kInserted, r,
                   "a second record with dossier_seq " + std::to_string(r.dossier_seq));
  }
  if (i + 1 < records.size() && records[i + 1].prev_hash == expected_prev &&
      r.prev_hash == expected_prev) {
    return Failure(FailureKind::kInserted, r,
                   "the next record, " + Name(records[i + 1]) +
                       ", links past it: it is not part of the chain");
  }
  if (i + 1 < records.size() && records[i + 1].prev_hash == expected_prev) {
    if (!index.linked.contains(r.hash)) {
      return Failure(
          FailureKind::kInserted, r,
          "the next record, " + Name(records[i + 1]) + ", links past it and no record links to it");
    }
  }
  if (r.prev_hash != expected_prev) {
    if (auto earlier = index.first.find(r.prev_hash);
        earlier != index.first.end() && earlier->second + 1 < i) {
      const std::size_t k = earlier->second;
      return Failure(FailureKind::kInserted, r,
                     "it links to " + Name(records[k]) + ": the " + std::to_string(i - k - 1) +
                         " record(s) between them are not part of the chain");
    }
    if (r.dossier_seq > expected_dossier_seq) {
      return Failure(
          FailureKind::kMissing, r,
          "dossier_seq " + std::to_string(expected_dossier_seq) +
              (r.dossier_seq - 1 > expected_dossier_seq ? ".." + std::to_string(r.dossier_seq - 1)
                                                        : std::string()) +
              " missing before it; its prev_hash " + r.prev_hash.substr(0, 12) +
              "… names no record of the log");
    }
    if (!HashMatches(r) && !MovedFrom(records, i)) {
      return Failure(FailureKind::kChanged, r,
                     "its hash does not match its content, and its prev_hash no longer links to "
                     "the record before it");
    }
    if (previous && r.dossier_seq == expected_dossier_seq) {
      // The successor is in place and numbered right, but was chained to another version of its
      // predecessor: the predecessor was rewritten and given a fresh hash.
      return Failure(
          FailureKind::kChanged, *previous,
          "its hash is not the one " + Name(r) + " was chained to: it was rewritten and re-hashed");
    }
    return Failure(FailureKind::kMissing, r,
                   "its prev_hash " + r.prev_hash.substr(0, 12) +
                       "… names no record of the dossier before it" +
                       (previous ? "" : " (a first record links to 64 zeros)"));
  }
  if (!HashMatches(r)) {
    if (auto j = MovedFrom(records, i)) {
      return Failure(FailureKind::kReordered, r,
                     "its content is intact but its position (seq, dossier_seq) was swapped with " +
                         Name(records[*j]));
    }
    auto computed = ComputeRecordHash(r);
    return Failure(FailureKind::kChanged, r,
                   computed.ok()
                       ? "its hash does not match its content (stored " + r.hash.substr(0, 12) +
                             "…, computed " + computed->substr(0, 12) + "…)"
                       : "its content cannot be hashed: " + computed.status().message());
  }
  if (r.dossier_seq != expected_dossier_seq) {
    return Failure(FailureKind::kMissing, r,
                   "dossier_seq " + std::to_string(expected_dossier_seq) + " expected, found " +
                       std::to_string(r.dossier_seq));
  }
  if (previous && r.seq <= previous->seq) {
    return Failure(FailureKind::kReordered, r,
                   "its seq is not after the seq " + std::to_string(previous->seq) +
                       " of the dossier's previous record");
  }
  return std::nullopt;
}

}  // namespace

std::string_view FailureKindName(FailureKind kind) {
  switch (kind) {
    case FailureKind::kChanged: return "changed";
    case FailureKind::kMissing: return "missing";
    case FailureKind::kReordered: return "reordered";
    case FailureKind::kInserted: return "inserted";
  }
  return "unknown";
}

std::optional<ChainFailure> VerifyChain(std::span<const AuditRecord> records,
                                        std::optional<std::int64_t> projected_version) {
  const ChainIndex index(records);
  for (std::size_t i = 0; i < records.size(); ++i) {
    // Records past the projection's version were never applied by the engine, whatever their
    // hashes say; earlier records have passed already.
    if (projected_version && static_cast<std::int64_t>(i) >= *projected_version) {
      return Failure(FailureKind::kInserted, records[i],
                     "the dossier's projection is at version " +
                         std::to_string(*projected_version) + " but the log holds " +
                         std::to_string(records.size()) + " records");
    }
    if (auto failure = CheckRecord(records, index, i)) return failure;
  }
  if (!projected_version) return std::nullopt;
  const auto count = static_cast<std::int64_t>(records.size());
  if (count < *projected_version) {
    std::string dossier_id = records.empty() ? std::string() : records.front().dossier_id;
    return ChainFailure{FailureKind::kMissing, dossier_id, 0, count + 1,
                        "dossier " + dossier_id + ": the projection is at version " +
                            std::to_string(*projected_version) +
                            " but the log ends at dossier_seq " + std::to_string(count) +
                            ": dossier_seq " + std::to_string(count + 1) + ".." +
                            std::to_string(*projected_version) + " missing"};
  }
  return std::nullopt;
}

LogVerifier::LogVerifier(std::map<std::string, std::int64_t> projected_versions)
    : projected_versions_(std::move(projected_versions)) {}

void LogVerifier::Add(AuditRecord record) {
  if (!current_.empty() && current_.front().dossier_id != record.dossier_id) FlushDossier();
  ++summary_.records;
  current_.push_back(std::move(record));
}

void LogVerifier::Note(ChainFailure failure) {
  ++summary_.failed_dossiers;
  // A projection-only failure (seq 0) sorts after every record failure.
  auto key = [](const ChainFailure& f) {
    return f.seq == 0 ? std::numeric_limits<std::int64_t>::max() : f.seq;
  };
  if (!summary_.first_failure || key(failure) < key(*summary_.first_failure)) {
    summary_.first_failure = std::move(failure);
  }
}

void LogVerifier::FlushDossier() {
  if (current_.empty()) return;
  ++summary_.dossiers;
  std::optional<std::int64_t> version;
  auto it = projected_versions_.find(current_.front().dossier_id);
  if (it != projected_versions_.end()) {
    version = it->second;
    projected_versions_.erase(it);
  }
  if (auto failure = VerifyChain(current_, version)) Note(std::move(*failure));
  current_.clear();
}

LogSummary LogVerifier::Finish() {
  FlushDossier();
  // Dossiers the projection knows but the log does not hold at all.
  for (const auto& [dossier_id, version] : projected_versions_) {
    if (version <= 0) continue;
    Note(ChainFailure{FailureKind::kMissing, dossier_id, 0, 1,
                      "dossier " + dossier_id + ": the projection is at version " +
                          std::to_string(version) + " but the log holds none of its records"});
  }
  projected_versions_.clear();
  return std::move(summary_);
}

}  // namespace tdkt::engine::audit
