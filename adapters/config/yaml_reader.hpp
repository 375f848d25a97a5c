#pragma once
// Strict reading of YAML configuration files, shared by every loader in adapters/config/.
//
// Configuration errors stop start-up, so they are exceptions (ConfigError) whose message names the
// file, the key (as a dotted path, "http.max_body_bytes" or "awards[2].id") and what was expected.
// A YamlMap remembers which keys were read; RejectUnknownKeys() refuses the rest, so a misspelt
// key is an error and not silently ignored. Not thread-safe; loaders run once, at start-up.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tdkt::adapters::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a YAML file. Throws ConfigError "FILE: cannot read" or "FILE:LINE:COL: YAML syntax error",
// and "FILE:LINE:COL: KEY: duplicate key" for a key given twice in one mapping (yaml-cpp would
// keep one silently) or "…: contains a NUL character" for a key or value that holds one.
YAML::Node LoadYamlFile(const std::string& path);
// Parses YAML text, with the same checks; `origin` names it in errors.
YAML::Node LoadYamlString(const std::string& text, const std::string& origin);

class YamlMap {
 public:
  // Throws ConfigError unless `node` is a mapping. `path` is the key path of the node ("" = root).
  YamlMap(YAML::Node node, std::string file, std::string path = "");

  const std::string& file() const { return file_; }
  // The dotted path of a key of this map, for error messages.
  std::string PathOf(const std::string& key) const;
  bool Has(const std::string& key) const;

  std::string RequiredString(const std::string& key);
  std::string String(const std::string& key, const std::string& fallback);
  std::optional<std::string> OptionalString(const std::string& key);
  std::int64_t RequiredInt(const std::string& key);
  std::int64_t Int(const std::string& key, std::int64_t fallback);
  std::optional<std::int64_t> OptionalInt(const std::string& key);
  double Double(const std::string& key, double fallback);
  bool Bool(const std::string& key, bool fallback);
  // A string that must be one of `allowed`.
  std::string Enum(const std::string& key, const std::vector<std::string>& allowed,
                   const std::string& fallback);
  std::vector<std::string> StringList(const std::string& key);  // absent = empty
  std::vector<std::int64_t> IntList(const std::string& key, std::vector<std::int64_t> fallback);

  YamlMap RequiredMap(const std::string& key);
  std::optional<YamlMap> OptionalMap(const std::string& key);
  // A sequence of mappings (absent = empty, unless required).
  std::vector<YamlMap> MapList(const std::string& key, bool required = false);

  // Throws ConfigError naming the first key that was never read.
  void RejectUnknownKeys() const;

  // Throws ConfigError "FILE: PATH.KEY: MESSAGE".
  [[noreturn]] void Fail(const std::string& key, const std::string& message) const;

 private:
  // The value of `key`, marked as read; nullopt when absent or null.
  std::optional<YAML::Node> Get(const std::string& key);
  std::string Scalar(const std::string& key, const YAML::Node& node, const char* expected) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace tdkt::adapters::config
