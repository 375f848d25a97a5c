#include "adapters/http/http_types.hpp"

#include <boost/json.hpp>

namespace tdkt::adapters::http {

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  return {status, "application/json", std::move(body), {}, {}};
}

HttpResponse HttpResponse::Text(int status, std::string content_type, std::string body) {
  return {status, std::move(content_type), std::move(body), {}, {}};
}

namespace {

std::string_view Title(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace

HttpResponse HttpResponse::Problem(int status, std::string_view code, std::string_view detail) {
  boost::json::object problem;
  problem["type"] = "about:blank";
  problem["title"] = Title(status);
  problem["status"] = status;
  problem["code"] = code;
  problem["detail"] = detail;
  return {status, "application/problem+json", boost::json::serialize(problem), {}, {}};
}

HttpResponse HttpResponse::FromStatus(const engine::Status& status) {
  using engine::StatusCode;
  int http_status = 500;
  switch (status.code()) {
    case StatusCode::kOk: http_status = 200; break;
    case StatusCode::kInvalidArgument: http_status = 422; break;
    case StatusCode::kNotFound: http_status = 404; break;
    case StatusCode::kConflict: http_status = 409; break;
    case StatusCode::kRejectedTransition: http_status = 409; break;
    case StatusCode::kForbidden: http_status = 403; break;
    case StatusCode::kUnavailable: http_status = 503; break;
  }
  return Problem(http_status, engine::StatusCodeName(status.code()), status.message());
}

namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

static bool ParseTargetUnchecked(std::string_view target, std::string& path,
                                 std::map<std::string, std::string, std::less<>>& query) {
  query.clear();
  std::size_t q = target.find('?');
  if (!Decode(target.substr(0, q), path, false)) return false;
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    std::size_t eq = pair.find('=');
    std::string key;
    std::string value;
    if (!Decode(pair.substr(0, eq), key, true)) return false;
    if (eq != std::string_view::npos && !Decode(pair.substr(eq + 1), value, true)) return false;
    if (!key.empty()) query[key] = value;
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return true;
}

namespace {

// Well-formed UTF-8 without control characters: what a decoded path or query value may hold
// (ids reach SQL text parameters and headers, where NUL, CR/LF or stray bytes do harm).
bool CleanText(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return false;
      ++i;
      continue;
    }
    // Lead bytes: C2..DF, E0..EF, F0..F4; C0, C1 and F5..FF never start a sequence.
    int extra = c >= 0xc2 && c <= 0xdf   ? 1
                : c >= 0xe0 && c <= 0xef ? 2
                : c >= 0xf0 && c <= 0xf4 ? 3
                                         : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) return false;
    std::uint32_t code = c & (0x3f >> extra);
    for (int k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((extra == 2 && code < 0x800) || (extra == 3 && (code < 0x10000 || code > 0x10ffff)) ||
        (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

}  // namespace

bool ParseTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string, std::less<>>& query) {
  if (!ParseTargetUnchecked(target, path, query)) return false;
  if (!CleanText(path)) return false;
  for (const auto& [key, value] : query) {
    if (!CleanText(key) || !CleanText(value)) return false;
  }
  return true;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  auto segments = Split(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

HttpResponse Router::Handle(HttpRequest request) const {
  std::vector<std::string> segments = Split(request.path);
  bool path_matched = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string, std::less<>> params;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        params[want.substr(1, want.size() - 2)] = segments[i];
      } else {
        match = want == segments[i];
      }
    }
    if (!match) continue;
    path_matched = true;
    if (route.method != request.method) continue;
    request.path_params = std::move(params);
    HttpResponse response = route.handler(request);
    response.route = route.pattern;
    return response;
  }
  if (path_matched) {
    return HttpResponse::Problem(405, "method_not_allowed",
                                 request.method + " is not allowed on " + request.path);
  }
  if (fallback_ && (request.method == "GET" || request.method == "HEAD")) {
    HttpResponse response = fallback_(request);
    response.route = "static";
    return response;
  }
  return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
}

}  // namespace tdkt::adapters::http
