// Sends upstream requests over pooled keep-alive connections. All upstream
// network I/O of the gateway goes through here.
#pragma once

#include "config/GatewayConfig.h"
#include "upstream/ConnectionPool.h"
#include "upstream/UpstreamFailure.h"
#include "upstream/UpstreamMessages.h"

#include <Poco/Net/HTTPResponse.h>

#include <istream>
#include <memory>
#include <string>

namespace gaiarouter {

class UpstreamClient;

// One request in flight: the response head is read; the body is read by
// the caller, whole or incrementally. Destroying an exchange whose body was
// not read to the end closes its connection (that is how an upstream
// request is aborted).
class UpstreamExchange {
 public:
  UpstreamExchange(UpstreamClient& client, std::unique_ptr<UpstreamConnection> connection,
                   std::unique_ptr<Poco::Net::HTTPResponse> response, std::istream& body);
  ~UpstreamExchange();
  UpstreamExchange(const UpstreamExchange&) = delete;
  UpstreamExchange& operator=(const UpstreamExchange&) = delete;

  int status() const { return response_->getStatus(); }
  HeaderList headers() const;

  // Reads the rest of the body. Throws UpstreamFailure.
  std::string readAll(std::size_t limit);

  enum class Wait { Data, ClientGone, Timeout };
  // Waits until body bytes (or the end) can be read, the client socket
  // `clientFd` closes (-1: don't watch a client), or timeoutMs passes.
  Wait waitReadable(int clientFd, int timeoutMs);

  // Reads what is available now (blocking for at least one byte); 0 at the
  // end of the body. Throws UpstreamFailure.
  std::size_t readSome(char* buffer, std::size_t size);

  // Drops the connection without reading further.
  void abort();

 private:
  void finished();

  UpstreamClient& client_;
  std::unique_ptr<UpstreamConnection> connection_;
  std::unique_ptr<Poco::Net::HTTPResponse> response_;
  std::istream& body_;
  bool complete_ = false;
};

class UpstreamClient {
 public:
  explicit UpstreamClient(const UpstreamConfig& config);

  // Sends the request and reads the response head. A pooled connection the
  // upstream had closed is replaced transparently. Throws UpstreamFailure.
  std::unique_ptr<UpstreamExchange> send(const UpstreamRequest& request);

  ConnectionPool& pool() { return pool_; }
  const UpstreamConfig& config() const { return config_; }

 private:
  std::unique_ptr<UpstreamExchange> attempt(const UpstreamRequest& request, const Poco::URI& uri,
                                            std::unique_ptr<UpstreamConnection> connection);

  UpstreamConfig config_;
  ConnectionPool pool_;
};

}  // namespace gaiarouter
