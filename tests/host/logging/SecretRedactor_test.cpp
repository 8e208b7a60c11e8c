#include "logging/SecretRedactor.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(SecretRedactor, KnownSecretsAreMaskedWhereverTheyAppear) {
  SecretRedactor r;
  r.addSecret("my-provider-key-123");
  EXPECT_EQ(r.redact("upstream said: bad key my-provider-key-123 (twice: my-provider-key-123)"),
            "upstream said: bad key [REDACTED] (twice: [REDACTED])");
}

TEST(SecretRedactor, CredentialShapesAreMaskedEvenWhenUnknown) {
  SecretRedactor r;
  EXPECT_EQ(r.redact("Authorization: Bearer abc.def-ghi"), "Authorization: Bearer [REDACTED]");
  EXPECT_EQ(r.redact("header bearer xyz123 sent"), "header bearer [REDACTED] sent");
  EXPECT_EQ(r.redact("Incorrect API key provided: sk-proj-abcd****wxyz."), "Incorrect API key provided: [REDACTED]");
  EXPECT_EQ(r.redact("key=AIzaSyA1234567890abcdefghijk&alt=sse"), "key=[REDACTED]&alt=sse");
  EXPECT_EQ(r.redact(R"({"x-api-key": "sk-ant-api03-zzzz"})"), R"({"x-api-key": "[REDACTED]"})");
  EXPECT_EQ(r.redact("login failed password=hunter2"), "login failed password=[REDACTED]");
  EXPECT_EQ(r.redact("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl expired"),
            "token [REDACTED] expired");
  EXPECT_EQ(r.redact("key gr-AbCdEfGhIjKlMnOpQrStUv used"), "key [REDACTED] used");
}

TEST(SecretRedactor, OrdinaryTextIsUntouched) {
  SecretRedactor r;
  r.addSecret("ab");  // too short to mask safely
  const std::string text = R"({"time":"2026","model":"openai/gpt-4o","status":200,"tokens":12, "task-list": "about"})";
  EXPECT_EQ(r.redact(text), text);
}

}  // namespace
}  // namespace gaiarouter
