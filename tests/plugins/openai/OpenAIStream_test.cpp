// Stream translation of the openai plugin: the real stream fixtures plus the
// hand-written ones in tests/fixtures/openai (see the README there), each fed
// whole, byte by byte and split at every position.
#include "../openai_compatible/StreamHarness.h"
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenAIProvider.h"

#include <OpenAICompatibleJson.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openai {
namespace {

using openai_compatible::OpenAICompatibleJson;
using test::dataPayloads;
using test::ParserFactory;
using test::runAllSplits;
using test::runStream;
using test::runWhole;
using test::sharedFixture;
using test::StreamRun;
using test::testFixture;

constexpr std::string_view kBodyNoUsage =
    R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true})";
constexpr std::string_view kBodyWithUsage =
    R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}})";

ParserFactory factory(std::string_view clientBody) {
  return [clientBody] {
    sdk::ProviderConfig cfg;
    cfg.apiKey = "sk-test";
    cfg.baseUrl = "https://api.openai.com/v1";
    OpenAIProvider provider(sdk::Host(nullptr), cfg);
    sdk::ChatRequest request;
    request.body = clientBody;
    request.upstreamModel = "gpt-4o";
    request.requestId = "req-1";
    request.stream = true;
    return provider.openStream(request);
  };
}

// The payloads of `sse` without [DONE]; without the usage-only chunk unless `withUsageChunk`.
std::vector<std::string> expectedChunks(const std::string& sse, bool withUsageChunk) {
  std::vector<std::string> out;
  for (auto& payload : dataPayloads(sse)) {
    if (payload == "[DONE]") continue;
    if (!withUsageChunk && payload.find(R"("choices":[])") != std::string::npos) continue;
    out.push_back(payload);
  }
  return out;
}

void expectUsage(const StreamRun& run, int64_t prompt, int64_t completion, int64_t total) {
  ASSERT_TRUE(run.usage.has_value());
  EXPECT_EQ(run.usage->prompt_tokens, prompt);
  EXPECT_EQ(run.usage->completion_tokens, completion);
  EXPECT_EQ(run.usage->total_tokens, total);
  EXPECT_EQ(run.usage->cached_prompt_tokens, -1);
  EXPECT_EQ(run.usage->reasoning_tokens, -1);
  EXPECT_LT(run.usage->cost_usd, 0);
}

TEST(OpenAIStream, TextWithoutClientUsage) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  // 13 KB: every split in the first and last 1.5 KB, every 11th in between
  // (the 7.6 KB tool-call stream below is split at every position).
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse, test::SplitPlan{1500, 11});
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json, expectedChunks(sse, false));  // verbatim, no usage chunk, no [DONE]
  ASSERT_EQ(run.json.size(), 49u);
  EXPECT_NE(run.json.front().find(R"("delta":{"role":"assistant","content":"","refusal":null})"), std::string::npos);
  EXPECT_NE(run.json.back().find(R"("finish_reason":"stop")"), std::string::npos);
  expectUsage(run, 14, 47, 61);
}

TEST(OpenAIStream, TextWithClientUsageKeepsTheUsageChunk) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  StreamRun run = runWhole(factory(kBodyWithUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json, expectedChunks(sse, true));
  ASSERT_EQ(run.json.size(), 50u);
  EXPECT_NE(run.json.back().find(R"("choices":[],"usage":{"prompt_tokens":14,"completion_tokens":47,"total_tokens":61})"),
            std::string::npos);
  expectUsage(run, 14, 47, 61);
}

TEST(OpenAIStream, ParallelToolCallDeltasPassThrough) {
  const std::string sse = sharedFixture("openai/chat_completion_parallel_tool_calls_stream_include_usage.sse");
  StreamRun run = runAllSplits(factory(kBodyWithUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json, expectedChunks(sse, true));
  expectUsage(run, 149, 60, 209);

  // The deltas reassemble into the two calls with JSON-string arguments.
  std::string arguments[2];
  std::string names[2];
  for (const auto& chunk : run.json) {
    auto object = OpenAICompatibleJson::parseObject(chunk);
    ASSERT_FALSE(object.isNull());
    auto choices = object->getArray("choices");
    if (choices->size() == 0) continue;
    auto calls = choices->getObject(0)->getObject("delta")->getArray("tool_calls");
    if (calls.isNull()) continue;
    for (std::size_t i = 0; i < calls->size(); ++i) {
      auto call = calls->getObject(static_cast<unsigned>(i));
      const int index = call->getValue<int>("index");
      ASSERT_TRUE(index == 0 || index == 1);
      auto function = call->getObject("function");
      if (function->has("name")) names[index] += function->getValue<std::string>("name");
      arguments[index] += function->getValue<std::string>("arguments");
    }
  }
  EXPECT_EQ(names[0], "GetWeatherArgs");
  EXPECT_EQ(names[1], "get_stock_price");
  EXPECT_EQ(arguments[0], R"({"city": "Edinburgh", "country": "UK", "units": "c"})");
  EXPECT_EQ(arguments[1], R"({"ticker": "AAPL", "exchange": "NASDAQ"})");
}

TEST(OpenAIStream, RefusalDeltasPassThrough) {
  const std::string sse = testFixture("openai/stream_refusal.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json, expectedChunks(sse, false));
  ASSERT_EQ(run.json.size(), 4u);
  EXPECT_NE(run.json[1].find(R"("delta":{"refusal":"I'm very sorry,"})"), std::string::npos);
  EXPECT_FALSE(run.usage.has_value());
}

TEST(OpenAIStream, InStreamRateLimitErrorIsOneError) {
  const std::string sse = testFixture("openai/stream_error_rate_limit.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  ASSERT_EQ(run.json.size(), 2u);  // the chunks before the error
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(run.errors[0].code, "rate_limit_exceeded");
  EXPECT_EQ(run.errors[0].upstreamType, "requests");
  EXPECT_EQ(run.errors[0].retryAfterMs, 120u);
  EXPECT_EQ(run.errors[0].message.rfind("Rate limit reached for gpt-4o", 0), 0u);
}

TEST(OpenAIStream, InStreamServerErrorIsUpstream) {
  const std::string sse = testFixture("openai/stream_server_error.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  ASSERT_EQ(run.json.size(), 1u);
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(run.errors[0].upstreamType, "server_error");
  EXPECT_EQ(run.errors[0].code, "");
  EXPECT_EQ(run.errors[0].message, "The server had an error while processing your request. Sorry about that!");
}

TEST(OpenAIStream, CompatibleServerWithoutDoneEndsQuietlyAfterFinishReason) {
  const std::string sse = testFixture("openai/stream_crlf_no_done.sse");
  StreamRun run = runAllSplits(factory(kBodyNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  ASSERT_EQ(run.json.size(), 3u);
  // The usage the client did not ask for is taken off the chunk that carried it.
  EXPECT_EQ(run.json[2].find("usage"), std::string::npos);
  EXPECT_NE(run.json[2].find(R"("finish_reason":"stop","stop_reason":null)"), std::string::npos);
  expectUsage(run, 12, 3, 15);

  StreamRun asked = runWhole(factory(kBodyWithUsage), sse);
  EXPECT_EQ(asked.json, expectedChunks(sse, true));
}

TEST(OpenAIStream, TruncatedAnywhereBeforeTheFinishReasonIsOneBadResponse) {
  const std::string sse = sharedFixture("openai/chat_completion_parallel_tool_calls_stream_include_usage.sse");
  const StreamRun whole = runWhole(factory(kBodyWithUsage), sse);
  // The finish chunk counts once its JSON is complete (even without its blank line).
  const std::size_t finishAt = sse.find(R"("finish_reason":"tool_calls"}]})");
  ASSERT_NE(finishAt, std::string::npos);
  const std::size_t finishEnd = finishAt + std::string_view(R"("finish_reason":"tool_calls"}]})").size();
  // Every cut within 400 bytes of the finish chunk's end, every 7th elsewhere.
  for (std::size_t cut = 0; cut < sse.size(); ++cut) {
    if (cut + 400 < finishEnd || cut > finishEnd + 400) {
      if (cut % 7 != 0) continue;
    }
    StreamRun run = runStream(factory(kBodyWithUsage), {std::string_view(sse).substr(0, cut)});
    ASSERT_LE(run.json.size(), whole.json.size()) << cut;
    EXPECT_TRUE(std::equal(run.json.begin(), run.json.end(), whole.json.begin())) << cut;
    if (cut < finishEnd) {
      ASSERT_EQ(run.errors.size(), 1u) << "cut at " << cut;
      EXPECT_EQ(run.errors[0].kind, GR_ERROR_BAD_RESPONSE) << cut;
    } else {
      EXPECT_TRUE(run.errors.empty()) << "cut at " << cut;  // [DONE] may be missing after a finish_reason
    }
  }
  StreamRun cutBeforeFinish = runStream(factory(kBodyWithUsage), {std::string_view(sse).substr(0, sse.rfind("data: {", finishAt))});
  ASSERT_EQ(cutBeforeFinish.errors.size(), 1u);
  EXPECT_EQ(cutBeforeFinish.errors[0].message, "upstream stream ended before completion");
  EXPECT_EQ(cutBeforeFinish.errors[0].upstreamStatus, 0);
}

TEST(OpenAIStream, EmptyStreamIsBadResponse) {
  StreamRun run = runStream(factory(kBodyNoUsage), {});
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_BAD_RESPONSE);
  EXPECT_TRUE(run.json.empty());
}

TEST(OpenAIStream, GarbageIsOneErrorAndNothingAfterIt) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  const std::vector<std::string> garbage{
      std::string("\x00\xff\xfe garbage \x01\n\n", 15),
      "data: {not json\n\n",
      "data: [1,2,3]\n\n",
      "data: {\"id\":\"x\"}\n\n",
      "data: {\"choices\":7}\n\n",
      "<html>502 Bad Gateway</html>",
  };
  for (const auto& bad : garbage) {
    // Alone; and a bad data line after two good chunks, followed by the rest
    // of a good stream. (Lines that are not "data:" lines are unknown SSE
    // fields, which the SSE rules ignore: alone they give a stream that never
    // completes.)
    std::vector<std::string> inputs{bad};
    if (bad.rfind("data: ", 0) == 0) {
      const std::size_t third = sse.find("data: ", sse.find("data: ", 1) + 1);
      inputs.push_back(sse.substr(0, third) + bad + sse.substr(third));
    }
    for (const std::string& input : inputs) {
      StreamRun run = runWhole(factory(kBodyNoUsage), input);
      ASSERT_EQ(run.errors.size(), 1u) << input.substr(0, 40);
      EXPECT_EQ(run.errors[0].kind, GR_ERROR_BAD_RESPONSE);
      EXPECT_LE(run.json.size(), 2u);
      EXPECT_FALSE(run.usage.has_value());
      EXPECT_EQ(run.errors[0].message.find("not json"), std::string::npos);  // the payload is not dumped
    }
  }
}

TEST(OpenAIStream, CommentsAndDataAfterDoneAreIgnored) {
  const std::string sse = ": keep-alive\n\n" + sharedFixture("openai/chat_completion_text_stream_include_usage.sse") +
                          "data: {\"late\":true}\n\n";
  StreamRun run = runWhole(factory(kBodyNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json.size(), 49u);
}

TEST(OpenAIStream, CancellationStopsEmitting) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  StreamRun run = runStream(factory(kBodyNoUsage), {std::string_view(sse).substr(0, 2000), std::string_view(sse).substr(2000)},
                            /*stopAfter=*/1);
  EXPECT_EQ(run.json.size(), 1u);
  EXPECT_TRUE(run.errors.empty());  // and no "ended before completion" after it
}

}  // namespace
}  // namespace gaiarouter::plugins::openai
