#include "http/AccessLog.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

namespace gaiarouter {
namespace {

Poco::JSON::Object::Ptr parse(const std::string& line) {
  return Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
}

TEST(AccessLog, OneJsonObjectWithEveryField) {
  RequestContext ctx;
  ctx.requestId = "req_1";
  ctx.clientAddress = "127.0.0.1";
  ctx.method = "POST";
  ctx.path = "/v1/chat/completions?x=\"quoted\"\n";
  ctx.model = "anthropic/claude-sonnet-4-5";
  ctx.provider = "anthropic";
  ctx.stream = true;
  ctx.status = 200;
  ctx.upstreamAttempts = 2;
  ctx.upstreamMs = 12.5;
  ctx.firstByteMs = 3.25;
  gr_usage usage{};
  usage.prompt_tokens = 10;
  usage.completion_tokens = 5;
  usage.total_tokens = 15;
  ctx.usage = usage;
  ctx.clientGone = true;
  auto line = AccessLog::format(ctx);
  EXPECT_EQ(line.find('\n'), std::string::npos) << "one line per request";
  auto o = parse(line);
  EXPECT_EQ(o->getValue<std::string>("request_id"), "req_1");
  EXPECT_EQ(o->getValue<std::string>("path"), "/v1/chat/completions?x=\"quoted\"\n");
  EXPECT_EQ(o->getValue<std::string>("model"), "anthropic/claude-sonnet-4-5");
  EXPECT_EQ(o->getValue<std::string>("provider"), "anthropic");
  EXPECT_TRUE(o->getValue<bool>("stream"));
  EXPECT_EQ(o->getValue<int>("status"), 200);
  EXPECT_TRUE(o->isNull("error"));
  EXPECT_DOUBLE_EQ(o->getValue<double>("upstream_ms"), 12.5);
  EXPECT_DOUBLE_EQ(o->getValue<double>("ttfb_ms"), 3.25);
  EXPECT_GE(o->getValue<double>("latency_ms"), 0.0);
  EXPECT_EQ(o->getValue<int>("attempts"), 2);
  EXPECT_EQ(o->getValue<int>("prompt_tokens"), 10);
  EXPECT_EQ(o->getValue<int>("completion_tokens"), 5);
  EXPECT_EQ(o->getValue<int>("total_tokens"), 15);
  EXPECT_TRUE(o->getValue<bool>("client_gone"));
  EXPECT_FALSE(o->getValue<std::string>("time").empty());
}

TEST(AccessLog, UnknownValuesAreNull) {
  RequestContext ctx;
  ctx.requestId = "req_2";
  ctx.method = "GET";
  ctx.path = "/health";
  ctx.status = 200;
  auto o = parse(AccessLog::format(ctx));
  for (const char* key : {"model", "provider", "error", "upstream_ms", "ttfb_ms", "prompt_tokens", "total_tokens"}) {
    EXPECT_TRUE(o->has(key) && o->isNull(key)) << key;
  }
  EXPECT_FALSE(o->has("client_gone"));
}

}  // namespace
}  // namespace gaiarouter
