#include "keys/ApiKeySecret.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace gaiarouter {
namespace {

constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// `count` uniform base62 characters: bytes of 248 and above are rejected so
// that every character is equally likely.
std::string randomBase62(std::size_t count) {
  std::string out;
  out.reserve(count);
  std::array<unsigned char, 64> bytes{};
  while (out.size() < count) {
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("the CSPRNG failed");
    for (unsigned char b : bytes) {
      if (b < 248 && out.size() < count) out += kBase62[b % 62];
    }
  }
  return out;
}

}  // namespace

std::string ApiKeySecret::generate() { return std::string(kPrefix) + randomBase62(43); }  // 43 × log2(62) ≥ 256 bits

std::string ApiKeySecret::newId(std::string_view prefix) { return std::string(prefix) + randomBase62(16); }

std::string ApiKeySecret::hash(std::string_view secret) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest.data());
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 0xf];
  }
  return out;
}

std::string ApiKeySecret::displayPrefix(std::string_view secret) { return std::string(secret.substr(0, 10)); }

}  // namespace gaiarouter
