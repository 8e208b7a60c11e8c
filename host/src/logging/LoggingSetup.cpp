#include "logging/LoggingSetup.h"

#include "config/ConfigLoader.h"
#include "logging/RedactingChannel.h"

#include <algorithm>

#include <Poco/AsyncChannel.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>

namespace gaiarouter {
namespace {
Poco::AutoPtr<Poco::AsyncChannel> activeChannel;
}

void LoggingSetup::apply(const LoggingConfig& config) {
  Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
  if (config.console) splitter->addChannel(new Poco::ConsoleChannel);
  if (!config.file.empty()) {
    Poco::Path path(config.file);
    try {
      Poco::File(path.parent()).createDirectories();
    } catch (const Poco::Exception& e) {
      throw ConfigError("logging.file: cannot create the folder of " + config.file + ": " + e.displayText());
    }
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(config.file));
    file->setProperty("rotation", config.rotateSize);
    file->setProperty("archive", "number");
    file->setProperty("purgeCount", std::to_string(std::max(1, config.keepFiles)));
    file->setProperty("flush", "true");  // on the async thread: tail -f sees lines at once
    splitter->addChannel(file);
  }
  Poco::AutoPtr<Poco::PatternFormatter> format(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
  format->setProperty("times", "UTC");
  Poco::AutoPtr<Poco::FormattingChannel> formatting(new Poco::FormattingChannel(format, splitter));
  Poco::AutoPtr<RedactingChannel> redacting(new RedactingChannel(formatting));
  Poco::AutoPtr<Poco::AsyncChannel> async(new Poco::AsyncChannel(redacting));
  async->open();

  int level = Poco::Logger::parseLevel(config.level);
  Poco::Logger::root().setChannel(async);
  Poco::Logger::root().setLevel(level);
  Poco::Logger::setChannel("", async);
  Poco::Logger::setLevel("", level);
  Poco::Logger::get("gaiarouter.access").setLevel(config.accessLog ? static_cast<int>(Poco::Message::PRIO_INFORMATION) : 0);
  if (activeChannel) activeChannel->close();
  activeChannel = async;
}

void LoggingSetup::shutdown() {
  if (activeChannel) {
    activeChannel->close();  // drains the queue
  }
}

}  // namespace gaiarouter
