// The HTTP server's limits with a real socket: a stalled request is cut off after the request
// time limit, a body over the limit is 413, headers over theirs 431, a handler that throws is
// 500 — and after each the server still answers. Targets that are not UTF-8 and repeated
// Authorization headers are 400; every answer is UTF-8 JSON or the handler's own body, and
// carries the security headers; HEAD answers wherever GET does. Also the static files'
// refusals and the metrics' text format.

#include "adapters/http/server.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "adapters/http/metrics.hpp"
#include "adapters/http/static_files.hpp"
#include "tests/adapters/support/http_get.hpp"

namespace tdkt::adapters::http {
namespace {

using namespace std::chrono_literals;

class Server : public ::testing::Test {
 protected:
  void Start(Router router) {
    HttpServerSettings settings;
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.max_body_bytes = 1024;
    settings.request_timeout = 500ms;
    server_ = std::make_unique<HttpServer>(
        settings, std::move(router),
        std::make_shared<spdlog::logger>("server-test",
                                         std::make_shared<spdlog::sinks::null_sink_mt>()));
    auto port = server_->Listen();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  static Router Routes() {
    Router router;
    router.Add("GET", "/ok", [](const HttpRequest&) { return HttpResponse::Json(200, "{}"); });
    router.Add("POST", "/echo",
               [](const HttpRequest& r) { return HttpResponse::Text(200, "text/plain", r.body); });
    router.Add("GET", "/boom", [](const HttpRequest&) -> HttpResponse {
      throw std::runtime_error("a handler's bug");
    });
    router.Add("GET", "/boom/{what}", [](const HttpRequest& r) -> HttpResponse {
      if (r.path_params.at("what") == "int") throw 42;
      throw std::runtime_error("bytes \xff\xfe in a bug");
    });
    router.Add("GET", "/auth", [](const HttpRequest& r) {
      return HttpResponse::Text(200, "text/plain",
                                r.Header("authorization") + "|" + r.Header("accept"));
    });
    router.Add("GET", "/dossiers/{id}", [](const HttpRequest& r) {
      return HttpResponse::Problem(404, "not_found", "no such dossier: " + r.path_params.at("id"));
    });
    return router;
  }

  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

// Sends `partial` and then nothing; returns what the server sent before closing (or "" when the
// connection was still open after `wait`).
std::string StallAfter(std::uint16_t port, const std::string& partial, std::chrono::seconds wait) {
  int fd = testing::ConnectLoopback(port);
  if (fd < 0) return "connect failed";
  ::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
  timeval tv{static_cast<time_t>(wait.count()), 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string received;
  char buf[1024];
  ssize_t n;
  bool closed = false;
  while (true) {
    n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      received.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    closed = n == 0;
    break;
  }
  ::close(fd);
  return closed ? "closed:" + received : "";
}

// The value of response header `name` (any case), or nullopt.
std::optional<std::string> HeaderOf(const testing::HttpReply& reply, const std::string& name) {
  std::size_t at = 0;
  while ((at = reply.headers.find("\r\n", at)) != std::string::npos) {
    at += 2;
    std::size_t colon = reply.headers.find(':', at);
    std::size_t end = reply.headers.find("\r\n", at);
    if (colon == std::string::npos || (end != std::string::npos && colon > end)) continue;
    if (colon - at == name.size() &&
        ::strncasecmp(reply.headers.c_str() + at, name.c_str(), name.size()) == 0) {
      std::string value = reply.headers.substr(
          colon + 1, end == std::string::npos ? std::string::npos : end - colon - 1);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
  }
  return std::nullopt;
}

// Expects a problem body that is valid UTF-8 JSON with `status` and `code`.
void ExpectProblem(const testing::HttpReply& reply, int status, const std::string& code,
                   const std::string& what) {
  EXPECT_EQ(reply.status, status) << what;
  EXPECT_EQ(HeaderOf(reply, "Content-Type"), "application/problem+json") << what;
  EXPECT_EQ(ValidUtf8(reply.body), reply.body) << what << ": not UTF-8: " << reply.body;
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(reply.body, ec);
  ASSERT_FALSE(ec) << what << ": not JSON: " << reply.body;
  ASSERT_TRUE(body.is_object()) << what;
  EXPECT_EQ(body.as_object()["status"], boost::json::value(status)) << what;
  EXPECT_EQ(body.as_object()["code"], boost::json::value(code)) << what << ": " << reply.body;
}

// The headers every response carries, API or dashboard, success or refusal.
void ExpectSecurityHeaders(const testing::HttpReply& reply, const std::string& what,
                           const std::string& cache_control = "no-store") {
  EXPECT_EQ(HeaderOf(reply, "X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(HeaderOf(reply, "Cache-Control"), cache_control) << what;
  EXPECT_EQ(HeaderOf(reply, "Content-Security-Policy"),
            "default-src 'self'; frame-ancestors 'none'")
      << what;
  EXPECT_EQ(HeaderOf(reply, "Referrer-Policy"), "no-referrer") << what;
}

TEST_F(Server, AStalledRequestIsCutOffAndTheServerKeepsServing) {
  Start(Routes());
  // A bounded wait (a hang detector): the limit is 0.5 s, the client waits up to 10 s.
  std::string outcome = StallAfter(port_, "GET /ok HTTP/1.1\r\nHost: x\r\n", 10s);
  EXPECT_EQ(outcome.rfind("closed:", 0), 0u) << "the connection was still open after 10 s";
  EXPECT_EQ(testing::HttpGet(port_, "/ok").status, 200);
}

TEST_F(Server, ABodyOverTheLimitIs413AndAThrowingHandlerIs500WithoutStoppingTheServer) {
  Start(Routes());
  auto big = testing::HttpRequestTo(port_, "POST", "/echo", std::string(4096, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_NE(big.body.find("\"code\":\"body_too_large\""), std::string::npos) << big.body;
  auto small = testing::HttpRequestTo(port_, "POST", "/echo", "xin chào");
  EXPECT_EQ(small.status, 200);
  EXPECT_EQ(small.body, "xin chào");
  auto boom = testing::HttpGet(port_, "/boom");
  EXPECT_EQ(boom.status, 500);
  EXPECT_NE(boom.body.find("\"code\":\"internal\""), std::string::npos) << boom.body;
  EXPECT_EQ(boom.body.find("a handler's bug"), std::string::npos) << "internals leaked";
  EXPECT_EQ(testing::HttpGet(port_, "/ok").status, 200);
}

TEST_F(Server, AHandlerThatThrowsAnythingIsAProblem500ThatNamesNoInternals) {
  Start(Routes());
  for (const char* target : {"/boom", "/boom/int", "/boom/bytes"}) {
    auto reply = testing::HttpGet(port_, target);
    ExpectProblem(reply, 500, "internal", target);
    ExpectSecurityHeaders(reply, target);
    EXPECT_EQ(reply.body.find("bug"), std::string::npos) << "internals leaked: " << reply.body;
  }
  EXPECT_EQ(testing::HttpGet(port_, "/ok").status, 200);
}

TEST_F(Server, HeadersOverTheLimitAre431) {
  Start(Routes());
  auto reply =
      testing::HttpRequestTo(port_, "GET", "/ok", "", "X-Big: " + std::string(20000, 'x') + "\r\n");
  ExpectProblem(reply, 431, "headers_too_large", "20 kB of headers");
  ExpectSecurityHeaders(reply, "431");
  EXPECT_EQ(testing::HttpGet(port_, "/ok").status, 200);
}

TEST_F(Server, TwoAuthorizationHeadersAre400AndOtherRepeatedFieldsAreJoined) {
  Start(Routes());
  auto two =
      testing::HttpRequestTo(port_, "GET", "/auth", "",
                             "Authorization: Bearer tdkt_a\r\nAuthorization: Bearer tdkt_b\r\n");
  ExpectProblem(two, 400, "malformed_request", "two Authorization headers");
  auto lower =
      testing::HttpRequestTo(port_, "GET", "/auth", "",
                             "Authorization: Bearer tdkt_a\r\nauthorization: Bearer tdkt_a\r\n");
  ExpectProblem(lower, 400, "malformed_request", "the same Authorization twice, in two cases");
  auto types =
      testing::HttpRequestTo(port_, "POST", "/echo", "{}",
                             "Content-Type: application/json\r\nContent-Type: text/plain\r\n");
  ExpectProblem(types, 400, "malformed_request", "two Content-Type headers");
  auto one = testing::HttpRequestTo(
      port_, "GET", "/auth", "",
      "Authorization: Bearer tdkt_a\r\nAccept: text/html\r\nAccept: */*\r\n");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.body, "Bearer tdkt_a|text/html, */*");
}

TEST_F(Server, HeadAnswersWhereverGetDoesWithTheLengthAndWithoutTheBody) {
  auto root = std::filesystem::temp_directory_path() / ("tdkt-head-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root);
  std::ofstream(root / "app.js") << "export const x = 1;\n";
  Router router = Routes();
  router.SetFallback(StaticFiles(root.string()));
  Start(std::move(router));
  for (const char* target : {"/ok", "/app.js", "/dossiers/d1", "/missing.js"}) {
    auto get = testing::HttpGet(port_, target);
    auto head = testing::HttpRequestTo(port_, "HEAD", target);
    EXPECT_EQ(head.status, get.status) << target;
    EXPECT_EQ(head.body, "") << target;
    EXPECT_EQ(HeaderOf(head, "Content-Length"), std::to_string(get.body.size())) << target;
    EXPECT_EQ(HeaderOf(head, "Content-Type"), HeaderOf(get, "Content-Type")) << target;
  }
  auto head_on_post = testing::HttpRequestTo(port_, "HEAD", "/echo");
  EXPECT_EQ(head_on_post.status, 405);
  EXPECT_EQ(HeaderOf(head_on_post, "Allow"), "POST");
  std::filesystem::remove_all(root);
}

TEST_F(Server, EveryResponseCarriesTheSecurityHeaders) {
  auto root = std::filesystem::temp_directory_path() / ("tdkt-csp-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root);
  std::ofstream(root / "index.html") << "<html></html>";
  Router router = Routes();
  router.Add("GET", "/api/v1/me", [](const HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  router.SetFallback(StaticFiles(root.string()));
  Start(std::move(router));
  // The dashboard's files choose their own caching (revalidate each time).
  ExpectSecurityHeaders(testing::HttpGet(port_, "/"), "/", "no-cache");
  for (const char* target : {"/api/v1/me", "/api/v1/nothing", "/missing.js", "/ok%ff", "/ok"}) {
    ExpectSecurityHeaders(testing::HttpGet(port_, target), target);
  }
  ExpectSecurityHeaders(testing::HttpRequestTo(port_, "DELETE", "/api/v1/me"), "405");
  ExpectSecurityHeaders(testing::HttpRequestTo(port_, "POST", "/echo", std::string(4096, 'x')),
                        "413");
  std::filesystem::remove_all(root);
}

// Every route and the fallback, every kind of byte sequence that is not UTF-8, in the path and in
// the query, escaped and raw: 400 malformed_request before any handler runs, as UTF-8 JSON.
TEST_F(Server, TargetsThatAreNotUtf8Are400OnEveryRouteAndNoAnswerEchoesTheirBytes) {
  auto root = std::filesystem::temp_directory_path() / ("tdkt-utf8-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root);
  Router router = Routes();
  router.SetFallback(StaticFiles(root.string()));
  Start(std::move(router));
  const std::vector<std::string> bad = {
      "%ff%80%80", "%FF",       "%80",          "%c0%af",       "%c1%bf",
      "%e0%80%80", "%ed%a0%80", "%f4%90%80%80", "%f5%80%80%80", "%f8%88%80%80%80",
      "%e1%80",    "\xff",      "\xc3",         "d\xe1\xbb",    "%fe%ff"};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/ok"},        {"POST", "/echo"}, {"GET", "/boom"},        {"GET", "/dossiers/{}"},
      {"GET", "/static/{}"}, {"PUT", "/ok/{}"}, {"HEAD", "/dossiers/{}"}};
  for (const auto& [method, pattern] : routes) {
    for (const std::string& bytes : bad) {
      std::vector<std::string> targets = {pattern + "?q=" + bytes, pattern + "?" + bytes + "=1"};
      if (auto slot = pattern.find("{}"); slot != std::string::npos) {
        targets.push_back(std::string(pattern).replace(slot, 2, bytes));
      }
      for (std::string target : targets) {
        if (auto slot = target.find("{}"); slot != std::string::npos) target.replace(slot, 2, "d1");
        auto reply = testing::HttpRequestTo(port_, method, target);
        const std::string what = method + " " + ValidUtf8(target);
        if (method == "HEAD") {
          EXPECT_EQ(reply.status, 400) << what;
          EXPECT_EQ(reply.body, "") << what;
          continue;
        }
        ExpectProblem(reply, 400, "malformed_request", what);
        ExpectSecurityHeaders(reply, what);
      }
    }
  }
  // A path that is UTF-8 reaches its handler, and a detail quoting it keeps its text as it is.
  ExpectProblem(testing::HttpGet(port_, "/dossiers/h%E1%BB%93-s%C6%A1"), 404, "not_found", "hồ-sơ");
  EXPECT_NE(testing::HttpGet(port_, "/dossiers/h%E1%BB%93-s%C6%A1").body.find("hồ-sơ"),
            std::string::npos);
  std::filesystem::remove_all(root);
}

TEST_F(Server, TargetsThatAreNotCleanTextAre400) {
  Start(Routes());
  for (const char* target : {"/ok%FF", "/ok%00", "/ok?x=%0D%0ASet-Cookie:%20a", "/ok%C0%AF"}) {
    auto reply = testing::HttpGet(port_, target);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_NE(reply.body.find("\"code\":\"malformed_request\""), std::string::npos) << target;
  }
  EXPECT_EQ(testing::HttpGet(port_, "/ok?q=Th%C3%B4n%20Minh%20Thanh").status, 200);
}

TEST_F(Server, StaticFilesServeTheRootAndNothingOutsideIt) {
  auto root = std::filesystem::temp_directory_path() / ("tdkt-web-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "css");
  std::ofstream(root / "index.html") << "<html lang=\"vi\">Hồ sơ</html>";
  std::ofstream(root / "css" / "app.css") << "body{}";
  std::ofstream(root / ".secret") << "hidden";
  std::filesystem::create_symlink("/etc/hostname", root / "escape.txt");
  Router router;
  router.SetFallback(StaticFiles(root.string()));
  Start(std::move(router));

  auto index = testing::HttpGet(port_, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.headers.find("text/html; charset=utf-8"), std::string::npos);
  EXPECT_EQ(index.body, "<html lang=\"vi\">Hồ sơ</html>");
  EXPECT_EQ(testing::HttpGet(port_, "/css/app.css").status, 200);
  for (const char* probe :
       {"//etc/passwd", "/%2Fetc%2Fpasswd",
        "/../"
        "etc/passwd",
        "/css/../../etc/passwd", "/.secret", "/escape.txt", "/missing.js", "/css"}) {
    EXPECT_EQ(testing::HttpGet(port_, probe).status, 404) << probe;
  }
  std::filesystem::remove_all(root);
}

TEST(Metrics, TheTextFormatCountsByFixedLabelsAndCumulativeBuckets) {
  Metrics metrics;
  metrics.ObserveRequest("GET", "/api/v1/dossiers/{id}", 200, std::chrono::microseconds(800));
  metrics.ObserveRequest("GET", "/api/v1/dossiers/{id}", 200, std::chrono::microseconds(30000));
  metrics.ObserveRequest("BREW", "unmatched", 404, std::chrono::microseconds(10));
  metrics.CountEvent("approve");
  metrics.CountRefusal("accept", "rejected_transition");
  std::string text = metrics.Render({{"tdkt_timers_due", "Due timers.", {{"", 3}}}});
  auto has = [&text](const std::string& line) { return text.find(line) != std::string::npos; };
  EXPECT_TRUE(
      has("tdkt_http_requests_total{method=\"GET\",route=\"/api/v1/dossiers/{id}\","
          "status=\"200\"} 2\n"))
      << text;
  EXPECT_TRUE(
      has("tdkt_http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 1"))
      << text;
  EXPECT_TRUE(has("le=\"0.001\"} 1\n")) << text;  // 0.8 ms
  EXPECT_TRUE(has("le=\"0.05\"} 2\n")) << text;   // 30 ms, cumulative
  EXPECT_TRUE(has("le=\"+Inf\"} 2\n")) << text;
  EXPECT_TRUE(has("tdkt_events_applied_total{type=\"approve\"} 1")) << text;
  EXPECT_TRUE(has("tdkt_events_refused_total{type=\"accept\",code=\"rejected_transition\"} 1"));
  EXPECT_TRUE(has("# TYPE tdkt_timers_due gauge\ntdkt_timers_due 3\n")) << text;
  EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace tdkt::adapters::http
