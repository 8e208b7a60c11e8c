// MockProvider through the C ABI table: tool calls, tool results, errors on
// demand, mid-stream failure and cancellation.
#include "MockTestHarness.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::mock::test {
namespace {

const std::string kTools =
    R"("tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},)"
    R"({"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}])";

Object::Ptr onlyMessage(const EventRecorder& rec) {
  EXPECT_EQ(rec.json.size(), 1u);
  return parseObject(rec.json.at(0))->getArray("choices")->getObject(0)->getObject("message");
}

std::string finishReason(const std::string& json) {
  return parseObject(json)->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason");
}

TEST(MockTools, ToolsModelAnswersWithACallToTheFirstTool) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("weather in Paris?", kTools), false, rec, "tools"), GR_OK);
  Object::Ptr message = onlyMessage(rec);
  EXPECT_TRUE(message->isNull("content"));
  Array::Ptr calls = message->getArray("tool_calls");
  ASSERT_EQ(calls->size(), 1u);
  Object::Ptr call = calls->getObject(0);
  EXPECT_EQ(call->getValue<std::string>("id"), "call_mock_1");
  EXPECT_EQ(call->getValue<std::string>("type"), "function");
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "get_weather");
  // arguments is a JSON string holding an object
  Poco::Dynamic::Var arguments = call->getObject("function")->get("arguments");
  ASSERT_TRUE(arguments.isString());
  EXPECT_EQ(parseObject(arguments.extract<std::string>())->getValue<std::string>("input"), "weather in Paris?");
  EXPECT_EQ(finishReason(rec.json[0]), "tool_calls");
  EXPECT_EQ(rec.usage->prompt_tokens, 3);
  EXPECT_EQ(rec.usage->completion_tokens, 3);  // {"input":"weather in Paris?"}
  EXPECT_EQ(rec.usage->total_tokens, 6);
}

TEST(MockTools, WhenTheEchoModelCallsATool) {
  MockHarness h;
  struct Case {
    std::string text;
    std::string extra;
    std::string expectedTool;  // "" = plain echo
  };
  const std::vector<Case> cases = {
      {"please use a Tool now", kTools, "get_weather"},
      {"no tools here", kTools, ""},                    // "tools" is not the word "tool"
      {"what time", kTools + R"(,"tool_choice":"required")", "get_weather"},
      {"what time", kTools + R"(,"tool_choice":{"type":"function","function":{"name":"get_time"}})", "get_time"},
      {"use the tool", kTools + R"(,"tool_choice":"none")", ""},
      {"use the tool", kTools + R"(,"tool_choice":"auto")", "get_weather"},
      {"use the tool", "", ""},  // no tools in the request
  };
  for (const auto& c : cases) {
    EventRecorder rec;
    ASSERT_EQ(h.run(userBody(c.text, c.extra), false, rec), GR_OK) << c.text << c.extra;
    Object::Ptr message = onlyMessage(rec);
    if (c.expectedTool.empty()) {
      EXPECT_FALSE(message->has("tool_calls")) << c.text << c.extra;
      EXPECT_EQ(message->getValue<std::string>("content"), c.text);
    } else {
      ASSERT_TRUE(message->has("tool_calls")) << c.text << c.extra;
      EXPECT_EQ(message->getArray("tool_calls")->getObject(0)->getObject("function")->getValue<std::string>("name"),
                c.expectedTool);
    }
  }
}

TEST(MockTools, ToolsModelWithoutToolsEchoes) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("just text"), false, rec, "tools"), GR_OK);
  EXPECT_EQ(onlyMessage(rec)->getValue<std::string>("content"), "just text");
}

TEST(MockTools, NamedFunctionMissingFromToolsIsRejected) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("x", kTools + R"(,"tool_choice":{"type":"function","function":{"name":"nope"}})"),
                  false, rec),
            GR_FAILURE);
  ASSERT_EQ(rec.errors.size(), 1u);
  EXPECT_EQ(rec.errors[0].kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(rec.errors[0].param, "tool_choice");
}

TEST(MockTools, StreamedToolCall) {
  MockHarness h;
  EventRecorder rec;
  const std::string text = "call the \"tool\" with caf\xC3\xA9";
  ASSERT_EQ(h.run(userBody(text, kTools), true, rec), GR_OK);
  // role, tool call start, two argument fragments, finish
  ASSERT_EQ(rec.json.size(), 5u);
  EXPECT_EQ(streamedContent(rec.json), "");

  auto toolDelta = [&](std::size_t i) {
    Array::Ptr calls = parseObject(rec.json[i])->getArray("choices")->getObject(0)->getObject("delta")->getArray(
        "tool_calls");
    EXPECT_FALSE(calls.isNull()) << rec.json[i];
    EXPECT_EQ(calls->size(), 1u);
    return calls->getObject(0);
  };
  Object::Ptr start = toolDelta(1);
  EXPECT_EQ(start->getValue<int>("index"), 0);
  EXPECT_EQ(start->getValue<std::string>("id"), "call_mock_1");
  EXPECT_EQ(start->getValue<std::string>("type"), "function");
  EXPECT_EQ(start->getObject("function")->getValue<std::string>("name"), "get_weather");
  EXPECT_EQ(start->getObject("function")->getValue<std::string>("arguments"), "");

  std::string arguments;
  for (std::size_t i : {2u, 3u}) {
    Object::Ptr fragment = toolDelta(i);
    EXPECT_EQ(fragment->getValue<int>("index"), 0);
    EXPECT_FALSE(fragment->has("id"));
    EXPECT_FALSE(fragment->getObject("function")->has("name"));
    const std::string piece = fragment->getObject("function")->getValue<std::string>("arguments");
    EXPECT_FALSE(piece.empty());
    arguments += piece;
  }
  EXPECT_EQ(parseObject(arguments)->getValue<std::string>("input"), text);
  EXPECT_EQ(finishReason(rec.json[4]), "tool_calls");
  ASSERT_TRUE(rec.usage.has_value());
  EXPECT_EQ(rec.usage->completion_tokens, 5);
}

TEST(MockTools, ToolResultIsReportedBack) {
  const std::string body = R"({"model":"mock/tools","messages":[
    {"role":"user","content":"weather?"},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_mock_1","type":"function",
      "function":{"name":"get_weather","arguments":"{\"input\":\"weather?\"}"}}]},
    {"role":"tool","tool_call_id":"call_mock_1","content":"22 C and sunny"}],)" +
                           kTools + "}";
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(body, false, rec, "tools"), GR_OK);
  EXPECT_EQ(onlyMessage(rec)->getValue<std::string>("content"), "Tool result: 22 C and sunny");
  EXPECT_FALSE(onlyMessage(rec)->has("tool_calls"));
  EXPECT_EQ(finishReason(rec.json[0]), "stop");

  EventRecorder streamed;
  ASSERT_EQ(h.run(body, true, streamed, "tools"), GR_OK);
  EXPECT_EQ(streamedContent(streamed.json), "Tool result: 22 C and sunny");
  EXPECT_EQ(finishReason(streamed.json.back()), "stop");
}

TEST(MockTools, CallIdsCountEarlierCalls) {
  const std::string body = R"({"model":"mock/tools","messages":[
    {"role":"user","content":"weather?"},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_mock_1","type":"function",
      "function":{"name":"get_weather","arguments":"{}"}}]},
    {"role":"tool","tool_call_id":"call_mock_1","content":"sunny"},
    {"role":"user","content":"and the time?"}],)" +
                           kTools + "}";
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(body, false, rec, "tools"), GR_OK);
  EXPECT_EQ(onlyMessage(rec)->getArray("tool_calls")->getObject(0)->getValue<std::string>("id"), "call_mock_2");
}

struct ErrorCase {
  int status;
  gr_error_kind kind;
  uint32_t retryAfterMs;
};

TEST(MockErrors, EachRequestedStatusHasItsKind) {
  const std::vector<ErrorCase> cases = {
      {400, GR_ERROR_INVALID_REQUEST, 0}, {401, GR_ERROR_AUTHENTICATION, 0},
      {402, GR_ERROR_INSUFFICIENT_CREDITS, 0}, {403, GR_ERROR_PERMISSION, 0},
      {404, GR_ERROR_NOT_FOUND, 0}, {408, GR_ERROR_TIMEOUT, 0},
      {413, GR_ERROR_INVALID_REQUEST, 0}, {422, GR_ERROR_INVALID_REQUEST, 0},
      {429, GR_ERROR_RATE_LIMITED, 1000}, {500, GR_ERROR_UPSTREAM, 0},
      {502, GR_ERROR_UPSTREAM, 0}, {503, GR_ERROR_OVERLOADED, 0},
      {504, GR_ERROR_TIMEOUT, 0}, {529, GR_ERROR_OVERLOADED, 0},
  };
  MockHarness h;
  for (const auto& c : cases) {
    for (bool stream : {false, true}) {
      EventRecorder rec;
      const std::string text = "mock:error " + std::to_string(c.status) + " please";
      EXPECT_EQ(h.run(userBody(text), stream, rec), GR_FAILURE) << text;
      EXPECT_TRUE(rec.json.empty()) << text;  // fails before anything is emitted
      EXPECT_FALSE(rec.usage.has_value()) << text;
      ASSERT_EQ(rec.errors.size(), 1u) << text;
      EXPECT_EQ(rec.errors[0].kind, c.kind) << text;
      EXPECT_EQ(rec.errors[0].upstreamStatus, c.status) << text;
      EXPECT_EQ(rec.errors[0].message, "mock error " + std::to_string(c.status) + " requested");
      EXPECT_EQ(rec.errors[0].retryAfterMs, c.retryAfterMs) << text;
    }
  }
}

TEST(MockErrors, ErrorModelAndMalformedStatusMean500) {
  MockHarness h;
  for (const auto& [text, model] : std::vector<std::pair<std::string, std::string>>{
           {"hello", "error"}, {"mock:error", "echo"}, {"mock:error 999", "echo"}, {"  mock:error abc", "echo"}}) {
    EventRecorder rec;
    EXPECT_EQ(h.run(userBody(text), true, rec, model), GR_FAILURE) << text;
    EXPECT_TRUE(rec.json.empty());
    ASSERT_EQ(rec.errors.size(), 1u) << text;
    EXPECT_EQ(rec.errors[0].kind, GR_ERROR_UPSTREAM);
    EXPECT_EQ(rec.errors[0].upstreamStatus, 500);
    EXPECT_EQ(rec.errors[0].message, "mock error 500 requested");
  }
}

TEST(MockErrors, ErrorOnlyWhenTheMessageStartsWithIt) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("say mock:error 429"), false, rec), GR_OK);
  EXPECT_EQ(onlyMessage(rec)->getValue<std::string>("content"), "say mock:error 429");
}

TEST(MockErrors, MidStreamFailureAfterTwoContentChunks) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("mock:error-midstream then some more words", R"("stream_options":{"include_usage":true})"),
                  true, rec),
            GR_FAILURE);
  ASSERT_EQ(rec.json.size(), 3u);  // role chunk + exactly two content chunks
  EXPECT_EQ(streamedContent(rec.json), "mock:error-midstream then");
  for (const auto& c : rec.json) {
    EXPECT_TRUE(parseObject(c)->getArray("choices")->getObject(0)->isNull("finish_reason")) << c;
  }
  ASSERT_EQ(rec.errors.size(), 1u);
  EXPECT_EQ(rec.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(rec.errors[0].message, "mock error mid-stream requested");
  EXPECT_FALSE(rec.usage.has_value());

  EventRecorder whole;  // a non-stream request fails outright
  EXPECT_EQ(h.run(userBody("mock:error-midstream then some more words"), false, whole), GR_FAILURE);
  EXPECT_TRUE(whole.json.empty());
  ASSERT_EQ(whole.errors.size(), 1u);
  EXPECT_EQ(whole.errors[0].kind, GR_ERROR_UPSTREAM);
}

TEST(MockCancel, StreamStopsWhenTheClientIsGone) {
  // 50 ms between words: finishing all 20 words would need 950 ms and 22
  // events; a cancelled stream stops at the event the sink refused.
  MockHarness h(R"({"stream_delay_ms":50})");
  ASSERT_EQ(h.createStatus, GR_OK);
  std::string text;
  for (int i = 0; i < 20; ++i) text += (i ? " w" : "w") + std::to_string(i);
  EventRecorder rec;
  rec.stopAfter = 2;
  EXPECT_EQ(h.run(userBody(text, R"("stream_options":{"include_usage":true})"), true, rec), GR_CANCELLED);
  EXPECT_EQ(rec.json.size(), 2u);
  EXPECT_TRUE(rec.errors.empty());
  EXPECT_FALSE(rec.usage.has_value());
}

TEST(MockCancel, ToolCallStreamAndNonStreamStopToo) {
  MockHarness h;
  EventRecorder tool;
  tool.stopAfter = 2;
  EXPECT_EQ(h.run(userBody("x", kTools), true, tool, "tools"), GR_CANCELLED);
  EXPECT_EQ(tool.json.size(), 2u);

  EventRecorder whole;
  whole.stopAfter = 1;
  EXPECT_EQ(h.run(userBody("a b c"), false, whole), GR_CANCELLED);
  EXPECT_EQ(whole.json.size(), 1u);
}

TEST(MockPlanner, SlowModelUsesTheSlowDelay) {
  const std::string body = userBody("a b");
  sdk::ChatRequest request;
  request.body = body;
  request.upstreamModel = "slow";
  EXPECT_EQ(MockReplyPlanner(5).plan(request).wordDelayMs, MockReplyPlanner::kSlowDelayMs);
  request.upstreamModel = "echo";
  EXPECT_EQ(MockReplyPlanner(5).plan(request).wordDelayMs, 5);
}

TEST(MockPlanner, SplitWordsKeepsEveryByte) {
  using V = std::vector<std::string>;
  EXPECT_EQ(MockReplyPlanner::splitWords("  Hello   big\nworld  "), (V{"  Hello", "   big", "\nworld  "}));
  EXPECT_EQ(MockReplyPlanner::splitWords("one"), (V{"one"}));
  EXPECT_EQ(MockReplyPlanner::splitWords(""), V{});
  EXPECT_EQ(MockReplyPlanner::splitWords("   "), (V{"   "}));
  EXPECT_EQ(MockReplyPlanner::countWords("  Hello   big\nworld  "), 3);
  EXPECT_EQ(MockReplyPlanner::countWords(""), 0);
  EXPECT_EQ(MockReplyPlanner::countWords(" \t\n"), 0);
}

}  // namespace
}  // namespace gaiarouter::plugins::mock::test
