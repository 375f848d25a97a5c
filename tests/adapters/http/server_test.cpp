// The HTTP server's limits with a real socket: a stalled request is cut off after the request
// time limit, a body over the limit is 413, a handler that throws is 500 — and after each the
// server still answers. Also the static files' refusals and the metrics' text format.

#include "adapters/http/server.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

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
