// One keep-alive connection to an upstream origin (HTTP or HTTPS).
#pragma once

#include <Poco/Net/HTTPClientSession.h>

#include <memory>
#include <string>

namespace gaiarouter {

class UpstreamConnection {
 public:
  explicit UpstreamConnection(std::string origin) : origin_(std::move(origin)) {}
  virtual ~UpstreamConnection() = default;

  virtual Poco::Net::HTTPClientSession& session() = 0;
  // Bytes already read from the socket into the session's buffer; a poll
  // on the socket alone would not see them.
  virtual int bufferedBytes() const = 0;
  // Reads raw bytes (after the response head): the session's buffered bytes
  // first, else one receive from the socket. 0 at EOF. Throws Poco exceptions.
  virtual int readRaw(char* buffer, int size) = 0;

  const std::string& origin() const { return origin_; }
  bool reused() const { return uses_ > 1; }
  void markUsed() { ++uses_; }

 private:
  std::string origin_;
  int uses_ = 0;
};

}  // namespace gaiarouter
