#include "GoogleResponseTranslator.h"

#include "GoogleErrorTranslator.h"
#include "GoogleFinishReason.h"
#include "GoogleJson.h"
#include "GoogleToolCallId.h"
#include "GoogleUsage.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

namespace gaiarouter::plugins::google {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

[[noreturn]] void badResponse(const std::string& message, int status) {
  throw sdk::ProviderError(sdk::Error{GR_ERROR_BAD_RESPONSE, status, message, {}, {}, {}, 0});
}

}  // namespace

std::optional<int64_t> GoogleResponseTranslator::parseTimestamp(const std::string& text) {
  Poco::DateTime parsed;
  int tz = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, tz) &&
      !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, parsed, tz)) {
    return std::nullopt;
  }
  parsed.makeUTC(tz);
  return parsed.timestamp().epochTime();
}

std::string GoogleResponseTranslator::blockMessage(const Object::Ptr& feedback) {
  const std::string reason = GoogleJson::asString(feedback->get("blockReason")).value_or("OTHER");
  std::string message = "The prompt was blocked by Gemini (block reason: " + reason + ")";
  if (auto detail = GoogleJson::asString(feedback->get("blockReasonMessage")); detail && !detail->empty()) {
    message += ": " + *detail;
  }
  return message;
}

Object::Ptr GoogleResponseTranslator::toCompletion(const sdk::ChatRequest& request, const Object::Ptr& body,
                                                  int64_t now) {
  const Var candidatesVar = body->get("candidates");
  auto candidates = GoogleJson::asArray(candidatesVar);
  if (!candidatesVar.isEmpty() && !candidates) badResponse("upstream response 'candidates' is not an array", 200);
  auto feedback = body->getObject("promptFeedback");
  const bool blocked = feedback && feedback->has("blockReason");
  if ((!candidates || candidates->size() == 0) && !blocked) {
    badResponse("upstream response has no candidates", 200);
  }

  Object::Ptr completion = GoogleJson::object();
  const std::string responseId = GoogleJson::asString(body->get("responseId")).value_or("");
  completion->set("id", responseId.empty() ? "chatcmpl-" + std::string(request.requestId) : responseId);
  completion->set("object", std::string("chat.completion"));
  int64_t created = now;
  if (auto createTime = GoogleJson::asString(body->get("createTime"))) {
    created = parseTimestamp(*createTime).value_or(now);
  }
  completion->set("created", created);
  const std::string modelVersion = GoogleJson::asString(body->get("modelVersion")).value_or("");
  completion->set("model", modelVersion.empty() ? std::string(request.upstreamModel) : modelVersion);

  Array::Ptr choices = GoogleJson::array();
  if (!candidates || candidates->size() == 0) {
    Object::Ptr message = GoogleJson::object();
    message->set("role", std::string("assistant"));
    message->set("content", Var());
    message->set("refusal", blockMessage(feedback));
    Object::Ptr choice = GoogleJson::object();
    choice->set("index", 0);
    choice->set("message", message);
    choice->set("finish_reason", std::string("content_filter"));
    choice->set("logprobs", Var());
    choices->add(choice);
  }

  std::size_t toolCounter = 0;
  for (std::size_t c = 0; candidates && c < candidates->size(); ++c) {
    auto candidate = candidates->getObject(c);
    if (!candidate) badResponse("upstream response candidate is not an object", 200);
    std::optional<std::string> text;
    std::optional<std::string> reasoning;
    Array::Ptr toolCalls = GoogleJson::array();

    auto content = candidate->getObject("content");
    auto parts = content ? content->getArray("parts") : Array::Ptr{};
    for (std::size_t p = 0; parts && p < parts->size(); ++p) {
      auto part = parts->getObject(p);
      if (!part) continue;
      if (auto call = part->getObject("functionCall")) {
        auto name = GoogleJson::asString(call->get("name"));
        if (!name) badResponse("upstream functionCall part has no name", 200);
        auto args = call->getObject("args");
        Object::Ptr function = GoogleJson::object();
        function->set("name", *name);
        function->set("arguments", args ? GoogleJson::stringify(args) : std::string("{}"));
        Object::Ptr toolCall = GoogleJson::object();
        toolCall->set("id", GoogleToolCallId::make(request.requestId, toolCounter++,
                                                   GoogleJson::asString(part->get("thoughtSignature")).value_or("")));
        toolCall->set("type", std::string("function"));
        toolCall->set("function", function);
        toolCalls->add(toolCall);
      } else if (auto t = GoogleJson::asString(part->get("text"))) {
        auto& target = GoogleJson::asBool(part->get("thought")).value_or(false) ? reasoning : text;
        target = target.value_or("") + *t;
      }
      // Other parts (inlineData, executableCode, ...) have no chat.completion form.
    }

    Object::Ptr message = GoogleJson::object();
    message->set("role", std::string("assistant"));
    message->set("content", text ? Var(*text) : Var());
    if (reasoning) message->set("reasoning_content", *reasoning);
    if (toolCalls->size() > 0) message->set("tool_calls", toolCalls);

    Object::Ptr choice = GoogleJson::object();
    choice->set("index", GoogleJson::asInt(candidate->get("index")).value_or(static_cast<int64_t>(c)));
    choice->set("message", message);
    const std::string reason = GoogleJson::asString(candidate->get("finishReason")).value_or("");
    choice->set("finish_reason", GoogleFinishReason::toOpenAi(reason, toolCalls->size() > 0));
    choice->set("logprobs", Var());
    choices->add(choice);
  }
  completion->set("choices", choices);

  if (auto usage = GoogleUsage::fromMetadata(body->getObject("usageMetadata"))) {
    completion->set("usage", GoogleUsage::toJson(*usage));
  }
  return completion;
}

void GoogleResponseTranslator::translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                         sdk::EventSink& out, int64_t now) {
  if (response.status < 200 || response.status > 299) {
    throw sdk::ProviderError(GoogleErrorTranslator::fromResponse(response));
  }
  auto body = GoogleJson::parseObject(response.body);
  if (!body) badResponse("upstream response is not a JSON object", response.status);
  if (body->getObject("error")) throw sdk::ProviderError(GoogleErrorTranslator::fromResponse(response));

  auto completion = toCompletion(request, body, now);
  // Usage first: the tokens were spent even if the client is gone by now.
  if (auto usage = GoogleUsage::fromMetadata(body->getObject("usageMetadata"))) out.usage(*usage);
  out.json(GoogleJson::stringify(completion));
}

}  // namespace gaiarouter::plugins::google
