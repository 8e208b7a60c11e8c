// The gateway's own HTTP/1.1 connection loop, in place of Poco's
// HTTPServerConnection (as ClickHouse does): the keep-alive wait is one
// poll() on the socket instead of Poco's epoll instance created and closed
// per request, and malformed requests are answered in the gateway's error
// format. Parsing, request and response objects are still Poco's.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <mutex>
#include <set>

namespace gaiarouter {

class GatewayServerConnection;

// Creates connections and can stop them all (shutdown).
class GatewayServerConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  GatewayServerConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                 Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
      : params_(std::move(params)), handlers_(std::move(handlers)) {}

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

  // Ends every open connection: idle ones at once, busy ones as their
  // socket is shut down under them.
  void stopAll();

  void add(GatewayServerConnection* connection);
  void remove(GatewayServerConnection* connection);

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  std::mutex mutex_;
  std::set<GatewayServerConnection*> open_;
  bool stopped_ = false;
};

class GatewayServerConnection final : public Poco::Net::TCPServerConnection {
 public:
  GatewayServerConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                          Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, GatewayServerConnectionFactory& owner);
  void run() override;
  void stop();

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  GatewayServerConnectionFactory& owner_;
  std::atomic<bool> stopped_{false};
};

}  // namespace gaiarouter
