// Drives MockProvider through its C ABI table, as the host does.
#pragma once

#include "EventRecorder.h"
#include "MockProvider.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace gaiarouter::plugins::mock::test {

using gaiarouter::test::EventRecorder;
using Poco::JSON::Array;
using Poco::JSON::Object;

inline Object::Ptr parseObject(const std::string& json) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(json).extract<Object::Ptr>();
}

inline Array::Ptr parseArray(const std::string& json) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(json).extract<Array::Ptr>();
}

// A one-message request body.
inline std::string userBody(const std::string& text, const std::string& extra = "") {
  Object::Ptr message = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  message->set("role", "user");
  message->set("content", text);
  Array::Ptr messages = new Array;
  messages->add(message);
  Object::Ptr body = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("model", "mock/echo");
  body->set("messages", messages);
  std::ostringstream out;
  body->stringify(out);
  std::string json = out.str();
  if (!extra.empty()) json.insert(json.size() - 1, "," + extra);
  return json;
}

class MockHarness {
 public:
  explicit MockHarness(const std::string& options = R"({"stream_delay_ms":0})") {
    gr_provider_config config{};
    config.struct_size = sizeof(gr_provider_config);
    config.provider_id = sdk::str("mock");
    config.base_url = sdk::str("mock://local");
    config.options_json = sdk::str(options);
    gr_text_sink errors{&createError, [](void* ctx, gr_str text) {
                          static_cast<std::string*>(ctx)->assign(sdk::view(text));
                        }};
    createStatus = api->create(nullptr, &config, &instance, &errors);
  }
  ~MockHarness() {
    if (instance != nullptr) api->destroy(instance);
  }
  MockHarness(const MockHarness&) = delete;
  MockHarness& operator=(const MockHarness&) = delete;

  gr_status run(const std::string& body, bool stream, EventRecorder& out, const std::string& model = "echo",
                int maxOutputTokens = 0, const std::string& requestId = "req-1") const {
    gr_chat_request request{};
    request.struct_size = sizeof(gr_chat_request);
    request.body = sdk::str(body);
    const std::string modelId = "mock/" + model;
    request.model_id = sdk::str(modelId);
    request.upstream_model = sdk::str(model);
    request.request_id = sdk::str(requestId);
    request.stream = stream ? 1 : 0;
    request.max_output_tokens = maxOutputTokens;
    return api->complete_local(instance, &request, out.sink());
  }

  const gr_provider_api* api = sdk::detail::Trampolines<MockProvider>::table();
  gr_instance* instance = nullptr;
  gr_status createStatus = GR_FAILURE;
  std::string createError;
};

// The concatenated delta.content of a stream's chunks.
inline std::string streamedContent(const std::vector<std::string>& chunks) {
  std::string text;
  for (const auto& c : chunks) {
    Array::Ptr choices = parseObject(c)->getArray("choices");
    if (choices->size() == 0) continue;
    Object::Ptr delta = choices->getObject(0)->getObject("delta");
    if (delta->has("content")) text += delta->getValue<std::string>("content");
  }
  return text;
}

}  // namespace gaiarouter::plugins::mock::test
