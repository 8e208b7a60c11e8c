#include "auth/RequestAuthenticator.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <Poco/String.h>

namespace gaiarouter {
namespace {

std::array<unsigned char, 32> sha256(const std::string& text) {
  std::array<unsigned char, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
  return out;
}

}  // namespace

RequestAuthenticator::RequestAuthenticator(const std::string& adminKey) : hasAdminKey_(!adminKey.empty()) {
  if (hasAdminKey_) adminKeyHash_ = sha256(adminKey);
}

std::variant<Principal, ApiError> RequestAuthenticator::authenticate(const Poco::Net::HTTPRequest& request) const {
  const std::string header = request.get("Authorization", "");
  if (header.empty()) {
    return ApiError::unauthorized("Missing API key: send 'Authorization: Bearer <key>'.");
  }
  if (header.size() < 7 || Poco::icompare(header.substr(0, 7), "bearer ") != 0) {
    return ApiError::unauthorized("Malformed Authorization header: expected 'Bearer <key>'.");
  }
  const std::string key = Poco::trim(header.substr(7));
  // Compare digests so the comparison takes the same time whatever the key.
  if (hasAdminKey_ && !key.empty()) {
    auto digest = sha256(key);
    if (CRYPTO_memcmp(digest.data(), adminKeyHash_.data(), digest.size()) == 0) return Principal{"master", true};
  }
  return ApiError::unauthorized("Invalid API key.");
}

}  // namespace gaiarouter
