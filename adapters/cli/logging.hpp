#pragma once
// Loggers for the composition root: plain text or one JSON object per line, on stderr.

#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace tdkt::adapters::cli {

// `format` is "text" or "json"; `level` one of trace, debug, info, warn, error.
std::shared_ptr<spdlog::logger> MakeLogger(const std::string& name, const std::string& format,
                                           const std::string& level);

}  // namespace tdkt::adapters::cli
