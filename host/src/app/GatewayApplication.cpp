#include "app/GatewayApplication.h"

#include "app/BuildInfo.h"
#include "app/Gateway.h"
#include "config/ConfigLoader.h"
#include "db/Database.h"
#include "db/MigrationRunner.h"
#include "http/GatewayRequestHandlerFactory.h"
#include "http/GatewayServerConnection.h"
#include "keys/ApiKeySecret.h"
#include "logging/LoggingSetup.h"
#include "logging/SecretRedactor.h"

#include <Poco/Logger.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <fmt/format.h>

#include <csignal>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include <pthread.h>

namespace gaiarouter {
namespace {

// <prefix>/<relative>, where the binary is <prefix>/bin/gaiarouter (the
// build tree mirrors the install tree).
std::filesystem::path besideBinary(const std::filesystem::path& relative) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return relative;
  return exe.parent_path().parent_path() / relative;
}

std::filesystem::path defaultPluginDir() { return besideBinary("lib/gaiarouter/plugins"); }
// In a build tree, a link to the source tree's admin-ui/dist (host/CMakeLists.txt).
std::filesystem::path defaultConsoleDir() { return besideBinary("share/gaiarouter/console"); }

// The admin console's folder, if it is enabled; a console that is not built
// is no reason not to serve the API.
std::optional<ConsoleFiles> consoleFiles(const ConsoleConfig& config, Poco::Logger& log) {
  if (!config.enabled) return std::nullopt;
  ConsoleFiles files(config.path.empty() ? defaultConsoleDir() : std::filesystem::path(config.path));
  if (files.built()) {
    log.information(fmt::format("admin console at / from {}", files.root().string()));
  } else {
    log.warning(fmt::format("admin console not built: no index.html in {} (run scripts/run, or set console.path)",
                            files.root().string()));
  }
  return files;
}

}  // namespace

void GatewayApplication::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  options.addOption(Poco::Util::Option("help", "h", "Show this help and exit.").required(false).repeatable(false));
  options.addOption(Poco::Util::Option("config", "c", "Configuration file (YAML). Default: $GAIAROUTER_CONFIG.")
                        .required(false).repeatable(false).argument("FILE"));
  options.addOption(Poco::Util::Option("port", "p", "Port to listen on (overrides config and $GAIAROUTER_PORT); 0 = any free port.")
                        .required(false).repeatable(false).argument("PORT"));
}

void GatewayApplication::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    helpRequested_ = true;
    stopOptionsProcessing();
  } else if (name == "config") {
    configPath_ = value;
  } else if (name == "port") {
    try {
      port_ = std::stoi(value);
    } catch (const std::exception&) {
      port_ = -1;
    }
  }
}

void GatewayApplication::printHelp() {
  Poco::Util::HelpFormatter help(options());
  help.setCommand(commandName());
  help.setUsage("[--config FILE] [--port PORT]");
  help.setHeader("GaiaRouter — an OpenAI-compatible gateway to OpenAI, Anthropic, Google Gemini and OpenRouter.");
  help.format(std::cout);
}

int GatewayApplication::main(const std::vector<std::string>&) {
  // Stop signals wait, blocked in every thread (all inherit this mask), for
  // waitForTerminationRequest()'s sigwait: one arriving during start-up, or
  // delivered to a worker thread, must not kill the process ungracefully.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  if (helpRequested_) {
    printHelp();
    return EXIT_OK;
  }
  const auto env = ConfigLoader::processEnvironment();
  GatewayConfig config;
  try {
    std::string path = configPath_;
    if (path.empty()) path = env("GAIAROUTER_CONFIG").value_or("");
    config = ConfigLoader::load(path, env);
    if (port_) {
      if (*port_ < 0 || *port_ > 65535) throw ConfigError("--port: not a port number");
      config.server.port = static_cast<uint16_t>(*port_);
    }
    if (config.server.adminKey.empty()) {
      throw ConfigError("no admin key: set GAIAROUTER_ADMIN_KEY (or server.admin_key) to the key clients must send");
    }
    if (config.auth.jwtSecret.empty()) {
      if (config.server.production) {
        throw ConfigError("no session secret: set GAIAROUTER_JWT_SECRET (or auth.jwt_secret), 32 bytes or more, "
                          "the same on every instance");
      }
      config.auth.jwtSecret = ApiKeySecret::generate();  // development: sessions end at restart
    } else if (config.auth.jwtSecret.size() < 32) {
      throw ConfigError("auth.jwt_secret: must be at least 32 bytes");
    }
    SecretRedactor::global().addSecret(config.server.adminKey);
    SecretRedactor::global().addSecret(config.auth.jwtSecret);
    LoggingSetup::apply(config.logging);
  } catch (const ConfigError& e) {
    std::cerr << "gaiarouter: configuration error: " << SecretRedactor::global().redact(e.what()) << std::endl;
    return EXIT_CONFIG;
  }
  auto& log = Poco::Logger::get("gaiarouter");
  log.information(fmt::format("gaiarouter {} starting ({} mode, config {})", buildVersion(),
                              config.server.production ? "production" : "development",
                              config.sourcePath.empty() ? "(defaults)" : config.sourcePath));

  std::unique_ptr<Database> database;
  try {
    const DatabaseUrl url = DatabaseUrl::parse(config.database.url);
    SecretRedactor::global().addSecret(url.password);
    database = std::make_unique<Database>(url, config.database.poolSize);
    const int applied = MigrationRunner::run(*database);
    log.information(fmt::format("database {}: schema version {} ({} migrations applied now)", database->display(),
                                MigrationRunner::currentVersion(*database), applied));
  } catch (const std::exception& e) {
    const std::string message = SecretRedactor::global().redact(e.what());
    log.fatal("database: " + message);
    std::cerr << "gaiarouter: database: " << message << std::endl;
    LoggingSetup::shutdown();
    return EXIT_CONFIG;
  }

  const std::filesystem::path pluginDir = config.server.pluginDir.empty() ? defaultPluginDir() : std::filesystem::path(config.server.pluginDir);
  auto gateway = std::make_unique<Gateway>(config, *database, pluginDir, env);
  log.information(fmt::format("{} plugins loaded, {} refused; {} providers, {} models", gateway->plugins().loaded.size(),
                              gateway->plugins().refused.size(), gateway->providers().all().size(),
                              gateway->models().all().size()));

  const ServerConfig& s = gateway->config().server;
  // One thread per connection: streams last minutes, so the pool must hold
  // every concurrent stream (Poco's default of 16 would queue them).
  Poco::ThreadPool threads("http", std::min(32, s.maxThreads), s.maxThreads, 60, s.threadStackKiB * 1024);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(s.maxThreads);
  params->setMaxQueued(s.maxQueued);
  // A dispatcher thread started for a burst of connections but left without
  // one waits this long before it notices a stop (Poco wakes only one waiter),
  // so it bounds how long shutdown can take after a burst.
  params->setThreadIdleTime(Poco::Timespan(2, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(s.keepAliveTimeoutS, 0));
  params->setMaxKeepAliveRequests(0);  // unlimited
  params->setTimeout(Poco::Timespan(s.clientTimeoutS, 0));
  params->setServerName("gaiarouter");
  params->setSoftwareVersion(fmt::format("gaiarouter/{}", buildVersion()));

  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(s.host, s.port), true);
    socket.listen(std::max(64, s.maxQueued));
  } catch (const Poco::Exception& e) {
    log.fatal(fmt::format("cannot listen on {}:{}: {}", s.host, s.port, e.displayText()));
    LoggingSetup::shutdown();
    return EXIT_UNAVAILABLE;
  }
  const auto bound = socket.address();
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers =
      new GatewayRequestHandlerFactory(*gateway, consoleFiles(gateway->config().console, log));
  Poco::Net::TCPServerConnectionFactory::Ptr connections = new GatewayServerConnectionFactory(params, handlers);
  Poco::Net::TCPServer server(connections, threads, socket, params);
  server.start();
  log.information(fmt::format("listening on http://{}:{}", bound.host().toString(), bound.port()));
  // Machine-readable, for scripts and tests that start us on port 0.
  std::cout << "gaiarouter listening on http://" << bound.host().toString() << ":" << bound.port() << std::endl;

  waitForTerminationRequest();

  log.information("shutting down: no new connections");
  server.stop();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s.shutdownGraceS);
  while (gateway->inFlight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (gateway->inFlight() > 0) {
    log.warning(fmt::format("{} requests still in flight after {} s; closing them", gateway->inFlight(), s.shutdownGraceS));
  }
  // Close what is left: idle keep-alive connections, and requests still
  // running after the grace period.
  connections.cast<GatewayServerConnectionFactory>()->stopAll();
  threads.joinAll();
  gateway->flush();  // last_used_at and limit counters
  gateway.reset();  // provider instances, then plugin libraries
  database.reset();  // the session pool, after every request has ended
  log.information("stopped");
  LoggingSetup::shutdown();
  return EXIT_OK;
}

}  // namespace gaiarouter
