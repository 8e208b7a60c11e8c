// Response and error translation of the openrouter plugin: every error
// fixture, plus a hand-written response with usage.cost
// (tests/fixtures/openrouter/chat_completion_cost.response.json).
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenRouterProvider.h"

#include <OpenAICompatibleJson.h>

#include <Poco/JSON/Array.h>

#include <chrono>
#include <gtest/gtest.h>

namespace gaiarouter::plugins::openrouter {
namespace {

using openai_compatible::OpenAICompatibleJson;
using test::EventRecorder;
using test::sharedFixture;
using test::testFixture;

std::unique_ptr<EventRecorder> translate(int status, const std::string& body,
                                         std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
  sdk::ProviderConfig cfg;
  cfg.apiKey = "sk-or-v1-test";
  cfg.baseUrl = "https://openrouter.ai/api/v1";
  OpenRouterProvider provider(sdk::Host(nullptr), cfg);
  sdk::ChatRequest request;
  request.body = R"({"model":"qwen/qwen3-32b","messages":[{"role":"user","content":"Hi"}]})";
  request.upstreamModel = "qwen/qwen3-32b";
  request.requestId = "req-or-1";
  sdk::HttpResponse response;
  response.status = status;
  response.body = body;
  response.headers = std::move(headers);
  auto recorder = std::make_unique<EventRecorder>();
  sdk::EventSink sink = recorder->cpp();
  try {
    provider.translateResponse(request, response, sink);
  } catch (const sdk::ProviderError& e) {
    sink.error(e.error());
  }
  return recorder;
}

TEST(OpenRouterResponse, CostAndExtensionsAreKept) {
  const std::string fixture = testFixture("openrouter/chat_completion_cost.response.json");
  auto r = translate(200, fixture);
  ASSERT_TRUE(r->errors.empty());
  ASSERT_EQ(r->json.size(), 1u);
  EXPECT_EQ(r->json[0], fixture);  // forwarded unchanged
  auto out = OpenAICompatibleJson::parseObject(r->json[0]);
  EXPECT_EQ(out->getValue<std::string>("provider"), "DeepInfra");
  auto choice = out->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("native_finish_reason"), "stop");
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "Hello! How can I help you today?");
  EXPECT_DOUBLE_EQ(out->getObject("usage")->getValue<double>("cost"), 0.0000213);
  ASSERT_TRUE(r->usage.has_value());
  EXPECT_EQ(r->usage->prompt_tokens, 9);
  EXPECT_EQ(r->usage->completion_tokens, 42);
  EXPECT_EQ(r->usage->total_tokens, 51);
  EXPECT_EQ(r->usage->cached_prompt_tokens, 4);
  EXPECT_EQ(r->usage->reasoning_tokens, 31);
  EXPECT_DOUBLE_EQ(r->usage->cost_usd, 0.0000213);
}

struct ErrorCase {
  const char* fixture;
  int status;
  gr_error_kind kind;
  const char* code;
  const char* param;
  const char* type;
  const char* message;
};

class OpenRouterErrorFixture : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(OpenRouterErrorFixture, IsClassified) {
  const ErrorCase& c = GetParam();
  auto r = translate(c.status, sharedFixture(c.fixture));
  EXPECT_TRUE(r->json.empty());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].kind, c.kind);
  EXPECT_EQ(r->errors[0].upstreamStatus, c.status);
  EXPECT_EQ(r->errors[0].code, c.code);
  EXPECT_EQ(r->errors[0].param, c.param);
  EXPECT_EQ(r->errors[0].upstreamType, c.type);
  EXPECT_EQ(r->errors[0].message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    AllErrorFixtures, OpenRouterErrorFixture,
    ::testing::Values(
        ErrorCase{"openrouter/error_400_invalid_model_docs.json", 400, GR_ERROR_INVALID_REQUEST, "400", "", "",
                  "Invalid model specified"},
        ErrorCase{"openrouter/error_401_user_not_found.json", 401, GR_ERROR_AUTHENTICATION, "401", "", "",
                  "User not found."},
        ErrorCase{"openrouter/error_403_guardrail_docs.json", 403, GR_ERROR_PERMISSION, "403", "", "",
                  "Request blocked: prompt injection patterns detected"},
        // The model exists but no provider behind it serves tools: NOT_FOUND
        // (another route may serve it), param naming the field that needs it.
        ErrorCase{"openrouter/error_404_no_endpoints_tool_use.json", 404, GR_ERROR_NOT_FOUND, "404", "tools", "",
                  "No endpoints found that support tool use. To learn more about provider routing, visit: "
                  "https://openrouter.ai/docs/provider-routing"},
        ErrorCase{"openrouter/error_429_provider_rate_limit_docs.json", 429, GR_ERROR_RATE_LIMITED, "429", "",
                  "rate_limit_exceeded", "Rate limit exceeded"}));

TEST(OpenRouterResponse, OutOfCreditsIsInsufficientCredits) {
  auto r = translate(402, R"({"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits"},"user_id":"user_2abc"})");
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].kind, GR_ERROR_INSUFFICIENT_CREDITS);
  EXPECT_EQ(r->errors[0].code, "402");
  EXPECT_EQ(r->errors[0].retryAfterMs, 0u);
}

TEST(OpenRouterResponse, RateLimitRetryAfter) {
  const std::string body = sharedFixture("openrouter/error_429_provider_rate_limit_docs.json");
  EXPECT_EQ(translate(429, body, {{"Retry-After", "3"}})->errors.at(0).retryAfterMs, 3000u);
  // Free-tier bodies carry the reset time (epoch ms) in metadata.headers.
  const int64_t inOneMinute =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
      60000;
  auto r = translate(429, R"({"error":{"message":"Rate limit exceeded: free-models-per-day.","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":")" +
                              std::to_string(inOneMinute) + R"("}}}})");
  EXPECT_GT(r->errors.at(0).retryAfterMs, 50000u);
  EXPECT_LE(r->errors.at(0).retryAfterMs, 60000u);
  // The header wins over the body.
  EXPECT_EQ(translate(429, R"({"error":{"message":"x","code":429,"metadata":{"headers":{"X-RateLimit-Reset":)" +
                               std::to_string(inOneMinute) + R"(}}}})",
                      {{"retry-after", "2"}})
                ->errors.at(0)
                .retryAfterMs,
            2000u);
}

TEST(OpenRouterResponse, ErrorFinishReasonInA200BodyIsAnError) {
  auto r = translate(200,
                     R"({"id":"gen-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"error","native_finish_reason":"error","error":{"code":502,"message":"Upstream provider error"}}]})");
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(r->errors[0].message, "Upstream provider error");
  EXPECT_TRUE(r->json.empty());
}

}  // namespace
}  // namespace gaiarouter::plugins::openrouter
