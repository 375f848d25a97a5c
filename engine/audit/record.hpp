#pragma once
// AuditRecord: one entry of the append-only event log, and how its hash is computed.
//
// Each dossier has its own hash chain: a record's prev_hash is the hash of the previous record of
// the same dossier (kGenesisHash for its first record), and
//   hash = lower-hex SHA-256( prev_hash as 64 ASCII bytes  ||  CanonicalJson(record without "hash")
//   )
// where the record object has exactly the members listed in RecordObject() (docs/audit-format.md).
// Plain value type; safe to share between threads when nobody mutates it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::audit {

// The prev_hash of a dossier's first record: 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
  std::int64_t seq = 0;          // global order of the whole log; increasing, may have gaps
  std::string dossier_id;        //
  std::int64_t dossier_seq = 0;  // 1, 2, 3… within the dossier, no gaps
  std::string event_type;        // "submit", "approve", "remind"…
  boost::json::value payload = boost::json::object();  // a JSON object: no floats
  std::string actor_id;
  std::string actor_role;
  std::optional<std::string> actor_unit;  // null for actors without a unit (timer, chairman)
  std::string occurred_at;                // RFC 3339 UTC to the second: 2024-07-22T01:00:00Z
  std::string request_id;
  std::optional<std::string> rule_pack;  // the rule pack in force for the dossier, when known
  std::string prev_hash;                 // 64 lower-case hex digits
  std::string hash;                      // 64 lower-case hex digits
};

// "2024-07-22T01:00:00Z".
std::string FormatTimestamp(Timestamp t);
// The inverse of FormatTimestamp; InvalidArgument unless `text` has exactly that form.
Result<Timestamp> ParseTimestamp(std::string_view text);

// The record as a JSON object with every member except "hash".
boost::json::object RecordObject(const AuditRecord& record);
// The record as a JSON object with every member, "hash" included (the export line).
boost::json::object RecordObjectWithHash(const AuditRecord& record);

// The hash `record` should carry given its content and prev_hash. InvalidArgument when the payload
// cannot be put in canonical form (a float, invalid UTF-8).
Result<std::string> ComputeRecordHash(const AuditRecord& record);

// Checks that a record about to be appended is well-formed (non-empty ids, payload an object in
// canonical-able form, occurred_at in the RFC 3339 form above). InvalidArgument naming the field.
Status ValidateRecord(const AuditRecord& record);

}  // namespace tdkt::engine::audit
