// Gemini GenerateContentResponse / error bodies -> OpenAI chat.completion / errors.
#include "GoogleErrorTranslator.h"
#include "GoogleProvider.h"
#include "GoogleResponseTranslator.h"
#include "GoogleTestSupport.h"
#include "GoogleToolCallId.h"

#include <EventRecorder.h>
#include <Fixtures.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::google {
namespace {

using gaiarouter::test::EventRecorder;
using gaiarouter::test::RecordedError;
using gaiarouter::test::sharedFixture;
using gaiarouter::test::testFixture;
using test::OwnedRequest;

constexpr int64_t kNow = 1700000000;

struct Result {
  std::vector<std::string> json;
  std::optional<gr_usage> usage;
  std::vector<RecordedError> errors;
};

Result translate(const std::string& body, int status = 200,
                 std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
  OwnedRequest request;
  sdk::HttpResponse response;
  response.status = status;
  response.body = body;
  response.headers = std::move(headers);
  EventRecorder recorder;
  auto sink = recorder.cpp();
  try {
    GoogleResponseTranslator::translate(request.view(), response, sink, kNow);
  } catch (const sdk::ProviderError& e) {
    sink.error(e.error());
  }
  return {recorder.json, recorder.usage, recorder.errors};
}

RecordedError translateError(const std::string& body, int status,
                             std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
  const Result r = translate(body, status, std::move(headers));
  EXPECT_TRUE(r.json.empty());
  EXPECT_FALSE(r.usage.has_value());
  if (r.errors.size() != 1) {
    ADD_FAILURE() << "expected exactly one error, got " << r.errors.size();
    return {};
  }
  return r.errors[0];
}

void expectUsage(const std::optional<gr_usage>& u, int64_t prompt, int64_t completion, int64_t total,
                 int64_t cached, int64_t reasoning) {
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->prompt_tokens, prompt);
  EXPECT_EQ(u->completion_tokens, completion);
  EXPECT_EQ(u->total_tokens, total);
  EXPECT_EQ(u->cached_prompt_tokens, cached);
  EXPECT_EQ(u->cache_write_tokens, -1);
  EXPECT_EQ(u->reasoning_tokens, reasoning);
  EXPECT_LT(u->cost_usd, 0.0);
}

TEST(GoogleResponseTranslator, TextResponse) {
  const Result r = translate(sharedFixture("google/generateContent_text.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_EQ(r.json[0],
            R"({"id":"chatcmpl-req-1","object":"chat.completion","created":1700000000,"model":"gemini-2.0-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Google's headquarters, also known as the )"
            R"(Googleplex, is located in **Mountain View, California**.\n"},"finish_reason":"stop","logprobs":null}],)"
            R"("usage":{"prompt_tokens":7,"completion_tokens":22,"total_tokens":29}})");
  expectUsage(r.usage, 7, 22, 29, -1, -1);
  EXPECT_TRUE(r.errors.empty());
}

TEST(GoogleResponseTranslator, ThoughtPartsAreReasoningNotContent) {
  const Result r = translate(sharedFixture("google/generateContent_thinking_text.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_EQ(r.json[0],
            R"({"id":"2pmHaJqQEoqC-8YP6eStyAY","object":"chat.completion","created":1700000000,"model":"gemini-2.5-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Mountain View","reasoning_content":)"
            R"("**Thinking About Google's Headquarters**\n\nWell, this one's straightforward. The user wants to know the )"
            R"(city where Google's headquarters is located.  Of course, that would be Mountain View. It's almost second )"
            R"(nature at this point, especially given my background.  Simple question, simple answer.  Let's get that )"
            R"(information to them quickly and move on.\n"},"finish_reason":"stop","logprobs":null}],)"
            R"("usage":{"prompt_tokens":14,"completion_tokens":26,"total_tokens":40,)"
            R"("completion_tokens_details":{"reasoning_tokens":24}}})");
  expectUsage(r.usage, 14, 26, 40, -1, 24);
}

TEST(GoogleResponseTranslator, MaxTokensIsLength) {
  const Result r = translate(sharedFixture("google/finish_reason_max_tokens.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_EQ(r.json[0],
            R"({"id":"chatcmpl-req-1","object":"chat.completion","created":1700000000,"model":"gemini-2.0-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"Safety Failure incoming: "},)"
            R"("finish_reason":"length","logprobs":null}],"usage":{"prompt_tokens":7,"completion_tokens":20,"total_tokens":27}})");
  expectUsage(r.usage, 7, 20, 27, -1, -1);
}

TEST(GoogleResponseTranslator, OldResponsesWithoutUsageOrModel) {
  const Result r = translate(sharedFixture("google/generateContent_function_response.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_EQ(r.json[0],
            R"({"id":"chatcmpl-req-1","object":"chat.completion","created":1700000000,"model":"gemini-2.5-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":"OK. I found two theaters in Mountain View )"
            R"(that are showing the Barbie movie: AMC Mountain View 16 and Regal Edwards 14."},"finish_reason":"stop",)"
            R"("logprobs":null}]})");
  EXPECT_FALSE(r.usage.has_value());

  const Result cat = translate(sharedFixture("google/generateContent_system_instruction.response.json"));
  ASSERT_EQ(cat.json.size(), 1u);
  auto message = test::parseObject(cat.json[0])->getArray("choices")->getObject(0)->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("content"), "Meow 😺 \n");
}

TEST(GoogleResponseTranslator, BlockedPromptIsContentFilterCompletion) {
  const Result r = translate(sharedFixture("google/prompt_blocked_safety.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.json[0],
            R"({"id":"chatcmpl-req-1","object":"chat.completion","created":1700000000,"model":"gemini-2.5-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":null,)"
            R"x("refusal":"The prompt was blocked by Gemini (block reason: SAFETY)"},"finish_reason":"content_filter",)x"
            R"("logprobs":null}]})");
}

TEST(GoogleResponseTranslator, FunctionCallIsToolCallsEvenThoughStop) {
  const Result r = translate(sharedFixture("google/vertex_generateContent_function_call_history.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  // created comes from Vertex's createTime 2026-02-12T09:06:58.415119Z.
  EXPECT_EQ(r.json[0],
            R"({"id":"MpiNaY-rGd3A7bEPzOGU2Q8","object":"chat.completion","created":1770887218,"model":"gemini-2.0-flash",)"
            R"("choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_req-1_0",)"
            R"("type":"function","function":{"name":"customDivide","arguments":"{\"denominator\":2,\"numerator\":50}"}}]},)"
            R"("finish_reason":"tool_calls","logprobs":null}],"usage":{"prompt_tokens":38,"completion_tokens":6,"total_tokens":44}})");
  expectUsage(r.usage, 38, 6, 44, -1, -1);
}

// Hand-written fixture (see tests/fixtures/google/README.md): Gemini 3 style
// functionCall with a thoughtSignature and cached/thought token counts.
TEST(GoogleResponseTranslator, ThoughtSignatureIsKeptInToolCallId) {
  const Result r = translate(testFixture("google/generateContent_function_call_signature.response.json"));
  ASSERT_EQ(r.json.size(), 1u);
  auto completion = test::parseObject(r.json[0]);
  auto choice = completion->getArray("choices")->getObject(0);
  auto message = choice->getObject("message");
  EXPECT_TRUE(message->isNull("content"));
  EXPECT_EQ(message->getValue<std::string>("reasoning_content"),
            "**Planning the call**\n\nI need the current weather for Paris before answering.");
  auto call = message->getArray("tool_calls")->getObject(0);
  const std::string id = call->getValue<std::string>("id");
  EXPECT_EQ(id, "call_req-1_0__ts_yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_vv__g");
  EXPECT_EQ(GoogleToolCallId::thoughtSignature(id),
            "yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/vv//g==");
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"Paris","unit":"celsius"})");
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
  EXPECT_EQ(test::compact(completion->get("usage")),
            R"({"prompt_tokens":40,"completion_tokens":75,"total_tokens":115,"prompt_tokens_details":{"cached_tokens":32},)"
            R"("completion_tokens_details":{"reasoning_tokens":60}})");
  expectUsage(r.usage, 40, 75, 115, 32, 60);
}

TEST(GoogleResponseTranslator, SeveralCandidatesAndFilteredFinish) {
  const Result r = translate(R"({"candidates":[
    {"content":{"parts":[{"text":"A"}],"role":"model"},"finishReason":"STOP","index":0},
    {"content":{"parts":[{"functionCall":{"name":"f","args":{}}}],"role":"model"},"finishReason":"STOP","index":1},
    {"finishReason":"SAFETY","index":2},
    {"content":{"parts":[{"text":"B"}],"role":"model"},"finishReason":"RECITATION","index":3},
    {"content":{"parts":[{"text":"C"}],"role":"model"},"finishReason":"MALFORMED_FUNCTION_CALL","index":4}],
    "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":5,"totalTokenCount":8,"toolUsePromptTokenCount":2}})");
  ASSERT_EQ(r.json.size(), 1u);
  EXPECT_EQ(test::compact(test::parseObject(r.json[0])->get("choices")),
            R"([{"index":0,"message":{"role":"assistant","content":"A"},"finish_reason":"stop","logprobs":null},)"
            R"({"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_req-1_0","type":"function",)"
            R"("function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls","logprobs":null},)"
            R"({"index":2,"message":{"role":"assistant","content":null},"finish_reason":"content_filter","logprobs":null},)"
            R"({"index":3,"message":{"role":"assistant","content":"B"},"finish_reason":"content_filter","logprobs":null},)"
            R"({"index":4,"message":{"role":"assistant","content":"C"},"finish_reason":"stop","logprobs":null}])");
  expectUsage(r.usage, 5, 5, 8, -1, -1);
}

TEST(GoogleResponseTranslator, ErrorFixtures) {
  auto e = translateError(sharedFixture("google/error_400_api_key_invalid.json"), 400);
  EXPECT_EQ(e.kind, GR_ERROR_AUTHENTICATION);
  EXPECT_EQ(e.upstreamStatus, 400);
  EXPECT_EQ(e.message, "API key not valid. Please pass a valid API key.");
  EXPECT_EQ(e.code, "API_KEY_INVALID");
  EXPECT_EQ(e.upstreamType, "INVALID_ARGUMENT");

  e = translateError(sharedFixture("google/error_400_invalid_argument.json"), 400);
  EXPECT_EQ(e.kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(e.upstreamStatus, 400);
  EXPECT_EQ(e.message, "Request contains an invalid argument.");
  EXPECT_EQ(e.code, "");
  EXPECT_EQ(e.upstreamType, "INVALID_ARGUMENT");

  e = translateError(sharedFixture("google/error_400_invalid_role.json"), 400);
  EXPECT_EQ(e.kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(e.message, "Please use a valid role: user, model.");
  EXPECT_EQ(e.upstreamType, "INVALID_ARGUMENT");

  e = translateError(sharedFixture("google/error_404_model_not_found.json"), 404);
  EXPECT_EQ(e.kind, GR_ERROR_NOT_FOUND);
  EXPECT_EQ(e.upstreamStatus, 404);
  EXPECT_EQ(e.message.rfind("models/gemini-5.0-flash is not found for API version v1", 0), 0u);
  EXPECT_EQ(e.upstreamType, "NOT_FOUND");

  e = translateError(sharedFixture("google/error_429_resource_exhausted.json"), 429);
  EXPECT_EQ(e.kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(e.message, "Resource has been exhausted (e.g. check quota).");
  EXPECT_EQ(e.upstreamType, "RESOURCE_EXHAUSTED");
  EXPECT_EQ(e.retryAfterMs, 0u);
  e = translateError(sharedFixture("google/error_429_resource_exhausted.json"), 429, {{"Retry-After", "7"}});
  EXPECT_EQ(e.retryAfterMs, 7000u);

  // Hand-written from the documented newer shape (RetryInfo detail).
  e = translateError(testFixture("google/error_429_retry_info.json"), 429, {{"retry-after", "99"}});
  EXPECT_EQ(e.kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(e.retryAfterMs, 13000u);
  EXPECT_EQ(e.upstreamType, "RESOURCE_EXHAUSTED");

  e = translateError(testFixture("google/error_503_unavailable.json"), 503);
  EXPECT_EQ(e.kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(e.upstreamStatus, 503);
  EXPECT_EQ(e.message, "The model is overloaded. Please try again later.");
  EXPECT_EQ(e.upstreamType, "UNAVAILABLE");
}

TEST(GoogleResponseTranslator, StatusNamesAndHttpStatusesClassify) {
  auto body = [](int code, const std::string& status, const std::string& message = "m") {
    return R"({"error":{"code":)" + std::to_string(code) + R"(,"message":")" + message + R"(","status":")" + status + "\"}}";
  };
  EXPECT_EQ(translateError(body(401, "UNAUTHENTICATED"), 401).kind, GR_ERROR_AUTHENTICATION);
  EXPECT_EQ(translateError(body(403, "PERMISSION_DENIED"), 403).kind, GR_ERROR_PERMISSION);
  EXPECT_EQ(translateError(body(401, "PERMISSION_DENIED"), 401).kind, GR_ERROR_AUTHENTICATION);
  EXPECT_EQ(translateError(body(403, "UNAUTHENTICATED"), 403).kind, GR_ERROR_PERMISSION);
  EXPECT_EQ(translateError(body(400, "FAILED_PRECONDITION"), 400).kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(translateError(body(504, "DEADLINE_EXCEEDED"), 504).kind, GR_ERROR_TIMEOUT);
  EXPECT_EQ(translateError(body(500, "INTERNAL"), 500).kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(translateError(body(503, "UNAVAILABLE"), 503).kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(translateError(body(402, "SOMETHING_NEW"), 402).kind, GR_ERROR_INSUFFICIENT_CREDITS);

  const auto tooLong = translateError(
      body(400, "INVALID_ARGUMENT",
           "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."),
      400);
  EXPECT_EQ(tooLong.kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(tooLong.code, "context_length_exceeded");
  EXPECT_EQ(tooLong.param, "messages");

  const auto halfSecond = translateError(
      R"({"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.5s"}]}})",
      429);
  EXPECT_EQ(halfSecond.retryAfterMs, 500u);
  const auto fromMessage =
      translateError(body(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 2.0001s."), 429);
  EXPECT_EQ(fromMessage.retryAfterMs, 2001u);
}

TEST(GoogleResponseTranslator, UnusableBodiesNeverLeakTheBody) {
  auto e = translateError("<html><body>Bad Gateway SECRET-PAGE</body></html>", 502);
  EXPECT_EQ(e.kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(e.upstreamStatus, 502);
  EXPECT_EQ(e.message.find("SECRET"), std::string::npos);

  e = translateError("{\"candidates\": [tru", 200);
  EXPECT_EQ(e.kind, GR_ERROR_BAD_RESPONSE);
  EXPECT_EQ(e.message.find("candidates"), std::string::npos);

  e = translateError(R"({"usageMetadata":{"promptTokenCount":1}})", 200);
  EXPECT_EQ(e.kind, GR_ERROR_BAD_RESPONSE);
  EXPECT_EQ(e.message, "upstream response has no candidates");

  e = translateError(R"({"candidates":{"oops":1}})", 200);
  EXPECT_EQ(e.kind, GR_ERROR_BAD_RESPONSE);

  e = translateError(R"({"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}})", 200);
  EXPECT_EQ(e.kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(e.message, "Internal error encountered.");
}

TEST(GoogleErrorTranslator, ParsesDurations) {
  EXPECT_EQ(GoogleErrorTranslator::parseDuration("13s"), 13000u);
  EXPECT_EQ(GoogleErrorTranslator::parseDuration("0.5s"), 500u);
  EXPECT_EQ(GoogleErrorTranslator::parseDuration("1.2345s"), 1235u);
  EXPECT_FALSE(GoogleErrorTranslator::parseDuration("13").has_value());
  EXPECT_FALSE(GoogleErrorTranslator::parseDuration("s").has_value());
  EXPECT_FALSE(GoogleErrorTranslator::parseDuration("-1s").has_value());
}

TEST(GoogleToolCallId, RoundTripsAndIgnoresForeignIds) {
  EXPECT_EQ(GoogleToolCallId::make("req_1/x", 3, ""), "call_req1x_3");
  EXPECT_EQ(GoogleToolCallId::make("", 0, ""), "call_0");
  EXPECT_EQ(GoogleToolCallId::thoughtSignature("call_req1x_3"), "");
  const std::string sig = "ab+/cd==";
  const std::string id = GoogleToolCallId::make("ts__ts_", 1, sig);
  EXPECT_EQ(id, "call_tsts_1__ts_ab-_cd");
  EXPECT_EQ(GoogleToolCallId::thoughtSignature(id), sig);
  EXPECT_EQ(GoogleToolCallId::thoughtSignature("toolu_01__ts_abcd"), "");  // not ours
  EXPECT_EQ(GoogleToolCallId::make("r", 0, "not base64!"), "call_r_0");    // not embeddable
}

// Through the C ABI, as the host calls it.
TEST(GoogleResponseTranslator, TranslateThroughPluginAbi) {
  const gr_provider_api* api = sdk::detail::Trampolines<GoogleProvider>::table();
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  config.api_key = sdk::str("AIza-secret");
  config.base_url = sdk::str("https://generativelanguage.googleapis.com");
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);
  OwnedRequest request;
  request.body = R"({"model":"m","messages":[{"role":"user","content":"hi"}]})";
  const gr_chat_request c = request.c();

  const std::string ok = sharedFixture("google/generateContent_text.response.json");
  gr_http_response response{sizeof(gr_http_response), 200, nullptr, 0, sdk::str(ok)};
  EventRecorder recorder;
  EXPECT_EQ(api->translate_response(instance, &c, &response, recorder.sink()), GR_OK);
  ASSERT_EQ(recorder.json.size(), 1u);
  EXPECT_EQ(test::parseObject(recorder.json[0])->getValue<std::string>("model"), "gemini-2.0-flash");
  EXPECT_GT(test::parseObject(recorder.json[0])->getValue<int64_t>("created"), 1700000000);
  ASSERT_TRUE(recorder.usage.has_value());
  EXPECT_EQ(recorder.usage->total_tokens, 29);

  const std::string bad = sharedFixture("google/error_400_api_key_invalid.json");
  gr_header header{sdk::str("content-type"), sdk::str("application/json")};
  gr_http_response failed{sizeof(gr_http_response), 400, &header, 1, sdk::str(bad)};
  EventRecorder errors;
  EXPECT_EQ(api->translate_response(instance, &c, &failed, errors.sink()), GR_FAILURE);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].kind, GR_ERROR_AUTHENTICATION);
  EXPECT_TRUE(errors.json.empty());
  api->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::google
