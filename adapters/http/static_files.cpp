#include "adapters/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tdkt::adapters::http {

namespace {

std::string ContentType(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Handler StaticFiles(std::string root) {
  return [root = std::move(root)](const HttpRequest& request) {
    std::string relative = request.path == "/" ? "index.html" : request.path.substr(1);
    if (relative.find('\\') != std::string::npos || relative.find('\0') != std::string::npos) {
      return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
    }
    for (const auto& segment : std::filesystem::path(relative)) {
      std::string name = segment.string();
      if (name.empty() || name.front() == '.') {
        return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
      }
    }
    std::filesystem::path file = std::filesystem::path(root) / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
      return HttpResponse::Problem(503, "unavailable", "cannot read " + request.path);
    }
    HttpResponse response = HttpResponse::Text(200, ContentType(file), content.str());
    response.headers.emplace_back("Cache-Control", "no-cache");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return response;
  };
}

}  // namespace tdkt::adapters::http
