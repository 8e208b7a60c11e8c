// The HTTP surface of the real gaiarouter binary: health, auth, the error
// format and statuses, CORS, request ids, models, body limits.
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

namespace gaiarouter::test {
namespace {

const char* kChat = R"({"model":"mock/echo","messages":[{"role":"user","content":"hello there"}]})";

class GatewayHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GatewayProcess::Options options;
    options.yaml = GatewayProcess::config(R"(
  file: gaiarouter.log
providers:
  mock:
    plugin: mock
    options: {stream_delay_ms: 0}
  openai:
    plugin: openai
models:
  - {id: openai/gpt-4o, upstream: gpt-4o, context_length: 128000, max_output_tokens: 16384,
     pricing: {input: 2.5, output: 10}, capabilities: {tools: true, vision: true, json: true}}
)");
    options.yaml.replace(options.yaml.find("server:\n"), 8, "server:\n  max_body_bytes: 4096\n");
    gateway_ = new GatewayProcess(options);
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  static uint16_t port() { return gateway_->port(); }
  static Headers auth() { return bearer(kTestAdminKey); }

  static GatewayProcess* gateway_;
};
GatewayProcess* GatewayHttpTest::gateway_ = nullptr;

void expectError(const HttpResult& r, int status, const std::string& type, const std::string& code = "",
                 const std::string& param = "") {
  ASSERT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto e = r.error();
  EXPECT_EQ(e->getValue<std::string>("type"), type) << r.body;
  EXPECT_FALSE(e->getValue<std::string>("message").empty());
  ASSERT_TRUE(e->has("code") && e->has("param")) << r.body;
  if (!code.empty()) {
    EXPECT_EQ(e->getValue<std::string>("code"), code) << r.body;
  }
  if (!param.empty()) {
    EXPECT_EQ(e->getValue<std::string>("param"), param) << r.body;
  }
}

TEST_F(GatewayHttpTest, HealthNeedsNoKeyAndReadyListsPlugins) {
  auto health = httpRequest(port(), "GET", "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()->getValue<std::string>("status"), "ok");
  auto ready = httpRequest(port(), "GET", "/ready");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json()->getValue<std::string>("status"), "ready");
  EXPECT_GE(ready.json()->getArray("plugins")->size(), 1u);
}

TEST_F(GatewayHttpTest, MissingOrWrongKeyIs401) {
  expectError(httpRequest(port(), "POST", "/v1/chat/completions", kChat), 401, "authentication_error");
  expectError(httpRequest(port(), "POST", "/v1/chat/completions", kChat, bearer("sk-wrong")), 401,
              "authentication_error", "invalid_api_key");
  expectError(httpRequest(port(), "GET", "/v1/models", "", {{"Authorization", "Basic abc"}}), 401,
              "authentication_error");
}

TEST_F(GatewayHttpTest, ChatWithTheMockProvider) {
  auto r = httpRequest(port(), "POST", "/v1/chat/completions", kChat, auth());
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
  auto message = body->getArray("choices")->getObject(0)->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("content"), "hello there");
  EXPECT_GT(body->getObject("usage")->getValue<int>("total_tokens"), 0);
}

TEST_F(GatewayHttpTest, OpenRouterPathAliasesServeTheSameApi) {
  auto chat = httpRequest(port(), "POST", "/api/v1/chat/completions", kChat, auth());
  EXPECT_EQ(chat.status, 200) << chat.body;
  auto models = httpRequest(port(), "GET", "/api/v1/models", "", auth());
  EXPECT_EQ(models.status, 200);
  EXPECT_EQ(models.body, httpRequest(port(), "GET", "/v1/models", "", auth()).body);
}

TEST_F(GatewayHttpTest, ModelsListCarriesRegistryDetails) {
  auto r = httpRequest(port(), "GET", "/v1/models", "", auth());
  ASSERT_EQ(r.status, 200);
  auto data = r.json()->getArray("data");
  Poco::JSON::Object::Ptr gpt, echo;
  for (std::size_t i = 0; i < data->size(); ++i) {
    auto m = data->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(m->getValue<std::string>("object"), "model");
    if (m->getValue<std::string>("id") == "openai/gpt-4o") gpt = m;
    if (m->getValue<std::string>("id") == "mock/echo") echo = m;
  }
  ASSERT_TRUE(gpt) << r.body;
  ASSERT_TRUE(echo) << "mock/echo, listed by the plugin, is missing: " << r.body;
  EXPECT_EQ(gpt->getValue<int>("context_length"), 128000);
  EXPECT_EQ(gpt->getObject("pricing")->getValue<std::string>("prompt"), "0.0000025");
  EXPECT_EQ(gpt->getObject("pricing")->getValue<std::string>("completion"), "0.00001");
  EXPECT_TRUE(gpt->getObject("capabilities")->getValue<bool>("vision"));
  EXPECT_FALSE(gpt->getValue<bool>("available")) << "openai has no key here";
  EXPECT_TRUE(echo->getValue<bool>("available"));

  auto one = httpRequest(port(), "GET", "/v1/models/openai/gpt-4o", "", auth());
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.json()->getValue<std::string>("id"), "openai/gpt-4o");
  expectError(httpRequest(port(), "GET", "/v1/models/openai/nope", "", auth()), 404, "invalid_request_error",
              "model_not_found");
}

TEST_F(GatewayHttpTest, InvalidBodiesAre400NamingTheField) {
  auto post = [&](const std::string& body) { return httpRequest(port(), "POST", "/v1/chat/completions", body, auth()); };
  expectError(post("{not json"), 400, "invalid_request_error", "invalid_json");
  expectError(post("[1,2]"), 400, "invalid_request_error");
  expectError(post(R"({"messages":[{"role":"user","content":"x"}]})"), 400, "invalid_request_error", "", "model");
  expectError(post(R"({"model":7,"messages":[{"role":"user","content":"x"}]})"), 400, "invalid_request_error", "", "model");
  expectError(post(R"({"model":"mock/echo"})"), 400, "invalid_request_error", "", "messages");
  expectError(post(R"({"model":"mock/echo","messages":[]})"), 400, "invalid_request_error", "", "messages");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"wizard","content":"x"}]})"), 400,
              "invalid_request_error", "", "messages[0].role");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"user","content":5}]})"), 400,
              "invalid_request_error", "", "messages[0].content");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"user","content":"x"}],"temperature":"hot"})"), 400,
              "invalid_request_error", "", "temperature");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"user","content":"x"}],"stream":"yes"})"), 400,
              "invalid_request_error", "", "stream");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"user","content":"x"}],"max_tokens":0})"), 400,
              "invalid_request_error", "", "max_tokens");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{}}]})"),
              400, "invalid_request_error", "", "tools[0].function.name");
  expectError(post(R"({"model":"mock/echo","messages":[{"role":"tool","content":"x"}]})"), 400,
              "invalid_request_error", "", "messages[0].tool_call_id");
}

TEST_F(GatewayHttpTest, ModelIdsAreChecked) {
  auto post = [&](const std::string& model) {
    return httpRequest(port(), "POST", "/v1/chat/completions",
                       R"({"model":")" + model + R"(","messages":[{"role":"user","content":"x"}]})", auth());
  };
  expectError(post("gpt-4o"), 400, "invalid_request_error", "invalid_model", "model");
  expectError(post("/gpt"), 400, "invalid_request_error", "invalid_model", "model");
  expectError(post("mock/does-not-exist"), 404, "invalid_request_error", "model_not_found");
  auto unconfigured = post("openai/gpt-4o");
  expectError(unconfigured, 503, "upstream_error", "provider_not_configured", "model");
  EXPECT_NE(unconfigured.error()->getValue<std::string>("message").find("OPENAI_API_KEY"), std::string::npos);
}

TEST_F(GatewayHttpTest, WrongMethodIs405AndUnknownPathIs404) {
  auto r = httpRequest(port(), "GET", "/v1/chat/completions", "", auth());
  expectError(r, 405, "invalid_request_error", "method_not_allowed");
  EXPECT_EQ(r.header("allow"), "POST");
  expectError(httpRequest(port(), "DELETE", "/v1/models", "", auth()), 405, "invalid_request_error");
  // (Paths outside the API belong to the admin console: tests/e2e/console_test.cpp.)
  expectError(httpRequest(port(), "GET", "/v1/nothing", "", auth()), 404, "invalid_request_error", "unknown_endpoint");
}

TEST_F(GatewayHttpTest, OversizedBodyIs413) {
  std::string big = R"({"model":"mock/echo","messages":[{"role":"user","content":")" + std::string(5000, 'a') + R"("}]})";
  expectError(httpRequest(port(), "POST", "/v1/chat/completions", big, auth()), 413, "invalid_request_error",
              "request_too_large");
  // The server keeps serving afterwards.
  EXPECT_EQ(httpRequest(port(), "POST", "/v1/chat/completions", kChat, auth()).status, 200);
}

TEST_F(GatewayHttpTest, CorsPreflightAndHeadersOnEveryResponse) {
  auto pre = httpRequest(port(), "OPTIONS", "/v1/chat/completions", "",
                         {{"Origin", "https://app.example"},
                          {"Access-Control-Request-Method", "POST"},
                          {"Access-Control-Request-Headers", "authorization, content-type"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("access-control-allow-origin"), "*");
  EXPECT_NE(pre.header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_EQ(pre.header("access-control-allow-headers"), "authorization, content-type");
  auto err = httpRequest(port(), "POST", "/v1/chat/completions", kChat, {{"Origin", "https://app.example"}});
  EXPECT_EQ(err.status, 401);
  EXPECT_EQ(err.header("access-control-allow-origin"), "*");
}

TEST_F(GatewayHttpTest, RequestIdIsEchoedOrCreated) {
  Headers h = auth();
  h.emplace_back("X-Request-Id", "client-req-42");
  EXPECT_EQ(httpRequest(port(), "POST", "/v1/chat/completions", kChat, h).header("x-request-id"), "client-req-42");
  auto a = httpRequest(port(), "GET", "/health").header("x-request-id");
  auto b = httpRequest(port(), "GET", "/health").header("x-request-id");
  EXPECT_FALSE(a.empty());
  EXPECT_NE(a, b);
  Headers bad = auth();
  bad.emplace_back("X-Request-Id", "has spaces and\ttabs");
  EXPECT_NE(httpRequest(port(), "GET", "/v1/models", "", bad).header("x-request-id"), "has spaces and\ttabs");
}

TEST_F(GatewayHttpTest, StreamFromTheMockEndsWithDone) {
  SseStream stream(port(), "/v1/chat/completions",
                   R"({"model":"mock/echo","stream":true,"messages":[{"role":"user","content":"one two three"}]})", auth());
  ASSERT_EQ(stream.status(), 200);
  EXPECT_NE(stream.header("Content-Type").find("text/event-stream"), std::string::npos);
  auto events = stream.rest();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back().data, "[DONE]");
  EXPECT_EQ(joinContent(events), "one two three");
}

TEST_F(GatewayHttpTest, MidStreamFailureIsOneErrorEventThenDone) {
  SseStream stream(port(), "/v1/chat/completions",
                   R"({"model":"mock/echo","stream":true,"messages":[{"role":"user","content":"mock:error-midstream a b c d"}]})",
                   auth());
  ASSERT_EQ(stream.status(), 200);
  auto events = stream.rest();
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.back().data, "[DONE]");
  const auto& last = events[events.size() - 2];
  auto error = Poco::JSON::Parser().parse(last.data).extract<Poco::JSON::Object::Ptr>()->getObject("error");
  ASSERT_TRUE(error) << last.data;
  EXPECT_EQ(error->getValue<std::string>("type"), "upstream_error");
  int errorEvents = 0;
  for (const auto& e : events) errorEvents += e.data.find("\"error\"") != std::string::npos ? 1 : 0;
  EXPECT_EQ(errorEvents, 1);
}

TEST_F(GatewayHttpTest, MockErrorsMapToClientStatuses) {
  auto post = [&](int code) {
    return httpRequest(port(), "POST", "/v1/chat/completions",
                       R"({"model":"mock/echo","messages":[{"role":"user","content":"mock:error )" + std::to_string(code) + R"("}]})",
                       auth());
  };
  expectError(post(400), 400, "invalid_request_error");
  auto limited = post(429);
  expectError(limited, 429, "rate_limit_error", "rate_limit_exceeded");
  EXPECT_FALSE(limited.header("retry-after").empty());
  expectError(post(500), 502, "upstream_error");
  expectError(post(504), 504, "timeout_error");
}

TEST_F(GatewayHttpTest, KeepAliveServesManyRequestsOnOneConnection) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port());
  session.setKeepAlive(true);
  uint16_t localPort = 0;
  for (int i = 0; i < 5; ++i) {
    Poco::Net::HTTPRequest request(i % 2 ? "GET" : "POST", i % 2 ? "/v1/models" : "/v1/chat/completions",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", std::string("Bearer ") + kTestAdminKey);
    request.setKeepAlive(true);
    const std::string body = i % 2 ? "" : kChat;
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    EXPECT_EQ(response.getStatus(), 200) << text;
    EXPECT_TRUE(response.getKeepAlive()) << "request " << i << " closed the connection";
    const uint16_t now = session.socket().address().port();
    if (i == 0) localPort = now;
    EXPECT_EQ(now, localPort) << "request " << i << " needed a new connection";
  }
}

TEST_F(GatewayHttpTest, MalformedHttpGetsA400InTheErrorFormat) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port()));
  const std::string garbage = "GET /health HTTP/1.1-but-not-really\r\n\r\n";  // a version Poco rejects
  socket.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
  std::string reply;
  char buffer[4096];
  int n;
  while ((n = socket.receiveBytes(buffer, sizeof buffer)) > 0) reply.append(buffer, static_cast<std::size_t>(n));
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_NE(reply.find("X-Request-Id: req_"), std::string::npos) << reply;
  auto body = reply.substr(reply.find("\r\n\r\n") + 4);
  auto error = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
  ASSERT_TRUE(error) << reply;
  EXPECT_EQ(error->getValue<std::string>("code"), "bad_http_request");
  // The server still serves.
  EXPECT_EQ(httpRequest(port(), "GET", "/health").status, 200);
}

}  // namespace
}  // namespace gaiarouter::test
