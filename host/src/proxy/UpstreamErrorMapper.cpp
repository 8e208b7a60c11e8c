#include "proxy/UpstreamErrorMapper.h"

#include "logging/SecretRedactor.h"

#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <sstream>

namespace gaiarouter {
namespace {

std::string statusText(int status) { return status > 0 ? fmt::format(" (HTTP {})", status) : std::string(); }

}  // namespace

std::string UpstreamErrorMapper::metadata(const ProviderError& error, std::string_view rawBody) const {
  Poco::JSON::Object meta(Poco::JSON_PRESERVE_KEY_ORDER);
  meta.set("provider", providerId_);
  if (error.upstreamStatus > 0) meta.set("upstream_status", error.upstreamStatus);
  if (!error.upstreamType.empty()) meta.set("upstream_type", error.upstreamType);
  if (!production_) {
    if (!error.message.empty()) meta.set("upstream_message", SecretRedactor::global().redact(error.message));
    if (!rawBody.empty()) {
      meta.set("raw", SecretRedactor::global().redact(std::string(rawBody.substr(0, 4096))));
    }
  }
  std::ostringstream out;
  meta.stringify(out);
  return out.str();
}

ApiError UpstreamErrorMapper::map(const ProviderError& e, std::string_view rawBody) const {
  ApiError out;
  out.metadataJson = metadata(e, rawBody);
  const std::string upstreamMessage = SecretRedactor::global().redact(e.message);
  const std::string& p = providerId_;
  switch (e.kind) {
    case GR_ERROR_INVALID_REQUEST:
      // The client's request was at fault: it needs the upstream's words.
      out.status = 400;
      out.type = "invalid_request_error";
      out.code = e.code;
      out.param = e.param;
      out.message = upstreamMessage.empty() ? fmt::format("Provider '{}' rejected the request.", p) : upstreamMessage;
      break;
    case GR_ERROR_AUTHENTICATION:
      out.status = 502;
      out.type = "upstream_error";
      out.code = "upstream_authentication_failed";
      out.message = fmt::format("Provider '{}' rejected the gateway's credentials{}.", p, statusText(e.upstreamStatus));
      break;
    case GR_ERROR_PERMISSION:
      out.status = 403;
      out.type = "permission_error";
      out.code = e.code.empty() ? "upstream_permission_denied" : e.code;
      out.message = fmt::format("Provider '{}' refused the request{}{}{}", p, statusText(e.upstreamStatus),
                                upstreamMessage.empty() ? "" : ": ", upstreamMessage.empty() ? "." : upstreamMessage);
      break;
    case GR_ERROR_NOT_FOUND:
      out.status = 502;
      out.type = "upstream_error";
      out.code = "upstream_model_not_found";
      out.message = fmt::format("Provider '{}' does not know the requested model{}.", p, statusText(e.upstreamStatus));
      break;
    case GR_ERROR_RATE_LIMITED:
      out.status = 429;
      out.type = "rate_limit_error";
      out.code = "rate_limit_exceeded";
      out.message = fmt::format("Provider '{}' is rate limiting requests{}; retry later.", p, statusText(e.upstreamStatus));
      if (e.retryAfterMs > 0) out.headers.emplace_back("Retry-After", std::to_string((e.retryAfterMs + 999) / 1000));
      break;
    case GR_ERROR_OVERLOADED:
      out.status = 503;
      out.type = "upstream_error";
      out.code = "upstream_overloaded";
      out.message = fmt::format("Provider '{}' is overloaded{}; retry later.", p, statusText(e.upstreamStatus));
      if (e.retryAfterMs > 0) out.headers.emplace_back("Retry-After", std::to_string((e.retryAfterMs + 999) / 1000));
      break;
    case GR_ERROR_TIMEOUT:
      out.status = 504;
      out.type = "timeout_error";
      out.code = "upstream_timeout";
      out.message = fmt::format("Provider '{}' timed out{}.", p, statusText(e.upstreamStatus));
      break;
    case GR_ERROR_INSUFFICIENT_CREDITS:
      out.status = 502;
      out.type = "upstream_error";
      out.code = "upstream_insufficient_credits";
      out.message = fmt::format("Provider '{}' reports that the gateway's account has insufficient credits{}.", p,
                                statusText(e.upstreamStatus));
      break;
    case GR_ERROR_BAD_RESPONSE:
      out.status = 502;
      out.type = "upstream_error";
      out.code = "bad_upstream_response";
      out.message = fmt::format("Provider '{}' sent an invalid response{}: {}", p, statusText(e.upstreamStatus),
                                upstreamMessage.empty() ? "unreadable" : upstreamMessage);
      break;
    case GR_ERROR_INTERNAL:
      out.status = 500;
      out.type = "server_error";
      out.code = "plugin_error";
      out.message = production_ ? fmt::format("The '{}' provider plugin failed.", p)
                                : fmt::format("The '{}' provider plugin failed: {}", p, upstreamMessage);
      break;
    case GR_ERROR_UPSTREAM:
    default:
      out.status = 502;
      out.type = "upstream_error";
      out.code = "upstream_error";
      out.message = fmt::format("Provider '{}' failed{}.", p, statusText(e.upstreamStatus));
      break;
  }
  return out;
}

ApiError UpstreamErrorMapper::map(const UpstreamFailure& f) const {
  ApiError out;
  out.type = "upstream_error";
  out.status = 502;
  const std::string detail = production_ ? std::string() : ": " + SecretRedactor::global().redact(f.what());
  switch (f.reason()) {
    case UpstreamFailure::Reason::Connect:
      out.code = "upstream_unreachable";
      out.message = fmt::format("Could not connect to provider '{}'{}.", providerId_, detail);
      break;
    case UpstreamFailure::Reason::Tls:
      out.code = "upstream_tls_error";
      out.message = fmt::format("TLS with provider '{}' failed{}.", providerId_, detail);
      break;
    case UpstreamFailure::Reason::Timeout:
      out.status = 504;
      out.type = "timeout_error";
      out.code = "upstream_timeout";
      out.message = fmt::format("Provider '{}' did not answer in time.", providerId_);
      break;
    case UpstreamFailure::Reason::Reset:
      out.code = "upstream_connection_lost";
      out.message = fmt::format("The connection to provider '{}' was lost{}.", providerId_, detail);
      break;
    case UpstreamFailure::Reason::Protocol:
      out.code = "bad_upstream_response";
      out.message = fmt::format("Provider '{}' sent an invalid HTTP response{}.", providerId_, detail);
      break;
  }
  Poco::JSON::Object meta;
  meta.set("provider", providerId_);
  std::ostringstream json;
  meta.stringify(json);
  out.metadataJson = json.str();
  return out;
}

}  // namespace gaiarouter
