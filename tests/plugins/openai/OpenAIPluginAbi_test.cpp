// The openai provider through the C ABI table the GAIAROUTER_PLUGIN macro
// exports (the plugin module itself holds only that macro line).
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenAIProvider.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openai {
namespace {

using test::EventRecorder;
using test::RequestRecorder;
using test::sharedFixture;

const gr_provider_api* api() { return sdk::detail::Trampolines<OpenAIProvider>::table(); }

struct TextSink {
  std::string text;
  gr_text_sink sink{this, [](void* ctx, gr_str s) { static_cast<TextSink*>(ctx)->text.append(sdk::view(s)); }};
};

gr_instance* create(std::string_view options, TextSink* error = nullptr) {
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  config.provider_id = sdk::str("deepseek");
  config.api_key = sdk::str("sk-secret-123");
  config.base_url = sdk::str("https://api.deepseek.com");
  config.options_json = sdk::str(options);
  gr_instance* instance = nullptr;
  const gr_status status = api()->create(nullptr, &config, &instance, error ? &error->sink : nullptr);
  EXPECT_EQ(status == GR_OK, instance != nullptr);
  return instance;
}

gr_chat_request request(std::string_view body, bool stream) {
  gr_chat_request r{};
  r.struct_size = sizeof(r);
  r.body = sdk::str(body);
  r.model_id = sdk::str("deepseek/chat");
  r.upstream_model = sdk::str("deepseek-chat");
  r.request_id = sdk::str("req-abi");
  r.stream = stream ? 1 : 0;
  return r;
}

TEST(OpenAIPluginAbi, BuildTranslateAndStream) {
  gr_instance* instance = create("{}");
  ASSERT_NE(instance, nullptr);
  const std::string body = R"({"model":"x","messages":[{"role":"user","content":"hi"}]})";
  gr_chat_request chat = request(body, false);

  RequestRecorder built;
  EventRecorder errors;
  EXPECT_EQ(api()->build_request(instance, &chat, built.sink(), errors.sink()), GR_OK);
  EXPECT_EQ(built.url, "https://api.deepseek.com/chat/completions");
  EXPECT_EQ(built.header("authorization"), "Bearer sk-secret-123");

  const std::string fixture = sharedFixture("openai/chat_completion_text.response.json");
  gr_http_response response{sizeof(gr_http_response), 200, nullptr, 0, sdk::str(fixture)};
  EventRecorder out;
  EXPECT_EQ(api()->translate_response(instance, &chat, &response, out.sink()), GR_OK);
  EXPECT_EQ(out.json.size(), 1u);
  ASSERT_TRUE(out.usage.has_value());
  EXPECT_EQ(out.usage->total_tokens, 51);

  const std::string error = sharedFixture("openai/error_401_invalid_api_key.json");
  gr_http_response failed{sizeof(gr_http_response), 401, nullptr, 0, sdk::str(error)};
  EventRecorder failure;
  EXPECT_EQ(api()->translate_response(instance, &chat, &failed, failure.sink()), GR_FAILURE);
  ASSERT_EQ(failure.errors.size(), 1u);
  EXPECT_EQ(failure.errors[0].kind, GR_ERROR_AUTHENTICATION);
  EXPECT_EQ(failure.errors[0].message.find("sk-secret-123"), std::string::npos);

  gr_chat_request streaming = request(body, true);
  gr_stream* stream = nullptr;
  ASSERT_EQ(api()->stream_open(instance, &streaming, &stream), GR_OK);
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  EventRecorder chunks;
  chunks.stopAfter = 1;
  EXPECT_EQ(api()->stream_feed(stream, sdk::str(sse), chunks.sink()), GR_CANCELLED);
  EXPECT_EQ(chunks.json.size(), 1u);
  EXPECT_EQ(api()->stream_finish(stream, chunks.sink()), GR_OK);
  EXPECT_TRUE(chunks.errors.empty());
  api()->stream_destroy(stream);

  ASSERT_EQ(api()->stream_open(instance, &streaming, &stream), GR_OK);
  EventRecorder truncated;
  EXPECT_EQ(api()->stream_feed(stream, sdk::str(std::string_view(sse).substr(0, 500)), truncated.sink()), GR_OK);
  EXPECT_EQ(api()->stream_finish(stream, truncated.sink()), GR_FAILURE);
  ASSERT_EQ(truncated.errors.size(), 1u);
  EXPECT_EQ(truncated.errors[0].kind, GR_ERROR_BAD_RESPONSE);
  api()->stream_destroy(stream);

  api()->destroy(instance);
}

TEST(OpenAIPluginAbi, BadOptionsFailCreateWithAReasonAndNoKey) {
  TextSink error;
  EXPECT_EQ(create(R"({"project":42})", &error), nullptr);
  EXPECT_NE(error.text.find("project"), std::string::npos);
  EXPECT_EQ(error.text.find("sk-secret-123"), std::string::npos);
}

TEST(OpenAIPluginAbi, InvalidClientRequestIsReportedThroughTheErrorSink) {
  gr_instance* instance = create("{}");
  ASSERT_NE(instance, nullptr);
  const std::string body = R"({"model":"x","messages":[{"role":"user","content":"hi"}],"stream_options":[]})";
  gr_chat_request chat = request(body, true);
  RequestRecorder built;
  EventRecorder errors;
  EXPECT_EQ(api()->build_request(instance, &chat, built.sink(), errors.sink()), GR_FAILURE);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errors.errors[0].param, "stream_options");
  EXPECT_TRUE(built.url.empty());
  api()->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::openai
