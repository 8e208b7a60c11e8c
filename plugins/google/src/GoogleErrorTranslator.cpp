#include "GoogleErrorTranslator.h"

#include "GoogleJson.h"

#include <cctype>
#include <cmath>
#include <string>

namespace gaiarouter::plugins::google {

using Poco::JSON::Object;

namespace {

constexpr std::string_view kErrorInfo = "type.googleapis.com/google.rpc.ErrorInfo";
constexpr std::string_view kRetryInfo = "type.googleapis.com/google.rpc.RetryInfo";

// The first detail of the given @type, or null.
Object::Ptr detail(const Object::Ptr& error, std::string_view type) {
  auto details = error->getArray("details");
  if (!details) return {};
  for (std::size_t i = 0; i < details->size(); ++i) {
    auto d = details->getObject(i);
    if (d && GoogleJson::asString(d->get("@type")).value_or("") == type) return d;
  }
  return {};
}

// A non-negative decimal number at the start of text (leading spaces allowed).
std::optional<double> parseNumber(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  const std::size_t start = i;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == start) return std::nullopt;
  try {
    const double v = std::stod(std::string(text.substr(start, i - start)));
    if (!std::isfinite(v) || v < 0 || v > 3.0e10) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<uint32_t> toMs(std::optional<double> ms) {
  if (!ms || *ms > 4.0e9) return std::nullopt;
  return static_cast<uint32_t>(std::ceil(*ms - 1e-6));
}

// "... Please retry in 13.45s." in newer quota messages.
std::optional<uint32_t> retryFromMessage(const std::string& message) {
  static constexpr std::string_view kHint = "retry in ";
  const auto pos = message.find(kHint);
  if (pos == std::string::npos) return std::nullopt;
  const std::string_view rest = std::string_view(message).substr(pos + kHint.size());
  std::size_t end = 0;
  while (end < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[end])) || rest[end] == '.')) ++end;
  if (end == 0 || end >= rest.size() || rest[end] != 's') return std::nullopt;
  return GoogleErrorTranslator::parseDuration(rest.substr(0, end + 1));
}

bool isContextLengthMessage(const std::string& message) {
  return message.find("input token count") != std::string::npos &&
         message.find("exceeds the maximum") != std::string::npos;
}

}  // namespace

std::optional<uint32_t> GoogleErrorTranslator::parseDuration(std::string_view text) {
  if (text.empty() || text.back() != 's') return std::nullopt;
  text.remove_suffix(1);
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  }
  auto seconds = parseNumber(text);
  if (!seconds) return std::nullopt;
  return toMs(*seconds * 1000.0);
}

sdk::Error GoogleErrorTranslator::fromErrorObject(const Object::Ptr& error, int httpStatus) {
  sdk::Error out;
  const auto code = GoogleJson::asInt(error->get("code"));
  const int status = httpStatus != 0 ? httpStatus : static_cast<int>(code.value_or(0));
  out.upstreamStatus = status;
  out.upstreamType = GoogleJson::asString(error->get("status")).value_or("");
  out.message = GoogleJson::asString(error->get("message")).value_or("");
  if (out.message.empty()) {
    out.message = "Gemini API error" + (status != 0 ? " (HTTP " + std::to_string(status) + ")" : std::string());
  }

  std::string reason;
  if (auto info = detail(error, kErrorInfo)) reason = GoogleJson::asString(info->get("reason")).value_or("");
  out.code = reason;

  const std::string& type = out.upstreamType;
  if (reason == "API_KEY_INVALID") {
    out.kind = GR_ERROR_AUTHENTICATION;  // Gemini says 400 INVALID_ARGUMENT for a bad key
  } else if (type == "INVALID_ARGUMENT" || type == "FAILED_PRECONDITION" || type == "OUT_OF_RANGE") {
    out.kind = GR_ERROR_INVALID_REQUEST;
  } else if (type == "UNAUTHENTICATED") {
    out.kind = status == 403 ? GR_ERROR_PERMISSION : GR_ERROR_AUTHENTICATION;
  } else if (type == "PERMISSION_DENIED") {
    out.kind = status == 401 ? GR_ERROR_AUTHENTICATION : GR_ERROR_PERMISSION;
  } else if (type == "NOT_FOUND") {
    out.kind = GR_ERROR_NOT_FOUND;
  } else if (type == "RESOURCE_EXHAUSTED") {
    out.kind = GR_ERROR_RATE_LIMITED;
  } else if (type == "UNAVAILABLE") {
    out.kind = GR_ERROR_OVERLOADED;
  } else if (type == "DEADLINE_EXCEEDED") {
    out.kind = GR_ERROR_TIMEOUT;
  } else if (type == "INTERNAL" || type == "UNKNOWN" || type == "ABORTED" || type == "DATA_LOSS" ||
             type == "CANCELLED") {
    out.kind = GR_ERROR_UPSTREAM;
  } else {
    out.kind = status >= 400 ? sdk::errorKindForStatus(status) : GR_ERROR_UPSTREAM;
  }

  if (out.kind == GR_ERROR_INVALID_REQUEST && isContextLengthMessage(out.message)) {
    out.code = "context_length_exceeded";
    out.param = "messages";
  }
  if (out.kind == GR_ERROR_RATE_LIMITED || out.kind == GR_ERROR_OVERLOADED) {
    if (auto retry = detail(error, kRetryInfo)) {
      if (auto delay = GoogleJson::asString(retry->get("retryDelay"))) {
        out.retryAfterMs = parseDuration(*delay).value_or(0);
      }
    }
    if (out.retryAfterMs == 0) out.retryAfterMs = retryFromMessage(out.message).value_or(0);
  }
  return out;
}

sdk::Error GoogleErrorTranslator::fromResponse(const sdk::HttpResponse& response) {
  sdk::Error out;
  auto body = GoogleJson::parseObject(response.body);
  auto error = body ? body->getObject("error") : Object::Ptr{};
  if (error) {
    out = fromErrorObject(error, response.status);
  } else {
    out.kind = sdk::errorKindForStatus(response.status);
    out.upstreamStatus = response.status;
    out.message = "Gemini API returned HTTP " + std::to_string(response.status) +
                  (body ? " without an error object" : " with a body that is not JSON");
  }
  if (out.retryAfterMs == 0 && (out.kind == GR_ERROR_RATE_LIMITED || out.kind == GR_ERROR_OVERLOADED)) {
    out.retryAfterMs = sdk::retryAfterMs(response.header("retry-after-ms"), response.header("retry-after"));
  }
  return out;
}

}  // namespace gaiarouter::plugins::google
