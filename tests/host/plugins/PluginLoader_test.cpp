// The loader against tiny plain-C plugins, one per failure mode.
#include "plugins/PluginLoader.h"
#include "plugins/Provider.h"
#include "plugins/ProviderRegistry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include <unistd.h>

namespace gaiarouter {
namespace {

std::string refusal(const char* file) {
  try {
    PluginLibrary::load(file);
  } catch (const PluginLoadError& e) {
    return e.what();
  }
  return "loaded";
}

void expectRefused(const char* file, const std::string& reason) {
  std::string message = refusal(file);
  EXPECT_NE(message.find(file), std::string::npos) << "the message must name the file: " << message;
  EXPECT_NE(message.find(reason), std::string::npos) << message;
}

TEST(PluginLoader, LoadsAPluginWrittenInPlainC) {
  auto plugin = PluginLibrary::load(GAIAROUTER_ABI_PLUGIN_C_ECHO);
  EXPECT_EQ(plugin->providerId(), "c-echo");
  EXPECT_FALSE(plugin->name().empty());
  EXPECT_EQ(plugin->abiVersion(), std::to_string(GR_ABI_VERSION_MAJOR) + "." + std::to_string(GR_ABI_VERSION_MINOR));
  EXPECT_TRUE(plugin->isLocal());

  ProviderSettings settings;
  settings.id = "c-echo";
  settings.plugin = plugin->name();
  Provider provider(plugin, settings);
  EXPECT_TRUE(provider.configured());
  EXPECT_NE(provider.listModels().find("c-model"), std::string::npos);

  struct Collect final : PluginEventSink {
    bool onJson(std::string_view j) override {
      json.assign(j);
      return true;
    }
    void onUsage(const gr_usage& u) override { usage = u; }
    void onError(const ProviderError& e) override { error = e; }
    std::string json;
    std::optional<gr_usage> usage;
    std::optional<ProviderError> error;
  } out;
  const std::string body = R"({"model":"c-echo/c-model","messages":[{"role":"user","content":"hi"}]})";
  gr_chat_request request{};
  request.struct_size = sizeof request;
  request.body = {body.data(), body.size()};
  request.model_id = {"c-echo/c-model", 14};
  request.upstream_model = {"c-model", 7};
  EXPECT_EQ(provider.completeLocal(request, out), GR_OK);
  EXPECT_NE(out.json.find("chat.completion"), std::string::npos) << out.json;
  EXPECT_TRUE(out.usage.has_value());
  EXPECT_FALSE(out.error.has_value());
}

TEST(PluginLoader, RefusesAnotherMajorAbiVersion) {
  expectRefused(GAIAROUTER_ABI_PLUGIN_ABI_MAJOR_MISMATCH, "is incompatible with this host's");
}

TEST(PluginLoader, RefusesANewerMinorAbiVersion) {
  expectRefused(GAIAROUTER_ABI_PLUGIN_ABI_MINOR_NEWER, "is newer than this host's");
}

TEST(PluginLoader, RefusesAFileWithoutTheEntrySymbol) {
  expectRefused(GAIAROUTER_ABI_PLUGIN_MISSING_ENTRY, "missing entry symbol gaiarouter_plugin_entry");
}

TEST(PluginLoader, RefusesFilesThatAreNotSharedLibraries) {
  expectRefused(GAIAROUTER_ABI_PLUGIN_NOT_A_LIBRARY, "not a loadable shared library");
  expectRefused(GAIAROUTER_ABI_PLUGIN_CORRUPT, "not a loadable shared library");
}

TEST(PluginLoader, RefusesADescriptorWithoutATable) {
  expectRefused(GAIAROUTER_ABI_PLUGIN_NULL_TABLE, "no function table");
}

TEST(PluginLoader, AFailingCreateLeavesTheProviderOutWithItsReason) {
  auto plugin = PluginLibrary::load(GAIAROUTER_ABI_PLUGIN_CREATE_FAILS);
  ProviderSettings settings;
  settings.id = plugin->providerId();
  settings.plugin = plugin->name();
  try {
    Provider provider(plugin, settings);
    FAIL() << "create should have failed";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("failed to start"), std::string::npos) << e.what();
  }
  auto registry = ProviderRegistry::build({plugin}, {}, [](const std::string&) { return std::nullopt; });
  EXPECT_TRUE(registry.all().empty());
  EXPECT_EQ(registry.failed(), std::vector<std::string>{plugin->providerId()});
}

TEST(PluginLoader, AFolderWithBadFilesStillLoadsTheGoodOnes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("gaiarouter-loader-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const char* files[] = {GAIAROUTER_ABI_PLUGIN_C_ECHO, GAIAROUTER_ABI_PLUGIN_ABI_MAJOR_MISMATCH,
                         GAIAROUTER_ABI_PLUGIN_ABI_MINOR_NEWER, GAIAROUTER_ABI_PLUGIN_MISSING_ENTRY,
                         GAIAROUTER_ABI_PLUGIN_NOT_A_LIBRARY, GAIAROUTER_ABI_PLUGIN_CORRUPT,
                         GAIAROUTER_ABI_PLUGIN_NULL_TABLE};
  for (const char* f : files) fs::copy_file(f, dir / fs::path(f).filename());
  std::ofstream(dir / "README.txt") << "not a plugin, ignored";

  auto report = PluginLoader::loadFolder(dir);
  ASSERT_EQ(report.loaded.size(), 1u);
  EXPECT_EQ(report.loaded[0]->providerId(), "c-echo");
  EXPECT_EQ(report.refused.size(), 6u);
  for (const auto& reason : report.refused) EXPECT_NE(reason.find(dir.string()), std::string::npos) << reason;
  fs::remove_all(dir);
}

TEST(PluginLoader, AMissingFolderIsReportedNotFatal) {
  auto report = PluginLoader::loadFolder("/nonexistent/gaiarouter/plugins");
  EXPECT_TRUE(report.loaded.empty());
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_NE(report.refused[0].find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace gaiarouter
