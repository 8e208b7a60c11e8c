// Streaming through the real binary against a fake OpenAI upstream: events
// are relayed as they arrive, a client that leaves aborts the upstream
// request, many streams run at once, and no secret reaches a log.
#include "FakeUpstream.h"
#include "Fixtures.h"
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <atomic>
#include <thread>

namespace gaiarouter::test {
namespace {

const char* kProviderKey = "sk-planted-provider-key-7f3e9b1c44d2";

std::string openaiConfig(const FakeUpstream& upstream) {
  return GatewayProcess::config(R"(
providers:
  openai:
    plugin: openai
    base_url: )" + upstream.baseUrl() + R"(/v1
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini, context_length: 128000, max_output_tokens: 16384}
)");
}

GatewayProcess::Options options(const FakeUpstream& upstream) {
  GatewayProcess::Options o;
  o.yaml = openaiConfig(upstream);
  o.env["OPENAI_API_KEY"] = kProviderKey;
  return o;
}

const std::string kStreamBody =
    R"({"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hi"}]})";

std::string expectedText(const std::string& sse) {
  std::vector<SseEvent> events;
  for (const auto& piece : splitEvents(sse)) {
    auto pos = piece.find("data: ");
    if (pos == std::string::npos) continue;
    std::string data = piece.substr(pos + 6);
    while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
    events.push_back({data, {}});
  }
  return joinContent(events);
}

TEST(Streaming, ChunkReachesTheClientWhileTheUpstreamIsStillSending) {
  FakeUpstream upstream;
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  auto reply = ScriptedReply::sse(sse);
  ASSERT_GE(reply.pieces.size(), 4u);
  reply.gateBefore = 2;  // the upstream holds back the rest until the test has seen a chunk
  upstream.enqueue(reply);
  GatewayProcess gateway(options(upstream));

  SseStream stream(gateway.port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
  ASSERT_EQ(stream.status(), 200);
  auto first = stream.next();
  ASSERT_TRUE(first.has_value());
  auto chunk = Poco::JSON::Parser().parse(first->data).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk");
  // Only now may the upstream go on: the chunk above cannot have been buffered until the end.
  upstream.openGate();
  auto rest = stream.rest();
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.back().data, "[DONE]");
  rest.insert(rest.begin(), *first);
  EXPECT_EQ(joinContent(rest), expectedText(sse));
}

TEST(Streaming, ClientThatLeavesAbortsTheUpstreamRequest) {
  FakeUpstream upstream;
  // A long stream: 400 content events 25 ms apart (10 s if nobody stopped it).
  std::string sse;
  for (int i = 0; i < 400; ++i) {
    sse += R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"w)" +
           std::to_string(i) + R"( "},"finish_reason":null}]})" + "\n\n";
  }
  upstream.enqueue(ScriptedReply::sse(sse, 0, std::chrono::milliseconds(25)));
  GatewayProcess gateway(options(upstream));
  {
    SseStream stream(gateway.port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
    ASSERT_EQ(stream.status(), 200);
    ASSERT_TRUE(stream.next().has_value());
    ASSERT_TRUE(stream.next().has_value());
    stream.disconnect();
  }
  EXPECT_TRUE(upstream.waitForAborted(1, std::chrono::seconds(5)))
      << "the gateway kept the upstream stream open after its client left";
  gateway.stop();
  EXPECT_NE(gateway.logText().find("\"client_gone\":true"), std::string::npos);
}

TEST(Streaming, AStreamThatFallsSilentEndsWithATimeoutErrorEvent) {
  FakeUpstream upstream;
  auto reply = ScriptedReply::sse(sharedFixture("openai/chat_completion_text_stream_include_usage.sse"));
  reply.fault = ScriptedReply::Fault::Hang;
  reply.faultAfter = 2;  // two events, then silence (request_timeout_ms is 3000 in the test config)
  upstream.enqueue(reply);
  GatewayProcess gateway(options(upstream));
  SseStream stream(gateway.port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
  ASSERT_EQ(stream.status(), 200);
  auto events = stream.rest();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back().data, "[DONE]");
  auto error = Poco::JSON::Parser().parse(events[events.size() - 2].data).extract<Poco::JSON::Object::Ptr>()->getObject("error");
  ASSERT_TRUE(error) << events[events.size() - 2].data;
  EXPECT_EQ(error->getValue<std::string>("type"), "timeout_error");
  EXPECT_EQ(error->getValue<std::string>("code"), "upstream_timeout");
  EXPECT_TRUE(upstream.waitForAborted(1, std::chrono::seconds(5)));
}

TEST(Streaming, AClientLeavingWhileTheUpstreamIsSilentAbortsItAtOnce) {
  FakeUpstream upstream;
  auto reply = ScriptedReply::sse(sharedFixture("openai/chat_completion_text_stream_include_usage.sse"));
  reply.fault = ScriptedReply::Fault::Hang;
  reply.faultAfter = 1;
  upstream.enqueue(reply);
  auto opts = options(upstream);
  // A long request timeout, so only noticing the client can end the upstream request in time.
  opts.yaml.replace(opts.yaml.find("request_timeout_ms: 3000"), 24, "request_timeout_ms: 60000");
  GatewayProcess gateway(opts);
  {
    SseStream stream(gateway.port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
    ASSERT_EQ(stream.status(), 200);
    ASSERT_TRUE(stream.next().has_value());
    stream.disconnect();
  }
  EXPECT_TRUE(upstream.waitForAborted(1, std::chrono::seconds(20)))
      << "the upstream request outlived its client (it should end long before the 60 s timeout)";
}

TEST(Streaming, TwoHundredConcurrentStreamsAllComplete) {
  FakeUpstream upstream;
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  upstream.setDefault(ScriptedReply::sse(sse, 0, std::chrono::milliseconds(20)));
  GatewayProcess gateway(options(upstream));
  const std::string expected = expectedText(sse);
  ASSERT_FALSE(expected.empty());

  constexpr int kStreams = 200;
  std::atomic<int> intact{0};
  std::vector<std::string> failures(kStreams);
  std::vector<std::thread> clients;
  for (int i = 0; i < kStreams; ++i) {
    clients.emplace_back([&, i] {
      try {
        SseStream stream(gateway.port(), "/v1/chat/completions", kStreamBody, bearer(kTestAdminKey));
        auto events = stream.rest();
        if (stream.status() == 200 && !events.empty() && events.back().data == "[DONE]" && joinContent(events) == expected) {
          ++intact;
        } else {
          failures[i] = "status " + std::to_string(stream.status()) + ", " + std::to_string(events.size()) + " events";
        }
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& f : failures) {
    if (!f.empty()) ADD_FAILURE() << f;
  }
  EXPECT_EQ(intact.load(), kStreams);
  EXPECT_EQ(upstream.requestCount(), static_cast<std::size_t>(kStreams));
}

TEST(Logging, NoSecretReachesAnyLogLine) {
  FakeUpstream upstream;
  // The upstream rejects the key and echoes it back, as some providers do.
  upstream.enqueue(ScriptedReply::json(401, std::string(R"({"error":{"message":"Incorrect API key provided: )") + kProviderKey +
                                                R"(.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})"));
  upstream.enqueue(ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json")));
  auto opts = options(upstream);
  opts.env["GAIAROUTER_LOG_LEVEL"] = "debug";
  GatewayProcess gateway(opts);
  const std::string wrongClientKey = "sk-client-planted-wrong-key-0c1d2e3f";
  const std::string body = R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";

  auto rejected = httpRequest(gateway.port(), "POST", "/v1/chat/completions", body, bearer(kTestAdminKey));
  EXPECT_EQ(rejected.status, 502) << rejected.body;
  EXPECT_EQ(rejected.body.find(kProviderKey), std::string::npos) << "the error shows the provider key: " << rejected.body;
  EXPECT_EQ(httpRequest(gateway.port(), "POST", "/v1/chat/completions", body, bearer(kTestAdminKey)).status, 200);
  EXPECT_EQ(httpRequest(gateway.port(), "POST", "/v1/chat/completions", body, bearer(wrongClientKey)).status, 401);
  EXPECT_EQ(httpRequest(gateway.port(), "GET", "/v1/models", "", {{"Authorization", kProviderKey}}).status, 401);
  // The upstream did get the key: the check below is not vacuous.
  ASSERT_FALSE(upstream.requests().empty());
  EXPECT_EQ(upstream.requests().front().headers.at("authorization"), std::string("Bearer ") + kProviderKey);
  gateway.stop();

  const std::string everything = gateway.logText() + "\n" + gateway.output();
  EXPECT_NE(everything.find("\"status\":502"), std::string::npos) << "access lines missing";
  for (const std::string& secret : {std::string(kProviderKey), std::string(kTestAdminKey), wrongClientKey}) {
    std::istringstream lines(everything);
    int lineNo = 0;
    for (std::string line; std::getline(lines, line);) {
      ++lineNo;
      EXPECT_EQ(line.find(secret), std::string::npos) << "line " << lineNo << " leaks a secret: " << line;
    }
  }
}

}  // namespace
}  // namespace gaiarouter::test
