#include "adapters/http/static_files.hpp"

#include <algorithm>
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
    auto not_found = [&request] {
      return HttpResponse::Problem(404, "not_found", "no such resource: " + request.path);
    };
    std::string relative = request.path == "/" ? "index.html" : request.path.substr(1);
    // Only plain relative names below the root: no absolute path ("//etc/passwd" decodes to one),
    // no empty, hidden, "." or ".." segment, no backslash or control byte.
    if (relative.empty() || relative.front() == '/' ||
        std::any_of(relative.begin(), relative.end(),
                    [](char c) { return c == '\\' || static_cast<unsigned char>(c) < 0x20; })) {
      return not_found();
    }
    std::filesystem::path path(relative);
    if (path.has_root_path()) return not_found();
    for (const auto& segment : path) {
      std::string name = segment.string();
      if (name.empty() || name.front() == '.') return not_found();
    }
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::weakly_canonical(root, ec);
    if (ec) return not_found();
    const std::filesystem::path file = std::filesystem::weakly_canonical(base / path, ec);
    if (ec) return not_found();
    // A link inside the root that points outside it is not served either.
    auto [end, _] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
    if (end != base.end() || !std::filesystem::is_regular_file(file, ec)) return not_found();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
      return HttpResponse::Problem(503, "unavailable", "cannot read " + request.path);
    }
    HttpResponse response = HttpResponse::Text(200, ContentType(file), content.str());
    // Revalidated each time rather than the server's default no-store: the files are the same
    // for everyone. The server adds the security headers (nosniff, CSP, Referrer-Policy).
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
  };
}

}  // namespace tdkt::adapters::http
