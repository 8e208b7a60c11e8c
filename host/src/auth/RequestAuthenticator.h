// Decides who is calling from the Authorization header. Today only the
// master key (GAIAROUTER_ADMIN_KEY); database keys plug in behind the same
// authenticate() call.
#pragma once

#include "http/ApiError.h"

#include <Poco/Net/HTTPRequest.h>

#include <array>
#include <string>
#include <variant>

namespace gaiarouter {

struct Principal {
  std::string keyId;  // "master" for the admin key
  bool admin = false;
};

class RequestAuthenticator {
 public:
  explicit RequestAuthenticator(const std::string& adminKey);
  std::variant<Principal, ApiError> authenticate(const Poco::Net::HTTPRequest& request) const;

 private:
  std::array<unsigned char, 32> adminKeyHash_{};
  bool hasAdminKey_ = false;
};

}  // namespace gaiarouter
