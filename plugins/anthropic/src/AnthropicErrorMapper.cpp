#include "AnthropicErrorMapper.h"

#include <string>

namespace gaiarouter::plugins::anthropic {

namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

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
  return status > 0 ? sdk::errorKindForStatus(status) : GR_ERROR_UPSTREAM;
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
    e.kind = sdk::errorKindForStatus(response.status);
    e.upstreamStatus = response.status;
    e.message = "upstream returned HTTP " + std::to_string(response.status);
  }
  e.retryAfterMs = retryAfterMs(response);
  return e;
}

uint32_t AnthropicErrorMapper::retryAfterMs(const sdk::HttpResponse& response) {
  return sdk::retryAfterMs(response.header("retry-after-ms"), response.header("retry-after"));
}

}  // namespace gaiarouter::plugins::anthropic
