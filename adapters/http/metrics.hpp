#pragma once
// Metrics: the service's counters in Prometheus's text exposition format (version 0.0.4).
//
// Requests by method, route pattern and status, with a latency histogram; events applied by
// type; refusals by event type and problem code. Gauges read at scrape time (timers due, outbox
// backlog) are passed to Render. Thread-safe: every method may be called from any thread.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tdkt::adapters::http {

struct Gauge {
  std::string name;  // "tdkt_timers_due"
  std::string help;
  std::vector<std::pair<std::string, double>>
      samples;  // label set ("" or `status="failed"`), value
};

class Metrics {
 public:
  // `route` is a route pattern (or a fixed word), not the request's path; a method outside
  // HTTP's usual set is counted as "other".
  void ObserveRequest(std::string_view method, std::string_view route, int status,
                      std::chrono::microseconds elapsed);
  void CountEvent(std::string_view type);
  void CountRefusal(std::string_view type, std::string_view code);

  std::string Render(const std::vector<Gauge>& gauges) const;

 private:
  static constexpr std::size_t kBuckets = 12;
  struct Histogram {
    std::uint64_t buckets[kBuckets] = {};  // cumulative counts are computed when rendering
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::string, std::uint64_t> events_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> refusals_;
};

// A label value escaped for the text format (backslash, double quote, new line).
std::string EscapeLabel(std::string_view value);

}  // namespace tdkt::adapters::http
