// gaiarouter_fake_providers: four fake upstreams on loopback, one per
// provider wire format, each replaying the real samples in ../shared/fixtures
// (a stream when the request asks for one). For demonstrations with curl
// (scripts/demo-providers) and manual testing; the e2e tests use the same
// FakeUpstream directly.
//
// Prints "<provider> <base url>" per line, then serves until stdin closes.
#include "FakeUpstream.h"
#include "Fixtures.h"

#include <chrono>
#include <iostream>
#include <string>

using namespace gaiarouter::test;

namespace {

bool wantsStream(const RecordedRequest& r) {
  return r.body.find("\"stream\":true") != std::string::npos || r.uri.find(":streamGenerateContent") != std::string::npos;
}

void serve(FakeUpstream& upstream, const std::string& response, const std::string& stream) {
  upstream.setResponder([response, stream](const RecordedRequest& r) {
    // One event every 80 ms, so the relay can be watched arriving.
    return wantsStream(r) ? ScriptedReply::sse(sharedFixture(stream), 0, std::chrono::milliseconds(80))
                          : ScriptedReply::json(200, sharedFixture(response));
  });
}

}  // namespace

int main() {
  FakeUpstream openai, anthropic, google, openrouter;
  serve(openai, "openai/chat_completion_text.response.json", "openai/chat_completion_text_stream_include_usage.sse");
  serve(anthropic, "anthropic/messages_text.response.json", "anthropic/stream_text.sse");
  serve(google, "google/generateContent_text.response.json", "google/streamGenerateContent_text.sse");
  const std::string openrouterStream = "openrouter/stream_partial_with_keepalive_comments.sse";
  openrouter.setResponder([&](const RecordedRequest& r) {
    // The real capture is a prefix; complete it the way OpenRouter ends a stream.
    std::string sse = sharedFixture(openrouterStream) +
        R"(data: {"id":"gen-1739458867-kUKFjpDGCEBBvK6V46PX","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1739458867,"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,"cost":0.0000072}})"
        "\n\ndata: [DONE]\n\n";
    return wantsStream(r) ? ScriptedReply::sse(sse, 0, std::chrono::milliseconds(80))
                          : ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json"));
  });
  std::cout << "openai " << openai.baseUrl() << "/v1\n"
            << "anthropic " << anthropic.baseUrl() << "\n"
            << "google " << google.baseUrl() << "\n"
            << "openrouter " << openrouter.baseUrl() << "/api/v1" << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}
