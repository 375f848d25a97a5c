#include "engine/audit/canonical_json.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <boost/json/parse.hpp>

namespace tdkt::engine::audit {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  std::uint32_t minimum = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2, code = c & 0x1F, minimum = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3, code = c & 0x0F, minimum = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4, code = c & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

Status AppendString(std::string_view s, const std::string& path, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t length = Utf8SequenceLength(s, i);
      if (length == 0) {
        return Status::InvalidArgument(path + " is not valid UTF-8 (byte " + std::to_string(i) +
                                       ")");
      }
      out.append(s.substr(i, length));
      i += length;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0x0F]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  return Status::Ok();
}

Status Append(const boost::json::value& value, const std::string& path, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return Status::Ok();
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return Status::Ok();
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); return Status::Ok();
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); return Status::Ok();
    case boost::json::kind::double_:
      return Status::InvalidArgument(path +
                                     " is a floating-point number; the audit log takes integers "
                                     "and strings only");
    case boost::json::kind::string: {
      const auto& s = value.get_string();
      return AppendString(std::string_view(s.data(), s.size()), path, out);
    }
    case boost::json::kind::array: {
      out.push_back('[');
      const auto& array = value.get_array();
      for (std::size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out.push_back(',');
        Status status = Append(array[i], path + "[" + std::to_string(i) + "]", out);
        if (!status.ok()) return status;
      }
      out.push_back(']');
      return Status::Ok();
    }
    case boost::json::kind::object: {
      const auto& object = value.get_object();
      std::vector<std::string_view> keys;
      keys.reserve(object.size());
      for (const auto& member : object) keys.emplace_back(member.key().data(), member.key().size());
      // Byte order of UTF-8 is code-point order, which is how Python sorts str keys.
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) {
        return Status::InvalidArgument(path + " has a duplicate key");
      }
      out.push_back('{');
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out.push_back(',');
        std::string member_path = path + "." + std::string(keys[i]);
        Status status = AppendString(keys[i], member_path, out);
        if (!status.ok()) return status;
        out.push_back(':');
        status = Append(object.at(keys[i]), member_path, out);
        if (!status.ok()) return status;
      }
      out.push_back('}');
      return Status::Ok();
    }
  }
  return Status::InvalidArgument(path + " has an unknown JSON kind");
}

}  // namespace

Result<std::string> CanonicalJson(const boost::json::value& value) {
  std::string out;
  Status status = Append(value, "$", out);
  if (!status.ok()) return status;
  return out;
}

Result<boost::json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return Status::InvalidArgument("not JSON: " + ec.message());
  return value;
}

Result<std::string> CanonicalizeJsonText(std::string_view text) {
  auto value = ParseJson(text);
  if (!value.ok()) return value.status();
  return CanonicalJson(*value);
}

}  // namespace tdkt::engine::audit
