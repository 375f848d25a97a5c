#include "adapters/http/metrics.hpp"

#include <algorithm>
#include <charconv>

namespace tdkt::adapters::http {

namespace {

// Upper bounds in seconds; the last bucket is +Inf.
constexpr double kBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

// The shortest text that reads back as `value` ("0.0025", not "0.0025000000000000001").
std::string Number(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : "NaN";
}

void Header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

}  // namespace

std::string EscapeLabel(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             std::chrono::microseconds elapsed) {
  // Labels come from a fixed set, so that clients cannot grow the series without bound.
  static constexpr std::string_view kMethods[] = {"GET",    "HEAD",    "POST", "PUT",
                                                  "DELETE", "OPTIONS", "PATCH"};
  if (std::find(std::begin(kMethods), std::end(kMethods), method) == std::end(kMethods)) {
    method = "other";
  }
  double seconds = static_cast<double>(elapsed.count()) / 1e6;
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(method), std::string(route), status}];
  Histogram& h = latency_[{std::string(method), std::string(route)}];
  std::size_t bucket = 0;
  while (bucket < std::size(kBounds) && seconds > kBounds[bucket]) ++bucket;
  ++h.buckets[bucket];
  ++h.count;
  h.sum_seconds += seconds;
}

void Metrics::CountEvent(std::string_view type) {
  std::lock_guard lock(mutex_);
  ++events_[std::string(type)];
}

void Metrics::CountRefusal(std::string_view type, std::string_view code) {
  std::lock_guard lock(mutex_);
  ++refusals_[{std::string(type), std::string(code)}];
}

std::string Metrics::Render(const std::vector<Gauge>& gauges) const {
  std::string out;
  std::lock_guard lock(mutex_);
  Header(out, "tdkt_http_requests_total", "HTTP requests answered, by method, route and status.",
         "counter");
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += "tdkt_http_requests_total{method=\"" + EscapeLabel(method) + "\",route=\"" +
           EscapeLabel(route) + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(count) + "\n";
  }
  Header(out, "tdkt_http_request_duration_seconds",
         "Time from a request read to its response ready, by method and route.", "histogram");
  for (const auto& [key, h] : latency_) {
    std::string labels =
        "method=\"" + EscapeLabel(key.first) + "\",route=\"" + EscapeLabel(key.second) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
      cumulative += h.buckets[i];
      std::string le = i < std::size(kBounds) ? Number(kBounds[i]) : "+Inf";
      out += "tdkt_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "tdkt_http_request_duration_seconds_sum{" + labels + "} " + Number(h.sum_seconds) + "\n";
    out += "tdkt_http_request_duration_seconds_count{" + labels + "} " + std::to_string(h.count) +
           "\n";
  }
  Header(out, "tdkt_events_applied_total",
         "Events written to the audit log by this process, by event type (timers included).",
         "counter");
  for (const auto& [type, count] : events_) {
    out += "tdkt_events_applied_total{type=\"" + EscapeLabel(type) + "\"} " +
           std::to_string(count) + "\n";
  }
  Header(out, "tdkt_events_refused_total",
         "Events refused over HTTP, by event type and problem code.", "counter");
  for (const auto& [key, count] : refusals_) {
    out += "tdkt_events_refused_total{type=\"" + EscapeLabel(key.first) + "\",code=\"" +
           EscapeLabel(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  for (const auto& gauge : gauges) {
    Header(out, gauge.name, gauge.help, "gauge");
    for (const auto& [labels, value] : gauge.samples) {
      out += gauge.name + (labels.empty() ? "" : "{" + labels + "}") + " " + Number(value) + "\n";
    }
  }
  return out;
}

}  // namespace tdkt::adapters::http
