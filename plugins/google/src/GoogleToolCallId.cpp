#include "GoogleToolCallId.h"

#include <cctype>

namespace gaiarouter::plugins::google {

namespace {

constexpr std::string_view kPrefix = "call_";
constexpr std::string_view kMarker = "__ts_";

bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string GoogleToolCallId::make(std::string_view requestId, std::size_t n, std::string_view thoughtSignature) {
  std::string id(kPrefix);
  for (char c : requestId) {
    if (isAlnum(c) || c == '-') id += c;
  }
  if (id.size() > kPrefix.size()) id += '_';
  id += std::to_string(n);

  // Standard or URL-safe base64 (proto3 JSON accepts both for bytes fields),
  // mapped to the URL-safe alphabet without padding.
  std::string encoded;
  encoded.reserve(thoughtSignature.size());
  bool padding = false;
  for (char c : thoughtSignature) {
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return id;  // '=' in the middle: not base64, do not embed
    if (c == '+') {
      encoded += '-';
    } else if (c == '/') {
      encoded += '_';
    } else if (isAlnum(c) || c == '-' || c == '_') {
      encoded += c;
    } else {
      return id;
    }
  }
  if (!encoded.empty()) {
    id += kMarker;
    id += encoded;
  }
  return id;
}

std::string GoogleToolCallId::thoughtSignature(std::string_view id) {
  if (id.substr(0, kPrefix.size()) != kPrefix) return {};
  const auto marker = id.find(kMarker);
  if (marker == std::string_view::npos) return {};
  const std::string_view encoded = id.substr(marker + kMarker.size());
  if (encoded.empty() || encoded.size() % 4 == 1) return {};
  std::string signature;
  signature.reserve(encoded.size() + 3);
  for (char c : encoded) {
    if (c == '-') {
      signature += '+';
    } else if (c == '_') {
      signature += '/';
    } else if (isAlnum(c)) {
      signature += c;
    } else {
      return {};
    }
  }
  while (signature.size() % 4 != 0) signature += '=';
  return signature;
}

}  // namespace gaiarouter::plugins::google
