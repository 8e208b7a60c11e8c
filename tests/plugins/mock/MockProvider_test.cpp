// MockProvider through the C ABI table: text, streams, usage, limits,
// errors on demand and cancellation.
#include "MockTestHarness.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::mock::test {
namespace {

TEST(MockProviderCreate, DefaultsAndOptions) {
  sdk::ProviderConfig config;
  EXPECT_EQ(MockProvider(sdk::Host(nullptr), config).streamDelayMs(), 20);
  config.optionsJson = R"({"stream_delay_ms":75})";
  EXPECT_EQ(MockProvider(sdk::Host(nullptr), config).streamDelayMs(), 75);
}

TEST(MockProviderCreate, RejectsBadOptionsWithAReason) {
  for (const std::string options : {R"({"stream_delay_ms":-1})", R"({"stream_delay_ms":"fast"})",
                                     R"({"stream_delay_ms":1.5})", "[1]", "{not json"}) {
    MockHarness h(options);
    EXPECT_EQ(h.createStatus, GR_FAILURE) << options;
    EXPECT_EQ(h.instance, nullptr) << options;
    EXPECT_NE(h.createError.find("mock:"), std::string::npos) << options << " -> " << h.createError;
  }
}

TEST(MockProviderModels, ListsTheFourModels) {
  MockHarness h;
  ASSERT_EQ(h.createStatus, GR_OK);
  std::string text;
  gr_text_sink sink{&text, [](void* ctx, gr_str s) { static_cast<std::string*>(ctx)->assign(sdk::view(s)); }};
  ASSERT_EQ(h.api->list_models(h.instance, &sink), GR_OK);
  Array::Ptr models = parseArray(text);
  ASSERT_EQ(models->size(), 4u);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < models->size(); ++i) {
    names.push_back(models->getObject(static_cast<unsigned>(i))->getValue<std::string>("model"));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"echo", "tools", "error", "slow"}));
  Object::Ptr echo = models->getObject(0);
  EXPECT_EQ(echo->getValue<std::string>("name"), "Mock Echo");
  EXPECT_EQ(echo->getValue<int>("context_length"), 32768);
  EXPECT_EQ(echo->getValue<int>("max_output_tokens"), 4096);
  EXPECT_DOUBLE_EQ(echo->getObject("pricing")->getValue<double>("input"), 1.0);
  EXPECT_DOUBLE_EQ(echo->getObject("pricing")->getValue<double>("output"), 2.0);
  Object::Ptr caps = echo->getObject("capabilities");
  EXPECT_TRUE(caps->getValue<bool>("tools"));
  EXPECT_TRUE(caps->getValue<bool>("vision"));
  EXPECT_TRUE(caps->getValue<bool>("json"));
}

TEST(MockProviderTable, IsALocalPlugin) {
  const gr_provider_api* api = sdk::detail::Trampolines<MockProvider>::table();
  EXPECT_EQ(api->struct_size, sizeof(gr_provider_api));
  EXPECT_NE(api->complete_local, nullptr);
  EXPECT_EQ(api->build_request, nullptr);
  EXPECT_EQ(api->stream_open, nullptr);
}

TEST(MockEcho, NonStreamCompletion) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("Hello there, gateway!"), false, rec), GR_OK);
  ASSERT_EQ(rec.json.size(), 1u);
  EXPECT_TRUE(rec.errors.empty());
  Object::Ptr c = parseObject(rec.json[0]);
  EXPECT_EQ(c->getValue<std::string>("id"), "chatcmpl-mock-req-1");
  EXPECT_EQ(c->getValue<std::string>("object"), "chat.completion");
  EXPECT_EQ(c->getValue<std::string>("model"), "echo");
  EXPECT_GT(c->getValue<int64_t>("created"), 1600000000);
  Object::Ptr choice = c->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<int>("index"), 0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  EXPECT_TRUE(choice->isNull("logprobs"));
  Object::Ptr message = choice->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("role"), "assistant");
  EXPECT_EQ(message->getValue<std::string>("content"), "Hello there, gateway!");
  EXPECT_FALSE(message->has("tool_calls"));
  Object::Ptr usage = c->getObject("usage");
  EXPECT_EQ(usage->getValue<int>("prompt_tokens"), 3);
  EXPECT_EQ(usage->getValue<int>("completion_tokens"), 3);
  EXPECT_EQ(usage->getValue<int>("total_tokens"), 6);
  ASSERT_TRUE(rec.usage.has_value());
  EXPECT_EQ(rec.usage->prompt_tokens, 3);
  EXPECT_EQ(rec.usage->completion_tokens, 3);
  EXPECT_EQ(rec.usage->total_tokens, 6);
  EXPECT_EQ(rec.usage->cached_prompt_tokens, -1);
  EXPECT_EQ(rec.usage->reasoning_tokens, -1);
}

TEST(MockEcho, EchoesTheLastUserMessageAndCountsEveryMessage) {
  const std::string body = R"({"model":"mock/echo","messages":[
    {"role":"system","content":"Be brief."},
    {"role":"user","content":"first question"},
    {"role":"assistant","content":"first answer here"},
    {"role":"user","content":[{"type":"text","text":"look at"},
                              {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
                              {"type":"text","text":"this picture"}]}]})";
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(body, false, rec), GR_OK);
  ASSERT_EQ(rec.json.size(), 1u);
  Object::Ptr c = parseObject(rec.json[0]);
  EXPECT_EQ(c->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"),
            "look at this picture");
  // 2 + 2 + 3 + 4 words.
  EXPECT_EQ(rec.usage->prompt_tokens, 11);
  EXPECT_EQ(rec.usage->completion_tokens, 4);
  EXPECT_EQ(rec.usage->total_tokens, 15);
}

TEST(MockEcho, StreamChunksConcatenateToTheExactText) {
  const std::string text = "  Hello   wide\nworld \t of  mocks ";
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody(text), true, rec), GR_OK);
  EXPECT_TRUE(rec.errors.empty());
  // role chunk + 5 words + finish chunk, no usage chunk without include_usage
  ASSERT_EQ(rec.json.size(), 7u);
  EXPECT_EQ(streamedContent(rec.json), text);

  Object::Ptr first = parseObject(rec.json.front());
  const std::string id = first->getValue<std::string>("id");
  const int64_t created = first->getValue<int64_t>("created");
  EXPECT_EQ(id, "chatcmpl-mock-req-1");
  Object::Ptr firstDelta = first->getArray("choices")->getObject(0)->getObject("delta");
  EXPECT_EQ(firstDelta->getValue<std::string>("role"), "assistant");
  EXPECT_EQ(firstDelta->getValue<std::string>("content"), "");

  for (std::size_t i = 0; i < rec.json.size(); ++i) {
    Object::Ptr chunk = parseObject(rec.json[i]);
    EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk");
    EXPECT_EQ(chunk->getValue<std::string>("id"), id);
    EXPECT_EQ(chunk->getValue<int64_t>("created"), created);
    EXPECT_EQ(chunk->getValue<std::string>("model"), "echo");
    ASSERT_EQ(chunk->getArray("choices")->size(), 1u);
    Object::Ptr choice = chunk->getArray("choices")->getObject(0);
    if (i + 1 < rec.json.size()) {
      EXPECT_TRUE(choice->isNull("finish_reason")) << rec.json[i];
    }
    if (i > 0 && i + 1 < rec.json.size()) {
      EXPECT_FALSE(choice->getObject("delta")->has("role")) << rec.json[i];
    }
  }
  Object::Ptr last = parseObject(rec.json.back())->getArray("choices")->getObject(0);
  EXPECT_EQ(last->getValue<std::string>("finish_reason"), "stop");
  EXPECT_EQ(last->getObject("delta")->size(), 0u);

  ASSERT_TRUE(rec.usage.has_value());
  EXPECT_EQ(rec.usage->prompt_tokens, 5);
  EXPECT_EQ(rec.usage->completion_tokens, 5);
  EXPECT_EQ(rec.usage->total_tokens, 10);
}

TEST(MockEcho, UsageChunkOnlyWithIncludeUsage) {
  MockHarness h;
  EventRecorder plain;
  ASSERT_EQ(h.run(userBody("one two three", R"("stream":true,"stream_options":{"include_usage":false})"), true,
                  plain),
            GR_OK);
  ASSERT_EQ(plain.json.size(), 5u);
  for (const auto& c : plain.json) EXPECT_FALSE(parseObject(c)->has("usage")) << c;

  EventRecorder withUsage;
  ASSERT_EQ(h.run(userBody("one two three", R"("stream":true,"stream_options":{"include_usage":true})"), true,
                  withUsage),
            GR_OK);
  ASSERT_EQ(withUsage.json.size(), 6u);
  Object::Ptr finish = parseObject(withUsage.json[4]);
  EXPECT_EQ(finish->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"), "stop");
  Object::Ptr usageChunk = parseObject(withUsage.json[5]);
  EXPECT_EQ(usageChunk->getValue<std::string>("object"), "chat.completion.chunk");
  EXPECT_EQ(usageChunk->getValue<std::string>("id"), finish->getValue<std::string>("id"));
  EXPECT_EQ(usageChunk->getArray("choices")->size(), 0u);
  Object::Ptr usage = usageChunk->getObject("usage");
  EXPECT_EQ(usage->getValue<int>("prompt_tokens"), 3);
  EXPECT_EQ(usage->getValue<int>("completion_tokens"), 3);
  EXPECT_EQ(usage->getValue<int>("total_tokens"), 6);
  EXPECT_EQ(withUsage.usage->total_tokens, 6);
}

TEST(MockEcho, MaxTokensTruncatesWithLength) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("a b c d e f", R"("max_tokens":4)"), false, rec), GR_OK);
  Object::Ptr choice = parseObject(rec.json.at(0))->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "a b c d");
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "length");
  EXPECT_EQ(rec.usage->completion_tokens, 4);
  EXPECT_EQ(rec.usage->prompt_tokens, 6);

  EventRecorder streamed;
  ASSERT_EQ(h.run(userBody("a b c d e f", R"("max_completion_tokens":2,"max_tokens":5)"), true, streamed), GR_OK);
  EXPECT_EQ(streamedContent(streamed.json), "a b");
  EXPECT_EQ(parseObject(streamed.json.back())->getArray("choices")->getObject(0)->getValue<std::string>(
                "finish_reason"),
            "length");
  EXPECT_EQ(streamed.usage->completion_tokens, 2);

  EventRecorder exact;  // a limit equal to the word count is not a truncation
  ASSERT_EQ(h.run(userBody("a b c", R"("max_tokens":3)"), false, exact), GR_OK);
  EXPECT_EQ(parseObject(exact.json.at(0))->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"),
            "stop");
}

TEST(MockEcho, RegistryOutputCapTruncatesToo) {
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody("a b c d e f"), false, rec, "echo", 3), GR_OK);
  Object::Ptr choice = parseObject(rec.json.at(0))->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "a b c");
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "length");
}

TEST(MockEcho, RejectsABadTokenLimit) {
  MockHarness h;
  for (const auto& [extra, param] : std::vector<std::pair<std::string, std::string>>{
           {R"("max_tokens":0)", "max_tokens"},
           {R"("max_tokens":"ten")", "max_tokens"},
           {R"("max_completion_tokens":-3)", "max_completion_tokens"}}) {
    EventRecorder rec;
    EXPECT_EQ(h.run(userBody("a b c", extra), false, rec), GR_FAILURE) << extra;
    ASSERT_EQ(rec.errors.size(), 1u) << extra;
    EXPECT_EQ(rec.errors[0].kind, GR_ERROR_INVALID_REQUEST);
    EXPECT_EQ(rec.errors[0].param, param);
    EXPECT_TRUE(rec.json.empty());
  }
}

TEST(MockEcho, RejectsAnUnusableBody) {
  MockHarness h;
  for (const std::string body : {"not json", R"({"model":"mock/echo","messages":[]})",
                                 R"({"model":"mock/echo","messages":[{"role":"user","content":42}]})"}) {
    EventRecorder rec;
    EXPECT_EQ(h.run(body, false, rec), GR_FAILURE) << body;
    ASSERT_EQ(rec.errors.size(), 1u) << body;
    EXPECT_EQ(rec.errors[0].kind, GR_ERROR_INVALID_REQUEST) << body;
    EXPECT_TRUE(rec.json.empty());
  }
}

TEST(MockEcho, SameInputSameOutput) {
  MockHarness h;
  EventRecorder a, b;
  const std::string body = userBody("deterministic words please", R"("stream_options":{"include_usage":true})");
  ASSERT_EQ(h.run(body, true, a), GR_OK);
  ASSERT_EQ(h.run(body, true, b), GR_OK);
  auto normalise = [](std::vector<std::string> chunks) {
    for (auto& c : chunks) {
      Object::Ptr o = parseObject(c);
      o->set("created", 0);
      std::ostringstream out;
      o->stringify(out);
      c = out.str();
    }
    return chunks;
  };
  EXPECT_EQ(normalise(a.json), normalise(b.json));
}

TEST(MockEcho, UnicodeSurvivesStreaming) {
  const std::string text = "h\xC3\xA9llo w\xC3\xB6rld \xF0\x9F\x8C\x8D!";
  MockHarness h;
  EventRecorder rec;
  ASSERT_EQ(h.run(userBody(text), true, rec), GR_OK);
  EXPECT_EQ(streamedContent(rec.json), text);
}

}  // namespace
}  // namespace gaiarouter::plugins::mock::test
