#include "AnthropicErrorMapper.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace gaiarouter::plugins::anthropic {

namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Non-negative decimal number of the whole string, or a negative value.
double parseNumber(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return -1;
  for (char c : text) {
    if (!(c >= '0' && c <= '9') && c != '.') return -1;
  }
  std::string copy(text);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || *end != '\0' || !std::isfinite(v)) return -1;
  return v;
}

uint32_t clampMs(double ms) {
  if (ms <= 0) return 0;
  if (ms >= 4294967295.0) return 4294967295u;
  return static_cast<uint32_t>(std::ceil(ms));
}

}  // namespace

gr_error_kind AnthropicErrorMapper::kindForStatus(int status) {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return GR_ERROR_INVALID_REQUEST;
    case 401:
      return GR_ERROR_AUTHENTICATION;
    case 402:
      return GR_ERROR_INSUFFICIENT_CREDITS;
    case 403:
      return GR_ERROR_PERMISSION;
    case 404:
      return GR_ERROR_NOT_FOUND;
    case 408:
    case 504:
      return GR_ERROR_TIMEOUT;
    case 429:
      return GR_ERROR_RATE_LIMITED;
    case 503:
    case 529:
      return GR_ERROR_OVERLOADED;
    default:
      break;
  }
  if (status >= 500) return GR_ERROR_UPSTREAM;
  if (status >= 400) return GR_ERROR_INVALID_REQUEST;
  return GR_ERROR_UPSTREAM;
}

gr_error_kind AnthropicErrorMapper::kindFor(std::string_view type, int status) {
  if (type == "invalid_request_error" || type == "request_too_large") return GR_ERROR_INVALID_REQUEST;
  if (type == "authentication_error") return GR_ERROR_AUTHENTICATION;
  if (type == "permission_error") return GR_ERROR_PERMISSION;
  if (type == "not_found_error") return GR_ERROR_NOT_FOUND;
  if (type == "rate_limit_error") return GR_ERROR_RATE_LIMITED;
  if (type == "overloaded_error") return GR_ERROR_OVERLOADED;
  if (type == "billing_error") return GR_ERROR_INSUFFICIENT_CREDITS;
  if (type == "timeout_error") return GR_ERROR_TIMEOUT;
  if (type == "api_error") return GR_ERROR_UPSTREAM;
  return status > 0 ? kindForStatus(status) : GR_ERROR_UPSTREAM;
}

sdk::Error AnthropicErrorMapper::fromEnvelope(const json::Object::Ptr& envelope, int status) {
  sdk::Error e;
  e.upstreamStatus = status;
  json::Object::Ptr error = json::getObject(envelope, "error");
  const std::string type = json::getString(error, "type").value_or("");
  e.upstreamType = type;
  e.kind = kindFor(type, status);
  e.message = json::getString(error, "message").value_or("");
  if (e.message.empty()) {
    e.message = status > 0 ? "upstream returned HTTP " + std::to_string(status)
                           : "upstream reported an error" + (type.empty() ? std::string() : " (" + type + ")");
  }
  // Anthropic has no error codes; recognise the context-window overflow so
  // clients see the same code as from OpenAI.
  if (e.kind == GR_ERROR_INVALID_REQUEST &&
      (contains(e.message, "prompt is too long") || contains(e.message, "exceed context limit") ||
       contains(e.message, "context window"))) {
    e.code = "context_length_exceeded";
    e.param = "messages";
  }
  return e;
}

sdk::Error AnthropicErrorMapper::fromHttp(const sdk::HttpResponse& response) {
  json::Object::Ptr envelope = json::asObject(json::tryParse(response.body));
  sdk::Error e;
  if (!envelope.isNull() && !json::getObject(envelope, "error").isNull()) {
    e = fromEnvelope(envelope, response.status);
  } else {
    e.kind = kindForStatus(response.status);
    e.upstreamStatus = response.status;
    e.message = "upstream returned HTTP " + std::to_string(response.status);
  }
  e.retryAfterMs = retryAfterMs(response);
  return e;
}

uint32_t AnthropicErrorMapper::retryAfterMs(const sdk::HttpResponse& response) {
  if (double ms = parseNumber(response.header("retry-after-ms")); ms >= 0) return clampMs(ms);
  if (double s = parseNumber(response.header("retry-after")); s >= 0) return clampMs(s * 1000.0);
  return 0;
}

}  // namespace gaiarouter::plugins::anthropic
