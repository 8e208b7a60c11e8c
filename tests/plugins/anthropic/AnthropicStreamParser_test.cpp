// Anthropic SSE streams -> OpenAI chat.completion.chunk sequences.
//
// Every stream fixture is fed whole, one byte at a time and split at every
// position into two feeds; all must give the same chunks, usage and errors.
// stream_thinking.sse (tests/fixtures/anthropic) is CONSTRUCTED from the
// event shapes in Anthropic's docs (see its .source.txt), not captured; it
// shows that thinking text and signatures never reach the client.
#include "AnthropicProvider.h"
#include "AnthropicStreamParser.h"
#include "AnthropicTestUtil.h"
#include "EventRecorder.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>

namespace gaiarouter::plugins::anthropic {
namespace {

using namespace testutil;
using gaiarouter::test::EventRecorder;
using gaiarouter::test::sharedFixture;
using gaiarouter::test::testFixture;

constexpr int64_t kCreated = 1700000000;
const std::string kPlainRequest = R"({"model":"anthropic/x","stream":true,"messages":[{"role":"user","content":"hi"}]})";
const std::string kUsageRequest =
    R"({"model":"anthropic/x","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]})";

// Everything a parser emitted, as one comparable string.
struct Outcome {
  std::vector<std::string> json;
  std::optional<gr_usage> usage;
  std::vector<gaiarouter::test::RecordedError> errors;

  std::string describe() const {
    std::ostringstream out;
    for (const auto& j : json) out << "json " << j << "\n";
    if (usage) {
      out << "usage " << usage->prompt_tokens << "/" << usage->completion_tokens << "/" << usage->total_tokens << "/"
          << usage->cached_prompt_tokens << "/" << usage->cache_write_tokens << "/" << usage->reasoning_tokens << "\n";
    }
    for (const auto& e : errors) {
      out << "error " << e.kind << " " << e.upstreamStatus << " [" << e.message << "] [" << e.code << "] ["
          << e.upstreamType << "]\n";
    }
    return out.str();
  }
};

Outcome run(const std::vector<std::string_view>& pieces, const std::string& request = kPlainRequest,
            int stopAfter = -1, bool finish = true) {
  EventRecorder recorder;
  recorder.stopAfter = stopAfter;
  AnthropicStreamParser parser(chatRequest(request, "claude-registry-model", true), kCreated);
  for (std::string_view piece : pieces) {
    sdk::EventSink sink = recorder.cpp();
    parser.feed(piece, sink);
  }
  if (finish) {
    sdk::EventSink sink = recorder.cpp();
    parser.finish(sink);
  }
  return Outcome{recorder.json, recorder.usage, recorder.errors};
}

Outcome runWhole(std::string_view data, const std::string& request = kPlainRequest) { return run({data}, request); }

Outcome runBytewise(std::string_view data, const std::string& request = kPlainRequest) {
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < data.size(); ++i) pieces.push_back(data.substr(i, 1));
  return run(pieces, request);
}

// Whole == byte at a time == every two-way split.
void expectSplitInvariant(const std::string& data, const std::string& request = kPlainRequest) {
  const std::string whole = runWhole(data, request).describe();
  EXPECT_EQ(runBytewise(data, request).describe(), whole);
  std::string_view view(data);
  for (std::size_t p = 0; p <= data.size(); ++p) {
    const std::string split = run({view.substr(0, p), view.substr(p)}, request).describe();
    if (split != whole) {
      ADD_FAILURE() << "split at " << p << " differs:\n" << split << "---- expected:\n" << whole;
      return;
    }
  }
}

std::string chunkPrefix(const std::string& id, const std::string& model) {
  return R"({"id":")" + id + R"(","object":"chat.completion.chunk","created":1700000000,"model":")" + model +
         R"(","choices":[{"index":0,"delta":)";
}
const std::string kOpen = R"(,"logprobs":null,"finish_reason":null}]})";

void expectUsage(const Outcome& o, int64_t prompt, int64_t completion, int64_t cached, int64_t cacheWrite) {
  ASSERT_TRUE(o.usage.has_value());
  EXPECT_EQ(o.usage->prompt_tokens, prompt);
  EXPECT_EQ(o.usage->completion_tokens, completion);
  EXPECT_EQ(o.usage->total_tokens, prompt + completion);
  EXPECT_EQ(o.usage->cached_prompt_tokens, cached);
  EXPECT_EQ(o.usage->cache_write_tokens, cacheWrite);
}

std::string crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(AnthropicStreamParser, TextStreamExactChunks) {
  Outcome o = runWhole(sharedFixture("anthropic/stream_text.sse"), kUsageRequest);
  const std::string p = chunkPrefix("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", "claude-3-opus-20240229");
  const std::vector<std::string> expected = {
      p + R"({"role":"assistant","content":""})" + kOpen,
      p + R"({"content":"Hello"})" + kOpen,
      p + R"({"content":" there"})" + kOpen,
      p + R"({"content":"!"})" + kOpen,
      p + R"({},"logprobs":null,"finish_reason":"stop"}]})",
      R"({"id":"msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK","object":"chat.completion.chunk","created":1700000000,)"
      R"("model":"claude-3-opus-20240229","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17}})",
  };
  EXPECT_EQ(o.json, expected);
  EXPECT_TRUE(o.errors.empty());
  expectUsage(o, 11, 6, -1, -1);
}

TEST(AnthropicStreamParser, UsageChunkOnlyWhenRequested) {
  Outcome o = runWhole(sharedFixture("anthropic/stream_text.sse"), kPlainRequest);
  ASSERT_EQ(o.json.size(), 5u);
  for (const auto& j : o.json) EXPECT_EQ(j.find("\"usage\""), std::string::npos) << j;
  expectUsage(o, 11, 6, -1, -1);  // the host still learns the usage
}

TEST(AnthropicStreamParser, ToolUseStreamExactChunks) {
  Outcome o = runWhole(sharedFixture("anthropic/stream_tool_use.sse"), kUsageRequest);
  const std::string p = chunkPrefix("msg_019Q1hrJbZG26Fb9BQhrkHEr", "claude-sonnet-4-20250514");
  auto args = [&](const std::string& fragment) {
    return p + R"({"tool_calls":[{"index":0,"function":{"arguments":)" + fragment + R"(}}]})" + kOpen;
  };
  const std::vector<std::string> expected = {
      p + R"({"role":"assistant","content":""})" + kOpen,
      p + R"({"content":"I"})" + kOpen,
      p + R"({"content":"'ll check the current weather in Paris for you."})" + kOpen,
      // Anthropic block index 1 becomes OpenAI tool index 0.
      p + R"({"tool_calls":[{"index":0,"id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","type":"function",)"
          R"("function":{"name":"get_weather","arguments":""}}]})" + kOpen,
      args(R"("{\"locati")"),
      args(R"("on\": \"P")"),
      args(R"("ar")"),
      args(R"("is\"}")"),
      p + R"({},"logprobs":null,"finish_reason":"tool_calls"}]})",
      R"({"id":"msg_019Q1hrJbZG26Fb9BQhrkHEr","object":"chat.completion.chunk","created":1700000000,)"
      R"("model":"claude-sonnet-4-20250514","choices":[],"usage":{"prompt_tokens":377,"completion_tokens":65,)"
      R"("total_tokens":442,"prompt_tokens_details":{"cached_tokens":0}}})",
  };
  EXPECT_EQ(o.json, expected);
  EXPECT_TRUE(o.errors.empty());
  expectUsage(o, 377, 65, 0, 0);

  // The fragments concatenate to the tool input.
  std::string arguments;
  for (const auto& j : o.json) {
    Object::Ptr delta = parseObject(j)->getArray("choices")->size() > 0
                            ? parseObject(j)->getArray("choices")->getObject(0)->getObject("delta")
                            : nullptr;
    if (delta && delta->has("tool_calls")) {
      arguments += delta->getArray("tool_calls")->getObject(0)->getObject("function")->getValue<std::string>("arguments");
    }
  }
  EXPECT_EQ(canonical(arguments), R"({"location":"Paris"})");
}

TEST(AnthropicStreamParser, InStreamOverloadedError) {
  Outcome o = runWhole(sharedFixture("anthropic/stream_error_overloaded.sse"));
  EXPECT_TRUE(o.json.empty());
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_EQ(o.errors[0].kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(o.errors[0].upstreamType, "overloaded_error");
  EXPECT_EQ(o.errors[0].message, "Overloaded");
  EXPECT_EQ(o.errors[0].upstreamStatus, 0);
}

TEST(AnthropicStreamParser, ErrorMidStreamEndsIt) {
  const std::string text = sharedFixture("anthropic/stream_text.sse");
  const std::size_t cut = text.find("event: content_block_delta", text.find("\"Hello\""));
  const std::string data =
      text.substr(0, cut) + sharedFixture("anthropic/stream_error_overloaded.sse") + text.substr(cut);
  Outcome o = runWhole(data);
  ASSERT_EQ(o.json.size(), 2u);  // role + "Hello", nothing after the error
  EXPECT_NE(o.json[1].find("\"Hello\""), std::string::npos);
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_EQ(o.errors[0].kind, GR_ERROR_OVERLOADED);
  expectSplitInvariant(data);
}

TEST(AnthropicStreamParser, ThinkingNeverLeaks) {
  Outcome o = runWhole(testFixture("anthropic/stream_thinking.sse"), kUsageRequest);
  const std::string p = chunkPrefix("msg_01ThinkingStreamExample0001", "claude-sonnet-4-20250514");
  const std::vector<std::string> expected = {
      p + R"({"role":"assistant","content":""})" + kOpen,
      p + R"({"content":"Yes, there are"})" + kOpen,
      p + R"({"content":" infinitely many."})" + kOpen,
      p + R"({},"logprobs":null,"finish_reason":"stop"}]})",
      R"({"id":"msg_01ThinkingStreamExample0001","object":"chat.completion.chunk","created":1700000000,)"
      R"("model":"claude-sonnet-4-20250514","choices":[],"usage":{"prompt_tokens":57,"completion_tokens":87,)"
      R"("total_tokens":144,"prompt_tokens_details":{"cached_tokens":10}}})",
  };
  EXPECT_EQ(o.json, expected);
  for (const auto& j : o.json) {
    EXPECT_EQ(j.find("SECRET-THOUGHT"), std::string::npos) << j;
    EXPECT_EQ(j.find("SIGNATURE-"), std::string::npos) << j;
  }
  EXPECT_TRUE(o.errors.empty());
  expectUsage(o, 57, 87, 10, 5);
}

TEST(AnthropicStreamParser, FixturesAreSplitInvariant) {
  for (const std::string& data :
       {sharedFixture("anthropic/stream_text.sse"), sharedFixture("anthropic/stream_tool_use.sse"),
        sharedFixture("anthropic/stream_error_overloaded.sse"), testFixture("anthropic/stream_thinking.sse")}) {
    expectSplitInvariant(data, kUsageRequest);
  }
}

TEST(AnthropicStreamParser, CrlfLineEndingsGiveTheSameChunks) {
  const std::string lf = sharedFixture("anthropic/stream_tool_use.sse");
  EXPECT_EQ(runWhole(crlf(lf)).describe(), runWhole(lf).describe());
  expectSplitInvariant(crlf(lf));  // includes CR | LF split across feeds
}

TEST(AnthropicStreamParser, MissingFinalBlankLineStillCompletes) {
  const std::string data = sharedFixture("anthropic/stream_text.sse");
  const std::string whole = runWhole(data).describe();
  EXPECT_EQ(runWhole(data.substr(0, data.size() - 1)).describe(), whole);
  EXPECT_EQ(runWhole(data.substr(0, data.size() - 2)).describe(), whole);
  EXPECT_EQ(runWhole(crlf(data).substr(0, crlf(data).size() - 3)).describe(), whole);  // ends "}\r"
}

TEST(AnthropicStreamParser, TruncatedStreamsGiveOneBadResponse) {
  for (const std::string& data :
       {sharedFixture("anthropic/stream_text.sse"), sharedFixture("anthropic/stream_tool_use.sse"),
        testFixture("anthropic/stream_thinking.sse")}) {
    const Outcome full = runWhole(data);
    // Complete once the message_stop data line is there, blank line or not.
    const std::string stopLine = R"(data: {"type":"message_stop"})";
    const std::size_t complete = data.rfind(stopLine) + stopLine.size();
    for (std::size_t p = 0; p < data.size(); ++p) {
      Outcome o = runWhole(std::string_view(data).substr(0, p));
      if (p < complete) {
        ASSERT_EQ(o.errors.size(), 1u) << "cut at " << p;
        EXPECT_EQ(o.errors[0].kind, GR_ERROR_BAD_RESPONSE) << "cut at " << p;
        ASSERT_LE(o.json.size(), full.json.size());
        for (std::size_t i = 0; i < o.json.size(); ++i) EXPECT_EQ(o.json[i], full.json[i]) << "cut at " << p;
      } else {
        EXPECT_EQ(o.describe(), full.describe()) << "cut at " << p;
      }
    }
  }
  Outcome cut = runWhole(sharedFixture("anthropic/stream_text.sse").substr(0, 400));
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_EQ(cut.errors[0].message, "upstream stream ended before completion");
}

TEST(AnthropicStreamParser, GarbageGivesOneErrorAndNoChunks) {
  std::string random;
  uint32_t seed = 12345;
  for (int i = 0; i < 4096; ++i) {
    seed = seed * 1103515245u + 12345u;
    random += static_cast<char>((seed >> 16) & 0xff);
  }
  const std::string cases[] = {
      random,
      std::string("\x00\x01\xff\xfe no newline at all", 22),
      "hello world\n\nthis is not sse\n\n",
      "data: {not json}\n\n",
      "data: [1,2,3]\n\n",
      "data: {\"no_type\":1}\n\n",
      "event: message_start\ndata: {\"type\":\"message_start\"}\n\n",
      "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n",
      "data: \"\xff\xfe\"\n\n",
  };
  for (const std::string& data : cases) {
    Outcome o = runWhole(data);
    EXPECT_TRUE(o.json.empty()) << o.describe();
    ASSERT_EQ(o.errors.size(), 1u) << o.describe();
    EXPECT_EQ(o.errors[0].kind, GR_ERROR_BAD_RESPONSE);
    EXPECT_EQ(runBytewise(data).describe(), o.describe());
  }
}

TEST(AnthropicStreamParser, GarbageAfterAGoodStartGivesOneError) {
  const std::string text = sharedFixture("anthropic/stream_text.sse");
  const std::string data = text.substr(0, text.find("event: ping")) + "data: {\"type\":\"content_block_delta\"\n\n" +
                           text.substr(text.find("event: ping"));
  Outcome o = runWhole(data);
  ASSERT_EQ(o.json.size(), 1u);  // the role chunk only
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_EQ(o.errors[0].kind, GR_ERROR_BAD_RESPONSE);
}

TEST(AnthropicStreamParser, CancellationStopsEmitting) {
  const std::string data = sharedFixture("anthropic/stream_tool_use.sse");
  Outcome one = run({data}, kUsageRequest, 1);
  EXPECT_EQ(one.json.size(), 1u);
  EXPECT_TRUE(one.errors.empty());

  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < data.size(); ++i) bytes.push_back(std::string_view(data).substr(i, 1));
  Outcome three = run(bytes, kUsageRequest, 3);
  EXPECT_EQ(three.json.size(), 3u);
  EXPECT_TRUE(three.errors.empty());  // no "ended early" error for a client that left

  Outcome truncated = run({std::string_view(data).substr(0, 600)}, kPlainRequest, 1);
  EXPECT_EQ(truncated.json.size(), 1u);
  EXPECT_TRUE(truncated.errors.empty());
}

TEST(AnthropicStreamParser, ToolCallsRenumberedAndArgumentlessCallsGetEmptyObject) {
  const std::string data =
      "event: message_start\n"
      R"(data: {"type":"message_start","message":{"id":"msg_p","model":"claude-x","usage":{"input_tokens":5,"output_tokens":1}}})"
      "\n\n"
      "event: content_block_start\n"
      R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Checking."}})"
      "\n\n"
      "event: content_block_stop\n"
      R"(data: {"type":"content_block_stop","index":0})"
      "\n\n"
      "event: future_event\n"
      R"(data: {"type":"future_event","x":1})"
      "\n\n"
      "event: content_block_start\n"
      R"(data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"now","input":{}}})"
      "\n\n"
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}})"
      "\n\n"
      "event: content_block_stop\n"
      R"(data: {"type":"content_block_stop","index":1})"
      "\n\n"
      "event: content_block_start\n"
      R"(data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"add","input":{}}})"
      "\n\n"
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"a\":1}"}})"
      "\n\n"
      "event: content_block_stop\n"
      R"(data: {"type":"content_block_stop","index":2})"
      "\n\n"
      "event: message_delta\n"
      R"(data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}})"
      "\n\n"
      "event: message_stop\n"
      R"(data: {"type":"message_stop"})"
      "\n\n"
      "event: content_block_start\n"
      R"(data: {"type":"content_block_start","index":3,"content_block":{"type":"text","text":"after the end"}})"
      "\n\n";
  Outcome o = runWhole(data);
  const std::string p = chunkPrefix("msg_p", "claude-x");
  const std::vector<std::string> expected = {
      p + R"({"role":"assistant","content":""})" + kOpen,
      p + R"({"content":"Checking."})" + kOpen,
      p + R"({"tool_calls":[{"index":0,"id":"toolu_a","type":"function","function":{"name":"now","arguments":""}}]})" + kOpen,
      p + R"({"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]})" + kOpen,
      p + R"({"tool_calls":[{"index":1,"id":"toolu_b","type":"function","function":{"name":"add","arguments":""}}]})" + kOpen,
      p + R"({"tool_calls":[{"index":1,"function":{"arguments":"{\"a\":1}"}}]})" + kOpen,
      p + R"({},"logprobs":null,"finish_reason":"tool_calls"}]})",
  };
  EXPECT_EQ(o.json, expected);
  EXPECT_TRUE(o.errors.empty());
  expectUsage(o, 5, 9, -1, -1);
  expectSplitInvariant(data);
}

TEST(AnthropicStreamParser, StreamWithoutMessageDeltaFinishesAsStop) {
  const std::string data =
      R"(data: {"type":"message_start","message":{"id":"msg_q","model":"claude-x"}})"
      "\n\n"
      R"(data: {"type":"message_stop"})"
      "\n\n";
  Outcome o = runWhole(data, kUsageRequest);
  ASSERT_EQ(o.json.size(), 2u);
  EXPECT_NE(o.json[1].find(R"("finish_reason":"stop")"), std::string::npos);
  EXPECT_FALSE(o.usage.has_value());  // nothing reported, nothing invented
  EXPECT_TRUE(o.errors.empty());
}

// Through the C ABI the host uses.
TEST(AnthropicStreamParser, CAbiStreamStatuses) {
  using Tramp = sdk::detail::Trampolines<AnthropicProvider>;
  const gr_provider_api* api = Tramp::table();
  gr_provider_config config{sizeof(gr_provider_config), sdk::str("anthropic"), sdk::str("k"),
                            sdk::str("https://api.anthropic.com"), sdk::str("{}")};
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);
  gr_chat_request request{sizeof(gr_chat_request), sdk::str(kUsageRequest), sdk::str("anthropic/x"),
                          sdk::str("claude-x"), sdk::str("req-1"), 1, 0};

  auto open = [&] {
    gr_stream* stream = nullptr;
    EXPECT_EQ(api->stream_open(instance, &request, &stream), GR_OK);
    return stream;
  };
  const std::string tool = sharedFixture("anthropic/stream_tool_use.sse");

  gr_stream* ok = open();
  EventRecorder okEvents;
  EXPECT_EQ(api->stream_feed(ok, sdk::str(tool), okEvents.sink()), GR_OK);
  EXPECT_EQ(api->stream_finish(ok, okEvents.sink()), GR_OK);
  api->stream_destroy(ok);
  EXPECT_EQ(okEvents.json.size(), 10u);
  EXPECT_TRUE(okEvents.errors.empty());

  gr_stream* failing = open();
  EventRecorder failEvents;
  const std::string error = sharedFixture("anthropic/stream_error_overloaded.sse");
  EXPECT_EQ(api->stream_feed(failing, sdk::str(error), failEvents.sink()), GR_FAILURE);
  EXPECT_EQ(api->stream_finish(failing, failEvents.sink()), GR_OK);  // nothing more after the error
  api->stream_destroy(failing);
  EXPECT_EQ(failEvents.errors.size(), 1u);

  gr_stream* truncated = open();
  EventRecorder truncEvents;
  EXPECT_EQ(api->stream_feed(truncated, sdk::str(std::string_view(tool).substr(0, 500)), truncEvents.sink()), GR_OK);
  EXPECT_EQ(api->stream_finish(truncated, truncEvents.sink()), GR_FAILURE);
  api->stream_destroy(truncated);
  ASSERT_EQ(truncEvents.errors.size(), 1u);
  EXPECT_EQ(truncEvents.errors[0].kind, GR_ERROR_BAD_RESPONSE);

  gr_stream* gone = open();
  EventRecorder goneEvents;
  goneEvents.stopAfter = 2;
  EXPECT_EQ(api->stream_feed(gone, sdk::str(tool), goneEvents.sink()), GR_CANCELLED);
  api->stream_destroy(gone);
  EXPECT_EQ(goneEvents.json.size(), 2u);

  api->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::anthropic
