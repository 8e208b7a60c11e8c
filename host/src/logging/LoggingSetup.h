// Wires Poco logging from LoggingConfig: console and a rotating file, both
// behind the redacting channel and an async queue so request threads never
// wait on log I/O.
#pragma once

#include "config/GatewayConfig.h"

namespace gaiarouter {

class LoggingSetup {
 public:
  // Configures the root logger and the gaiarouter.* loggers. Throws
  // ConfigError for a bad level or an unwritable file.
  static void apply(const LoggingConfig& config);

  // Flushes and closes the channels (pending async messages are written).
  static void shutdown();
};

}  // namespace gaiarouter
