// Starts the real gaiarouter binary on a free port with a configuration
// written for the test, and stops it with SIGTERM.
#pragma once

#include <Poco/Process.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace gaiarouter::test {

inline constexpr const char* kTestAdminKey = "sk-gaiarouter-e2e-admin-4f7c2a9d";

class GatewayProcess {
 public:
  struct Options {
    std::string yaml;  // configuration file content
    std::map<std::string, std::string> env;  // extra environment (wins over the blanked provider keys)
    std::string pluginDir;  // empty: the build's plugin folder
    bool expectStart = true;
  };

  explicit GatewayProcess(Options options);
  ~GatewayProcess();
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;

  uint16_t port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& workDir() const { return dir_; }

  // SIGTERM and wait; returns the exit code.
  int stop();
  // Waits for the process to exit by itself (e.g. a refused configuration).
  int waitExit();
  // Everything the process wrote to stdout and stderr so far.
  std::string output() const;
  // The log file's content (complete after stop()).
  std::string logText() const;

  // A minimal configuration: the given providers/models YAML appended.
  static std::string config(const std::string& extra = "");

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Poco::ProcessHandle> handle_;
  std::thread reader_;
  std::shared_ptr<struct OutputBuffer> output_;
  uint16_t port_ = 0;
  bool running_ = false;
  int exitCode_ = -1;
};

}  // namespace gaiarouter::test
