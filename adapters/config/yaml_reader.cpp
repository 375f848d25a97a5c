#include "adapters/config/yaml_reader.hpp"

#include <charconv>
#include <map>

namespace tdkt::adapters::config {
namespace {

std::string Where(const YAML::Mark& mark) {
  if (mark.line < 0) return "";
  return ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string Describe(const std::string& path) { return path.empty() ? "the document" : path; }

void RejectNul(const YAML::Node& scalar, const std::string& origin, const std::string& path) {
  if (scalar.Scalar().find('\0') != std::string::npos) {
    throw ConfigError(origin + Where(scalar.Mark()) + ": " + Describe(path) +
                      ": contains a NUL character");
  }
}

// What yaml-cpp lets through and the loaders cannot see afterwards: a key given twice in one
// mapping (yaml-cpp keeps both, and lookups quietly take the first), and a NUL character in a
// value (a path or URL would be cut short at it). Walks the whole document.
void CheckDocument(const YAML::Node& node, const std::string& origin, const std::string& path) {
  if (node.IsScalar()) {
    RejectNul(node, origin, path);
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      CheckDocument(node[i], origin, path + "[" + std::to_string(i) + "]");
    }
  } else if (node.IsMap()) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        CheckDocument(entry.second, origin, path);
        continue;
      }
      const std::string& key = entry.first.Scalar();
      const std::string key_path = path.empty() ? key : path + "." + key;
      RejectNul(entry.first, origin, key_path);
      auto [first, inserted] = seen.emplace(key, entry.first.Mark());
      if (!inserted) {
        throw ConfigError(origin + Where(entry.first.Mark()) + ": " + key_path +
                          ": duplicate key (first given at line " +
                          std::to_string(first->second.line + 1) + ")");
      }
      CheckDocument(entry.second, origin, key_path);
    }
  }
}

}  // namespace

YAML::Node LoadYamlFile(const std::string& path) {
  YAML::Node document;
  try {
    document = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot read the file");
  } catch (const YAML::ParserException& e) {
    throw ConfigError(path + Where(e.mark) + ": YAML syntax error: " + e.msg);
  }
  CheckDocument(document, path, "");
  return document;
}

YAML::Node LoadYamlString(const std::string& text, const std::string& origin) {
  YAML::Node document;
  try {
    document = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(origin + Where(e.mark) + ": YAML syntax error: " + e.msg);
  }
  CheckDocument(document, origin, "");
  return document;
}

YamlMap::YamlMap(YAML::Node node, std::string file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {
  if (!node_.IsMap()) {
    throw ConfigError(file_ + ": " + (path_.empty() ? std::string("the document") : path_) +
                      ": expected a mapping of keys to values");
  }
}

std::string YamlMap::PathOf(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

bool YamlMap::Has(const std::string& key) const {
  YAML::Node child = node_[key];
  return child.IsDefined() && !child.IsNull();
}

void YamlMap::Fail(const std::string& key, const std::string& message) const {
  YAML::Node child = node_[key];
  throw ConfigError(file_ + Where(child.IsDefined() ? child.Mark() : node_.Mark()) + ": " +
                    PathOf(key) + ": " + message);
}

std::optional<YAML::Node> YamlMap::Get(const std::string& key) {
  read_.insert(key);
  // Through a const reference: yaml-cpp's non-const operator[] would insert a missing key.
  const YAML::Node& node = node_;
  YAML::Node child = node[key];
  if (!child.IsDefined() || child.IsNull()) return std::nullopt;
  return child;
}

std::string YamlMap::Scalar(const std::string& key, const YAML::Node& node,
                            const char* expected) const {
  if (!node.IsScalar()) Fail(key, std::string("expected ") + expected);
  return node.Scalar();
}

std::string YamlMap::RequiredString(const std::string& key) {
  auto value = OptionalString(key);
  if (!value) Fail(key, "missing required value (expected a string)");
  return *value;
}

std::string YamlMap::String(const std::string& key, const std::string& fallback) {
  return OptionalString(key).value_or(fallback);
}

std::optional<std::string> YamlMap::OptionalString(const std::string& key) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  return Scalar(key, node, "a string");
}

std::optional<std::int64_t> YamlMap::OptionalInt(const std::string& key) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  std::string text = Scalar(key, node, "an integer");
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    Fail(key, "expected an integer, got \"" + text + "\"");
  }
  return value;
}

std::int64_t YamlMap::RequiredInt(const std::string& key) {
  auto value = OptionalInt(key);
  if (!value) Fail(key, "missing required value (expected an integer)");
  return *value;
}

std::int64_t YamlMap::Int(const std::string& key, std::int64_t fallback) {
  return OptionalInt(key).value_or(fallback);
}

double YamlMap::Double(const std::string& key, double fallback) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return fallback;
  const YAML::Node& node = *found;
  std::string text = Scalar(key, node, "a number");
  try {
    return node.as<double>();
  } catch (const YAML::Exception&) {
    Fail(key, "expected a number, got \"" + text + "\"");
  }
}

bool YamlMap::Bool(const std::string& key, bool fallback) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return fallback;
  const YAML::Node& node = *found;
  std::string text = Scalar(key, node, "true or false");
  if (text == "true") return true;
  if (text == "false") return false;
  Fail(key, "expected true or false, got \"" + text + "\"");
}

std::string YamlMap::Enum(const std::string& key, const std::vector<std::string>& allowed,
                          const std::string& fallback) {
  std::string value = String(key, fallback);
  for (const auto& a : allowed) {
    if (a == value) return value;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  Fail(key, "expected one of " + list + ", got \"" + value + "\"");
}

std::vector<std::string> YamlMap::StringList(const std::string& key) {
  std::optional<YAML::Node> found = Get(key);
  std::vector<std::string> out;
  if (!found) return out;
  const YAML::Node& node = *found;
  if (!node.IsSequence()) Fail(key, "expected a list of strings");
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar()) Fail(key, "item " + std::to_string(i) + ": expected a string");
    out.push_back(node[i].Scalar());
  }
  return out;
}

std::vector<std::int64_t> YamlMap::IntList(const std::string& key,
                                           std::vector<std::int64_t> fallback) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return fallback;
  const YAML::Node& node = *found;
  if (!node.IsSequence()) Fail(key, "expected a list of integers");
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    try {
      out.push_back(node[i].as<std::int64_t>());
    } catch (const YAML::Exception&) {
      Fail(key, "item " + std::to_string(i) + ": expected an integer");
    }
  }
  return out;
}

YamlMap YamlMap::RequiredMap(const std::string& key) {
  auto map = OptionalMap(key);
  if (!map) Fail(key, "missing required section (expected a mapping)");
  return std::move(*map);
}

std::optional<YamlMap> YamlMap::OptionalMap(const std::string& key) {
  std::optional<YAML::Node> found = Get(key);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  if (!node.IsMap()) Fail(key, "expected a mapping of keys to values");
  return YamlMap(node, file_, PathOf(key));
}

std::vector<YamlMap> YamlMap::MapList(const std::string& key, bool required) {
  std::optional<YAML::Node> found = Get(key);
  std::vector<YamlMap> out;
  if (!found) {
    if (required) Fail(key, "missing required list");
    return out;
  }
  const YAML::Node& node = *found;
  if (!node.IsSequence()) Fail(key, "expected a list");
  for (std::size_t i = 0; i < node.size(); ++i) {
    std::string item_path = PathOf(key) + "[" + std::to_string(i) + "]";
    if (!node[i].IsMap()) {
      throw ConfigError(file_ + Where(node[i].Mark()) + ": " + item_path +
                        ": expected a mapping of keys to values");
    }
    out.emplace_back(node[i], file_, item_path);
  }
  return out;
}

void YamlMap::RejectUnknownKeys() const {
  for (const auto& entry : node_) {
    std::string key = entry.first.Scalar();
    if (!read_.contains(key)) {
      throw ConfigError(file_ + Where(entry.first.Mark()) + ": " + PathOf(key) +
                        ": unknown key (misspelt, or not valid here)");
    }
  }
}

}  // namespace tdkt::adapters::config
