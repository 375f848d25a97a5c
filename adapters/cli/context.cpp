#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/logging.hpp"

namespace tdkt::adapters::cli {

std::shared_ptr<spdlog::logger> CommandContext::Logger() {
  if (!logger_) logger_ = MakeLogger("tdkt", log_format, log_level);
  return logger_;
}

int Fail(int code, const std::string& message) {
  std::cerr << "tdkt: error: " << message << std::endl;
  return code;
}

}  // namespace tdkt::adapters::cli
