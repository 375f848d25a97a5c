#include "adapters/http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <charconv>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace tdkt::adapters::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Fields that a request may carry once (RFC 9110 5.3): with two Authorization headers, which one
// counts would be up to whoever reads the map. Other repeated fields are lists and are joined.
bool SingleValued(std::string_view name) {
  return name == "authorization" || name == "content-length" || name == "content-type" ||
         name == "host";
}

// Headers every response carries unless its handler set them itself (the static files choose
// their own Cache-Control). The dashboard needs nothing but its own files: no inline script or
// style, no frame around it; API answers (tokens, personal data) are never stored by a cache.
constexpr std::pair<std::string_view, std::string_view> kDefaultHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Cache-Control", "no-store"},
    {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
    {"Referrer-Policy", "no-referrer"},
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpServerSettings& settings, const Router& router,
          spdlog::logger& log)
      : stream_(std::move(socket)), settings_(settings), router_(router), log_(log) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(settings_.max_body_bytes);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(settings_.request_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      return Send(HttpResponse::Problem(413, "body_too_large",
                                        "the request body exceeds " +
                                            std::to_string(settings_.max_body_bytes) + " bytes"),
                  false, 11);
    }
    if (ec == bhttp::error::header_limit) {
      return Send(
          HttpResponse::Problem(431, "headers_too_large", "the request headers are too large"),
          false, 11);
    }
    if (ec) {
      return Send(HttpResponse::Problem(400, "malformed_request",
                                        "the request is not valid HTTP/1.1: " + ec.message()),
                  false, 11);
    }
    auto started = std::chrono::steady_clock::now();
    bhttp::request<bhttp::string_body> request = parser_->release();
    HttpRequest req;
    req.method = std::string(request.method_string());
    req.target = std::string(request.target());
    std::string repeated;
    for (const auto& field : request) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = req.headers.try_emplace(name, field.value());
      if (inserted) continue;
      if (SingleValued(name)) {
        repeated = name;
      } else {
        it->second.append(", ").append(field.value());
      }
    }
    req.body = std::move(request.body());
    HttpResponse response;
    if (!repeated.empty()) {
      response = HttpResponse::Problem(400, "malformed_request",
                                       "the request has more than one " + repeated + " header");
    } else if (!ParseTarget(req.target, req.path, req.query)) {
      response = HttpResponse::Problem(400, "malformed_request",
                                       "the request target has a malformed %-escape, a control "
                                       "character or bytes that are not UTF-8");
    } else {
      response = Dispatch(req);
    }
    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    if (log_.should_log(spdlog::level::debug)) {  // the target is copied only to be logged
      log_.debug("{} {} -> {} ({} us)", req.method, ValidUtf8(req.target), response.status,
                 elapsed.count());
    }
    if (settings_.on_response) settings_.on_response(req, response, elapsed);
    bool head = request.method() == bhttp::verb::head;
    Send(std::move(response), request.keep_alive(), request.version(), head);
  }

  // The router's answer; a handler that throws (anything) is a 500 that names no internals.
  HttpResponse Dispatch(const HttpRequest& req) {
    try {
      return router_.Handle(req);
    } catch (const std::exception& e) {
      log_.error("handler for {} {} failed: {}", req.method, req.path, ValidUtf8(e.what()));
    } catch (...) {
      log_.error("handler for {} {} failed with an exception of unknown type", req.method,
                 req.path);
    }
    return HttpResponse::Problem(500, "internal", "the server failed to handle the request");
  }

  void Send(HttpResponse response, bool keep_alive, unsigned version, bool head = false) {
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), version);
    message->set(bhttp::field::server, "tdkt");
    message->set(bhttp::field::content_type, response.content_type);
    for (auto [name, value] : kDefaultHeaders) message->set(name, value);
    for (auto& [name, value] : response.headers) message->set(name, value);
    message->keep_alive(keep_alive);
    if (head) {
      // What GET would send, without its body (RFC 9110 9.3.2).
      message->content_length(response.body.size());
    } else {
      message->body() = std::move(response.body);
      message->prepare_payload();
    }
    stream_.expires_after(settings_.request_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                         if (ec || !message->keep_alive()) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const HttpServerSettings& settings_;
  const Router& router_;
  spdlog::logger& log_;
};

}  // namespace

struct HttpServer::Impl {
  HttpServerSettings settings;
  Router router;
  std::shared_ptr<spdlog::logger> log;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};

  void Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        std::make_shared<Session>(std::move(socket), settings, router, *log)->Start();
      } else {
        log->warn("accept failed: {}", ec.message());
      }
      if (acceptor.is_open()) Accept();
    });
  }
};

HttpServer::HttpServer(HttpServerSettings settings, Router router,
                       std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_unique<Impl>()) {
  impl_->settings = std::move(settings);
  impl_->router = std::move(router);
  impl_->log = std::move(log);
}

HttpServer::~HttpServer() = default;

engine::Result<std::uint16_t> HttpServer::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->settings.host, ec);
  if (ec) {
    tcp::resolver resolver(impl_->ioc);
    auto results = resolver.resolve(impl_->settings.host, "", ec);
    if (ec || results.empty()) {
      return engine::Status::Unavailable("cannot resolve listen host \"" + impl_->settings.host +
                                         "\"");
    }
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, impl_->settings.port);
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec) ||
      acceptor.set_option(asio::socket_base::reuse_address(true), ec) ||
      acceptor.bind(endpoint, ec) ||
      acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return engine::Status::Unavailable("cannot listen on " + impl_->settings.host + ":" +
                                       std::to_string(impl_->settings.port) + ": " + ec.message());
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    impl_->log->info("received signal {}, stopping", signal);
    Stop();
  });
  impl_->Accept();
  int count = std::max(1, impl_->settings.threads);
  std::vector<std::thread> threads;
  threads.reserve(count - 1);
  for (int i = 1; i < count; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& thread : threads) thread.join();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->signals.cancel(ignored);
    impl_->ioc.stop();
  });
}

engine::Result<std::pair<std::string, std::uint16_t>> ParseListenAddress(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return engine::Status::InvalidArgument("bad listen address \"" + std::string(text) +
                                           "\": " + std::string(why) +
                                           " (expected HOST:PORT, e.g. "
                                           "127.0.0.1:8080)");
  };
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad("no port");
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return bad("the port is not a number from 0 to 65535");
  }
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

}  // namespace tdkt::adapters::http
