#include "users/PasswordHasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <climits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace gaiarouter {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;  // SHA-256's output: more adds nothing
// Bounds on a stored count: a corrupted or hostile value must not turn one
// sign-in into minutes of CPU (or skip the KDF altogether).
constexpr int64_t kMaxIterations = 10'000'000;
constexpr std::size_t kMaxSaltBytes = 64;

std::string encode(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Standard base64 with padding, and only its canonical form: EVP_DecodeBlock
// alone skips surrounding blanks and keeps the padding as zero bytes, so the
// result is encoded again and must give back the input.
std::optional<std::vector<unsigned char>> decode(std::string_view text, std::size_t maxBytes) {
  if (text.empty() || text.size() % 4 != 0 || text.size() / 4 * 3 > maxBytes + 2) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  int size =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (size < 0) return std::nullopt;
  std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(size) - padding);
  if (out.size() > maxBytes || encode(out.data(), out.size()) != text) return std::nullopt;
  return out;
}

// Decimal without sign or leading zeros, within the bounds above.
std::optional<int> parseIterations(std::string_view text) {
  if (text.empty() || text.size() > 8 || text.front() == '0') return std::nullopt;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 1 || value > kMaxIterations) return std::nullopt;
  return static_cast<int>(value);
}

bool derive(std::string_view password, const std::vector<unsigned char>& salt, int iterations, unsigned char* out,
            std::size_t size) {
  if (password.size() > INT_MAX) return false;
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(size), out) == 1;
}

}  // namespace

std::string PasswordHasher::hash(std::string_view password, int iterations) {
  if (iterations < 1 || iterations > kMaxIterations) throw std::invalid_argument("PBKDF2 iteration count out of range");
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("the CSPRNG failed");
  std::array<unsigned char, kHashBytes> derived{};
  if (!derive(password, salt, iterations, derived.data(), derived.size())) throw std::runtime_error("PBKDF2 failed");
  std::string out(kScheme);
  out += '$';
  out += std::to_string(iterations);
  out += '$';
  out += encode(salt.data(), salt.size());
  out += '$';
  out += encode(derived.data(), derived.size());
  OPENSSL_cleanse(derived.data(), derived.size());
  return out;
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) {
  // scheme$iterations$salt$hash: exactly four fields.
  std::array<std::string_view, 4> fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::size_t end = i + 1 < fields.size() ? stored.find('$', start) : stored.size();
    if (end == std::string_view::npos) return false;
    fields[i] = stored.substr(start, end - start);
    start = end + 1;
  }
  if (fields[0] != kScheme || fields[3].find('$') != std::string_view::npos) return false;
  auto iterations = parseIterations(fields[1]);
  auto salt = decode(fields[2], kMaxSaltBytes);
  auto expected = decode(fields[3], kHashBytes);
  if (!iterations || !salt || !expected || salt->empty() || expected->size() != kHashBytes) return false;

  std::array<unsigned char, kHashBytes> derived{};
  if (!derive(password, *salt, *iterations, derived.data(), derived.size())) return false;
  bool same = CRYPTO_memcmp(derived.data(), expected->data(), kHashBytes) == 0;
  OPENSSL_cleanse(derived.data(), derived.size());
  return same;
}

}  // namespace gaiarouter
