#include "config/ConfigLoader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace gaiarouter {
namespace {

ConfigLoader::Environment envOf(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

TEST(ConfigLoader, DefaultsWithoutAFile) {
  auto cfg = ConfigLoader::fromYaml("", "test", envOf({}));
  EXPECT_EQ(cfg.server.host, "127.0.0.1");
  EXPECT_EQ(cfg.server.port, 8080);
  EXPECT_GE(cfg.server.maxThreads, 1000);
  EXPECT_EQ(cfg.server.maxBodyBytes, 10u * 1024 * 1024);
  EXPECT_EQ(cfg.upstream.requestTimeoutMs, 60000);
  EXPECT_EQ(cfg.upstream.maxRetries, 3);
  EXPECT_TRUE(cfg.upstream.verifyTls);
  EXPECT_EQ(cfg.server.corsAllowedOrigins, std::vector<std::string>{"*"});
}

TEST(ConfigLoader, EnvironmentWinsOverTheFile) {
  auto cfg = ConfigLoader::fromYaml("server: {port: 9000, host: 0.0.0.0, admin_key: from-file}\nlogging: {level: warning}\n",
                                    "test",
                                    envOf({{"GAIAROUTER_PORT", "9100"}, {"GAIAROUTER_ADMIN_KEY", "from-env"},
                                           {"GAIAROUTER_LOG_LEVEL", "debug"}, {"GAIAROUTER_CORS_ORIGINS", "https://a.example, https://b.example"}}));
  EXPECT_EQ(cfg.server.port, 9100);
  EXPECT_EQ(cfg.server.host, "0.0.0.0");
  EXPECT_EQ(cfg.server.adminKey, "from-env");
  EXPECT_EQ(cfg.logging.level, "debug");
  EXPECT_EQ(cfg.server.corsAllowedOrigins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

TEST(ConfigLoader, ProviderCredentialsUseTheSdkVariableNames) {
  auto cfg = ConfigLoader::fromYaml(R"(
providers:
  openai: {}
  google: {}
  anthropic: {api_key: file-key, base_url: "https://file.example"}
  deepseek: {plugin: openai, base_url: "https://api.deepseek.com/v1", api_key_env: DS_KEY}
)", "test", envOf({{"OPENAI_API_KEY", "sk-openai"}, {"OPENAI_BASE_URL", "http://127.0.0.1:1/v1"},
                   {"GEMINI_API_KEY", "gemini-key"}, {"ANTHROPIC_API_KEY", "sk-ant"}, {"DS_KEY", "ds-secret"}}));
  EXPECT_EQ(cfg.providers.at("openai").apiKey, "sk-openai");
  EXPECT_EQ(cfg.providers.at("openai").baseUrl, "http://127.0.0.1:1/v1");
  EXPECT_EQ(cfg.providers.at("google").apiKey, "gemini-key");
  EXPECT_EQ(cfg.providers.at("anthropic").apiKey, "sk-ant") << "env wins over the file";
  EXPECT_EQ(cfg.providers.at("anthropic").baseUrl, "https://file.example");
  EXPECT_EQ(cfg.providers.at("deepseek").plugin, "openai");
  EXPECT_EQ(cfg.providers.at("deepseek").apiKey, "ds-secret");
}

TEST(ConfigLoader, GoogleApiKeyWinsOverGeminiApiKey) {
  auto cfg = ConfigLoader::fromYaml("providers: {google: {}}", "test",
                                    envOf({{"GOOGLE_API_KEY", "g1"}, {"GEMINI_API_KEY", "g2"}}));
  EXPECT_EQ(cfg.providers.at("google").apiKey, "g1");
}

TEST(ConfigLoader, ModelsAreParsedWithDefaultsFromTheId) {
  auto cfg = ConfigLoader::fromYaml(R"(
models:
  - id: openrouter/anthropic/claude-3-opus
    context_length: 200000
    pricing: {input: 15, output: 75, cached_input: 1.5}
    capabilities: {tools: true}
  - {id: openai/gpt-4o, upstream: gpt-4o-2024-08-06, name: GPT-4o}
)", "test", envOf({}));
  ASSERT_EQ(cfg.models.size(), 2u);
  EXPECT_EQ(cfg.models[0].provider, "openrouter");
  EXPECT_EQ(cfg.models[0].upstreamModel, "anthropic/claude-3-opus");
  EXPECT_EQ(cfg.models[0].contextLength, 200000);
  EXPECT_DOUBLE_EQ(cfg.models[0].pricing.outputPerMillion, 75);
  EXPECT_DOUBLE_EQ(cfg.models[0].pricing.cachedInputPerMillion.value(), 1.5);
  EXPECT_TRUE(cfg.models[0].capabilities.tools);
  EXPECT_FALSE(cfg.models[0].capabilities.vision);
  EXPECT_EQ(cfg.models[1].upstreamModel, "gpt-4o-2024-08-06");
  EXPECT_EQ(cfg.models[1].name, "GPT-4o");
}

TEST(ConfigLoader, ProviderOptionsBecomeJson) {
  auto cfg = ConfigLoader::fromYaml("providers:\n  mock:\n    options: {stream_delay_ms: 5, name: \"x\", on: true, list: [1, 2]}\n",
                                    "test", envOf({}));
  EXPECT_EQ(cfg.providers.at("mock").optionsJson, R"({"stream_delay_ms":5,"name":"x","on":true,"list":[1,2]})");
}

TEST(ConfigLoader, MistakesNameTheKey) {
  auto message = [](const std::string& yaml) {
    try {
      ConfigLoader::fromYaml(yaml, "cfg.yaml", envOf({}));
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("server: {prot: 1}"), "cfg.yaml: server.prot: unknown key");
  EXPECT_EQ(message("server: {port: many}"), "cfg.yaml: server.port: has the wrong type");
  EXPECT_EQ(message("server: {port: 70000}"), "cfg.yaml: server.port: must be 0..65535");
  EXPECT_EQ(message("models: [{id: nomodel}]"), "cfg.yaml: models.0.id: must look like provider/model");
  EXPECT_EQ(message("models: [{id: a/b}, {id: a/b}]"), "cfg.yaml: models.1.id: duplicate model id a/b");
  EXPECT_NE(message("server: [").find("cfg.yaml: line"), std::string::npos);
  EXPECT_EQ(message("server: {mode: fast}"), "cfg.yaml: server.mode: must be production or development");
}

TEST(ConfigLoader, ConsoleSectionAndItsVariable) {
  auto defaults = ConfigLoader::fromYaml("", "test", envOf({}));
  EXPECT_TRUE(defaults.console.enabled);
  EXPECT_EQ(defaults.console.path, "");
  auto file = ConfigLoader::fromYaml("console: {enabled: false, path: /srv/console}", "test", envOf({}));
  EXPECT_FALSE(file.console.enabled);
  EXPECT_EQ(file.console.path, "/srv/console");
  auto env = ConfigLoader::fromYaml("console: {path: /srv/console}", "test", envOf({{"GAIAROUTER_CONSOLE_DIR", "/opt/ui"}}));
  EXPECT_EQ(env.console.path, "/opt/ui");
  EXPECT_THROW(ConfigLoader::fromYaml("console: {dir: x}", "test", envOf({})), ConfigError);
}

TEST(ConfigLoader, ShippedConfigurationLoadsWithTheRequiredModels) {
  auto cfg = ConfigLoader::load(std::string(GAIAROUTER_SOURCE_DIR) + "/config/gaiarouter.yaml", envOf({}));
  std::set<std::string> ids;
  for (const auto& m : cfg.models) ids.insert(m.id);
  for (const char* required : {"openai/gpt-4", "openai/gpt-3.5-turbo", "anthropic/claude-3-opus", "anthropic/claude-3-sonnet",
                               "google/gemini-pro", "openrouter/gpt-4", "openrouter/claude-3-opus", "openai/gpt-4o",
                               "openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash"}) {
    EXPECT_TRUE(ids.count(required)) << required;
  }
  for (const auto& m : cfg.models) {
    EXPECT_GT(m.contextLength, 0) << m.id;
    EXPECT_GT(m.maxOutputTokens, 0) << m.id;
    EXPECT_GT(m.pricing.inputPerMillion, 0) << m.id;
  }
  EXPECT_TRUE(cfg.providers.count("mock"));
}

}  // namespace
}  // namespace gaiarouter
