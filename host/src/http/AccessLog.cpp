#include "http/AccessLog.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Logger.h>
#include <Poco/UTF8String.h>
#include <fmt/format.h>

#include <iterator>

namespace gaiarouter {
namespace {

// Written with fmt rather than a JSON object: this runs for every request.
void text(fmt::memory_buffer& out, const char* key, const std::string& value) {
  if (value.empty()) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":null", key);
  } else {
    fmt::format_to(std::back_inserter(out), ",\"{}\":\"{}\"", key, Poco::UTF8::escape(value, true));
  }
}

void ms(fmt::memory_buffer& out, const char* key, const std::optional<double>& value) {
  if (value) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":{:.3f}", key, *value);
  } else {
    fmt::format_to(std::back_inserter(out), ",\"{}\":null", key);
  }
}

void tokens(fmt::memory_buffer& out, const char* key, const std::optional<gr_usage>& usage, int64_t gr_usage::*field) {
  if (usage && (*usage).*field >= 0) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":{}", key, (*usage).*field);
  } else {
    fmt::format_to(std::back_inserter(out), ",\"{}\":null", key);
  }
}

}  // namespace

std::string AccessLog::format(const RequestContext& ctx) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "{{\"time\":\"{}\"",
                 Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT));
  text(out, "request_id", ctx.requestId);
  text(out, "client", ctx.clientAddress);
  text(out, "method", ctx.method);
  text(out, "path", ctx.path);
  text(out, "caller", ctx.caller);
  text(out, "model", ctx.model);
  text(out, "provider", ctx.provider);
  fmt::format_to(std::back_inserter(out), ",\"stream\":{},\"status\":{}", ctx.stream, ctx.status);
  text(out, "error", ctx.errorCode);
  ms(out, "latency_ms", ctx.elapsedMs());
  ms(out, "upstream_ms", ctx.upstreamMs);
  ms(out, "ttfb_ms", ctx.firstByteMs);
  fmt::format_to(std::back_inserter(out), ",\"attempts\":{}", ctx.upstreamAttempts);
  tokens(out, "prompt_tokens", ctx.usage, &gr_usage::prompt_tokens);
  tokens(out, "completion_tokens", ctx.usage, &gr_usage::completion_tokens);
  tokens(out, "total_tokens", ctx.usage, &gr_usage::total_tokens);
  if (ctx.clientGone) fmt::format_to(std::back_inserter(out), ",\"client_gone\":true");
  out.push_back('}');
  return fmt::to_string(out);
}

void AccessLog::write(const RequestContext& ctx) {
  static Poco::Logger& logger = Poco::Logger::get("gaiarouter.access");
  if (logger.information()) logger.information(format(ctx));
}

}  // namespace gaiarouter
