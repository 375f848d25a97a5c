#pragma once
// HttpServer: the HTTP/1.1 service on Boost.Beast and Boost.Asio.
//
// Listen() binds (port 0 picks a free port); Run() serves on `threads` threads until Stop() is
// called or the process receives SIGINT or SIGTERM, then returns. Stop() is thread-safe and may be
// called from a handler or another thread. Handlers run on the server's threads, several at once;
// the router must be safe for that. Limits: request body size (413), header size (431), and a
// time limit for reading a request (the connection is closed). A target that is not UTF-8 (after
// %-decoding) and a repeated Authorization, Content-Length, Content-Type or Host header are 400
// before any handler runs. A handler that throws (anything) is answered 500 and logged; the server
// keeps serving. Every response carries X-Content-Type-Options, Content-Security-Policy and
// Referrer-Policy, and Cache-Control: no-store unless its handler chose a Cache-Control. A HEAD
// request is answered like GET (Router), without the body but with its Content-Length.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "adapters/http/http_types.hpp"
#include "engine/status.hpp"

namespace spdlog {
class logger;
}

namespace tdkt::adapters::http {

struct HttpServerSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::milliseconds request_timeout{10000};
  int threads = 2;
  // Called after each response with the response and the time it took (metrics); may be empty.
  std::function<void(const HttpRequest&, const HttpResponse&, std::chrono::microseconds)>
      on_response;
};

class HttpServer {
 public:
  HttpServer(HttpServerSettings settings, Router router, std::shared_ptr<spdlog::logger> log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the bound port, or Unavailable when the address is taken
  // or cannot be resolved.
  engine::Result<std::uint16_t> Listen();
  // Serves until Stop() or SIGINT/SIGTERM. Requires a successful Listen().
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0").
engine::Result<std::pair<std::string, std::uint16_t>> ParseListenAddress(std::string_view text);

}  // namespace tdkt::adapters::http
