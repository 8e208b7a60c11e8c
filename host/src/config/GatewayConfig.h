// The gateway's configuration, typed. Filled by ConfigLoader from the YAML
// file and the environment (environment wins, command line above both).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  // Connections served at once. Each in-flight request or stream holds one
  // thread for its whole life, so this is the concurrency limit.
  int maxThreads = 2048;
  int maxQueued = 2048;  // accepted connections waiting for a thread
  int threadStackKiB = 512;
  int keepAliveTimeoutS = 15;
  int clientTimeoutS = 60;  // idle receive/send timeout on client sockets
  std::size_t maxBodyBytes = 10 * 1024 * 1024;
  bool production = false;  // production hides internals in errors
  std::vector<std::string> corsAllowedOrigins{"*"};
  std::string adminKey;
  std::string pluginDir;  // empty: <exe dir>/../lib/gaiarouter/plugins
  int shutdownGraceS = 10;
};

struct UpstreamConfig {
  int connectTimeoutMs = 10000;
  // Longest silence tolerated while waiting for upstream bytes: the whole
  // answer of a non-stream request, or the next event of a stream.
  int requestTimeoutMs = 60000;
  int maxRetries = 3;
  int retryBaseDelayMs = 250;
  int retryMaxDelayMs = 8000;
  int maxIdleConnectionsPerOrigin = 64;
  bool verifyTls = true;
  std::string caFile;  // empty: the system CA bundle
};

struct LoggingConfig {
  std::string level = "information";  // debug, information, warning, error
  std::string file = "logs/gaiarouter.log";  // empty: no file
  std::string rotateSize = "10 M";
  int keepFiles = 5;
  bool console = true;
  bool accessLog = true;
};

struct DatabaseConfig {
  // sqlite:///absolute/path.db, sqlite://relative/path.db or
  // mysql://user:password@host:port/database
  std::string url = "sqlite://data/gaiarouter.db";
  int poolSize = 16;
};

struct AuthConfig {
  // Verified database keys are cached this long, so a key revoked on another
  // instance stops working within it (at most 5000).
  int keyCacheTtlMs = 5000;
  int lastUsedFlushMs = 5000;  // how often last_used_at is written, in one batch
  int usageFlushMs = 1000;     // how often limit counters are written, in one batch
  // HS256 secret of session tokens (≥ 32 bytes). Empty: a random one per
  // start in development (sessions end at restart); required in production.
  std::string jwtSecret;
  int sessionTtlS = 86400;
  // POST /v1/auth/register. Unset: on in development, off in production.
  std::optional<bool> registration;
  int loginMaxFailures = 5;  // per account and per address, within the window
  int loginWindowS = 900;
};

// The usage collector (usage/UsageCollector.h) and record retention.
struct UsageConfig {
  int flushMs = 1000;          // records are written at least this often
  int batchSize = 500;         // and as soon as this many are queued
  int queueCapacity = 100000;  // a full queue makes requests wait (back-pressure)
  int retentionDays = 90;      // raw records older than this are removed; aggregates are kept
};

// The admin console: the built web UI served at `/`.
struct ConsoleConfig {
  bool enabled = true;
  std::string path;  // the folder with index.html; empty: <exe dir>/../share/gaiarouter/console
};

struct ProviderSettings {
  std::string id;       // provider id, the prefix of model ids
  std::string plugin;   // plugin name that backs it
  std::string apiKey;
  std::string baseUrl;  // empty: the plugin's default
  std::string apiKeyEnv;   // variable to read the key from; empty: <ID>_API_KEY
  std::string baseUrlEnv;  // variable to read the base URL from; empty: <ID>_BASE_URL
  std::string optionsJson = "{}";
  bool enabled = true;
  bool requiresApiKey = true;  // false for local upstreams (vLLM, Ollama)
};

struct ModelPricing {
  double inputPerMillion = 0;  // USD per 1M input tokens
  double outputPerMillion = 0;
  std::optional<double> cachedInputPerMillion;
};

struct ModelCapabilities {
  bool tools = false;
  bool vision = false;
  bool json = false;
};

struct ModelSettings {
  std::string id;             // "provider/model"
  std::string provider;       // provider id
  std::string upstreamModel;  // name sent upstream
  std::string name;           // display name
  int64_t contextLength = 0;
  int64_t maxOutputTokens = 0;
  ModelPricing pricing;
  ModelCapabilities capabilities;
};

struct GatewayConfig {
  ServerConfig server;
  UpstreamConfig upstream;
  LoggingConfig logging;
  DatabaseConfig database;
  AuthConfig auth;
  UsageConfig usage;
  ConsoleConfig console;
  std::map<std::string, ProviderSettings> providers;  // by provider id
  std::vector<ModelSettings> models;
  std::string sourcePath;  // the file it was read from, "" if none
};

}  // namespace gaiarouter
