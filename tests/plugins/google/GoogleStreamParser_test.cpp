// streamGenerateContent?alt=sse -> chat.completion.chunk events.
#include "GoogleProvider.h"
#include "GoogleStreamParser.h"
#include "GoogleTestSupport.h"

#include <EventRecorder.h>
#include <Fixtures.h>

#include <gtest/gtest.h>

#include <functional>

namespace gaiarouter::plugins::google {
namespace {

using gaiarouter::test::EventRecorder;
using gaiarouter::test::RecordedError;
using gaiarouter::test::sharedFixture;
using gaiarouter::test::testFixture;
using test::OwnedRequest;

constexpr int64_t kNow = 1700000000;
const std::string kPlainBody = R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true})";
const std::string kUsageBody =
    R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}})";

struct Result {
  std::vector<std::string> json;
  std::optional<gr_usage> usage;
  std::vector<RecordedError> errors;
};

// Feeds `pieces` in order, then finishes.
Result run(const std::vector<std::string_view>& pieces, const std::string& body = kPlainBody) {
  OwnedRequest request;
  request.body = body;
  request.stream = true;
  GoogleStreamParser parser(request.view(), kNow);
  EventRecorder recorder;
  for (auto piece : pieces) {
    auto sink = recorder.cpp();
    parser.feed(piece, sink);
  }
  auto sink = recorder.cpp();
  parser.finish(sink);
  return {recorder.json, recorder.usage, recorder.errors};
}

Result runWhole(const std::string& bytes, const std::string& body = kPlainBody) { return run({bytes}, body); }

std::string describe(const Result& r) {
  std::string out;
  for (const auto& j : r.json) out += j + "\n";
  if (r.usage) {
    out += "usage " + std::to_string(r.usage->prompt_tokens) + "/" + std::to_string(r.usage->completion_tokens) + "/" +
           std::to_string(r.usage->total_tokens) + "/" + std::to_string(r.usage->cached_prompt_tokens) + "/" +
           std::to_string(r.usage->reasoning_tokens) + "\n";
  }
  for (const auto& e : r.errors) {
    out += "error " + std::to_string(e.kind) + " " + std::to_string(e.upstreamStatus) + " " + e.message + " " +
           e.code + " " + e.upstreamType + " " + std::to_string(e.retryAfterMs) + "\n";
  }
  return out;
}

// (a) whole, (b) one byte at a time, (c) split in two at every position: identical results.
void expectSplitInvariant(const std::string& bytes, const std::string& body = kPlainBody) {
  const std::string whole = describe(runWhole(bytes, body));
  std::vector<std::string_view> singles;
  for (std::size_t i = 0; i < bytes.size(); ++i) singles.emplace_back(bytes.data() + i, 1);
  EXPECT_EQ(describe(run(singles, body)), whole) << "byte by byte";
  const std::string_view all(bytes);
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    const std::string split = describe(run({all.substr(0, cut), all.substr(cut)}, body));
    ASSERT_EQ(split, whole) << "split at " << cut;
  }
}

std::string chunk(const std::string& head, const std::string& choice) {
  return head + R"(,"choices":[)" + choice + "]}";
}

const std::string kTextHead =
    R"({"id":"chatcmpl-req-1","object":"chat.completion.chunk","created":1700000000,"model":"gemini-3.1-flash-lite")";

std::vector<std::string> expectedText() {
  return {
      chunk(kTextHead, R"({"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null})"),
      chunk(kTextHead, R"({"index":0,"delta":{"content":"The"},"logprobs":null,"finish_reason":null})"),
      chunk(kTextHead, R"({"index":0,"delta":{"content":" capital of Wyoming"},"logprobs":null,"finish_reason":null})"),
      chunk(kTextHead, R"({"index":0,"delta":{"content":" is **Cheyenne**.\n"},"logprobs":null,"finish_reason":null})"),
      chunk(kTextHead, R"({"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"})"),
  };
}

TEST(GoogleStreamParser, TextStream) {
  const Result r = runWhole(sharedFixture("google/streamGenerateContent_text.sse"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.json, expectedText());
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->prompt_tokens, 7);
  EXPECT_EQ(r.usage->completion_tokens, 10);
  EXPECT_EQ(r.usage->total_tokens, 17);
  EXPECT_EQ(r.usage->reasoning_tokens, -1);
}

TEST(GoogleStreamParser, TextStreamWithCrlfSeparatorsIsIdentical) {
  const std::string lf = sharedFixture("google/streamGenerateContent_text.sse");
  const std::string crlf = test::toCrlf(lf);
  ASSERT_NE(crlf, lf);
  ASSERT_NE(crlf.find("\r\n\r\n"), std::string::npos);
  EXPECT_EQ(describe(runWhole(crlf)), describe(runWhole(lf)));
}

TEST(GoogleStreamParser, UsageChunkOnlyWhenRequested) {
  const Result r = runWhole(sharedFixture("google/streamGenerateContent_text.sse"), kUsageBody);
  auto expected = expectedText();
  expected.push_back(kTextHead + R"(,"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":10,"total_tokens":17}})");
  EXPECT_EQ(r.json, expected);
  EXPECT_TRUE(r.errors.empty());
}

// Hand-written fixture (tests/fixtures/google/README.md; the shared
// streamGenerateContent_thinking_function_call.sse is held back): CRLF
// events, a thought summary, then two whole functionCall parts, the first
// with a thoughtSignature, finishReason STOP.
TEST(GoogleStreamParser, ThinkingFunctionCallStream) {
  const Result r = runWhole(testFixture("google/streamGenerateContent_thinking_function_call.sse"), kUsageBody);
  EXPECT_TRUE(r.errors.empty());
  const std::string head =
      R"({"id":"k3mJaK2bFfW2nvgPw5e7sQ4","object":"chat.completion.chunk","created":1700000000,"model":"gemini-2.5-flash")";
  const std::vector<std::string> expected = {
      chunk(head, R"({"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null})"),
      chunk(head, R"({"index":0,"delta":{"reasoning_content":"**Checking the weather**\n\nThe user wants the weather )"
                  R"(and the local time in Paris, so I should call get_weather and get_time."},"logprobs":null,"finish_reason":null})"),
      chunk(head, R"({"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_req-1_0__ts_yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f)"
                  R"(4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_vv__g","type":"function","function":{"name":"get_weather",)"
                  R"("arguments":"{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}]},"logprobs":null,"finish_reason":null})"),
      chunk(head, R"({"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_req-1_1","type":"function","function":)"
                  R"({"name":"get_time","arguments":"{\"timezone\":\"Europe/Paris\"}"}}]},"logprobs":null,"finish_reason":null})"),
      chunk(head, R"({"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"})"),
      head + R"(,"choices":[],"usage":{"prompt_tokens":52,"completion_tokens":119,"total_tokens":171,)"
             R"("completion_tokens_details":{"reasoning_tokens":88}}})",
  };
  EXPECT_EQ(r.json, expected);
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->prompt_tokens, 52);
  EXPECT_EQ(r.usage->completion_tokens, 119);
  EXPECT_EQ(r.usage->total_tokens, 171);
  EXPECT_EQ(r.usage->reasoning_tokens, 88);
}

// Hand-written fixture: only promptFeedback.blockReason in the stream.
TEST(GoogleStreamParser, BlockedPromptEndsWithContentFilter) {
  const Result r = runWhole(testFixture("google/streamGenerateContent_prompt_blocked.sse"));
  EXPECT_TRUE(r.errors.empty());
  const std::string head =
      R"({"id":"b1kOaP3xL8mYz7IPq9i5eA","object":"chat.completion.chunk","created":1700000000,"model":"gemini-2.5-flash")";
  const std::vector<std::string> expected = {
      chunk(head, R"({"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null})"),
      chunk(head, R"x({"index":0,"delta":{"refusal":"The prompt was blocked by Gemini (block reason: PROHIBITED_CONTENT)"},)x"
                  R"("logprobs":null,"finish_reason":null})"),
      chunk(head, R"({"index":0,"delta":{},"logprobs":null,"finish_reason":"content_filter"})"),
  };
  EXPECT_EQ(r.json, expected);
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->prompt_tokens, 9);
  EXPECT_EQ(r.usage->completion_tokens, 0);
}

// Hand-written fixture: a text event, then an in-stream error event.
TEST(GoogleStreamParser, InStreamErrorEndsTheStream) {
  const Result r = runWhole(testFixture("google/streamGenerateContent_error_unavailable.sse"));
  ASSERT_EQ(r.json.size(), 2u);
  EXPECT_NE(r.json[1].find(R"("delta":{"content":"Once upon"})"), std::string::npos);
  EXPECT_FALSE(r.usage.has_value());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(r.errors[0].upstreamStatus, 503);
  EXPECT_EQ(r.errors[0].message, "The model is overloaded. Please try again later.");
  EXPECT_EQ(r.errors[0].upstreamType, "UNAVAILABLE");

  // Nothing after the error, whatever else arrives.
  const std::string text = sharedFixture("google/streamGenerateContent_text.sse");
  const Result more = run({testFixture("google/streamGenerateContent_error_unavailable.sse"), text});
  EXPECT_EQ(describe(more), describe(r));
}

TEST(GoogleStreamParser, EveryFixtureIsSplitInvariant) {
  const std::string text = sharedFixture("google/streamGenerateContent_text.sse");
  expectSplitInvariant(text, kUsageBody);
  expectSplitInvariant(test::toCrlf(text), kUsageBody);
  expectSplitInvariant(testFixture("google/streamGenerateContent_thinking_function_call.sse"), kUsageBody);
  expectSplitInvariant(testFixture("google/streamGenerateContent_prompt_blocked.sse"));
  expectSplitInvariant(testFixture("google/streamGenerateContent_error_unavailable.sse"));
}

// Every prefix that lacks the end of the final event is one BAD_RESPONSE.
void expectTruncationsFail(const std::string& bytes) {
  const std::size_t lastBrace = bytes.rfind('}');
  ASSERT_NE(lastBrace, std::string::npos);
  for (std::size_t length = 0; length <= bytes.size(); ++length) {
    const Result r = runWhole(bytes.substr(0, length));
    if (length <= lastBrace) {
      ASSERT_EQ(r.errors.size(), 1u) << "prefix " << length;
      EXPECT_EQ(r.errors[0].kind, GR_ERROR_BAD_RESPONSE);
      EXPECT_EQ(r.errors[0].message, "upstream stream ended before completion");
      EXPECT_FALSE(r.usage.has_value());
      for (const auto& j : r.json) EXPECT_EQ(j.find("\"finish_reason\":\"stop\""), std::string::npos);
    } else {
      // The final event is complete; a missing closing blank line is tolerated.
      ASSERT_TRUE(r.errors.empty()) << "prefix " << length;
      EXPECT_TRUE(r.usage.has_value());
    }
  }
}

TEST(GoogleStreamParser, TruncatedStreamsAreBadResponses) {
  const std::string text = sharedFixture("google/streamGenerateContent_text.sse");
  expectTruncationsFail(text);
  expectTruncationsFail(test::toCrlf(text));
  expectTruncationsFail(testFixture("google/streamGenerateContent_thinking_function_call.sse"));
  expectTruncationsFail(testFixture("google/streamGenerateContent_prompt_blocked.sse"));

  // No finishReason at all, though every event is complete.
  const std::size_t lastEvent = text.rfind("data: ");
  const Result r = runWhole(text.substr(0, lastEvent));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, GR_ERROR_BAD_RESPONSE);
  EXPECT_EQ(r.json.size(), 3u);
}

TEST(GoogleStreamParser, GarbageGivesOneErrorAndNoCrash) {
  std::string random;
  uint32_t state = 12345;
  for (int i = 0; i < 3000; ++i) {
    state = state * 1103515245u + 12345u;
    random += static_cast<char>(state >> 16);
  }
  const std::vector<std::string> inputs = {
      random,
      "data: {broken\n\n",
      "data: [1,2]\n\n",
      "data: {\"candidates\":5}\n\n",
      "data: {\"candidates\":[7]}\n\n",
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}\n\n",
      std::string("\xff\xfe\x00garbage\r\n\r\n", 13),
      "data: {}\n\n",
      "<html>502 Bad Gateway</html>",
      "",
  };
  for (const auto& input : inputs) {
    const Result r = runWhole(input);
    ASSERT_EQ(r.errors.size(), 1u) << describe(r);
    EXPECT_EQ(r.errors[0].kind, GR_ERROR_BAD_RESPONSE);
    EXPECT_FALSE(r.usage.has_value());
    std::vector<std::string_view> singles;
    for (std::size_t i = 0; i < input.size(); ++i) singles.emplace_back(input.data() + i, 1);
    EXPECT_EQ(describe(run(singles)), describe(r));
  }
}

TEST(GoogleStreamParser, SeveralCandidatesStreamAsSeveralChoices) {
  const std::string stream =
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},\"index\":0},"
      "{\"content\":{\"parts\":[{\"text\":\"B\"}],\"role\":\"model\"},\"index\":1}]}\n\n"
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":0}]}\n\n"
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"x\":1}}}],\"role\":\"model\"},"
      "\"finishReason\":\"STOP\",\"index\":1}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":6,\"totalTokenCount\":10}}\n\n";
  const Result r = runWhole(stream);
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> deltas;
  for (const auto& j : r.json) {
    auto choice = test::parseObject(j)->getArray("choices")->getObject(0);
    deltas.push_back(std::to_string(choice->getValue<int>("index")) + test::compact(choice->get("delta")) +
                     (choice->isNull("finish_reason") ? "" : choice->getValue<std::string>("finish_reason")));
  }
  const std::vector<std::string> expected = {
      R"(0{"role":"assistant","content":""})", R"(0{"content":"A"})",
      R"(1{"role":"assistant","content":""})", R"(1{"content":"B"})",
      R"(0{"content":"a"})",                   "0{}length",
      R"(1{"tool_calls":[{"index":0,"id":"call_req-1_0","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}}]})",
      "1{}tool_calls",
  };
  EXPECT_EQ(deltas, expected);
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->total_tokens, 10);

  // Choice 1 never finishes: truncated.
  const Result cut = runWhole(stream.substr(0, stream.rfind("data: ")));
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_EQ(cut.errors[0].kind, GR_ERROR_BAD_RESPONSE);
}

TEST(GoogleStreamParser, StopsEmittingOnceTheClientIsGone) {
  OwnedRequest request;
  request.body = kUsageBody;
  GoogleStreamParser parser(request.view(), kNow);
  EventRecorder recorder;
  recorder.stopAfter = 1;
  auto sink = recorder.cpp();
  parser.feed(sharedFixture("google/streamGenerateContent_text.sse"), sink);
  EXPECT_TRUE(sink.cancelled());
  EXPECT_EQ(recorder.json.size(), 1u);
  auto later = recorder.cpp();
  parser.feed(sharedFixture("google/streamGenerateContent_text.sse"), later);
  parser.finish(later);
  EXPECT_EQ(recorder.json.size(), 1u);
  EXPECT_TRUE(recorder.errors.empty());
  EXPECT_FALSE(recorder.usage.has_value());
}

// Through the C ABI, as the host calls it.
TEST(GoogleStreamParser, StreamThroughPluginAbi) {
  const gr_provider_api* api = sdk::detail::Trampolines<GoogleProvider>::table();
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  config.base_url = sdk::str("https://generativelanguage.googleapis.com");
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);
  OwnedRequest request;
  request.body = kUsageBody;
  request.stream = true;
  const gr_chat_request c = request.c();
  const std::string bytes = sharedFixture("google/streamGenerateContent_text.sse");

  gr_stream* stream = nullptr;
  ASSERT_EQ(api->stream_open(instance, &c, &stream), GR_OK);
  EventRecorder recorder;
  EXPECT_EQ(api->stream_feed(stream, sdk::str(bytes), recorder.sink()), GR_OK);
  EXPECT_EQ(api->stream_finish(stream, recorder.sink()), GR_OK);
  api->stream_destroy(stream);
  std::vector<std::string> normalised;
  for (const auto& j : recorder.json) normalised.push_back(test::normaliseCreated(j));
  auto expected = expectedText();
  expected.push_back(kTextHead + R"(,"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":10,"total_tokens":17}})");
  for (auto& e : expected) e = test::normaliseCreated(e);
  EXPECT_EQ(normalised, expected);

  // A client that leaves after the first chunk: GR_CANCELLED.
  ASSERT_EQ(api->stream_open(instance, &c, &stream), GR_OK);
  EventRecorder gone;
  gone.stopAfter = 1;
  EXPECT_EQ(api->stream_feed(stream, sdk::str(bytes), gone.sink()), GR_CANCELLED);
  EXPECT_EQ(gone.json.size(), 1u);
  api->stream_destroy(stream);

  // Truncated: the finish reports BAD_RESPONSE.
  ASSERT_EQ(api->stream_open(instance, &c, &stream), GR_OK);
  EventRecorder cut;
  EXPECT_EQ(api->stream_feed(stream, sdk::str(std::string_view(bytes).substr(0, 100)), cut.sink()), GR_OK);
  EXPECT_EQ(api->stream_finish(stream, cut.sink()), GR_FAILURE);
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_EQ(cut.errors[0].kind, GR_ERROR_BAD_RESPONSE);
  api->stream_destroy(stream);
  api->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::google
