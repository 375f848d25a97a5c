// The request target parser (path and query) on arbitrary bytes, as the server hands it every
// request line's target, then the router that matches the path.
//
// What ParseTarget accepts must hold only well-formed UTF-8 without control characters in the
// path, every key and every value (they reach SQL parameters, headers and logs): checked here by
// a validator written apart from the one in http_types.cpp.

#include <map>
#include <string>

#include "adapters/http/http_types.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using tdkt::fuzz::Check;
namespace http = tdkt::adapters::http;

// RFC 3629's table of well-formed byte sequences, with C0 controls and DEL refused.
bool WellFormedText(std::string_view s) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = at(i);
    const std::size_t left = s.size() - i;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return false;
      i += 1;
    } else if (in(c, 0xc2, 0xdf)) {
      if (left < 2 || !in(at(i + 1), 0x80, 0xbf)) return false;
      i += 2;
    } else if (in(c, 0xe0, 0xef)) {
      const unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
      const unsigned char hi = c == 0xed ? 0x9f : 0xbf;
      if (left < 3 || !in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xbf)) return false;
      i += 3;
    } else if (in(c, 0xf0, 0xf4)) {
      const unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
      const unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;
      if (left < 4 || !in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xbf) ||
          !in(at(i + 3), 0x80, 0xbf)) {
        return false;
      }
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

const http::Router& TheRouter() {
  static const http::Router router = [] {
    http::Router r;
    auto echo = [](const http::HttpRequest& request) {
      std::string body;
      for (const auto& [name, value] : request.path_params) body += name + "=" + value + "\n";
      return http::HttpResponse::Text(200, "text/plain", body);
    };
    r.Add("GET", "/api/v1/dossiers", echo);
    r.Add("GET", "/api/v1/dossiers/{id}", echo);
    r.Add("POST", "/api/v1/dossiers/{id}/events", echo);
    r.Add("GET", "/api/v1/campaigns/{id}/dossiers/{dossier}", echo);
    r.SetFallback([](const http::HttpRequest&) {
      return http::HttpResponse::Text(200, "text/plain", "static");
    });
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target = tdkt::fuzz::AsText(data, size);
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  if (!http::ParseTarget(target, path, query)) return 0;
  Check(WellFormedText(path), "an accepted path must be clean UTF-8", target);
  for (const auto& [key, value] : query) {
    Check(!key.empty(), "a query key must not be empty", target);
    Check(WellFormedText(key) && WellFormedText(value), "an accepted query must be clean UTF-8",
          target);
  }
  for (const char* method : {"GET", "POST"}) {
    http::HttpRequest request;
    request.method = method;
    request.target = std::string(target);
    request.path = path;
    request.query = query;
    const http::HttpResponse response = TheRouter().Handle(std::move(request));
    Check(response.status == 200 || response.status == 404 || response.status == 405,
          "the router answers 200, 404 or 405", target);
  }
  return 0;
}
