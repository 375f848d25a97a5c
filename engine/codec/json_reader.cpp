#include "engine/codec/json_reader.hpp"

#include <charconv>

namespace tdkt::engine::codec {

namespace {
const boost::json::object& EmptyObject() {
  static const boost::json::object kEmpty;
  return kEmpty;
}
}  // namespace

JsonReader::JsonReader(const boost::json::value& value, std::string context)
    : context_(std::move(context)) {
  object_ = value.if_object();
  if (object_ == nullptr && !value.is_null()) {
    error_ = Status::InvalidArgument(context_ + ": expected a JSON object");
  }
}

const boost::json::value* JsonReader::Get(const char* key) {
  read_.insert(key);
  if (object_ == nullptr) return nullptr;
  const boost::json::value* value = object_->if_contains(key);
  if (value != nullptr && value->is_null()) return nullptr;
  return value;
}

void JsonReader::Fail(const std::string& key, const std::string& what) {
  if (error_.ok()) error_ = Status::InvalidArgument(Path(key) + ": " + what);
}

std::optional<std::string> JsonReader::OptionalString(const char* key) {
  const boost::json::value* value = Get(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(key, "expected a string");
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::string JsonReader::String(const char* key) { return OptionalString(key).value_or(""); }

std::optional<std::int64_t> JsonReader::OptionalInt(const char* key) {
  const boost::json::value* value = Get(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  Fail(key, "expected an integer");
  return std::nullopt;
}

std::int64_t JsonReader::Int(const char* key) { return OptionalInt(key).value_or(0); }

bool JsonReader::Bool(const char* key) {
  const boost::json::value* value = Get(key);
  if (value == nullptr) return false;
  if (!value->is_bool()) {
    Fail(key, "expected true or false");
    return false;
  }
  return value->get_bool();
}

std::optional<std::chrono::sys_days> JsonReader::Date(const char* key) {
  auto text = OptionalString(key);
  if (!text) return std::nullopt;
  auto day = ParseDate(*text);
  if (!day) Fail(key, "expected a date YYYY-MM-DD, got \"" + *text + "\"");
  return day;
}

std::vector<std::string> JsonReader::Strings(const char* key) {
  std::vector<std::string> out;
  const boost::json::value* value = Get(key);
  if (value == nullptr) return out;
  const boost::json::array* array = value->if_array();
  if (array == nullptr) {
    Fail(key, "expected a list of strings");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      Fail(std::string(key) + "[" + std::to_string(i) + "]", "expected a string");
      return out;
    }
    out.emplace_back((*array)[i].get_string());
  }
  return out;
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

const boost::json::object& JsonReader::Object(const char* key) {
  const boost::json::value* value = Get(key);
  if (value == nullptr) return EmptyObject();
  if (!value->is_object()) {
    Fail(key, "expected a JSON object");
    return EmptyObject();
  }
  return value->get_object();
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
