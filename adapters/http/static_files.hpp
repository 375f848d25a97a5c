#pragma once
// Static files (the dashboard in web/) for GET requests no API route matches.

#include <string>

#include "adapters/http/http_types.hpp"

namespace tdkt::adapters::http {

// Serves the files under `root`: "/" is index.html; a path with "..", a hidden segment or a
// backslash is 404, as is a missing file. Content types by extension; answers are not cached
// by the browser (the dashboard changes with the engine).
Handler StaticFiles(std::string root);

}  // namespace tdkt::adapters::http
