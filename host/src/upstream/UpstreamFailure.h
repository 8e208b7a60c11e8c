// A transport failure talking to an upstream (no HTTP response to translate).
#pragma once

#include <stdexcept>
#include <string>

namespace gaiarouter {

class UpstreamFailure : public std::runtime_error {
 public:
  enum class Reason {
    Connect,   // could not connect (refused, unreachable, DNS, connect timeout)
    Tls,       // TLS handshake or certificate verification failed
    Timeout,   // no bytes within the request timeout
    Reset,     // the connection broke while sending or receiving
    Protocol,  // the upstream did not speak valid HTTP
  };

  UpstreamFailure(Reason reason, std::string message, bool nothingSent)
      : std::runtime_error(std::move(message)), reason_(reason), nothingSent_(nothingSent) {}

  Reason reason() const { return reason_; }
  // True when the request never reached the upstream, so a retry is safe.
  bool nothingSent() const { return nothingSent_; }

 private:
  Reason reason_;
  bool nothingSent_;
};

}  // namespace gaiarouter
