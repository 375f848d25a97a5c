#pragma once
// Status and Result<T>: errors as values in the core.
//
// A Status is either OK or one of a closed set of codes with a human-readable message. Result<T>
// holds a T or a non-OK Status. Both are plain values: copyable, and safe to share between threads
// as long as nobody mutates them. Adapters translate library exceptions into these at their edge;
// HTTP maps codes to statuses (see adapters/http).

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tdkt::engine {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // the input is malformed or breaks a rule of its own (HTTP 400/422)
  kNotFound,            // the thing named does not exist (404)
  kConflict,            // a concurrent change or a duplicate; retrying may succeed (409)
  kRejectedTransition,  // the lifecycle refused the event: wrong state or a guard said no (409)
  kForbidden,           // the actor's role or unit may not do this (403)
  kUnavailable,         // a dependency (the database) is not reachable now (503)
};

// The stable, lower-case name of a code ("rejected_transition"), as used in logs and APIs.
constexpr std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kRejectedTransition: return "rejected_transition";
    case StatusCode::kForbidden: return "forbidden";
    case StatusCode::kUnavailable: return "unavailable";
  }
  return "unknown";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status RejectedTransition(std::string m) {
    return {StatusCode::kRejectedTransition, std::move(m)};
  }
  static Status Forbidden(std::string m) { return {StatusCode::kForbidden, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "rejected_transition: dossier is in appraisal; council_vote needs council_review"
  std::string ToString() const {
    if (ok()) return "ok";
    std::string out(StatusCodeName(code_));
    out += ": ";
    out += message_;
    return out;
  }

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the reason there is none. Accessing value() of a failed Result is a programmer error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "a Result needs a value or a failed Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // OK when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace tdkt::engine
