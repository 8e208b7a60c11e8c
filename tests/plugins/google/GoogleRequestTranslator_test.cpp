// OpenAI chat request -> Gemini generateContent request.
#include "GoogleJson.h"
#include "GoogleProvider.h"
#include "GoogleRequestTranslator.h"
#include "GoogleTestSupport.h"
#include "GoogleToolCallId.h"

#include <EventRecorder.h>
#include <Fixtures.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::google {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using test::canonical;
using test::OwnedRequest;
using test::parseObject;
using gaiarouter::test::sharedFixture;

const std::string kBase = "https://generativelanguage.googleapis.com";
const std::string kSignature =
    "yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/vv//g==";

GoogleHttpRequest build(const std::string& body, bool stream = false, const std::string& key = "test-key") {
  OwnedRequest request;
  request.body = body;
  request.stream = stream;
  return GoogleRequestTranslator(kBase, key).translate(request.view());
}

Object::Ptr buildBody(const std::string& body) { return parseObject(build(body).body); }

sdk::Error buildError(const std::string& body) {
  try {
    build(body);
  } catch (const sdk::ProviderError& e) {
    return e.error();
  }
  ADD_FAILURE() << "expected an INVALID_REQUEST for " << body;
  return {};
}

std::string header(const GoogleHttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "<absent>";
}

TEST(GoogleRequestTranslator, TextRequestUsesGenerateContentAndKeyHeader) {
  const auto request = build(sharedFixture("openai/chat_completion_text.request.json"));
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
  ASSERT_EQ(request.headers.size(), 2u);
  EXPECT_EQ(header(request, "content-type"), "application/json");
  EXPECT_EQ(header(request, "x-goog-api-key"), "test-key");
  EXPECT_EQ(request.url.find("key="), std::string::npos);
  EXPECT_EQ(request.body,
            R"({"contents":[{"role":"user","parts":[{"text":"What's the weather like in SF?"}]}]})");
}

TEST(GoogleRequestTranslator, StreamingUsesSseEndpoint) {
  const auto request = build(sharedFixture("openai/chat_completion_text.request.json"), true);
  EXPECT_EQ(request.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  EXPECT_EQ(header(request, "x-goog-api-key"), "test-key");
}

TEST(GoogleRequestTranslator, UrlHandlesVersionedBaseModelsPrefixAndOddCharacters) {
  EXPECT_EQ(GoogleRequestTranslator("https://proxy.example/v1beta", "k").url("gemini-2.0-flash", false),
            "https://proxy.example/v1beta/models/gemini-2.0-flash:generateContent");
  EXPECT_EQ(GoogleRequestTranslator("https://proxy.example/", "k").url("models/gemini-2.0-flash", false),
            "https://proxy.example/v1beta/models/gemini-2.0-flash:generateContent");
  EXPECT_EQ(GoogleRequestTranslator("https://proxy.example", "k").url("a/b?c", true),
            "https://proxy.example/v1beta/models/a%2Fb%3Fc:streamGenerateContent?alt=sse");
}

TEST(GoogleRequestTranslator, NoKeyMeansNoAuthHeader) {
  const auto request = build(sharedFixture("openai/chat_completion_text.request.json"), false, "");
  EXPECT_EQ(header(request, "x-goog-api-key"), "<absent>");
}

// Real request: js-genai recording with one function declaration.
TEST(GoogleRequestTranslator, FunctionDeclarationsMatchRecordedRequest) {
  const auto expected = parseObject(sharedFixture("google/generateContent_function_declarations.request.json"));
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"what is the result of 100/2"}],
    "tools":[{"type":"function","function":{"name":"customDivide","description":"Custom divide function",
      "parameters":{"type":"object","properties":{"numerator":{"type":"number"},"denominator":{"type":"number"}}}}}]})");
  EXPECT_EQ(canonical(body->get("contents")), canonical(expected->get("contents")));
  EXPECT_EQ(canonical(body->get("tools")), canonical(expected->get("tools")));
  EXPECT_FALSE(body->has("toolConfig"));
}

// Real request: history replays the model's functionCall (no tool result in between).
TEST(GoogleRequestTranslator, FunctionCallHistoryMatchesRecordedRequest) {
  const auto expected = parseObject(sharedFixture("google/vertex_generateContent_function_call_history.request.json"));
  const auto body = buildBody(R"({"model":"m","messages":[
    {"role":"user","content":"what is the result of 100/2"},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
      "function":{"name":"customDivide","arguments":"{\"denominator\":2,\"numerator\":100}"}}]},
    {"role":"user","content":"what is the result of 50/2?"}],
    "tools":[{"type":"function","function":{"name":"customDivide","description":"Custom divide function",
      "parameters":{"type":"object","properties":{"denominator":{"type":"number"},"numerator":{"type":"number"}}}}}]})");
  EXPECT_EQ(canonical(body->get("contents")), canonical(expected->get("contents")));
  EXPECT_EQ(canonical(body->get("tools")), canonical(expected->get("tools")));
}

// Docs request: functionResponse after a functionCall, tools with three declarations.
TEST(GoogleRequestTranslator, ToolResultBecomesFunctionResponseLikeCookbookRequest) {
  const auto expected = parseObject(sharedFixture("google/generateContent_function_response.request.json"));
  const std::string toolResult =
      R"({"name":"find_theaters","content":{"movie":"Barbie","theaters":[{"name":"AMC Mountain View 16","address":"2000 W El Camino Real, Mountain View, CA 94040"},{"name":"Regal Edwards 14","address":"245 Castro St, Mountain View, CA 94040"}]}})";
  auto bodyJson = parseObject(R"({"model":"m","messages":[
    {"role":"user","content":"Which theaters in Mountain View show Barbie movie?"},
    {"role":"assistant","content":"","tool_calls":[{"id":"call_abc","type":"function",
      "function":{"name":"find_theaters","arguments":"{\"location\":\"Mountain View, CA\",\"movie\":\"Barbie\"}"}}]},
    {"role":"tool","tool_call_id":"call_abc","content":""}],
    "tools":[
     {"type":"function","function":{"name":"find_movies","description":"find movie titles currently playing in theaters based on any description, genre, title words, etc.",
       "parameters":{"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA or a zip code e.g. 95616"},"description":{"type":"string","description":"Any kind of description including category or genre, title words, attributes, etc."}},"required":["description"]}}},
     {"type":"function","function":{"name":"find_theaters","description":"find theaters based on location and optionally movie title which are is currently playing in theaters",
       "parameters":{"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA or a zip code e.g. 95616"},"movie":{"type":"string","description":"Any movie title"}},"required":["location"]}}},
     {"type":"function","function":{"name":"get_showtimes","description":"Find the start times for movies playing in a specific theater",
       "parameters":{"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA or a zip code e.g. 95616"},"movie":{"type":"string","description":"Any movie title"},"theater":{"type":"string","description":"Name of the theater"},"date":{"type":"string","description":"Date for requested showtime"}},"required":["location","movie","theater","date"]}}}]})");
  bodyJson->getArray("messages")->getObject(2)->set("content", toolResult);
  const auto body = buildBody(test::compact(bodyJson));

  auto contents = body->getArray("contents");
  auto expectedContents = expected->getArray("contents");
  ASSERT_EQ(contents->size(), 3u);
  EXPECT_EQ(canonical(contents->get(0)), canonical(expectedContents->get(0)));
  EXPECT_EQ(canonical(contents->get(1)), canonical(expectedContents->get(1)));
  // The sample uses the old role "function"; current Gemini wants "user".
  EXPECT_EQ(contents->getObject(2)->getValue<std::string>("role"), "user");
  EXPECT_EQ(canonical(contents->getObject(2)->get("parts")),
            canonical(expectedContents->getObject(2)->get("parts")));
  EXPECT_EQ(canonical(body->get("tools")), canonical(expected->get("tools")));
}

TEST(GoogleRequestTranslator, SystemInstructionLikeCookbookRequests) {
  const auto single = parseObject(sharedFixture("google/generateContent_system_instruction.request.json"));
  const auto body = buildBody(R"({"model":"m","messages":[
    {"role":"system","content":"You are Neko the cat respond like one"},{"role":"user","content":"Hello there"}]})");
  EXPECT_EQ(body->getObject("systemInstruction")->getArray("parts")->getObject(0)->getValue<std::string>("text"),
            single->getObject("system_instruction")->getObject("parts")->getValue<std::string>("text"));
  EXPECT_EQ(canonical(body->getArray("contents")->getObject(0)->get("parts")),
            canonical(R"([{"text":"Hello there"}])"));
  EXPECT_EQ(single->getObject("contents")->getObject("parts")->getValue<std::string>("text"), "Hello there");

  const auto multi = parseObject(sharedFixture("google/generateContent_system_instruction_multiturn.request.json"));
  const auto body2 = buildBody(R"({"model":"m","messages":[
    {"role":"developer","content":[{"type":"text","text":"You are Neko the cat respond like one"}]},
    {"role":"user","content":"Hello cat."},
    {"role":"assistant","content":"Meow? 😻 \n"},
    {"role":"user","content":"What is your name? What do like to drink?"}]})");
  EXPECT_EQ(canonical(body2->get("contents")), canonical(multi->get("contents")));
  EXPECT_EQ(canonical(body2->get("systemInstruction")),
            canonical(R"({"parts":[{"text":"You are Neko the cat respond like one"}]})"));
}

TEST(GoogleRequestTranslator, InlineImageLikeDocsRequest) {
  const auto docs = parseObject(sharedFixture("google/generateContent_inline_data.request.json"));
  auto docsParts = docs->getArray("contents")->getObject(0)->getArray("parts");
  const std::string data = docsParts->getObject(0)->getObject("inline_data")->getValue<std::string>("data");
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,)" + data + R"(","detail":"high"}},
    {"type":"text","text":"Caption this image."}]}]})");
  auto parts = body->getArray("contents")->getObject(0)->getArray("parts");
  ASSERT_EQ(parts->size(), 2u);
  auto inlineData = parts->getObject(0)->getObject("inlineData");
  ASSERT_TRUE(inlineData);
  EXPECT_EQ(inlineData->getValue<std::string>("mimeType"),
            docsParts->getObject(0)->getObject("inline_data")->getValue<std::string>("mime_type"));
  EXPECT_EQ(inlineData->getValue<std::string>("data"), data);
  EXPECT_EQ(canonical(parts->get(1)), canonical(docsParts->get(1)));
}

TEST(GoogleRequestTranslator, HttpsImageBecomesFileDataAndMaxTokens) {
  const auto body = buildBody(sharedFixture("openai/chat_completion_image_url.request.json"));
  EXPECT_EQ(canonical(body->get("contents")),
            canonical(R"([{"role":"user","parts":[{"text":"What’s in this image?"},{"fileData":{"mimeType":"image/jpeg","fileUri":"https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg"}}]}])"));
  EXPECT_EQ(canonical(body->get("generationConfig")), canonical(R"({"maxOutputTokens":300})"));

  const auto png = buildBody(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"image_url","image_url":{"url":"https://x.example/a/b.PNG?size=2#f"}},
    {"type":"image_url","image_url":{"url":"https://x.example/noext"}}]}]})");
  auto parts = png->getArray("contents")->getObject(0)->getArray("parts");
  EXPECT_EQ(parts->getObject(0)->getObject("fileData")->getValue<std::string>("mimeType"), "image/png");
  EXPECT_EQ(parts->getObject(1)->getObject("fileData")->getValue<std::string>("mimeType"), "image/jpeg");
}

TEST(GoogleRequestTranslator, StrictToolSchemaIsCleaned) {
  const auto body = buildBody(sharedFixture("openai/chat_completion_strict_tool.request.json"));
  EXPECT_EQ(test::compact(body->get("tools")),
            R"([{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"},"state":{"type":"STRING"}},"required":["city","state"]}}]}])");
}

TEST(GoogleRequestTranslator, GenerationConfigFields) {
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"hi"}],
    "temperature":0.7,"top_p":0.9,"top_k":40,"max_tokens":10,"max_completion_tokens":256,"stop":["END","\n\n"],
    "n":2,"seed":42,"presence_penalty":0.5,"frequency_penalty":-0.25,"response_format":{"type":"json_object"},
    "stream_options":{"include_usage":true},"user":"u1","parallel_tool_calls":false})");
  EXPECT_EQ(test::compact(body->get("generationConfig")),
            R"({"temperature":0.7,"topP":0.9,"topK":40,"maxOutputTokens":256,"stopSequences":["END","\n\n"],)"
            R"("candidateCount":2,"seed":42,"presencePenalty":0.5,"frequencyPenalty":-0.25,)"
            R"("responseMimeType":"application/json"})");

  const auto single = buildBody(R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stop":"STOP!","max_tokens":5})");
  EXPECT_EQ(test::compact(single->get("generationConfig")), R"({"maxOutputTokens":5,"stopSequences":["STOP!"]})");
  const auto none = buildBody(R"({"model":"m","messages":[{"role":"user","content":"hi"}],"stop":null,"response_format":{"type":"text"}})");
  EXPECT_FALSE(none->has("generationConfig"));
}

TEST(GoogleRequestTranslator, JsonSchemaResponseFormatIsConverted) {
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"hi"}],
    "response_format":{"type":"json_schema","json_schema":{"name":"Person","strict":true,"schema":{
      "$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
      "$defs":{"Pet":{"type":"object","properties":{"kind":{"const":"cat"}},"required":["kind"],"additionalProperties":false}},
      "properties":{
        "name":{"type":"string","description":"Full name","minLength":1},
        "email":{"type":["string","null"],"format":"email"},
        "born":{"type":"string","format":"date-time"},
        "age":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null},
        "tags":{"type":"array","items":{"type":"string","enum":["a","b"]},"maxItems":3},
        "pet":{"$ref":"#/$defs/Pet","description":"Their pet"},
        "id":{"oneOf":[{"type":"string"},{"type":"integer"}]}},
      "required":["name","email","ghost"]}}}})");
  auto config = body->getObject("generationConfig");
  EXPECT_EQ(config->getValue<std::string>("responseMimeType"), "application/json");
  EXPECT_EQ(test::compact(config->get("responseSchema")),
            R"({"type":"OBJECT","properties":{)"
            R"("name":{"type":"STRING","description":"Full name","minLength":1},)"
            R"("email":{"type":"STRING","nullable":true},)"
            R"("born":{"type":"STRING","format":"date-time"},)"
            R"("age":{"type":"INTEGER","nullable":true},)"
            R"("tags":{"type":"ARRAY","items":{"type":"STRING","enum":["a","b"]},"maxItems":3},)"
            R"("pet":{"type":"OBJECT","properties":{"kind":{"enum":["cat"],"type":"STRING"}},"required":["kind"],"description":"Their pet"},)"
            R"("id":{"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]}},)"
            R"("required":["name","email"]})");
}

TEST(GoogleRequestTranslator, RecursiveOrUnknownRefIsRejected) {
  auto e = buildError(R"({"model":"m","messages":[{"role":"user","content":"hi"}],
    "response_format":{"type":"json_schema","json_schema":{"name":"N","schema":{"$defs":{"Node":{"type":"object",
      "properties":{"next":{"$ref":"#/$defs/Node"}}}},"$ref":"#/$defs/Node"}}}})");
  EXPECT_EQ(e.kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(e.param, "response_format.json_schema.schema");
  e = buildError(R"({"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function",
    "function":{"name":"f","parameters":{"type":"object","properties":{"x":{"$ref":"#/$defs/Missing"}}}}}]})");
  EXPECT_EQ(e.param, "tools[0].function.parameters");
}

TEST(GoogleRequestTranslator, ToolChoiceModes) {
  const std::string prefix = R"({"model":"m","messages":[{"role":"user","content":"hi"}],
    "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{}}}}],"tool_choice":)";
  auto config = [&](const std::string& choice) { return test::compact(buildBody(prefix + choice + "}")->get("toolConfig")); };
  EXPECT_EQ(config(R"("auto")"), R"({"functionCallingConfig":{"mode":"AUTO"}})");
  EXPECT_EQ(config(R"("none")"), R"({"functionCallingConfig":{"mode":"NONE"}})");
  EXPECT_EQ(config(R"("required")"), R"({"functionCallingConfig":{"mode":"ANY"}})");
  EXPECT_EQ(config(R"({"type":"function","function":{"name":"f"}})"),
            R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}})");
  // A function without arguments is declared without parameters.
  EXPECT_EQ(test::compact(buildBody(prefix + R"("auto"})")->get("tools")),
            R"([{"functionDeclarations":[{"name":"f"}]}])");
  EXPECT_EQ(buildError(prefix + R"("sometimes"})").param, "tool_choice");
}

TEST(GoogleRequestTranslator, ParallelToolResultsAreGroupedAndNamedFromTheirCall) {
  const auto body = buildBody(R"({"model":"m","messages":[
    {"role":"system","content":"Be brief."},
    {"role":"user","content":"Weather and time in Paris?"},
    {"role":"assistant","content":"Let me check.","tool_calls":[
      {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
      {"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},
    {"role":"tool","tool_call_id":"call_b","content":"14:05"},
    {"role":"tool","tool_call_id":"call_a","content":[{"type":"text","text":"{\"temp\":21,"},{"type":"text","text":"\"sky\":\"clear\"}"}]},
    {"role":"user","content":"Thanks!"}]})");
  EXPECT_EQ(test::compact(body->get("contents")),
            R"([{"role":"user","parts":[{"text":"Weather and time in Paris?"}]},)"
            R"({"role":"model","parts":[{"text":"Let me check."},)"
            R"({"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},)"
            R"({"functionCall":{"name":"get_time","args":{}}}]},)"
            R"({"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"content":"14:05"}}},)"
            R"({"functionResponse":{"name":"get_weather","response":{"temp":21,"sky":"clear"}}},)"
            R"({"text":"Thanks!"}]}])");
  EXPECT_EQ(test::compact(body->get("systemInstruction")), R"({"parts":[{"text":"Be brief."}]})");
}

TEST(GoogleRequestTranslator, NonObjectJsonToolResultIsWrapped) {
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"x"},
    {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
    {"role":"tool","tool_call_id":"c1","content":"[1,2]"}]})");
  EXPECT_EQ(test::compact(body->getArray("contents")->getObject(2)),
            R"({"role":"user","parts":[{"functionResponse":{"name":"f","response":{"content":"[1,2]"}}}]})");
}

TEST(GoogleRequestTranslator, ThoughtSignatureTravelsBackOnTheFunctionCall) {
  const std::string id = GoogleToolCallId::make("req-9", 0, kSignature);
  const std::string plain = GoogleToolCallId::make("req-9", 1, "");
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"x"},
    {"role":"assistant","content":null,"tool_calls":[
      {"id":")" + id + R"(","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
      {"id":")" + plain + R"(","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
    {"role":"tool","tool_call_id":")" + id + R"(","content":"{\"temp\":21}"},
    {"role":"tool","tool_call_id":")" + plain + R"(","content":"noon"}]})");
  auto model = body->getArray("contents")->getObject(1)->getArray("parts");
  EXPECT_EQ(test::compact(model->get(0)),
            R"({"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":")" + kSignature + R"("})");
  EXPECT_FALSE(model->getObject(1)->has("thoughtSignature"));
  auto results = body->getArray("contents")->getObject(2)->getArray("parts");
  EXPECT_EQ(results->getObject(0)->getObject("functionResponse")->getValue<std::string>("name"), "get_weather");
  EXPECT_EQ(results->getObject(1)->getObject("functionResponse")->getValue<std::string>("name"), "get_time");
}

TEST(GoogleRequestTranslator, ConsecutiveSameRoleMessagesAreMerged) {
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},
    {"role":"assistant","content":"c"},{"role":"assistant","content":[{"type":"text","text":"d"}]},{"role":"user","content":"e"}]})");
  EXPECT_EQ(test::compact(body->get("contents")),
            R"([{"role":"user","parts":[{"text":"a"},{"text":"b"}]},{"role":"model","parts":[{"text":"c"},{"text":"d"}]},)"
            R"({"role":"user","parts":[{"text":"e"}]}])");
}

TEST(GoogleRequestTranslator, AudioAndFileParts) {
  const auto body = buildBody(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
    {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]})");
  EXPECT_EQ(test::compact(body->getArray("contents")->getObject(0)->get("parts")),
            R"([{"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}},)"
            R"({"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}}])");
}

TEST(GoogleRequestTranslator, InexpressibleRequestsNameTheField) {
  const std::string user = R"({"role":"user","content":"x"})";
  struct Case {
    std::string body;
    std::string param;
  };
  const Case cases[] = {
      {R"({"model":"m","messages":[)" + user + R"(,{"role":"tool","tool_call_id":"nope","content":"r"}]})",
       "messages[1].tool_call_id"},
      {R"({"model":"m","messages":[)" + user + R"(,{"role":"critic","content":"x"}]})", "messages[1].role"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]})",
       "messages[0].content[0].image_url"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]})",
       "messages[0].content[0].image_url"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"video","video":{}}]}]})",
       "messages[0].content[0].type"},
      {R"({"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/a.png"}}]},)" +
           user + "]}",
       "messages[0].content[0]"},
      {R"({"model":"m","messages":[)" + user +
           R"(,{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}]})",
       "messages[1].tool_calls[0].function.arguments"},
      {R"({"model":"m","messages":[)" + user + R"(],"temperature":"hot"})", "temperature"},
      {R"({"model":"m","messages":[)" + user + R"(],"max_tokens":1.5})", "max_tokens"},
      {R"({"model":"m","messages":[)" + user + R"(],"stop":[1]})", "stop[0]"},
      {R"({"model":"m","messages":[)" + user + R"(],"response_format":{"type":"yaml"}})", "response_format.type"},
      {R"({"model":"m","messages":[)" + user + R"(],"tools":[{"type":"web_search"}]})", "tools[0].type"},
      {R"({"model":"m","messages":[{"role":"system","content":"only me"}]})", "messages"},
  };
  for (const auto& c : cases) {
    const auto e = buildError(c.body);
    EXPECT_EQ(e.kind, GR_ERROR_INVALID_REQUEST) << c.body;
    EXPECT_EQ(e.param, c.param) << c.body;
    EXPECT_FALSE(e.message.empty());
  }
}

// Through the C ABI, as the host calls it.
TEST(GoogleRequestTranslator, BuildRequestThroughPluginAbi) {
  const gr_provider_api* api = sdk::detail::Trampolines<GoogleProvider>::table();
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  config.provider_id = sdk::str("google");
  config.api_key = sdk::str("AIza-secret");
  config.base_url = sdk::str(kBase);
  config.options_json = sdk::str("{}");
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);

  OwnedRequest request;
  request.body = sharedFixture("openai/chat_completion_text.request.json");
  request.stream = true;
  const gr_chat_request c = request.c();
  gaiarouter::test::RequestRecorder recorder;
  gaiarouter::test::EventRecorder errors;
  EXPECT_EQ(api->build_request(instance, &c, recorder.sink(), errors.sink()), GR_OK);
  EXPECT_EQ(recorder.method, "POST");
  EXPECT_EQ(recorder.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  EXPECT_EQ(recorder.header("X-Goog-Api-Key"), "AIza-secret");
  EXPECT_EQ(recorder.header("Content-Type"), "application/json");
  EXPECT_EQ(recorder.body, R"({"contents":[{"role":"user","parts":[{"text":"What's the weather like in SF?"}]}]})");
  EXPECT_TRUE(errors.errors.empty());

  OwnedRequest bad;
  bad.body = R"({"model":"m","messages":[{"role":"wizard","content":"x"}]})";
  const gr_chat_request cb = bad.c();
  gaiarouter::test::RequestRecorder unused;
  EXPECT_EQ(api->build_request(instance, &cb, unused.sink(), errors.sink()), GR_FAILURE);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errors.errors[0].param, "messages[0].role");
  EXPECT_EQ(errors.errors[0].message.find("AIza-secret"), std::string::npos);
  api->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::google
