#include "credits/UsdAmount.h"

#include <cctype>
#include <string>

namespace gaiarouter {
namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::optional<int64_t> usdToMicros(std::string_view number, int64_t maxUsd) {
  // JSON grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  std::size_t i = 0;
  const bool negative = i < number.size() && number[i] == '-';
  if (negative) ++i;
  std::string digits;  // integer and fraction digits, without the point
  int pointAt = 0;     // how many of `digits` are before the point
  const std::size_t integerStart = i;
  while (i < number.size() && digit(number[i])) digits += number[i++];
  if (digits.empty() || (digits.size() > 1 && number[integerStart] == '0')) return std::nullopt;
  pointAt = static_cast<int>(digits.size());
  if (i < number.size() && number[i] == '.') {
    ++i;
    const std::size_t before = digits.size();
    while (i < number.size() && digit(number[i])) digits += number[i++];
    if (digits.size() == before) return std::nullopt;
  }
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    ++i;
    const bool down = i < number.size() && number[i] == '-';
    if (i < number.size() && (number[i] == '-' || number[i] == '+')) ++i;
    if (i >= number.size()) return std::nullopt;
    int exponent = 0;
    while (i < number.size() && digit(number[i])) {
      if (exponent > 1000) return std::nullopt;  // far beyond any amount either way
      exponent = exponent * 10 + (number[i++] - '0');
    }
    pointAt += down ? -exponent : exponent;
  }
  if (i != number.size()) return std::nullopt;

  // value = 0.digits × 10^pointAt; micros = digits shifted to 6 decimals.
  // Digits beyond the sixth decimal must all be zero.
  const int keep = pointAt + 6;  // how many leading digits fall at or above 10^-6
  for (int d = std::max(keep, 0); d < static_cast<int>(digits.size()); ++d) {
    if (digits[static_cast<std::size_t>(d)] != '0') return std::nullopt;
  }
  const int64_t maxMicros = maxUsd * 1'000'000;
  int64_t micros = 0;
  for (int d = 0; d < keep; ++d) {
    const int value = d < static_cast<int>(digits.size()) ? digits[static_cast<std::size_t>(d)] - '0' : 0;
    if (micros > (maxMicros - value) / 10) return std::nullopt;
    micros = micros * 10 + value;
  }
  return negative ? -micros : micros;
}

}  // namespace gaiarouter
