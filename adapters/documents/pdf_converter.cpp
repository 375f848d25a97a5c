#include "adapters/documents/pdf_converter.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace tdkt::adapters::documents {

namespace fs = std::filesystem;

namespace {

// Removes the directory when the conversion ends, however it ends.
struct TempDirectory {
  fs::path path;
  ~TempDirectory() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

bool Executable(const fs::path& path) { return ::access(path.c_str(), X_OK) == 0; }

}  // namespace

std::string FindSoffice() {
  if (const char* configured = std::getenv("TDKT_SOFFICE"); configured != nullptr) {
    return Executable(configured) ? configured : "";
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / "soffice";
    if (Executable(candidate)) return candidate.string();
  }
  return "";
}

engine::Result<std::string> ConvertDocxToPdf(const std::string& docx,
                                             std::chrono::seconds timeout) {
  const std::string soffice = FindSoffice();
  if (soffice.empty()) {
    return engine::Status::Unavailable(
        "PDF needs LibreOffice (soffice), which is not installed: install the Debian package "
        "libreoffice-writer-nogui, or download the DOCX");
  }
  std::string pattern = (fs::temp_directory_path() / "tdkt-pdf-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return engine::Status::Unavailable("PDF: cannot create a temporary directory");
  }
  TempDirectory dir{pattern};
  const fs::path input = dir.path / "document.docx";
  {
    std::ofstream out(input, std::ios::binary);
    out.write(docx.data(), static_cast<std::streamsize>(docx.size()));
    if (!out) return engine::Status::Unavailable("PDF: cannot write the DOCX to convert");
  }
  const std::string profile = "-env:UserInstallation=file://" + (dir.path / "profile").string();
  std::vector<std::string> args = {soffice,       profile,           "--headless",
                                   "--norestore", "--convert-to",    "pdf",
                                   "--outdir",    dir.path.string(), input.string()};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so that a timeout kills soffice and the helpers it starts.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, soffice.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return engine::Status::Unavailable("PDF: cannot start " + soffice);

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return engine::Status::Unavailable("PDF: lost the soffice process");
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return engine::Status::Unavailable("PDF: LibreOffice took longer than " +
                                         std::to_string(timeout.count()) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const fs::path output = dir.path / "document.pdf";
  std::ifstream in(output, std::ios::binary);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !in) {
    return engine::Status::Unavailable("PDF: LibreOffice could not convert the document");
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tdkt::adapters::documents
