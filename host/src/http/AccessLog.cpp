#include "http/AccessLog.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>

#include <cmath>
#include <sstream>

namespace gaiarouter {
namespace {

Poco::Dynamic::Var ms(const std::optional<double>& v) {
  if (!v) return Poco::Dynamic::Var();
  return std::round(*v * 1000.0) / 1000.0;
}

Poco::Dynamic::Var tokens(int64_t v) { return v < 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(static_cast<Poco::Int64>(v)); }

}  // namespace

std::string AccessLog::format(const RequestContext& ctx) {
  Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
  line.set("time", Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT));
  line.set("request_id", ctx.requestId);
  line.set("client", ctx.clientAddress);
  line.set("method", ctx.method);
  line.set("path", ctx.path);
  line.set("model", ctx.model.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(ctx.model));
  line.set("provider", ctx.provider.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(ctx.provider));
  line.set("stream", ctx.stream);
  line.set("status", ctx.status);
  line.set("error", ctx.errorCode.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(ctx.errorCode));
  line.set("latency_ms", ms(ctx.elapsedMs()));
  line.set("upstream_ms", ms(ctx.upstreamMs));
  line.set("ttfb_ms", ms(ctx.firstByteMs));
  line.set("attempts", ctx.upstreamAttempts);
  line.set("prompt_tokens", ctx.usage ? tokens(ctx.usage->prompt_tokens) : Poco::Dynamic::Var());
  line.set("completion_tokens", ctx.usage ? tokens(ctx.usage->completion_tokens) : Poco::Dynamic::Var());
  line.set("total_tokens", ctx.usage ? tokens(ctx.usage->total_tokens) : Poco::Dynamic::Var());
  if (ctx.clientGone) line.set("client_gone", true);
  std::ostringstream out;
  line.stringify(out);
  return out.str();
}

void AccessLog::write(const RequestContext& ctx) {
  static Poco::Logger& logger = Poco::Logger::get("gaiarouter.access");
  if (logger.information()) logger.information(format(ctx));
}

}  // namespace gaiarouter
