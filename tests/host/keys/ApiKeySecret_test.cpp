#include "keys/ApiKey.h"
#include "keys/ApiKeySecret.h"

#include <gtest/gtest.h>

#include <set>

namespace gaiarouter {
namespace {

TEST(ApiKeySecret, SecretsAreLongRandomBase62WithTheGatewayPrefix) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string secret = ApiKeySecret::generate();
    ASSERT_EQ(secret.rfind("gr-", 0), 0u);
    ASSERT_EQ(secret.size(), 3u + 43u);  // 43 base62 characters carry more than 256 bits
    for (char c : secret.substr(3)) ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << secret;
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(ApiKeySecret, HashIsSha256Hex) {
  // SHA-256("abc"), the FIPS 180-2 test vector.
  EXPECT_EQ(ApiKeySecret::hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ApiKeySecret::displayPrefix("gr-ABCDEFGHIJKL"), "gr-ABCDEFG");
  EXPECT_EQ(ApiKeySecret::newId("key_").rfind("key_", 0), 0u);
  EXPECT_EQ(ApiKeySecret::newId("key_").size(), 20u);
}

TEST(ApiKeyPermissions, ParseAndFormat) {
  EXPECT_EQ(formatPermissions(kPermissionRead | kPermissionAdmin), "read,admin");
  EXPECT_EQ(parsePermissions("write,read"), kPermissionRead | kPermissionWrite);
  EXPECT_EQ(parsePermissions("admin"), kPermissionAdmin);
  EXPECT_FALSE(parsePermissions("").has_value());
  EXPECT_FALSE(parsePermissions("read,root").has_value());
  EXPECT_FALSE(parsePermissions("read,").has_value());
}

}  // namespace
}  // namespace gaiarouter
