#include "users/PasswordHasher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gaiarouter {
namespace {

// The KDF at its real cost takes a good fraction of a second; only the test
// of the default pays it.
constexpr int kFast = 1000;

std::vector<std::string> fields(const std::string& stored) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = stored.find('$', start)) != std::string::npos; start = end + 1) {
    out.push_back(stored.substr(start, end - start));
  }
  out.push_back(stored.substr(start));
  return out;
}

TEST(PasswordHasher, RoundTripAndWrongPassword) {
  const std::string stored = PasswordHasher::hash("correct horse battery staple", kFast);
  EXPECT_TRUE(PasswordHasher::verify("correct horse battery staple", stored));
  EXPECT_FALSE(PasswordHasher::verify("correct horse battery stapl", stored));
  EXPECT_FALSE(PasswordHasher::verify("Correct horse battery staple", stored));
  EXPECT_FALSE(PasswordHasher::verify("", stored));

  const std::string empty = PasswordHasher::hash("", kFast);
  EXPECT_TRUE(PasswordHasher::verify("", empty));
  EXPECT_FALSE(PasswordHasher::verify(" ", empty));

  const std::string binary("pa\0ss\xff", 6);  // every byte counts, NULs too
  const std::string storedBinary = PasswordHasher::hash(binary, kFast);
  EXPECT_TRUE(PasswordHasher::verify(binary, storedBinary));
  EXPECT_FALSE(PasswordHasher::verify("pa", storedBinary));
}

TEST(PasswordHasher, StoredFormatAndDistinctSalts) {
  const std::string a = PasswordHasher::hash("same password", kFast);
  const std::string b = PasswordHasher::hash("same password", kFast);
  EXPECT_NE(a, b) << "a fresh salt per hash";

  auto parts = fields(a);
  ASSERT_EQ(parts.size(), 4u) << a;
  EXPECT_EQ(parts[0], "pbkdf2-sha256");
  EXPECT_EQ(parts[1], "1000");
  EXPECT_EQ(parts[2].size(), 24u) << "16 bytes of salt in padded base64";
  EXPECT_EQ(parts[3].size(), 44u) << "32 bytes of hash in padded base64";
  EXPECT_NE(parts[2], fields(b)[2]);
}

TEST(PasswordHasher, DefaultIsSixHundredThousandIterations) {
  EXPECT_EQ(PasswordHasher::kIterations, 600000);
  const std::string stored = PasswordHasher::hash("slow on purpose");
  EXPECT_EQ(fields(stored)[1], "600000");
  EXPECT_TRUE(PasswordHasher::verify("slow on purpose", stored));
}

TEST(PasswordHasher, VerifiesHashesMadeElsewhere) {
  // PBKDF2-HMAC-SHA256("passwd", "salt", 1 iteration), RFC 7914 §11, first
  // 32 bytes: the stored format is plain PBKDF2, readable by other tools.
  EXPECT_TRUE(
      PasswordHasher::verify("passwd", "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw="));
  EXPECT_FALSE(
      PasswordHasher::verify("passwd", "pbkdf2-sha256$2$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw="));
}

TEST(PasswordHasher, MalformedStoredValuesAreFalseNotErrors) {
  const std::string good = "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=";
  ASSERT_TRUE(PasswordHasher::verify("passwd", good));
  const std::vector<std::string> malformed = {
      "", "passwd", "$$$", "pbkdf2-sha256",
      "pbkdf2-sha256$1$c2FsdA==", "pbkdf2-sha1$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "PBKDF2-SHA256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$0$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$-1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$+1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$01$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$ 1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$1x$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      // Absurd counts: a corrupted row must not cost minutes of CPU.
      "pbkdf2-sha256$10000001$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$99999999999999999999$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$1$$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$1$c2FsdA$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",    // unpadded
      "pbkdf2-sha256$1$c2Fs*A==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",  // not base64
      "pbkdf2-sha256$1$ c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw",  // unpadded
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=\n",
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INr",     // 30 bytes
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLwA",  // 33 bytes
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=$",
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=$x",
      "pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLx=",  // non-canonical last character
      "pbkdf2-sha256$1$" + std::string(100, 'A') + "$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",  // 75-byte salt
  };
  for (const auto& stored : malformed) {
    EXPECT_NO_THROW(EXPECT_FALSE(PasswordHasher::verify("passwd", stored)) << stored) << stored;
  }
}

TEST(PasswordHasher, RefusesToHashWithAnAbsurdIterationCount) {
  EXPECT_THROW(PasswordHasher::hash("x", 0), std::invalid_argument);
  EXPECT_THROW(PasswordHasher::hash("x", -5), std::invalid_argument);
  EXPECT_THROW(PasswordHasher::hash("x", 10'000'001), std::invalid_argument);
}

}  // namespace
}  // namespace gaiarouter
