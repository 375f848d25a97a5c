#include "adapters/db/database_url.hpp"

#include <libpq-fe.h>

#include <memory>
#include <regex>

namespace tdkt::adapters::db {

std::string_view BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

namespace {

constexpr std::string_view kExpected =
    "expected sqlite:PATH, postgresql://user@host:port/dbname or a libpq key=value string "
    "such as \"host=127.0.0.1 port=5432 dbname=tdkt user=tdkt\"";

std::string RedactUri(std::string uri) {
  // postgresql://user:secret@host -> postgresql://user:***@host
  static const std::regex kPassword(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)");
  uri = std::regex_replace(uri, kPassword, "$1***@");
  static const std::regex kParam(R"((password=)[^&]*)");
  return std::regex_replace(uri, kParam, "$1***");
}

std::string RedactKeyValue(const std::string& conninfo) {
  static const std::regex kPassword(R"((password\s*=\s*)('[^']*'|\S+))");
  return std::regex_replace(conninfo, kPassword, "$1***");
}

engine::Status Invalid(std::string_view url, std::string_view why) {
  return engine::Status::InvalidArgument("bad database URL \"" + std::string(url) +
                                         "\": " + std::string(why) + "; " + std::string(kExpected));
}

// Quotes a libpq key=value value: 'it''s' -> 'it\'s'.
std::string QuoteConninfoValue(const char* value) {
  std::string out = "'";
  for (const char* p = value; *p != '\0'; ++p) {
    if (*p == '\'' || *p == '\\') out.push_back('\\');
    out.push_back(*p);
  }
  out.push_back('\'');
  return out;
}

// Lets libpq itself parse a URI or key=value string and returns the equivalent key=value string
// (SOCI's PostgreSQL backend takes only that form), or the reason libpq gives.
engine::Result<std::string> NormaliseConninfo(std::string_view url) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(std::string(url).c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string why = error != nullptr ? error : "libpq cannot parse it";
    PQfreemem(error);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Invalid(url, why);
  }
  std::string out;
  for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    if (!out.empty()) out += ' ';
    out += option->keyword;
    out += '=';
    out += QuoteConninfoValue(option->val);
  }
  return out;
}

}  // namespace

engine::Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  if (url.empty()) return Invalid(url, "it is empty");
  if (url.find('\0') != std::string_view::npos) {
    return Invalid(url.substr(0, url.find('\0')), "it contains a NUL character");
  }
  DatabaseUrl out;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path = path.substr(2);  // sqlite://PATH is accepted too
    if (path.empty()) return Invalid(url, "no file path after \"sqlite:\"");
    out.backend = Backend::kSqlite;
    out.sqlite_path = path;
    // SOCI's sqlite3 backend: db=FILE; timeout in seconds while another connection writes.
    out.connect_string = "db=" + path + " timeout=30 shared_cache=false";
    out.redacted = "sqlite:" + path;
    return out;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    static const std::regex kUri(R"(^postgres(ql)?://[^\s/?#]*(/[^\s?#]*)?(\?[^\s#]*)?$)");
    if (!std::regex_match(url.begin(), url.end(), kUri)) {
      return Invalid(url, "not a well-formed postgresql:// URI");
    }
    auto conninfo = NormaliseConninfo(url);
    if (!conninfo.ok()) return conninfo.status();
    out.backend = Backend::kPostgresql;
    out.connect_string = *conninfo;
    out.redacted = RedactUri(std::string(url));
    return out;
  }
  // libpq key=value: at least one key=value pair, keys are words.
  static const std::regex kKeyValue(R"(^\s*([A-Za-z_]+\s*=\s*('[^']*'|[^\s']+)\s*)+$)");
  if (std::regex_match(url.begin(), url.end(), kKeyValue)) {
    auto conninfo = NormaliseConninfo(url);
    if (!conninfo.ok()) return conninfo.status();
    out.backend = Backend::kPostgresql;
    out.connect_string = *conninfo;
    out.redacted = RedactKeyValue(std::string(url));
    return out;
  }
  return Invalid(url, "unknown scheme");
}

}  // namespace tdkt::adapters::db
