#include "engine/codec/json_reader.hpp"

#include <charconv>

namespace tdkt::engine::codec {

namespace {
const boost::json::object& EmptyObject() {
  static const boost::json::object kEmpty;
  return kEmpty;
}
}  // namespace

std::string JsonKindName(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "true or false";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number with a fraction";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "a list";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

JsonReader::JsonReader(const boost::json::value& value, std::string context)
    : context_(std::move(context)) {
  object_ = value.if_object();
  if (object_ == nullptr) {
    error_ =
        Status::InvalidArgument(context_ + ": expected a JSON object, got " + JsonKindName(value));
  }
}

const boost::json::value* JsonReader::Get(const char* key, Presence presence) {
  read_.insert(key);
  if (object_ == nullptr) return nullptr;
  const boost::json::value* value = object_->if_contains(key);
  if (value == nullptr) {
    if (presence == Presence::kRequired) Fail(key, "required");
    return nullptr;
  }
  if (value->is_null()) {
    if (presence == Presence::kRequired) Fail(key, "required (null is not a value)");
    if (presence == Presence::kOptional) Fail(key, "may be left out but not null");
    return nullptr;
  }
  return value;
}

void JsonReader::Fail(const std::string& key, const std::string& what) {
  if (error_.ok()) error_ = Status::InvalidArgument(Path(key) + ": " + what);
}

std::optional<std::string> JsonReader::ReadString(const char* key, Presence presence) {
  const boost::json::value* value = Get(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(key, "expected a string, got " + JsonKindName(*value));
    return std::nullopt;
  }
  if (value->get_string().size() > kMaxTextBytes) {
    Fail(key, "at most " + std::to_string(kMaxTextBytes) + " bytes, got " +
                  std::to_string(value->get_string().size()));
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::string JsonReader::Id(const char* key) {
  std::string id = String(key);
  if (ok() && !IsValidId(id)) {
    Fail(key,
         "expected 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or "
         "digit)");
  }
  return id;
}

std::optional<std::int64_t> JsonReader::ReadInt(const char* key, Presence presence) {
  const boost::json::value* value = Get(key, presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  Fail(key, "expected an integer, got " + JsonKindName(*value));
  return std::nullopt;
}

std::optional<std::chrono::sys_days> JsonReader::ReadDate(const char* key, Presence presence) {
  auto text = ReadString(key, presence);
  if (!text) return std::nullopt;
  auto day = ParseDate(*text);
  if (!day) Fail(key, "expected a date YYYY-MM-DD, got \"" + *text + "\"");
  return day;
}

std::optional<std::vector<std::string>> JsonReader::ReadStrings(const char* key,
                                                                Presence presence) {
  const boost::json::value* value = Get(key, presence);
  if (value == nullptr) return std::nullopt;
  const boost::json::array* array = value->if_array();
  if (array == nullptr) {
    Fail(key, "expected a list of strings, got " + JsonKindName(*value));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string() || (*array)[i].get_string().size() > kMaxTextBytes) {
      Fail(std::string(key) + "[" + std::to_string(i) + "]",
           (*array)[i].is_string() ? "at most " + std::to_string(kMaxTextBytes) + " bytes"
                                   : "expected a string, got " + JsonKindName((*array)[i]));
      return std::nullopt;
    }
    out.emplace_back((*array)[i].get_string());
  }
  return out;
}

std::optional<boost::json::object> JsonReader::ReadObject(const char* key, Presence presence) {
  const boost::json::value* value = Get(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    Fail(key, "expected a JSON object, got " + JsonKindName(*value));
    return std::nullopt;
  }
  return value->get_object();
}

std::string JsonReader::String(const char* key) {
  return ReadString(key, Presence::kRequired).value_or("");
}
std::int64_t JsonReader::Int(const char* key) {
  return ReadInt(key, Presence::kRequired).value_or(0);
}
std::chrono::sys_days JsonReader::Date(const char* key) {
  return ReadDate(key, Presence::kRequired).value_or(std::chrono::sys_days{});
}
std::vector<std::string> JsonReader::Strings(const char* key) {
  return ReadStrings(key, Presence::kRequired).value_or(std::vector<std::string>{});
}

bool JsonReader::Bool(const char* key) {
  const boost::json::value* value = Get(key, Presence::kRequired);
  if (value == nullptr) return false;
  if (!value->is_bool()) {
    Fail(key, "expected true or false, got " + JsonKindName(*value));
    return false;
  }
  return value->get_bool();
}

std::optional<bool> JsonReader::OptionalBool(const char* key) {
  const boost::json::value* value = Get(key, Presence::kOptional);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    Fail(key, "expected true or false, got " + JsonKindName(*value));
    return std::nullopt;
  }
  return value->get_bool();
}

const boost::json::object& JsonReader::Object(const char* key) {
  const boost::json::value* value = Get(key, Presence::kRequired);
  if (value == nullptr) return EmptyObject();
  if (!value->is_object()) {
    Fail(key, "expected a JSON object, got " + JsonKindName(*value));
    return EmptyObject();
  }
  return value->get_object();
}

const boost::json::array& JsonReader::Array(const char* key) {
  static const boost::json::array kEmpty;
  const boost::json::value* value = Get(key, Presence::kRequired);
  if (value == nullptr) return kEmpty;
  if (!value->is_array()) {
    Fail(key, "expected a JSON array, got " + JsonKindName(*value));
    return kEmpty;
  }
  return value->get_array();
}

std::optional<std::string> JsonReader::OptionalString(const char* key) {
  return ReadString(key, Presence::kOptional);
}
std::optional<std::int64_t> JsonReader::OptionalInt(const char* key) {
  return ReadInt(key, Presence::kOptional);
}
std::optional<std::chrono::sys_days> JsonReader::OptionalDate(const char* key) {
  return ReadDate(key, Presence::kOptional);
}
std::optional<std::vector<std::string>> JsonReader::OptionalStrings(const char* key) {
  return ReadStrings(key, Presence::kOptional);
}
std::optional<boost::json::object> JsonReader::OptionalObject(const char* key) {
  return ReadObject(key, Presence::kOptional);
}
std::optional<std::string> JsonReader::NullableString(const char* key) {
  return ReadString(key, Presence::kNullable);
}
std::optional<std::int64_t> JsonReader::NullableInt(const char* key) {
  return ReadInt(key, Presence::kNullable);
}
std::optional<std::chrono::sys_days> JsonReader::NullableDate(const char* key) {
  return ReadDate(key, Presence::kNullable);
}
std::optional<std::vector<std::string>> JsonReader::NullableStrings(const char* key) {
  return ReadStrings(key, Presence::kNullable);
}
std::optional<boost::json::object> JsonReader::NullableObject(const char* key) {
  return ReadObject(key, Presence::kNullable);
}

std::vector<DocumentKind> JsonReader::Documents(const char* key) {
  std::vector<DocumentKind> out;
  std::vector<std::string> names = Strings(key);
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto kind = ParseDocumentKind(names[i]);
    if (!kind) {
      Fail(std::string(key) + "[" + std::to_string(i) + "]",
           "unknown document kind \"" + names[i] +
               "\" (expected submission_letter, achievement_report, review_minutes or "
               "initiative_certificate)");
      return out;
    }
    out.push_back(*kind);
  }
  return out;
}

Status JsonReader::Finish() {
  if (!error_.ok() || object_ == nullptr) return error_;
  for (const auto& entry : *object_) {
    if (!read_.contains(std::string_view(entry.key()))) {
      return Status::InvalidArgument(Path(std::string(entry.key())) + ": unknown field");
    }
  }
  return Status::Ok();
}

std::string FormatDate(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  auto two = [](unsigned v) {
    return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
  };
  std::string year = std::to_string(static_cast<int>(ymd.year()));
  while (year.size() < 4) year.insert(year.begin(), '0');
  return year + "-" + two(static_cast<unsigned>(ymd.month())) + "-" +
         two(static_cast<unsigned>(ymd.day()));
}

std::optional<std::chrono::sys_days> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  // Digits only: from_chars would take a sign ("-001-01-29" as the year -1).
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  auto parse = [&](std::size_t from, std::size_t length, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + from, text.data() + from + length, out);
    return ec == std::errc() && end == text.data() + from + length;
  };
  if (!parse(0, 4, year) || !parse(5, 2, month) || !parse(8, 2, day)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

}  // namespace tdkt::engine::codec
