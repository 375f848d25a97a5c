#pragma once
// A strict reader over a Boost.JSON object, for payloads that come from outside (HTTP bodies) or
// from the audit log. Every key read is remembered; Finish() refuses the rest, so a misspelt field
// is an error rather than silently ignored. Errors are InvalidArgument naming the field's path and
// what was expected ("payload.votes_for: expected an integer").
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
  // `context` names the object in errors ("payload"). A non-object sets an error at once.
  JsonReader(const boost::json::value& value, std::string context);

  std::string String(const char* key);  // absent or null = ""
  std::int64_t Int(const char* key);    // absent = 0
  bool Bool(const char* key);           // absent = false
  std::optional<std::string> OptionalString(const char* key);
  std::optional<std::int64_t> OptionalInt(const char* key);
  std::optional<std::chrono::sys_days> Date(const char* key);  // "YYYY-MM-DD"
  std::vector<DocumentKind> Documents(const char* key);        // ["submission_letter", ...]
  std::vector<std::string> Strings(const char* key);
  // The nested object at `key` (absent = an empty object).
  const boost::json::object& Object(const char* key);

  // Records an error about `key` (only the first error is kept).
  void Fail(const std::string& key, const std::string& what);

  // OK, or the first error; also refuses keys never read.
  Status Finish();

 private:
  const boost::json::value* Get(const char* key);
  std::string Path(const std::string& key) const { return context_ + "." + key; }

  const boost::json::object* object_ = nullptr;
  std::string context_;
  std::set<std::string, std::less<>> read_;
  Status error_;
};

// "2024-07-31"; and its parser (nullopt when malformed or not a real date).
std::string FormatDate(std::chrono::sys_days day);
std::optional<std::chrono::sys_days> ParseDate(std::string_view text);

}  // namespace tdkt::engine::codec
