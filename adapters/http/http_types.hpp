#pragma once
// Plain request and response values and the router, so that handlers need no Beast header.
//
// Router is filled at start-up and then only read: Handle() is safe from many threads at once.
// Errors are answered as application/problem+json (RFC 9457) with a stable `code`.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status.hpp"

namespace tdkt::adapters::http {

struct HttpRequest {
  std::string method;                                       // "GET"
  std::string target;                                       // "/api/v1/dossiers?state=draft"
  std::string path;                                         // "/api/v1/dossiers" (percent-decoded)
  std::map<std::string, std::string, std::less<>> query;    // decoded query parameters
  std::map<std::string, std::string, std::less<>> headers;  // names in lower case
  std::string body;
  std::map<std::string, std::string, std::less<>> path_params;  // {id} of the matched route

  // The header's value, or "" when absent. `name` in lower case.
  std::string Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The route pattern that answered ("/api/v1/dossiers/{id}"), "static" for the fallback, empty
  // when none matched: a metrics label that does not grow with ids. Not sent.
  std::string route;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string content_type, std::string body);
  // application/problem+json: {"type","title","status","code","detail"}.
  static HttpResponse Problem(int status, std::string_view code, std::string_view detail);
  // The problem that a failed Status maps to (400, 403, 404, 409, 422, 503).
  static HttpResponse FromStatus(const engine::Status& status);
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class Router {
 public:
  // `pattern` is a path whose segments may be parameters: "/api/v1/dossiers/{id}/events".
  void Add(std::string method, std::string pattern, Handler handler);
  // Fallback for GET requests no route matches (static files).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  // Dispatches; 404 when no route has the path, 405 when only other methods do.
  HttpResponse Handle(HttpRequest request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

// Splits "a/b?x=1&y=%C3%A1" into path and decoded query. Returns false for malformed escapes and
// for a decoded path, key or value that is not UTF-8 or holds a control character. `path` and
// `query` are replaced, not appended to.
bool ParseTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string, std::less<>>& query);

}  // namespace tdkt::adapters::http
