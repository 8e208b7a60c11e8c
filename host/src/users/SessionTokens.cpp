#include "users/SessionTokens.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace gaiarouter {
namespace {

constexpr std::size_t kMinSecretBytes = 32;   // HS256's own key size (RFC 7518 §3.2)
constexpr std::size_t kMaxTokenBytes = 8192;  // ours are a few hundred; parse nothing larger

// HMAC-SHA256 of the signing input, base64url without padding, as in a JWS.
std::string signature(const std::string& secret, std::string_view signingInput) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), mac.data(),
           &size) == nullptr) {
    return {};
  }
  std::string out(4 * ((size + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac.data(), static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

std::optional<int64_t> integerClaim(const Poco::JSON::Object& object, const std::string& name) {
  if (!object.has(name)) return std::nullopt;
  Poco::Dynamic::Var value = object.get(name);
  if (!value.isInteger()) return std::nullopt;  // not 1.5, "1", true or null
  return value.convert<Poco::Int64>();
}

std::optional<std::string> stringClaim(const Poco::JSON::Object& object, const std::string& name) {
  if (!object.has(name)) return std::nullopt;
  Poco::Dynamic::Var value = object.get(name);
  if (!value.isString()) return std::nullopt;
  return value.extract<std::string>();
}

}  // namespace

SessionTokens::SessionTokens(std::string secret, int64_t ttlSeconds) : secret_(std::move(secret)), ttl_(ttlSeconds) {
  if (secret_.size() < kMinSecretBytes) throw std::invalid_argument("the session secret must be at least 32 bytes");
  if (ttl_ <= 0) throw std::invalid_argument("the session lifetime must be positive");
}

std::string SessionTokens::issue(const User& user, int64_t nowSeconds) const {
  Poco::JWT::Token token;
  token.setType("JWT");
  token.setSubject(user.id);
  token.payload().set("role", user.role);
  if (user.organizationId) token.payload().set("org", *user.organizationId);
  // Whole seconds: Token::setIssuedAt/setExpiration would write doubles.
  token.payload().set(Poco::JWT::Token::CLAIM_ISSUED_AT, Poco::Int64(nowSeconds));
  token.payload().set(Poco::JWT::Token::CLAIM_EXPIRATION, Poco::Int64(nowSeconds + ttl_));
  Poco::JWT::Signer signer(secret_);
  return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

// Not Poco's Signer::verify: Poco 1.11 compares the HMAC with operator== (it
// stops at the first differing byte), decodes the signature leniently and
// allows extra dot-separated parts. Here the token must be exactly
// header.payload.signature, the signature is compared in constant time with
// the canonical encoding of ours, and only then is the JSON parsed (Poco's
// Token) — so nothing an outsider sends reaches the JSON parser. No check
// reads the wall clock: expiry is judged at nowSeconds.
std::optional<SessionClaims> SessionTokens::verify(const std::string& token, int64_t nowSeconds) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  std::size_t first = token.find('.');
  if (first == std::string::npos) return std::nullopt;
  std::size_t second = token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) return std::nullopt;
  if (first == 0 || second == first + 1 || second + 1 == token.size()) return std::nullopt;

  std::string expected = signature(secret_, std::string_view(token).substr(0, second));
  std::string_view given = std::string_view(token).substr(second + 1);
  if (expected.empty() || given.size() != expected.size() ||
      CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }

  try {
    Poco::JWT::Token parsed(token);
    // Signed with our key, but the header must still say HS256: nothing we
    // issue says otherwise, so anything else ("none", HS512…) is refused.
    if (stringClaim(parsed.header(), Poco::JWT::Token::CLAIM_ALGORITHM) != Poco::JWT::Signer::ALGO_HS256)
      return std::nullopt;
    const Poco::JSON::Object& payload = parsed.payload();
    auto subject = stringClaim(payload, Poco::JWT::Token::CLAIM_SUBJECT);
    auto role = stringClaim(payload, "role");
    auto expires = integerClaim(payload, Poco::JWT::Token::CLAIM_EXPIRATION);
    if (!subject || subject->empty() || !role || !expires) return std::nullopt;
    if (nowSeconds >= *expires) return std::nullopt;  // RFC 7519: valid only before exp
    SessionClaims claims;
    claims.userId = *subject;
    claims.role = *role;
    if (payload.has("org")) {
      claims.organizationId = stringClaim(payload, "org");
      if (!claims.organizationId) return std::nullopt;  // present but not a string
    }
    claims.expiresAt = *expires;
    return claims;
  } catch (const std::exception&) {
    return std::nullopt;  // not base64url JSON objects
  }
}

}  // namespace gaiarouter
