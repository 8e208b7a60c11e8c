// Idle keep-alive connections per upstream origin ("https://host:port").
// A connection is handed back only after its response was read to the end.
#pragma once

#include "config/GatewayConfig.h"
#include "upstream/UpstreamConnection.h"

#include <Poco/Net/Context.h>
#include <Poco/URI.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gaiarouter {

class ConnectionPool {
 public:
  explicit ConnectionPool(const UpstreamConfig& config);

  // An idle connection to the URI's origin, or a new (unconnected) one.
  std::unique_ptr<UpstreamConnection> acquire(const Poco::URI& uri);
  // A fresh connection, never from the pool.
  std::unique_ptr<UpstreamConnection> create(const Poco::URI& uri);
  void release(std::unique_ptr<UpstreamConnection> connection);

  static std::string originOf(const Poco::URI& uri);

 private:
  UpstreamConfig config_;
  Poco::Net::Context::Ptr tls_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>> idle_;
};

}  // namespace gaiarouter
