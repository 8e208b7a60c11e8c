#include "users/SessionTokens.h"

#include <gtest/gtest.h>

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace gaiarouter {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-session";
constexpr int64_t kNow = 1'790'000'000;  // UTC seconds, far from the real clock on purpose

std::string base64url(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  out.resize(static_cast<std::size_t>(
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size))));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::string base64url(const std::string& text) {
  return base64url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// A token made by hand: header and payload JSON as given, signed with
// HMAC-`digest` over "header.payload", or unsigned when digest is null.
std::string craft(const std::string& header, const std::string& payload, const EVP_MD* digest,
                  const std::string& secret = kSecret) {
  std::string input = base64url(header) + "." + base64url(payload);
  if (digest == nullptr) return input + ".";
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(digest, secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac.data(), &size);
  return input + "." + base64url(mac.data(), size);
}

const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";
const std::string kClaims = R"({"sub":"usr_1","role":"admin","iat":1790000000,"exp":1790003600})";

User member() {
  User user;
  user.id = "usr_member";
  user.email = "m@example.com";
  user.role = "member";
  user.organizationId = "org_a";
  user.status = "active";
  return user;
}

std::vector<std::string> split(const std::string& token) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = token.find('.', start)) != std::string::npos; start = end + 1) {
    out.push_back(token.substr(start, end - start));
  }
  out.push_back(token.substr(start));
  return out;
}

TEST(SessionTokens, RoundTripCarriesTheUserRoleAndOrganization) {
  SessionTokens tokens(kSecret, 3600);
  EXPECT_EQ(tokens.ttlSeconds(), 3600);
  std::string token = tokens.issue(member(), kNow);
  auto claims = tokens.verify(token, kNow);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->userId, "usr_member");
  EXPECT_EQ(claims->role, "member");
  EXPECT_EQ(claims->organizationId, "org_a");
  EXPECT_EQ(claims->expiresAt, kNow + 3600);

  // A standard HS256 JWT with whole-second iat/exp: other JWT code reads it.
  Poco::JWT::Token parsed = Poco::JWT::Signer(kSecret).verify(token);
  EXPECT_EQ(parsed.getAlgorithm(), "HS256");
  EXPECT_EQ(parsed.getSubject(), "usr_member");
  EXPECT_EQ(parsed.payload().getValue<Poco::Int64>("iat"), kNow);
  EXPECT_EQ(parsed.payload().getValue<Poco::Int64>("exp"), kNow + 3600);
  EXPECT_TRUE(parsed.payload().get("exp").isInteger());

  User admin;
  admin.id = "usr_admin";
  admin.role = "admin";
  auto adminClaims = tokens.verify(tokens.issue(admin, kNow), kNow);
  ASSERT_TRUE(adminClaims.has_value());
  EXPECT_EQ(adminClaims->role, "admin");
  EXPECT_FALSE(adminClaims->organizationId.has_value());
  EXPECT_FALSE(Poco::JWT::Signer(kSecret).verify(tokens.issue(admin, kNow)).payload().has("org"))
      << "omitted, not null";
}

TEST(SessionTokens, ExpiresExactlyAtExpAgainstTheGivenClock) {
  SessionTokens tokens(kSecret, 60);
  std::string token = tokens.issue(member(), kNow);
  EXPECT_TRUE(tokens.verify(token, kNow + 59).has_value());
  EXPECT_FALSE(tokens.verify(token, kNow + 60).has_value()) << "valid only before exp";
  EXPECT_FALSE(tokens.verify(token, kNow + 10'000).has_value());

  // Issued in the distant past and checked then: the wall clock plays no part.
  std::string old = tokens.issue(member(), 1'000'000'000);
  EXPECT_TRUE(tokens.verify(old, 1'000'000'030).has_value());
  EXPECT_FALSE(tokens.verify(old, kNow).has_value());
}

TEST(SessionTokens, ATamperedTokenIsRefused) {
  SessionTokens tokens(kSecret, 3600);
  auto parts = split(tokens.issue(member(), kNow));
  ASSERT_EQ(parts.size(), 3u);

  std::string promoted = R"({"sub":"usr_member","role":"admin","org":"org_a","iat":1790000000,"exp":1790003600})";
  EXPECT_FALSE(tokens.verify(parts[0] + "." + base64url(promoted) + "." + parts[2], kNow).has_value());
  std::string longer = R"({"sub":"usr_member","role":"member","org":"org_a","iat":1790000000,"exp":1999999999})";
  EXPECT_FALSE(tokens.verify(parts[0] + "." + base64url(longer) + "." + parts[2], kNow).has_value());

  std::string signature = parts[2];
  signature[5] = signature[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(tokens.verify(parts[0] + "." + parts[1] + "." + signature, kNow).has_value());
  // The same bytes spelled otherwise (a last character with spare bits set)
  // are not our signature either.
  signature = parts[2];
  signature.back() = signature.back() == 'A' ? 'B' : static_cast<char>(signature.back() + 1);
  EXPECT_FALSE(tokens.verify(parts[0] + "." + parts[1] + "." + signature, kNow).has_value());
  EXPECT_FALSE(tokens.verify(parts[0] + "." + parts[1] + "." + parts[2] + "=", kNow).has_value());
}

TEST(SessionTokens, AnotherSecretsTokenIsRefused) {
  SessionTokens ours(kSecret, 3600);
  SessionTokens theirs("another secret of at least 32 bytes!", 3600);
  EXPECT_FALSE(ours.verify(theirs.issue(member(), kNow), kNow).has_value());
  EXPECT_TRUE(ours.verify(craft(kHs256, kClaims, EVP_sha256()), kNow).has_value()) << "the crafting itself is right";
  EXPECT_FALSE(
      ours.verify(craft(kHs256, kClaims, EVP_sha256(), "another secret of at least 32 bytes!"), kNow).has_value());
}

TEST(SessionTokens, OnlyHs256IsAccepted) {
  SessionTokens tokens(kSecret, 3600);
  // alg "none", unsigned: the classic forgery.
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"none","typ":"JWT"})", kClaims, nullptr), kNow).has_value());
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"none","typ":"JWT"})", kClaims, nullptr) + "x", kNow).has_value());
  // HS512 with our own secret: a valid MAC, but not the algorithm we use.
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"HS512","typ":"JWT"})", kClaims, EVP_sha512()), kNow).has_value());
  // A header that claims another algorithm over a correct HS256 MAC.
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"none","typ":"JWT"})", kClaims, EVP_sha256()), kNow).has_value());
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"HS512","typ":"JWT"})", kClaims, EVP_sha256()), kNow).has_value());
  EXPECT_FALSE(tokens.verify(craft(R"({"alg":"hs256","typ":"JWT"})", kClaims, EVP_sha256()), kNow).has_value());
  EXPECT_FALSE(tokens.verify(craft(R"({"typ":"JWT"})", kClaims, EVP_sha256()), kNow).has_value());
}

TEST(SessionTokens, MalformedTokensAreRefusedWithoutThrowing) {
  SessionTokens tokens(kSecret, 3600);
  std::string good = tokens.issue(member(), kNow);
  const std::vector<std::string> malformed = {
      "",
      ".",
      "..",
      "...",
      "abc",
      "a.b",
      "a.b.c",
      good + ".",
      good + ".extra",
      "." + good,
      " " + good,
      good + " ",
      good.substr(0, good.size() - 1),
      std::string(10'000, 'a') + "." + std::string(10'000, 'b') + "." + std::string(43, 'c'),
      // Correctly signed, but not what a session token holds.
      craft(kHs256, "not json", EVP_sha256()),
      craft(kHs256, "[1,2,3]", EVP_sha256()),
      craft("not json", kClaims, EVP_sha256()),
      craft(kHs256, R"({"role":"admin","exp":1790003600})", EVP_sha256()),                  // no sub
      craft(kHs256, R"({"sub":"","role":"admin","exp":1790003600})", EVP_sha256()),         // empty sub
      craft(kHs256, R"({"sub":7,"role":"admin","exp":1790003600})", EVP_sha256()),          // sub not a string
      craft(kHs256, R"({"sub":"usr_1","exp":1790003600})", EVP_sha256()),                   // no role
      craft(kHs256, R"({"sub":"usr_1","role":"admin"})", EVP_sha256()),                     // no exp
      craft(kHs256, R"({"sub":"usr_1","role":"admin","exp":"1790003600"})", EVP_sha256()),  // exp a string
      craft(kHs256, R"({"sub":"usr_1","role":"admin","exp":1790003600.5})", EVP_sha256()),  // exp not whole
      craft(kHs256, R"({"sub":"usr_1","role":"admin","exp":99999999999999999999})", EVP_sha256()),
      craft(kHs256, R"({"sub":"usr_1","role":"admin","org":null,"exp":1790003600})", EVP_sha256()),
      craft(kHs256, R"({"sub":"usr_1","role":"admin","org":5,"exp":1790003600})", EVP_sha256()),
  };
  for (const auto& token : malformed) {
    EXPECT_NO_THROW(EXPECT_FALSE(tokens.verify(token, kNow).has_value()) << token) << token;
  }
}

TEST(SessionTokens, AShortSecretIsRefused) {
  EXPECT_THROW(SessionTokens("", 3600), std::invalid_argument);
  EXPECT_THROW(SessionTokens(std::string(31, 'k'), 3600), std::invalid_argument);
  EXPECT_NO_THROW(SessionTokens(std::string(32, 'k'), 3600));
  EXPECT_THROW(SessionTokens(kSecret, 0), std::invalid_argument);
}

}  // namespace
}  // namespace gaiarouter
