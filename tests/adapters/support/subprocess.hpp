#pragma once
// Runs the real tdkt binary (or any program) as a child process for end-to-end tests, with its
// stdout and stderr captured through pipes. Not thread-safe; one test drives one child.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::testing {

class Subprocess {
 public:
  explicit Subprocess(std::vector<std::string> argv) {
    int out[2];
    int err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      ::close(out[0]);
      ::close(err[0]);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~Subprocess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }

  // Reads stdout until a full line arrives or `timeout` passes; nullopt on timeout or EOF.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      auto nl = out_buffer_.find('\n');
      if (nl != std::string::npos) {
        std::string line = out_buffer_.substr(0, nl);
        out_buffer_.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd fd{out_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[4096];
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) return std::nullopt;
      out_buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // Waits for the child to exit, at most `timeout`, reading its output meanwhile (a child that
  // writes more than a pipe holds would otherwise never exit); returns its exit code (128+signal
  // when killed by one), or nullopt if it is still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
      if (::poll(fds, 2, 2) > 0) {
        ReadSome(out_, fds[0], out_buffer_);
        ReadSome(err_, fds[1], err_buffer_);
      }
    }
    return std::nullopt;
  }

  // Kills a child that is still running and reaps it (its output so far stays readable).
  void Kill() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      exited_ = true;
    }
  }

  // Everything left on stdout / stderr (call after the child exited).
  std::string RestOfStdout() { return out_buffer_ + Drain(out_); }
  std::string Stderr() { return err_buffer_ + Drain(err_); }

 private:
  static void ReadSome(int fd, const pollfd& polled, std::string& into) {
    if ((polled.revents & POLLIN) == 0) return;
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) into.append(buf, static_cast<std::size_t>(n));
  }

  static std::string Drain(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    return out;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  bool exited_ = false;
  std::string out_buffer_;
  std::string err_buffer_;
};

// Runs a program to completion and returns {exit code, stdout, stderr}.
struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};
inline RunResult RunToCompletion(std::vector<std::string> argv,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  Subprocess child(std::move(argv));
  auto code = child.Wait(timeout);
  child.Kill();  // still running past its time: the test fails on -1, it does not hang
  RunResult result{code.value_or(-1), child.RestOfStdout(), child.Stderr()};
  return result;
}

}  // namespace tdkt::testing
