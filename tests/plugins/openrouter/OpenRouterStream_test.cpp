// Stream translation of the openrouter plugin: the real stream fixtures and
// the hand-written ones in tests/fixtures/openrouter (see the README there),
// each fed whole, byte by byte and split at every position.
#include "../openai_compatible/StreamHarness.h"
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenRouterProvider.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openrouter {
namespace {

using test::dataPayloads;
using test::ParserFactory;
using test::runAllSplits;
using test::runStream;
using test::runWhole;
using test::sharedFixture;
using test::StreamRun;
using test::testFixture;

constexpr std::string_view kBodyNoUsage =
    R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true})";
constexpr std::string_view kBodyWithUsage =
    R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}})";

ParserFactory factory(std::string_view clientBody) {
  return [clientBody] {
    sdk::ProviderConfig cfg;
    cfg.apiKey = "sk-or-v1-test";
    cfg.baseUrl = "https://openrouter.ai/api/v1";
    OpenRouterProvider provider(sdk::Host(nullptr), cfg);
    sdk::ChatRequest request;
    request.body = clientBody;
    request.upstreamModel = "openai/gpt-4o-mini";
    request.requestId = "req-or-1";
    request.stream = true;
    return provider.openStream(request);
  };
}

TEST(OpenRouterStream, KeepaliveCommentAloneIsAnIncompleteStream) {
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sharedFixture("openrouter/stream_keepalive_comment.sse"));
  EXPECT_TRUE(run.json.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_BAD_RESPONSE);
  EXPECT_EQ(run.errors[0].message, "upstream stream ended before completion");
}

TEST(OpenRouterStream, RealPrefixWithCommentsPassesChunksThroughThenReportsTruncation) {
  const std::string sse = sharedFixture("openrouter/stream_partial_with_keepalive_comments.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  // The comments are skipped; the chunks pass through byte for byte, with
  // provider and native_finish_reason.
  EXPECT_EQ(run.json, dataPayloads(sse));
  ASSERT_EQ(run.json.size(), 2u);
  EXPECT_NE(run.json[0].find(R"("provider":"OpenAI")"), std::string::npos);
  EXPECT_NE(run.json[1].find(R"("native_finish_reason":null)"), std::string::npos);
  EXPECT_NE(run.json[1].find("\"content\":\"\xe4\xba\x9a\""), std::string::npos);  // 亚, never split
  // The reporter cut the body short: no finish chunk, no [DONE].
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_BAD_RESPONSE);
}

TEST(OpenRouterStream, CompleteStreamWithCommentsAndCost) {
  const std::string sse = testFixture("openrouter/stream_text_cost.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  std::vector<std::string> expected = dataPayloads(sse);
  ASSERT_EQ(expected.size(), 6u);
  expected.pop_back();  // [DONE]
  expected.pop_back();  // the usage chunk the client did not ask for
  EXPECT_EQ(run.json, expected);
  EXPECT_NE(run.json[3].find(R"("finish_reason":"stop","native_finish_reason":"stop")"), std::string::npos);
  ASSERT_TRUE(run.usage.has_value());
  EXPECT_EQ(run.usage->prompt_tokens, 9);
  EXPECT_EQ(run.usage->completion_tokens, 3);
  EXPECT_EQ(run.usage->total_tokens, 12);
  EXPECT_EQ(run.usage->cached_prompt_tokens, 0);
  EXPECT_EQ(run.usage->reasoning_tokens, 0);
  EXPECT_DOUBLE_EQ(run.usage->cost_usd, 0.0000034);
}

TEST(OpenRouterStream, UsageChunkWithCostIsForwardedWhenTheClientAsked) {
  const std::string sse = testFixture("openrouter/stream_text_cost.sse");
  StreamRun run = runWhole(factory(kBodyWithUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  ASSERT_EQ(run.json.size(), 5u);
  EXPECT_NE(run.json[4].find(R"("choices":[],"usage":{"prompt_tokens":9)"), std::string::npos);
  EXPECT_NE(run.json[4].find(R"("cost":0.0000034)"), std::string::npos);
}

TEST(OpenRouterStream, MidStreamErrorChunkIsOneUpstreamError) {
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sharedFixture("openrouter/stream_midstream_error.sse"));
  EXPECT_TRUE(run.json.empty());  // the error chunk itself is not forwarded
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(run.errors[0].code, "server_error");
  EXPECT_EQ(run.errors[0].message, "Provider disconnected unexpectedly");
  EXPECT_EQ(run.errors[0].upstreamStatus, 0);
}

TEST(OpenRouterStream, NumericMidStreamErrorCodeIsClassifiedLikeAStatus) {
  StreamRun run = runAllSplits(factory(kBodyNoUsage), testFixture("openrouter/stream_midstream_error_numeric.sse"));
  ASSERT_EQ(run.json.size(), 1u);
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(run.errors[0].code, "429");
  EXPECT_EQ(run.errors[0].message, "Provider rate limit exceeded");
}

TEST(OpenRouterStream, MidStreamErrorKinds) {
  const std::pair<const char*, gr_error_kind> cases[] = {
      {"402", GR_ERROR_INSUFFICIENT_CREDITS}, {"429", GR_ERROR_RATE_LIMITED}, {"502", GR_ERROR_UPSTREAM},
      {"503", GR_ERROR_OVERLOADED},           {"\"server_error\"", GR_ERROR_UPSTREAM},
      {"\"rate_limit_exceeded\"", GR_ERROR_RATE_LIMITED}, {"\"something_new\"", GR_ERROR_UPSTREAM},
  };
  for (const auto& [code, kind] : cases) {
    const std::string sse = std::string(R"(data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"m","error":{"code":)") +
                            code + R"(,"message":"failed"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]})" +
                            "\n\n";
    StreamRun run = runWhole(factory(kBodyNoUsage), sse);
    ASSERT_EQ(run.errors.size(), 1u) << code;
    EXPECT_EQ(run.errors[0].kind, kind) << code;
    EXPECT_TRUE(run.json.empty());
  }
}

TEST(OpenRouterStream, OlderErrorInsideTheChoiceIsAnError) {
  const std::string sse =
      R"(data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})"
      "\n\n"
      R"(data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":""},"finish_reason":"error","native_finish_reason":"error","error":{"code":502,"message":"Provider returned error"}}]})"
      "\n\n";
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  ASSERT_EQ(run.json.size(), 1u);
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(run.errors[0].code, "502");
  EXPECT_EQ(run.errors[0].message, "Provider returned error");
}

TEST(OpenRouterStream, CancellationStopsEmitting) {
  const std::string sse = testFixture("openrouter/stream_text_cost.sse");
  StreamRun run = runStream(factory(kBodyWithUsage), {sse}, /*stopAfter=*/1);
  EXPECT_EQ(run.json.size(), 1u);
  EXPECT_TRUE(run.errors.empty());
}

}  // namespace
}  // namespace gaiarouter::plugins::openrouter
