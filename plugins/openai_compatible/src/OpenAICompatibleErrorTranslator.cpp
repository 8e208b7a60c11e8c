#include "OpenAICompatibleErrorTranslator.h"

#include "OpenAICompatibleJson.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace gaiarouter::plugins::openai_compatible {

namespace {

using Json = OpenAICompatibleJson;

constexpr double kMaxRetryAfterMs = 24.0 * 3600.0 * 1000.0;

// Parses a non-negative decimal number (digits with an optional fraction)
// at the start of `text`; advances `text` past it.
std::optional<double> leadingNumber(std::string_view& text) {
  std::size_t n = 0;
  bool digits = false;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '.')) {
    digits = digits || text[n] != '.';
    ++n;
  }
  if (!digits) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + n, value);
  if (ec != std::errc{} || end != text.data() + n) return std::nullopt;
  text.remove_prefix(n);
  return value;
}

std::optional<double> wholeNumber(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto value = leadingNumber(text);
  if (!value || !text.empty()) return std::nullopt;
  return value;
}

uint32_t clampMs(double ms) {
  if (!(ms > 0)) return 0;
  return static_cast<uint32_t>(std::ceil(std::min(ms, kMaxRetryAfterMs)));
}

// "Please try again in 1.5s." / "in 20ms" / "in 1m30s" → milliseconds.
std::optional<double> retryHintMs(std::string_view message) {
  constexpr std::string_view kMarker = "try again in ";
  const auto at = message.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = message.substr(at + kMarker.size());
  double total = 0;
  bool any = false;
  while (auto value = leadingNumber(rest)) {
    if (rest.substr(0, 2) == "ms") {
      total += *value;
      rest.remove_prefix(2);
    } else if (!rest.empty() && rest.front() == 's') {
      total += *value * 1000.0;
      rest.remove_prefix(1);
    } else if (!rest.empty() && rest.front() == 'm') {
      total += *value * 60000.0;
      rest.remove_prefix(1);
    } else if (!rest.empty() && rest.front() == 'h') {
      total += *value * 3600000.0;
      rest.remove_prefix(1);
    } else {
      break;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace

std::optional<gr_error_kind> OpenAICompatibleErrorTranslator::kindForCode(std::string_view code) noexcept {
  if (code.empty()) return std::nullopt;
  if (auto status = wholeNumber(code); status && *status >= 400 && *status < 600 && *status == std::floor(*status)) {
    return sdk::errorKindForStatus(static_cast<int>(*status));
  }
  static constexpr std::array<std::pair<std::string_view, gr_error_kind>, 29> kCodes{{
      {"rate_limit_exceeded", GR_ERROR_RATE_LIMITED},
      {"rate_limit_error", GR_ERROR_RATE_LIMITED},
      {"rate_limited", GR_ERROR_RATE_LIMITED},
      {"tokens", GR_ERROR_RATE_LIMITED},  // OpenAI's type of a TPM limit error
      {"requests", GR_ERROR_RATE_LIMITED},
      {"insufficient_quota", GR_ERROR_INSUFFICIENT_CREDITS},
      {"insufficient_credits", GR_ERROR_INSUFFICIENT_CREDITS},
      {"payment_required", GR_ERROR_INSUFFICIENT_CREDITS},
      {"server_error", GR_ERROR_UPSTREAM},
      {"internal_error", GR_ERROR_UPSTREAM},
      {"internal_server_error", GR_ERROR_UPSTREAM},
      {"api_error", GR_ERROR_UPSTREAM},
      {"overloaded", GR_ERROR_OVERLOADED},
      {"overloaded_error", GR_ERROR_OVERLOADED},
      {"server_overloaded", GR_ERROR_OVERLOADED},
      {"service_unavailable", GR_ERROR_OVERLOADED},
      {"timeout", GR_ERROR_TIMEOUT},
      {"request_timeout", GR_ERROR_TIMEOUT},
      {"invalid_request_error", GR_ERROR_INVALID_REQUEST},
      {"context_length_exceeded", GR_ERROR_INVALID_REQUEST},
      {"invalid_request", GR_ERROR_INVALID_REQUEST},
      {"bad_request", GR_ERROR_INVALID_REQUEST},
      {"authentication_error", GR_ERROR_AUTHENTICATION},
      {"invalid_api_key", GR_ERROR_AUTHENTICATION},
      {"permission_error", GR_ERROR_PERMISSION},
      {"permission_denied", GR_ERROR_PERMISSION},
      {"model_not_found", GR_ERROR_NOT_FOUND},
      {"not_found", GR_ERROR_NOT_FOUND},
      {"not_found_error", GR_ERROR_NOT_FOUND},
  }};
  for (const auto& [name, kind] : kCodes) {
    if (name == code) return kind;
  }
  return std::nullopt;
}

uint32_t OpenAICompatibleErrorTranslator::retryAfterMs(const sdk::HttpResponse& response, std::string_view message) {
  if (auto ms = sdk::retryAfterMs(response.header("retry-after-ms"), response.header("retry-after"))) return ms;
  if (auto hint = retryHintMs(message)) return clampMs(*hint);
  return 0;
}

void OpenAICompatibleErrorTranslator::readFields(const Poco::JSON::Object& error, sdk::Error& out) {
  out.message = Json::string(error, "message");
  out.upstreamType = Json::string(error, "type");
  out.param = Json::string(error, "param");
  out.code = Json::code(error, "code");
}

sdk::Error OpenAICompatibleErrorTranslator::fromHttpResponse(const sdk::HttpResponse& response) const {
  sdk::Error out;
  out.upstreamStatus = response.status;
  out.kind = sdk::errorKindForStatus(response.status);
  Poco::JSON::Object::Ptr error;
  if (Poco::JSON::Object::Ptr body = Json::parseObject(response.body); !body.isNull()) {
    if (body->isObject("error")) {
      error = body->getObject("error");
      readFields(*error, out);
    } else {
      out.message = Json::string(*body, "error");  // Ollama: {"error": "text"}
      if (out.message.empty() && body->has("message")) {  // vLLM: the fields at top level
        error = body;
        readFields(*error, out);
      }
    }
  }
  // OpenAI answers an exhausted quota with 429 too; waiting does not help.
  if (response.status == 429 && (out.code == "insufficient_quota" || out.upstreamType == "insufficient_quota")) {
    out.kind = GR_ERROR_INSUFFICIENT_CREDITS;
  }
  if (out.message.empty()) out.message = "upstream returned HTTP " + std::to_string(response.status);
  out.retryAfterMs = retryAfterMs(response, {});  // the headers win over what the body suggests
  if (!error.isNull()) dialect_.refineError(*error, out);
  if (out.retryAfterMs == 0) out.retryAfterMs = retryAfterMs(response, out.message);
  return out;
}

sdk::Error OpenAICompatibleErrorTranslator::fromEmbedded(const Poco::JSON::Object& error) const {
  sdk::Error out;
  readFields(error, out);
  out.kind = kindForCode(out.code).value_or(kindForCode(out.upstreamType).value_or(GR_ERROR_UPSTREAM));
  if (out.message.empty()) out.message = "upstream reported an error";
  dialect_.refineError(error, out);
  if (out.retryAfterMs == 0) {
    if (auto hint = retryHintMs(out.message)) out.retryAfterMs = clampMs(*hint);
  }
  return out;
}

}  // namespace gaiarouter::plugins::openai_compatible
