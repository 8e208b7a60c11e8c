// Upstream faults through the real binary: each gives an exact client-visible
// result, retries happen only where they may, and nothing hangs.
#include "FakeUpstream.h"
#include "Fixtures.h"
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>

namespace gaiarouter::test {
namespace {

using Poco::JSON::Object;

Object::Ptr parse(const std::string& json) { return Poco::JSON::Parser().parse(json).extract<Object::Ptr>(); }

const std::string kBody = R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";
const std::string kStreamBody = R"({"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]})";
const std::string kAnthropicBody = R"({"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]})";
const std::string kGoogleBody = R"({"model":"google/gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})";

class Faults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    upstream_ = new FakeUpstream;
    GatewayProcess::Options o;
    o.yaml = GatewayProcess::config(R"(
providers:
  openai: {plugin: openai, base_url: ")" + upstream_->baseUrl() + R"(/v1"}
  anthropic: {plugin: anthropic, base_url: ")" + upstream_->baseUrl() + R"("}
  google: {plugin: google, base_url: ")" + upstream_->baseUrl() + R"("}
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini, max_output_tokens: 1000}
  - {id: anthropic/claude-sonnet-4-5, upstream: claude-sonnet-4-5, max_output_tokens: 1000}
  - {id: google/gemini-2.5-flash, upstream: gemini-2.5-flash, max_output_tokens: 1000}
)");
    o.env = {{"OPENAI_API_KEY", "sk-faults-openai"}, {"ANTHROPIC_API_KEY", "sk-ant-faults"}, {"GOOGLE_API_KEY", "AIzaFaultsKey000000000000"}};
    gateway_ = new GatewayProcess(o);
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete upstream_;
  }
  void SetUp() override { before_ = upstream_->requestCount(); }
  std::size_t upstreamHits() const { return upstream_->requestCount() - before_; }

  static HttpResult post(const std::string& body) {
    return httpRequest(gateway_->port(), "POST", "/v1/chat/completions", body, bearer(kTestAdminKey));
  }
  static void expectError(const HttpResult& r, int status, const std::string& type, const std::string& code) {
    ASSERT_EQ(r.status, status) << r.body;
    auto e = r.error();
    EXPECT_EQ(e->getValue<std::string>("type"), type) << r.body;
    EXPECT_EQ(e->getValue<std::string>("code"), code) << r.body;
    EXPECT_FALSE(e->getValue<std::string>("message").empty());
  }

  static GatewayProcess* gateway_;
  static FakeUpstream* upstream_;
  std::size_t before_ = 0;
};
GatewayProcess* Faults::gateway_ = nullptr;
FakeUpstream* Faults::upstream_ = nullptr;

TEST_F(Faults, Upstream401IsABadGatewayNamingTheProviderAndIsNotRetried) {
  upstream_->enqueue(ScriptedReply::json(401, sharedFixture("openai/error_401_invalid_api_key.json")));
  auto r = post(kBody);
  expectError(r, 502, "upstream_error", "upstream_authentication_failed");
  EXPECT_NE(r.error()->getValue<std::string>("message").find("openai"), std::string::npos);
  EXPECT_NE(r.error()->getValue<std::string>("message").find("401"), std::string::npos);
  EXPECT_EQ(r.error()->getObject("metadata")->getValue<int>("upstream_status"), 401);
  EXPECT_EQ(upstreamHits(), 1u);
}

TEST_F(Faults, Upstream429IsRetriedThenPassedOn) {
  for (int i = 0; i < 4; ++i) upstream_->enqueue(ScriptedReply::json(429, sharedFixture("openai/error_429_rate_limit_exceeded_tokens.json")));
  auto r = post(kBody);
  expectError(r, 429, "rate_limit_error", "rate_limit_exceeded");
  EXPECT_EQ(upstreamHits(), 4u) << "one try and max_retries (3) retries";
}

TEST_F(Faults, ALongRetryAfterIsNotWaitedForButPassedOn) {
  auto reply = ScriptedReply::json(429, sharedFixture("openai/error_429_rate_limit_exceeded_tokens.json"));
  reply.headers.emplace_back("Retry-After", "30");
  upstream_->enqueue(reply);
  auto r = post(kBody);
  expectError(r, 429, "rate_limit_error", "rate_limit_exceeded");
  EXPECT_EQ(r.header("retry-after"), "30");
  EXPECT_EQ(upstreamHits(), 1u);
}

TEST_F(Faults, A500IsRetriedAndTheRetrySucceeds) {
  upstream_->enqueue(ScriptedReply::json(500, R"({"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}})"));
  upstream_->enqueue(ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json")));
  auto r = post(kBody);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(upstreamHits(), 2u);
}

TEST_F(Faults, Anthropic529IsOverloadedAfterRetries) {
  for (int i = 0; i < 4; ++i) upstream_->enqueue(ScriptedReply::json(529, sharedFixture("anthropic/error_529_overloaded_error.json")));
  auto r = post(kAnthropicBody);
  expectError(r, 503, "upstream_error", "upstream_overloaded");
  EXPECT_EQ(r.error()->getObject("metadata")->getValue<std::string>("upstream_type"), "overloaded_error");
  EXPECT_EQ(upstreamHits(), 4u);
}

TEST_F(Faults, ClientErrorsFromTheUpstreamKeepTheirMessageCodeAndParam) {
  const std::string fixture = sharedFixture("openai/error_400_context_length_exceeded.json");
  upstream_->enqueue(ScriptedReply::json(400, fixture));
  auto r = post(kBody);
  expectError(r, 400, "invalid_request_error", "context_length_exceeded");
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "messages");
  EXPECT_EQ(r.error()->getValue<std::string>("message"), parse(fixture)->getObject("error")->getValue<std::string>("message"));
  EXPECT_EQ(upstreamHits(), 1u);

  upstream_->enqueue(ScriptedReply::json(400, sharedFixture("anthropic/error_400_tool_use_without_tool_result.json")));
  auto a = post(kAnthropicBody);
  ASSERT_EQ(a.status, 400) << a.body;
  EXPECT_NE(a.error()->getValue<std::string>("message").find("tool_use"), std::string::npos) << a.body;
}

TEST_F(Faults, GoogleInvalidKeyIsAnAuthenticationFailureDespiteHttp400) {
  upstream_->enqueue(ScriptedReply::json(400, sharedFixture("google/error_400_api_key_invalid.json")));
  expectError(post(kGoogleBody), 502, "upstream_error", "upstream_authentication_failed");
}

TEST_F(Faults, SilenceBeyondTheRequestTimeoutIs504) {
  auto reply = ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json"));
  reply.fault = ScriptedReply::Fault::Hang;
  reply.faultAfter = 0;
  upstream_->enqueue(reply);
  expectError(post(kBody), 504, "timeout_error", "upstream_timeout");
  EXPECT_TRUE(upstream_->waitForAborted(1, std::chrono::seconds(5))) << "the gateway must drop the silent connection";
}

TEST_F(Faults, ConnectionResetIs502) {
  auto reply = ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json"));
  reply.fault = ScriptedReply::Fault::Reset;
  reply.faultAfter = 0;
  upstream_->enqueue(reply);
  auto r = post(kBody);
  ASSERT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(r.error()->getValue<std::string>("type"), "upstream_error");
}

TEST_F(Faults, GarbageAndTruncatedBodiesAre502BadUpstreamResponse) {
  upstream_->enqueue(ScriptedReply::json(200, "<html>this is not json</html>"));
  expectError(post(kBody), 502, "upstream_error", "bad_upstream_response");
  const std::string fixture = sharedFixture("openai/chat_completion_text.response.json");
  auto truncated = ScriptedReply::json(200, fixture.substr(0, fixture.size() / 2));
  upstream_->enqueue(truncated);
  expectError(post(kBody), 502, "upstream_error", "bad_upstream_response");
}

TEST_F(Faults, ATruncatedStreamEndsWithOneErrorEventThenDone) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  auto reply = ScriptedReply::sse(sse);
  ASSERT_GE(reply.pieces.size(), 4u);
  reply.fault = ScriptedReply::Fault::Close;
  reply.faultAfter = 2;  // two events, then the upstream goes away
  upstream_->enqueue(reply);
  SseStream stream(gateway_->port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
  ASSERT_EQ(stream.status(), 200);
  auto events = stream.rest();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back().data, "[DONE]");
  auto error = parse(events[events.size() - 2].data)->getObject("error");
  ASSERT_TRUE(error) << events[events.size() - 2].data;
  EXPECT_EQ(error->getValue<std::string>("type"), "upstream_error");
  int errors = 0;
  for (const auto& e : events) errors += e.data.find("\"error\"") != std::string::npos;
  EXPECT_EQ(errors, 1);
}

TEST_F(Faults, AStreamThatFailsBeforeItStartsIsAPlainHttpError) {
  upstream_->enqueue(ScriptedReply::json(401, sharedFixture("openai/error_401_invalid_api_key.json")));
  SseStream stream(gateway_->port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
  EXPECT_EQ(stream.status(), 502);
  EXPECT_EQ(parse(stream.body())->getObject("error")->getValue<std::string>("code"), "upstream_authentication_failed");
}

TEST(FaultsUnreachable, ARefusedConnectionIsRetriedThen502) {
  uint16_t closedPort;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    closedPort = probe.address().port();
  }  // closed again: connections to it are refused
  GatewayProcess::Options o;
  o.yaml = GatewayProcess::config(R"(
providers:
  openai: {plugin: openai, base_url: "http://127.0.0.1:)" + std::to_string(closedPort) + R"(/v1"}
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini}
)");
  o.env = {{"OPENAI_API_KEY", "sk-unreachable"}};
  GatewayProcess gateway(o);
  auto r = httpRequest(gateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  ASSERT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(r.error()->getValue<std::string>("code"), "upstream_unreachable");
  gateway.stop();
  EXPECT_NE(gateway.logText().find("\"attempts\":4"), std::string::npos) << "three retries expected";
}

TEST(FaultsProduction, ProductionModeHidesUpstreamBodies) {
  FakeUpstream upstream;
  upstream.setDefault(ScriptedReply::json(500, R"({"error":{"message":"internal stack trace at db.cc:42","type":"server_error"}})"));
  GatewayProcess::Options o;
  o.yaml = GatewayProcess::config(R"(
providers:
  openai: {plugin: openai, base_url: ")" + upstream.baseUrl() + R"(/v1"}
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini}
)");
  o.env = {{"OPENAI_API_KEY", "sk-prod"}, {"GAIAROUTER_MODE", "production"},
           {"GAIAROUTER_JWT_SECRET", "an-e2e-session-secret-of-at-least-32-bytes"}};
  GatewayProcess gateway(o);
  auto r = httpRequest(gateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  ASSERT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(r.body.find("stack trace"), std::string::npos) << r.body;
  EXPECT_EQ(r.error()->getObject("metadata")->getValue<std::string>("provider"), "openai");

  GatewayProcess::Options dev = o;
  dev.env["GAIAROUTER_MODE"] = "development";
  GatewayProcess devGateway(dev);
  auto d = httpRequest(devGateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  EXPECT_NE(d.body.find("stack trace"), std::string::npos) << "development mode shows the upstream body: " << d.body;
}

}  // namespace
}  // namespace gaiarouter::test
