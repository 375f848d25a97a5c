#include "engine/audit/record.hpp"

#include <chrono>

#include "engine/audit/canonical_json.hpp"
#include "engine/audit/sha256.hpp"

namespace tdkt::engine::audit {
namespace {

boost::json::value OptionalString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return boost::json::string(*s);
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

std::string FormatTimestamp(Timestamp t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss<std::chrono::seconds> time(t - day);
  auto digits = [](long long value, std::size_t width) {
    std::string text = std::to_string(value);
    return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
  };
  return digits(static_cast<int>(ymd.year()), 4) + "-" +
         digits(static_cast<unsigned>(ymd.month()), 2) + "-" +
         digits(static_cast<unsigned>(ymd.day()), 2) + "T" + digits(time.hours().count(), 2) + ":" +
         digits(time.minutes().count(), 2) + ":" + digits(time.seconds().count(), 2) + "Z";
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  auto invalid = [&] {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not an RFC 3339 UTC time like 2024-07-22T01:00:00Z");
  };
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return invalid();
  }
  std::string_view parts[] = {text.substr(0, 4),  text.substr(5, 2),  text.substr(8, 2),
                              text.substr(11, 2), text.substr(14, 2), text.substr(17, 2)};
  for (auto part : parts) {
    if (!IsDigits(part)) return invalid();
  }
  std::chrono::year_month_day ymd{std::chrono::year(Number(parts[0])),
                                  std::chrono::month(static_cast<unsigned>(Number(parts[1]))),
                                  std::chrono::day(static_cast<unsigned>(Number(parts[2])))};
  int h = Number(parts[3]);
  int m = Number(parts[4]);
  int s = Number(parts[5]);
  if (!ymd.ok() || h > 23 || m > 59 || s > 59) return invalid();
  return Timestamp(std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(h) +
                   std::chrono::minutes(m) + std::chrono::seconds(s));
}

boost::json::object RecordObject(const AuditRecord& record) {
  boost::json::object o;
  o["actor_id"] = record.actor_id;
  o["actor_role"] = record.actor_role;
  o["actor_unit"] = OptionalString(record.actor_unit);
  o["dossier_id"] = record.dossier_id;
  o["dossier_seq"] = record.dossier_seq;
  o["event_type"] = record.event_type;
  o["occurred_at"] = record.occurred_at;
  o["payload"] = record.payload;
  o["prev_hash"] = record.prev_hash;
  o["request_id"] = record.request_id;
  o["rule_pack"] = OptionalString(record.rule_pack);
  o["seq"] = record.seq;
  return o;
}

boost::json::object RecordObjectWithHash(const AuditRecord& record) {
  boost::json::object o = RecordObject(record);
  o["hash"] = record.hash;
  return o;
}

Result<std::string> ComputeRecordHash(const AuditRecord& record) {
  auto canonical = CanonicalJson(RecordObject(record));
  if (!canonical.ok()) return canonical.status();
  std::string input = record.prev_hash;
  input += *canonical;
  return Sha256Hex(input);
}

Status ValidateRecord(const AuditRecord& record) {
  if (record.dossier_id.empty()) return Status::InvalidArgument("dossier_id is empty");
  if (record.event_type.empty()) return Status::InvalidArgument("event_type is empty");
  if (record.actor_id.empty()) return Status::InvalidArgument("actor_id is empty");
  if (record.actor_role.empty()) return Status::InvalidArgument("actor_role is empty");
  if (record.request_id.empty()) return Status::InvalidArgument("request_id is empty");
  if (!record.payload.is_object()) return Status::InvalidArgument("payload is not a JSON object");
  auto canonical = CanonicalJson(record.payload);
  if (!canonical.ok()) return Status::InvalidArgument("payload: " + canonical.status().message());
  auto time = ParseTimestamp(record.occurred_at);
  if (!time.ok()) return Status::InvalidArgument("occurred_at: " + time.status().message());
  return Status::Ok();
}

}  // namespace tdkt::engine::audit
