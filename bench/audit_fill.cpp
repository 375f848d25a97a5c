// audit_fill: writes an event log of RECORDS sealed records over DOSSIERS interleaved chains, in
// PostgreSQL's COPY text format, for measuring `tdkt audit verify` on a log of a million records
// (scripts/bench loads it with psql's \copy and times verify beside sha256sum over the file).
//
//   audit_fill OUT_FILE RECORDS DOSSIERS
//
// Each record is what Apply writes for a reminder (payload of the same shape and size), numbered,
// linked to its dossier's previous record and hashed with engine/audit's hash, so that verify
// checks every one for real. Prints the file's size in bytes.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "engine/audit/canonical_json.hpp"
#include "engine/audit/record.hpp"

using namespace tdkt::engine;

namespace {

// COPY text format: backslash, tab, newline and carriage return escaped.
std::string CopyField(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: audit_fill OUT_FILE RECORDS DOSSIERS\n";
    return 2;
  }
  const long long records = std::stoll(argv[2]);
  const long long dossiers = std::stoll(argv[3]);
  std::ofstream out(argv[1], std::ios::binary);
  if (!out || records <= 0 || dossiers <= 0) {
    std::cerr << "audit_fill: cannot write " << argv[1] << " or bad counts\n";
    return 2;
  }
  std::vector<std::string> last_hash(static_cast<std::size_t>(dossiers),
                                     std::string(audit::kGenesisHash));
  std::vector<long long> length(static_cast<std::size_t>(dossiers), 0);
  long long bytes = 0;
  const auto start = audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
  for (long long seq = 1; seq <= records; ++seq) {
    const auto d = static_cast<std::size_t>((seq - 1) % dossiers);
    audit::AuditRecord r;
    r.seq = seq;
    r.dossier_id = "verify-" + std::to_string(d);
    r.dossier_seq = ++length[d];
    r.event_type = "remind";
    r.payload =
        boost::json::object{{"command", boost::json::object{{"deadline_kind", "appraisal"},
                                                            {"working_days_left", 1},
                                                            {"reminder", "before"},
                                                            {"due_at", "2024-08-05T10:00:00Z"}}},
                            {"from", "appraisal"},
                            {"to", "appraisal"}};
    r.actor_id = "timer";
    r.actor_role = "timer";
    r.occurred_at = audit::FormatTimestamp(start + std::chrono::seconds(seq));
    r.request_id = "timer:verify-" + std::to_string(d) + ":" + std::to_string(r.dossier_seq);
    r.rule_pack = "nd-152-2025";
    r.prev_hash = last_hash[d];
    auto hash = audit::ComputeRecordHash(r);
    auto payload = audit::CanonicalJson(r.payload);
    if (!hash.ok() || !payload.ok()) {
      std::cerr << "audit_fill: cannot seal record " << seq << "\n";
      return 1;
    }
    r.hash = *hash;
    last_hash[d] = r.hash;
    std::string line = std::to_string(r.seq) + "\t" + CopyField(r.dossier_id) + "\t" +
                       std::to_string(r.dossier_seq) + "\t" + r.event_type + "\t" +
                       CopyField(*payload) + "\t" + r.actor_id + "\t" + r.actor_role + "\t\\N\t" +
                       r.occurred_at + "\t" + CopyField(r.request_id) + "\t" + *r.rule_pack + "\t" +
                       r.prev_hash + "\t" + r.hash + "\n";
    bytes += static_cast<long long>(line.size());
    out << line;
  }
  out.close();
  if (!out) {
    std::cerr << "audit_fill: writing " << argv[1] << " failed\n";
    return 1;
  }
  std::cout << bytes << "\n";
  return 0;
}
