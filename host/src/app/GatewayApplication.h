// The gaiarouter server process: options, configuration, logging, the
// HTTP server and an orderly shutdown.
#pragma once

#include <Poco/Util/ServerApplication.h>

#include <optional>
#include <string>

namespace gaiarouter {

class GatewayApplication final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  void printHelp();

  bool helpRequested_ = false;
  std::string configPath_;
  std::optional<int> port_;
};

}  // namespace gaiarouter
