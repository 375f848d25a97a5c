#pragma once
// A strict reader over a Boost.JSON object, for payloads that come from outside (HTTP bodies) or
// from the audit log. Nothing is guessed: each type has a required form, which records
// "<path>: required" when the key is absent or null, and an optional form, which returns nullopt
// when the key is absent and refuses null (a field the contract types as nullable is read with
// the Nullable form). Every key read is remembered; Finish() refuses the rest, so a misspelt field
// is an error rather than silently ignored. Errors are InvalidArgument naming the field's path and
// what was expected ("payload.votes_for: expected an integer, got a string").
//
// Not thread-safe (it records what was read); use one per object, on one thread.

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/domain.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::codec {

class JsonReader {
 public:
  // The longest string any field takes, in bytes (an achievement summary is a paragraph, the
  // full report is an attached document).
  static constexpr std::size_t kMaxTextBytes = 10'000;

  // `context` names the object in errors ("payload"). A non-object sets an error at once.
  JsonReader(const boost::json::value& value, std::string context);

  // Required: absent or null is an error ("<path>: required"); the value returned then is empty.
  std::string String(const char* key);
  std::int64_t Int(const char* key);
  bool Bool(const char* key);
  std::chrono::sys_days Date(const char* key);           // "YYYY-MM-DD"
  std::vector<DocumentKind> Documents(const char* key);  // ["submission_letter", ...]
  std::vector<std::string> Strings(const char* key);
  const boost::json::object& Object(const char* key);
  const boost::json::array& Array(const char* key);
  // A required id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit (IsValidId).
  std::string Id(const char* key);

  // Optional: nullopt when absent; null is an error (the contract does not allow it).
  std::optional<std::string> OptionalString(const char* key);
  std::optional<std::int64_t> OptionalInt(const char* key);
  std::optional<bool> OptionalBool(const char* key);
  std::optional<std::chrono::sys_days> OptionalDate(const char* key);
  std::optional<std::vector<std::string>> OptionalStrings(const char* key);
  std::optional<boost::json::object> OptionalObject(const char* key);

  // Nullable: nullopt when absent or null (fields the contract types as [T, null]).
  std::optional<std::string> NullableString(const char* key);
  std::optional<std::int64_t> NullableInt(const char* key);
  std::optional<std::chrono::sys_days> NullableDate(const char* key);
  std::optional<std::vector<std::string>> NullableStrings(const char* key);
  std::optional<boost::json::object> NullableObject(const char* key);

  // Records an error about `key` (only the first error is kept).
  void Fail(const std::string& key, const std::string& what);
  bool ok() const { return error_.ok(); }

  // OK, or the first error; also refuses keys never read.
  Status Finish();

 private:
  enum class Presence { kRequired, kOptional, kNullable };
  // The value at `key`, or nullptr when absent (or null and allowed to be); records the error
  // `presence` asks for.
  const boost::json::value* Get(const char* key, Presence presence);
  std::optional<std::string> ReadString(const char* key, Presence presence);
  std::optional<std::int64_t> ReadInt(const char* key, Presence presence);
  std::optional<std::chrono::sys_days> ReadDate(const char* key, Presence presence);
  std::optional<std::vector<std::string>> ReadStrings(const char* key, Presence presence);
  std::optional<boost::json::object> ReadObject(const char* key, Presence presence);
  std::string Path(const std::string& key) const { return context_ + "." + key; }

  const boost::json::object* object_ = nullptr;
  std::string context_;
  std::set<std::string, std::less<>> read_;
  Status error_;
};

// What a JSON value is, for errors: "a string", "an integer", "null", ...
std::string JsonKindName(const boost::json::value& value);

// "2024-07-31"; and its parser (nullopt when malformed or not a real date).
std::string FormatDate(std::chrono::sys_days day);
std::optional<std::chrono::sys_days> ParseDate(std::string_view text);

}  // namespace tdkt::engine::codec
