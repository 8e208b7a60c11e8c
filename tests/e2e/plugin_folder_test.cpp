// The real binary with refused plugin files beside a good one: each refusal
// is logged with its file and reason, and the gateway keeps serving.
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

namespace gaiarouter::test {
namespace {

TEST(PluginFolder, BadPluginsAreRefusedAndTheGatewayServes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("gaiarouter-e2e-plugins-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(GAIAROUTER_PLUGIN_DIR) / "gaiarouter_mock.so", dir / "gaiarouter_mock.so");
  for (const char* bad : {GAIAROUTER_ABI_PLUGIN_ABI_MAJOR_MISMATCH, GAIAROUTER_ABI_PLUGIN_CORRUPT,
                          GAIAROUTER_ABI_PLUGIN_NOT_A_LIBRARY, GAIAROUTER_ABI_PLUGIN_MISSING_ENTRY}) {
    fs::copy_file(bad, dir / fs::path(bad).filename());
  }
  GatewayProcess::Options options;
  options.yaml = GatewayProcess::config("providers:\n  mock: {plugin: mock, options: {stream_delay_ms: 0}}\n");
  options.pluginDir = dir.string();
  GatewayProcess gateway(options);

  auto chat = httpRequest(gateway.port(), "POST", "/v1/chat/completions",
                          R"({"model":"mock/echo","messages":[{"role":"user","content":"still serving"}]})",
                          bearer(kTestAdminKey));
  EXPECT_EQ(chat.status, 200) << chat.body;
  gateway.stop();
  const std::string log = gateway.logText();
  for (const char* expected : {"gaiarouter_abi_major_mismatch.so: ABI version", "gaiarouter_corrupt.so: not a loadable shared library",
                               "gaiarouter_not_a_library.so: not a loadable shared library",
                               "gaiarouter_missing_entry.so: missing entry symbol"}) {
    EXPECT_NE(log.find(expected), std::string::npos) << "no log line for " << expected << "\n" << log;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gaiarouter::test
