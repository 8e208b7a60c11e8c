#include "config/ConfigLoader.h"

#include "config/YamlJson.h"

#include <yaml-cpp/yaml.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace gaiarouter {
namespace {

// Where a node came from, for error messages: "config.yaml: server.port".
struct Context {
  const std::string& source;
  std::string path;

  Context child(const std::string& key) const { return {source, path.empty() ? key : path + "." + key}; }
  [[noreturn]] void fail(const std::string& what) const {
    throw ConfigError(source + ": " + (path.empty() ? std::string("(top level)") : path) + ": " + what);
  }
};

void requireKeys(const YAML::Node& node, const Context& ctx, std::initializer_list<const char*> allowed) {
  if (!node.IsMap()) ctx.fail("expected a mapping");
  std::set<std::string> known(allowed.begin(), allowed.end());
  for (const auto& kv : node) {
    auto key = kv.first.as<std::string>();
    if (!known.count(key)) ctx.child(key).fail("unknown key");
  }
}

template <typename T>
void read(const YAML::Node& parent, const char* key, const Context& ctx, T& out) {
  YAML::Node node = parent[key];
  if (!node || node.IsNull()) return;
  try {
    out = node.as<T>();
  } catch (const YAML::Exception&) {
    ctx.child(key).fail("has the wrong type");
  }
}

void readPort(const YAML::Node& parent, const Context& ctx, uint16_t& out) {
  int port = out;
  read(parent, "port", ctx, port);
  if (port < 0 || port > 65535) ctx.child("port").fail("must be 0..65535");
  out = static_cast<uint16_t>(port);
}

void readPositive(const YAML::Node& parent, const char* key, const Context& ctx, int& out) {
  read(parent, key, ctx, out);
  if (out < 0) ctx.child(key).fail("must not be negative");
}

std::string envName(const std::string& providerId, const std::string& suffix) {
  std::string out;
  for (char c : providerId) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  return out + suffix;
}

void parseServer(const YAML::Node& n, const Context& ctx, ServerConfig& s) {
  requireKeys(n, ctx, {"host", "port", "max_threads", "max_queued", "thread_stack_kib", "keep_alive_timeout_s",
                       "client_timeout_s", "max_body_bytes", "mode", "cors_allowed_origins", "admin_key",
                       "plugin_dir", "shutdown_grace_s"});
  read(n, "host", ctx, s.host);
  readPort(n, ctx, s.port);
  readPositive(n, "max_threads", ctx, s.maxThreads);
  readPositive(n, "max_queued", ctx, s.maxQueued);
  readPositive(n, "thread_stack_kib", ctx, s.threadStackKiB);
  readPositive(n, "keep_alive_timeout_s", ctx, s.keepAliveTimeoutS);
  readPositive(n, "client_timeout_s", ctx, s.clientTimeoutS);
  read(n, "max_body_bytes", ctx, s.maxBodyBytes);
  std::string mode = s.production ? "production" : "development";
  read(n, "mode", ctx, mode);
  if (mode != "production" && mode != "development") ctx.child("mode").fail("must be production or development");
  s.production = mode == "production";
  read(n, "cors_allowed_origins", ctx, s.corsAllowedOrigins);
  read(n, "admin_key", ctx, s.adminKey);
  read(n, "plugin_dir", ctx, s.pluginDir);
  readPositive(n, "shutdown_grace_s", ctx, s.shutdownGraceS);
  if (s.maxThreads < 1) ctx.child("max_threads").fail("must be at least 1");
}

void parseUpstream(const YAML::Node& n, const Context& ctx, UpstreamConfig& u) {
  requireKeys(n, ctx, {"connect_timeout_ms", "request_timeout_ms", "max_retries", "retry_base_delay_ms",
                       "retry_max_delay_ms", "max_idle_connections_per_origin", "verify_tls", "ca_file"});
  readPositive(n, "connect_timeout_ms", ctx, u.connectTimeoutMs);
  readPositive(n, "request_timeout_ms", ctx, u.requestTimeoutMs);
  readPositive(n, "max_retries", ctx, u.maxRetries);
  readPositive(n, "retry_base_delay_ms", ctx, u.retryBaseDelayMs);
  readPositive(n, "retry_max_delay_ms", ctx, u.retryMaxDelayMs);
  readPositive(n, "max_idle_connections_per_origin", ctx, u.maxIdleConnectionsPerOrigin);
  read(n, "verify_tls", ctx, u.verifyTls);
  read(n, "ca_file", ctx, u.caFile);
  if (u.maxRetries > 10) ctx.child("max_retries").fail("must be at most 10");
}

void parseLogging(const YAML::Node& n, const Context& ctx, LoggingConfig& l) {
  requireKeys(n, ctx, {"level", "file", "rotate_size", "keep_files", "console", "access_log"});
  read(n, "level", ctx, l.level);
  read(n, "file", ctx, l.file);
  read(n, "rotate_size", ctx, l.rotateSize);
  readPositive(n, "keep_files", ctx, l.keepFiles);
  read(n, "console", ctx, l.console);
  read(n, "access_log", ctx, l.accessLog);
}

void parseDatabase(const YAML::Node& n, const Context& ctx, DatabaseConfig& d) {
  requireKeys(n, ctx, {"url", "pool_size"});
  read(n, "url", ctx, d.url);
  read(n, "pool_size", ctx, d.poolSize);
  if (d.poolSize < 1) ctx.child("pool_size").fail("must be at least 1");
}

void parseAuth(const YAML::Node& n, const Context& ctx, AuthConfig& a) {
  requireKeys(n, ctx, {"key_cache_ttl_ms", "last_used_flush_ms", "usage_flush_ms", "jwt_secret", "session_ttl_s",
                       "registration", "login_max_failures", "login_window_s"});
  readPositive(n, "key_cache_ttl_ms", ctx, a.keyCacheTtlMs);
  if (a.keyCacheTtlMs > 5000) ctx.child("key_cache_ttl_ms").fail("must be at most 5000 (a revoked key must die within 5 s)");
  readPositive(n, "last_used_flush_ms", ctx, a.lastUsedFlushMs);
  readPositive(n, "usage_flush_ms", ctx, a.usageFlushMs);
  if (a.lastUsedFlushMs < 100) ctx.child("last_used_flush_ms").fail("must be at least 100");
  if (a.usageFlushMs < 100) ctx.child("usage_flush_ms").fail("must be at least 100");
  read(n, "jwt_secret", ctx, a.jwtSecret);
  readPositive(n, "session_ttl_s", ctx, a.sessionTtlS);
  if (a.sessionTtlS < 60) ctx.child("session_ttl_s").fail("must be at least 60");
  if (n["registration"] && !n["registration"].IsNull()) {
    bool on = false;
    read(n, "registration", ctx, on);
    a.registration = on;
  }
  readPositive(n, "login_max_failures", ctx, a.loginMaxFailures);
  if (a.loginMaxFailures < 1) ctx.child("login_max_failures").fail("must be at least 1");
  readPositive(n, "login_window_s", ctx, a.loginWindowS);
}

void parseUsage(const YAML::Node& n, const Context& ctx, UsageConfig& u) {
  requireKeys(n, ctx, {"flush_ms", "batch_size", "queue_capacity", "retention_days"});
  readPositive(n, "flush_ms", ctx, u.flushMs);
  if (u.flushMs < 10 || u.flushMs > 60000) ctx.child("flush_ms").fail("must be between 10 and 60000");
  readPositive(n, "batch_size", ctx, u.batchSize);
  if (u.batchSize < 1 || u.batchSize > 1000) ctx.child("batch_size").fail("must be between 1 and 1000");
  readPositive(n, "queue_capacity", ctx, u.queueCapacity);
  if (u.queueCapacity < u.batchSize) ctx.child("queue_capacity").fail("must be at least batch_size");
  readPositive(n, "retention_days", ctx, u.retentionDays);
  if (u.retentionDays < 1) ctx.child("retention_days").fail("must be at least 1");
}

void parseConsole(const YAML::Node& n, const Context& ctx, ConsoleConfig& c) {
  requireKeys(n, ctx, {"enabled", "path"});
  read(n, "enabled", ctx, c.enabled);
  read(n, "path", ctx, c.path);
}

void parseProviders(const YAML::Node& n, const Context& ctx, GatewayConfig& cfg) {
  if (!n.IsMap()) ctx.fail("expected a mapping of provider id to settings");
  for (const auto& kv : n) {
    ProviderSettings p;
    p.id = kv.first.as<std::string>();
    Context pctx = ctx.child(p.id);
    if (p.id.empty() || p.id.find('/') != std::string::npos) pctx.fail("provider ids must be non-empty and contain no '/'");
    const YAML::Node& v = kv.second;
    requireKeys(v, pctx, {"plugin", "api_key", "api_key_env", "base_url", "base_url_env", "options", "enabled",
                          "requires_api_key"});
    p.plugin = p.id;
    read(v, "plugin", pctx, p.plugin);
    read(v, "api_key", pctx, p.apiKey);
    read(v, "base_url", pctx, p.baseUrl);
    read(v, "enabled", pctx, p.enabled);
    read(v, "requires_api_key", pctx, p.requiresApiKey);
    read(v, "api_key_env", pctx, p.apiKeyEnv);
    read(v, "base_url_env", pctx, p.baseUrlEnv);
    if (v["options"]) {
      if (!v["options"].IsMap()) pctx.child("options").fail("expected a mapping");
      std::ostringstream out;
      Poco::JSON::Stringifier::condense(yamlToJson(v["options"]), out);
      p.optionsJson = out.str();
    }
    cfg.providers[p.id] = p;
  }
}

void parseModels(const YAML::Node& n, const Context& ctx, GatewayConfig& cfg) {
  if (!n.IsSequence()) ctx.fail("expected a list of models");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node& v = n[i];
    Context mctx = ctx.child(std::to_string(i));
    requireKeys(v, mctx, {"id", "provider", "upstream", "name", "context_length", "max_output_tokens", "pricing",
                          "capabilities"});
    ModelSettings m;
    read(v, "id", mctx, m.id);
    auto slash = m.id.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == m.id.size()) {
      mctx.child("id").fail("must look like provider/model");
    }
    if (!seen.insert(m.id).second) mctx.child("id").fail("duplicate model id " + m.id);
    m.provider = m.id.substr(0, slash);
    read(v, "provider", mctx, m.provider);
    m.upstreamModel = m.id.substr(slash + 1);
    read(v, "upstream", mctx, m.upstreamModel);
    m.name = m.id;
    read(v, "name", mctx, m.name);
    read(v, "context_length", mctx, m.contextLength);
    read(v, "max_output_tokens", mctx, m.maxOutputTokens);
    if (const YAML::Node& p = v["pricing"]) {
      Context pctx = mctx.child("pricing");
      requireKeys(p, pctx, {"input", "output", "cached_input"});
      read(p, "input", pctx, m.pricing.inputPerMillion);
      read(p, "output", pctx, m.pricing.outputPerMillion);
      if (p["cached_input"]) {
        double cached = 0;
        read(p, "cached_input", pctx, cached);
        m.pricing.cachedInputPerMillion = cached;
      }
      if (m.pricing.inputPerMillion < 0 || m.pricing.outputPerMillion < 0) pctx.fail("prices must not be negative");
    }
    if (const YAML::Node& c = v["capabilities"]) {
      Context cctx = mctx.child("capabilities");
      requireKeys(c, cctx, {"tools", "vision", "json"});
      read(c, "tools", cctx, m.capabilities.tools);
      read(c, "vision", cctx, m.capabilities.vision);
      read(c, "json", cctx, m.capabilities.json);
    }
    cfg.models.push_back(std::move(m));
  }
}

void applyServerEnvironment(GatewayConfig& cfg, const ConfigLoader::Environment& env) {
  if (auto v = env("GAIAROUTER_HOST")) cfg.server.host = *v;
  if (auto v = env("GAIAROUTER_PORT")) {
    try {
      int port = std::stoi(*v);
      if (port < 0 || port > 65535) throw std::out_of_range("port");
      cfg.server.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
      throw ConfigError("GAIAROUTER_PORT: not a port number: " + *v);
    }
  }
  if (auto v = env("GAIAROUTER_PLUGIN_DIR")) cfg.server.pluginDir = *v;
  if (auto v = env("GAIAROUTER_ADMIN_KEY")) cfg.server.adminKey = *v;
  if (auto v = env("GAIAROUTER_CONSOLE_DIR")) cfg.console.path = *v;
  if (auto v = env("GAIAROUTER_MODE")) {
    if (*v != "production" && *v != "development") throw ConfigError("GAIAROUTER_MODE: must be production or development");
    cfg.server.production = *v == "production";
  }
  if (auto v = env("GAIAROUTER_LOG_LEVEL")) cfg.logging.level = *v;
  if (auto v = env("GAIAROUTER_LOG_FILE")) cfg.logging.file = *v;
  if (auto v = env("GAIAROUTER_DATABASE_URL")) cfg.database.url = *v;
  if (auto v = env("GAIAROUTER_JWT_SECRET")) cfg.auth.jwtSecret = *v;
  if (auto v = env("GAIAROUTER_REGISTRATION")) {
    if (*v != "true" && *v != "false") throw ConfigError("GAIAROUTER_REGISTRATION: must be true or false");
    cfg.auth.registration = *v == "true";
  }
  if (auto v = env("GAIAROUTER_CORS_ORIGINS")) {
    cfg.server.corsAllowedOrigins.clear();
    std::stringstream in(*v);
    for (std::string item; std::getline(in, item, ',');) {
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) cfg.server.corsAllowedOrigins.push_back(item);
    }
  }
  static const std::set<std::string> levels{"trace", "debug", "information", "info", "notice", "warning", "error", "critical", "fatal", "none"};
  if (!levels.count(cfg.logging.level)) throw ConfigError("logging.level: unknown level " + cfg.logging.level);
  if (cfg.logging.level == "info") cfg.logging.level = "information";
}

}  // namespace

ConfigLoader::Environment ConfigLoader::processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

GatewayConfig ConfigLoader::fromYaml(const std::string& yamlText, const std::string& sourceName,
                                     const Environment& env) {
  GatewayConfig cfg;
  cfg.sourcePath = sourceName;
  YAML::Node root;
  try {
    root = YAML::Load(yamlText);
  } catch (const YAML::Exception& e) {
    throw ConfigError(sourceName + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  Context ctx{sourceName, ""};
  if (root && !root.IsNull()) {
    requireKeys(root, ctx, {"server", "upstream", "logging", "database", "auth", "usage", "console", "providers",
                           "models"});
    if (root["server"]) parseServer(root["server"], ctx.child("server"), cfg.server);
    if (root["upstream"]) parseUpstream(root["upstream"], ctx.child("upstream"), cfg.upstream);
    if (root["logging"]) parseLogging(root["logging"], ctx.child("logging"), cfg.logging);
    if (root["database"]) parseDatabase(root["database"], ctx.child("database"), cfg.database);
    if (root["auth"]) parseAuth(root["auth"], ctx.child("auth"), cfg.auth);
    if (root["usage"]) parseUsage(root["usage"], ctx.child("usage"), cfg.usage);
    if (root["console"]) parseConsole(root["console"], ctx.child("console"), cfg.console);
    if (root["providers"]) parseProviders(root["providers"], ctx.child("providers"), cfg);
    if (root["models"]) parseModels(root["models"], ctx.child("models"), cfg);
  }
  applyServerEnvironment(cfg, env);
  for (auto& [id, provider] : cfg.providers) applyProviderEnvironment(provider, env);
  return cfg;
}

GatewayConfig ConfigLoader::load(const std::string& path, const Environment& env) {
  if (path.empty()) return fromYaml("", "(defaults)", env);
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot open the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return fromYaml(text.str(), path, env);
}

std::string ConfigLoader::apiKeyVariable(const ProviderSettings& provider) {
  return provider.apiKeyEnv.empty() ? envName(provider.id, "_API_KEY") : provider.apiKeyEnv;
}

void ConfigLoader::applyProviderEnvironment(ProviderSettings& provider, const Environment& env) {
  const std::string keyVar = apiKeyVariable(provider);
  const std::string urlVar = provider.baseUrlEnv.empty() ? envName(provider.id, "_BASE_URL") : provider.baseUrlEnv;
  if (auto v = env(keyVar)) {
    provider.apiKey = *v;
  } else if (provider.id == "google" && provider.apiKeyEnv.empty()) {
    if (auto g = env("GEMINI_API_KEY")) provider.apiKey = *g;
  }
  if (auto v = env(urlVar)) provider.baseUrl = *v;
}

}  // namespace gaiarouter
