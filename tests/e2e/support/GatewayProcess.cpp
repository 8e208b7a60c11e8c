#include "GatewayProcess.h"

#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <signal.h>

namespace gaiarouter::test {

struct OutputBuffer {
  std::mutex mutex;
  std::condition_variable changed;
  std::string text;
  bool closed = false;
};

namespace {

std::filesystem::path makeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gaiarouter-e2e-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

}  // namespace

std::string GatewayProcess::config(const std::string& extra) {
  return std::string(R"(server:
  host: 127.0.0.1
  shutdown_grace_s: 2
upstream:
  connect_timeout_ms: 2000
  request_timeout_ms: 3000
  retry_base_delay_ms: 20
  retry_max_delay_ms: 200
logging:
  level: information
  console: true
)") + extra;
}

GatewayProcess::GatewayProcess(Options options) : dir_(makeTempDir()), output_(std::make_shared<OutputBuffer>()) {
  {
    std::ofstream(dir_ / "gaiarouter.yaml") << options.yaml;
  }
  Poco::Process::Env env;
  // Keys from the developer's shell must not leak into a test.
  for (const char* name : {"OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
                           "GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_BASE_URL", "OPENROUTER_API_KEY",
                           "OPENROUTER_BASE_URL", "GAIAROUTER_CONFIG", "GAIAROUTER_PORT", "GAIAROUTER_HOST",
                           "GAIAROUTER_MODE", "GAIAROUTER_LOG_LEVEL", "GAIAROUTER_CORS_ORIGINS",
                           "GAIAROUTER_DATABASE_URL", "GAIAROUTER_JWT_SECRET", "GAIAROUTER_REGISTRATION",
                           "GAIAROUTER_CONSOLE_DIR"}) {
    env[name] = "";
  }
  env["GAIAROUTER_ADMIN_KEY"] = kTestAdminKey;
  env["GAIAROUTER_LOG_FILE"] = (dir_ / "gaiarouter.log").string();
  env["GAIAROUTER_PLUGIN_DIR"] = options.pluginDir.empty() ? GAIAROUTER_PLUGIN_DIR : options.pluginDir;
  for (const auto& [k, v] : options.env) env[k] = v;

  Poco::Pipe outPipe;
  std::vector<std::string> args{"--config", (dir_ / "gaiarouter.yaml").string(), "--port", "0"};
  handle_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch(GAIAROUTER_BINARY, args, dir_.string(), nullptr, &outPipe, &outPipe, env));
  running_ = true;
  reader_ = std::thread([pipe = outPipe, out = output_]() mutable {
    Poco::PipeInputStream in(pipe);
    char buffer[4096];
    while (true) {
      in.read(buffer, 1);
      std::streamsize n = in.gcount();
      if (n <= 0) break;
      std::lock_guard lock(out->mutex);
      out->text.append(buffer, static_cast<std::size_t>(n));
      out->changed.notify_all();
    }
    std::lock_guard lock(out->mutex);
    out->closed = true;
    out->changed.notify_all();
  });
  if (!options.expectStart) return;

  std::unique_lock lock(output_->mutex);
  static const std::regex listening("gaiarouter listening on http://127\\.0\\.0\\.1:(\\d+)\\r?\\n");
  std::smatch match;
  bool up = output_->changed.wait_for(lock, std::chrono::seconds(20), [&] {
    return std::regex_search(output_->text, match, listening) || output_->closed;
  });
  if (!up || output_->closed || match.empty()) {
    std::string text = output_->text;
    lock.unlock();
    stop();
    throw std::runtime_error("gaiarouter did not start:\n" + text);
  }
  port_ = static_cast<uint16_t>(std::stoi(match[1].str()));
}

GatewayProcess::~GatewayProcess() {
  bool wasRunning = running_;
  int code = stop();
  if (wasRunning && code != 0) {
    // A crash or a failed shutdown: show what the gateway said.
    std::string text = output();
    if (text.size() > 8000) text = text.substr(text.size() - 8000);
    ADD_FAILURE() << "gaiarouter exited with code " << code << " (work dir " << dir_ << "):\n" << text;
  }
  std::error_code ec;
  if (std::getenv("GAIAROUTER_KEEP_E2E") == nullptr) std::filesystem::remove_all(dir_, ec);
}

int GatewayProcess::stop() {
  if (running_) {
    ::kill(handle_->id(), SIGTERM);
    exitCode_ = handle_->wait();
    running_ = false;
  }
  if (reader_.joinable()) reader_.join();
  return exitCode_;
}

int GatewayProcess::waitExit() {
  if (running_) {
    exitCode_ = handle_->wait();
    running_ = false;
  }
  if (reader_.joinable()) reader_.join();
  return exitCode_;
}

std::string GatewayProcess::output() const {
  std::lock_guard lock(output_->mutex);
  return output_->text;
}

std::string GatewayProcess::logText() const {
  std::ifstream in(dir_ / "gaiarouter.log");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace gaiarouter::test
