// Sends upstream requests over pooled keep-alive connections. All upstream
// network I/O of the gateway goes through here.
#pragma once

#include "config/GatewayConfig.h"
#include "upstream/ConnectionPool.h"
#include "upstream/HttpBodyDecoder.h"
#include "upstream/UpstreamFailure.h"
#include "upstream/UpstreamMessages.h"

#include <Poco/Net/HTTPResponse.h>

#include <memory>
#include <string>

namespace gaiarouter {

class UpstreamClient;

// One request in flight: the response head is read; the body is read by
// the caller, whole or as it arrives. Destroying an exchange whose body was
// not read to the end closes its connection (that is how an upstream
// request is aborted); a complete one goes back to the pool.
class UpstreamExchange {
 public:
  UpstreamExchange(UpstreamClient& client, std::unique_ptr<UpstreamConnection> connection,
                   std::unique_ptr<Poco::Net::HTTPResponse> response, HttpBodyDecoder decoder);
  ~UpstreamExchange();
  UpstreamExchange(const UpstreamExchange&) = delete;
  UpstreamExchange& operator=(const UpstreamExchange&) = delete;

  int status() const { return response_->getStatus(); }
  HeaderList headers() const;

  // Reads the rest of the body, waiting at most `timeoutMs` for each piece.
  // Throws UpstreamFailure (Timeout when the upstream falls silent).
  std::string readAll(std::size_t limit, int timeoutMs);

  enum class Wait { Data, ClientGone, Timeout };
  // Waits until body bytes (or the end) can be read without blocking, the
  // client socket `clientFd` closes (-1: no client to watch), or timeoutMs.
  Wait waitReadable(int clientFd, int timeoutMs);

  // Reads what has arrived (call after waitReadable said Data) and appends
  // the decoded body bytes to `out`. Returns false once the body is complete.
  // Throws UpstreamFailure.
  bool readAvailable(std::string& out);

  // Drops the connection without reading further.
  void abort();

 private:
  UpstreamClient& client_;
  std::unique_ptr<UpstreamConnection> connection_;
  std::unique_ptr<Poco::Net::HTTPResponse> response_;
  HttpBodyDecoder decoder_;
};

class UpstreamClient {
 public:
  explicit UpstreamClient(const UpstreamConfig& config);

  // Sends the request and reads the response head. A pooled connection the
  // upstream had closed is replaced transparently. Throws UpstreamFailure.
  std::unique_ptr<UpstreamExchange> send(const UpstreamRequest& request);

  ConnectionPool& pool() { return pool_; }

 private:
  std::unique_ptr<UpstreamExchange> attempt(const UpstreamRequest& request, const Poco::URI& uri,
                                            std::unique_ptr<UpstreamConnection> connection);

  ConnectionPool pool_;
};

}  // namespace gaiarouter
