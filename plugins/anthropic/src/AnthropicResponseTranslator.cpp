#include "AnthropicResponseTranslator.h"

#include "AnthropicErrorMapper.h"
#include "AnthropicJson.h"
#include "AnthropicTokenCounts.h"

#include <Poco/Exception.h>

namespace gaiarouter::plugins::anthropic {

namespace {

using json::Array;
using json::Object;
using json::Var;

[[noreturn]] void badResponse(int status, const std::string& what) {
  sdk::Error e;
  e.kind = GR_ERROR_BAD_RESPONSE;
  e.upstreamStatus = status;
  e.message = "upstream response " + what;
  throw sdk::ProviderError(std::move(e));
}

}  // namespace

void AnthropicResponseTranslator::translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                            sdk::EventSink& out, int64_t created) {
  if (response.status < 200 || response.status >= 300) throw sdk::ProviderError(AnthropicErrorMapper::fromHttp(response));

  Var parsed;
  try {
    parsed = json::parse(response.body);
  } catch (const Poco::Exception&) {
    badResponse(response.status, "is not valid JSON");
  }
  Object::Ptr message = json::asObject(parsed);
  if (message.isNull()) badResponse(response.status, "is not a JSON object");
  const std::string type = json::getString(message, "type").value_or("");
  if (type == "error") throw sdk::ProviderError(AnthropicErrorMapper::fromEnvelope(message, response.status));
  if (!type.empty() && type != "message") badResponse(response.status, "has type \"" + type + "\", expected \"message\"");
  Array::Ptr content = json::getArray(message, "content");
  if (content.isNull()) badResponse(response.status, "has no content array");

  std::string text;
  bool hasText = false;
  std::string reasoning;
  Array::Ptr thinkingBlocks = json::array();
  Array::Ptr toolCalls = json::array();
  for (std::size_t i = 0; i < content->size(); ++i) {
    Object::Ptr block = json::asObject(content->get(static_cast<unsigned>(i)));
    auto blockType = json::getString(block, "type");
    if (!blockType) badResponse(response.status, "has a content block without a type");
    if (*blockType == "text") {
      auto t = json::getString(block, "text");
      if (!t) badResponse(response.status, "has a text block without text");
      text += *t;
      hasText = true;
    } else if (*blockType == "tool_use") {
      auto id = json::getString(block, "id");
      auto name = json::getString(block, "name");
      if (!id || !name) badResponse(response.status, "has a tool_use block without id or name");
      Var input = json::get(block, "input");
      Object::Ptr function = json::object();
      function->set("name", *name);
      function->set("arguments", input.isEmpty() ? std::string("{}") : json::stringify(input));
      Object::Ptr call = json::object();
      call->set("id", *id);
      call->set("type", std::string("function"));
      call->set("function", function);
      toolCalls->add(call);
    } else if (*blockType == "thinking" || *blockType == "redacted_thinking") {
      // Never content. The text is offered as reasoning_content and the
      // blocks (with signature) as thinking_blocks so a client can replay them.
      if (auto t = json::getString(block, "thinking")) reasoning += *t;
      thinkingBlocks->add(block);
    }
    // Server tool blocks (web search etc.) have no Chat Completions form.
  }

  Object::Ptr msg = json::object();
  msg->set("role", std::string("assistant"));
  msg->set("content", hasText ? Var(text) : Var());
  if (thinkingBlocks->size() > 0) {
    msg->set("reasoning_content", reasoning);
    msg->set("thinking_blocks", thinkingBlocks);
  }
  if (toolCalls->size() > 0) msg->set("tool_calls", toolCalls);

  const std::string stopReason = json::getString(message, "stop_reason").value_or("end_turn");
  Object::Ptr choice = json::object();
  choice->set("index", 0);
  choice->set("message", msg);
  choice->set("finish_reason", std::string(finishReasonFor(stopReason)));
  choice->set("logprobs", Var());
  Array::Ptr choices = json::array();
  choices->add(choice);

  AnthropicTokenCounts counts;
  counts.update(json::getObject(message, "usage"));

  std::string model = json::getString(message, "model").value_or("");
  if (model.empty()) model = std::string(request.upstreamModel);
  std::string id = json::getString(message, "id").value_or("");
  if (id.empty()) id = "chatcmpl-" + std::string(request.requestId);

  Object::Ptr completion = json::object();
  completion->set("id", id);
  completion->set("object", std::string("chat.completion"));
  completion->set("created", created);
  completion->set("model", model);
  completion->set("choices", choices);
  if (counts.known()) completion->set("usage", counts.toJson());

  // Usage first: the tokens were spent even if the client has gone.
  if (counts.known()) out.usage(counts.toUsage());
  out.json(json::stringify(completion));
}

}  // namespace gaiarouter::plugins::anthropic
