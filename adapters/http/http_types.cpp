#include "adapters/http/http_types.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>

namespace tdkt::adapters::http {

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::size_t Utf8SequenceLength(std::string_view text, std::size_t at) {
  auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return 1;
  // Lead bytes: C2..DF one continuation byte, E0..EF two, F0..F4 three. 80..C1 (a continuation
  // byte or an overlong two-byte form) and F5..FF never start a sequence.
  std::size_t extra = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    extra = 1;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    extra = 2;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    extra = 3;
  } else {
    return 0;
  }
  if (text.size() - at <= extra) return 0;
  std::uint32_t code = lead & (0x3fU >> extra);
  for (std::size_t k = 1; k <= extra; ++k) {
    auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xc0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3fU);
  }
  // Overlong three- and four-byte forms, UTF-16 surrogates and code points past U+10FFFF.
  if ((extra == 2 && code < 0x800) || (extra == 3 && (code < 0x10000 || code > 0x10ffff)) ||
      (code >= 0xd800 && code <= 0xdfff)) {
    return 0;
  }
  return extra + 1;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
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
    case 431: return "Request Header Fields Too Large";
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
  // The detail may quote what a client sent (a path, a header): never pass its bytes on as they
  // are, or the body would not be UTF-8 and so not JSON.
  problem["code"] = ValidUtf8(code);
  problem["detail"] = ValidUtf8(detail);
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
  HttpResponse response =
      Problem(http_status, engine::StatusCodeName(status.code()), status.message());
  // The database is away for a moment (a restart, a failover): the same request, with the same
  // request_id, may be sent again shortly (RFC 9110 §10.2.3).
  if (http_status == 503) response.headers.emplace_back("Retry-After", "1");
  return response;
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
    std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    auto c = static_cast<unsigned char>(text[i]);
    if (length == 1 && (c < 0x20 || c == 0x7f)) return false;
    i += length;
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
  const bool head = request.method == "HEAD";
  std::vector<std::string_view> allowed;  // by the routes whose pattern matches, for 405
  auto allow = [&allowed](std::string_view method) {
    if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
      allowed.push_back(method);
    }
  };
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
    if (route.method != request.method && !(head && route.method == "GET")) {
      allow(route.method);
      if (route.method == "GET") allow("HEAD");
      continue;
    }
    request.path_params = std::move(params);
    HttpResponse response = route.handler(request);
    response.route = route.pattern;
    return response;
  }
  if (!allowed.empty()) {
    std::string methods;
    for (std::string_view method : allowed) {
      if (!methods.empty()) methods += ", ";
      methods += method;
    }
    HttpResponse response = HttpResponse::Problem(
        405, "method_not_allowed", request.method + " is not allowed on " + request.path);
    response.headers.emplace_back("Allow", std::move(methods));
    return response;
  }
  if (fallback_ && (request.method == "GET" || head)) {
    HttpResponse response = fallback_(request);
    response.route = "static";
    return response;
  }
  return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
}

}  // namespace tdkt::adapters::http
