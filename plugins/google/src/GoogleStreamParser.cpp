#include "GoogleStreamParser.h"

#include "GoogleErrorTranslator.h"
#include "GoogleFinishReason.h"
#include "GoogleJson.h"
#include "GoogleResponseTranslator.h"
#include "GoogleToolCallId.h"
#include "GoogleUsage.h"

namespace gaiarouter::plugins::google {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kTruncated = "upstream stream ended before completion";

sdk::Error badResponse(const std::string& message) {
  return sdk::Error{GR_ERROR_BAD_RESPONSE, 200, message, {}, {}, {}, 0};
}

}  // namespace

GoogleStreamParser::GoogleStreamParser(const sdk::ChatRequest& request, int64_t created)
    : requestId_(request.requestId), upstreamModel_(request.upstreamModel), created_(created) {
  if (auto body = GoogleJson::parseObject(request.body)) {
    if (auto options = body->getObject("stream_options")) {
      includeUsage_ = GoogleJson::asBool(options->get("include_usage")).value_or(false);
    }
  }
}

void GoogleStreamParser::feed(std::string_view bytes, sdk::EventSink& out) {
  if (done_) return;
  decoder_.feed(bytes, [&](const sdk::SseEvent& event) {
    if (!done_) onEvent(event.data, out);
  });
}

void GoogleStreamParser::finish(sdk::EventSink& out) {
  if (done_) return;
  finishing_ = true;  // a cut-off last event is a truncated stream
  // An event whose closing blank line never came is still dispatched; if it
  // was cut off mid-JSON, onEvent reports the truncation.
  decoder_.flush([&](const sdk::SseEvent& event) {
    if (!done_) onEvent(event.data, out);
  });
  if (done_) return;
  if (!complete()) {
    fail(badResponse(kTruncated), out);
    return;
  }
  done_ = true;
  if (!usage_) return;
  out.usage(*usage_);
  if (includeUsage_) {
    Object::Ptr last = chunk();
    last->set("choices", GoogleJson::array());
    last->set("usage", GoogleUsage::toJson(*usage_));
    out.json(GoogleJson::stringify(last));
  }
}

bool GoogleStreamParser::complete() const {
  if (choices_.empty()) return false;
  for (const auto& [index, choice] : choices_) {
    if (!choice.finished) return false;
  }
  return true;
}

void GoogleStreamParser::fail(const sdk::Error& error, sdk::EventSink& out) {
  done_ = true;
  out.error(error);
}

void GoogleStreamParser::identify(const Object::Ptr& response) {
  if (identified_) return;
  identified_ = true;
  const std::string responseId = GoogleJson::asString(response->get("responseId")).value_or("");
  id_ = responseId.empty() ? "chatcmpl-" + requestId_ : responseId;
  const std::string modelVersion = GoogleJson::asString(response->get("modelVersion")).value_or("");
  model_ = modelVersion.empty() ? upstreamModel_ : modelVersion;
  if (auto createTime = GoogleJson::asString(response->get("createTime"))) {
    created_ = GoogleResponseTranslator::parseTimestamp(*createTime).value_or(created_);
  }
}

void GoogleStreamParser::onEvent(const std::string& data, sdk::EventSink& out) {
  if (data.find_first_not_of(" \t\r\n") == std::string::npos || data == "[DONE]") return;
  auto response = GoogleJson::parseObject(data);
  if (!response) {
    fail(badResponse(finishing_ ? kTruncated : "upstream sent a stream event that is not a JSON object"), out);
    return;
  }
  if (auto error = response->getObject("error")) {
    fail(GoogleErrorTranslator::fromErrorObject(error, 0), out);
    return;
  }
  identify(response);
  if (auto usage = GoogleUsage::fromMetadata(response->getObject("usageMetadata"))) usage_ = usage;

  const Var candidatesVar = response->get("candidates");
  auto candidates = GoogleJson::asArray(candidatesVar);
  if (!candidatesVar.isEmpty() && !candidates) {
    fail(badResponse("upstream stream event 'candidates' is not an array"), out);
    return;
  }
  for (std::size_t c = 0; candidates && c < candidates->size() && !done_; ++c) {
    auto candidate = candidates->getObject(c);
    if (!candidate) {
      fail(badResponse("upstream stream event candidate is not an object"), out);
      return;
    }
    handleCandidate(candidate, GoogleJson::asInt(candidate->get("index")).value_or(static_cast<int64_t>(c)), out);
  }

  auto feedback = response->getObject("promptFeedback");
  if ((!candidates || candidates->size() == 0) && feedback && feedback->has("blockReason") && !done_) {
    Choice& choice = choices_[0];
    if (choice.finished || !start(choice, 0, out)) return;
    Object::Ptr delta = GoogleJson::object();
    delta->set("refusal", GoogleResponseTranslator::blockMessage(feedback));
    if (!emitChoice(0, delta, Var(), out)) return;
    choice.finished = true;
    emitChoice(0, GoogleJson::object(), std::string("content_filter"), out);
  }
}

void GoogleStreamParser::handleCandidate(const Object::Ptr& candidate, int64_t index, sdk::EventSink& out) {
  Choice& choice = choices_[index];
  if (choice.finished) return;  // nothing may follow a choice's finish chunk
  if (!start(choice, index, out)) return;

  auto content = candidate->getObject("content");
  auto parts = content ? content->getArray("parts") : Array::Ptr{};
  for (std::size_t p = 0; parts && p < parts->size(); ++p) {
    auto part = parts->getObject(p);
    if (!part) continue;
    Object::Ptr delta = GoogleJson::object();
    if (auto call = part->getObject("functionCall")) {
      auto name = GoogleJson::asString(call->get("name"));
      if (!name) {
        fail(badResponse("upstream functionCall part has no name"), out);
        return;
      }
      auto args = call->getObject("args");
      Object::Ptr function = GoogleJson::object();
      function->set("name", *name);
      function->set("arguments", args ? GoogleJson::stringify(args) : std::string("{}"));
      Object::Ptr toolCall = GoogleJson::object();
      toolCall->set("index", choice.toolIndex++);
      toolCall->set("id", GoogleToolCallId::make(requestId_, toolCounter_++,
                                                 GoogleJson::asString(part->get("thoughtSignature")).value_or("")));
      toolCall->set("type", std::string("function"));
      toolCall->set("function", function);
      Array::Ptr toolCalls = GoogleJson::array();
      toolCalls->add(toolCall);
      delta->set("tool_calls", toolCalls);
      choice.hasToolCalls = true;
    } else if (auto text = GoogleJson::asString(part->get("text"))) {
      if (text->empty()) continue;  // e.g. a part that only carries a thoughtSignature
      const bool thought = GoogleJson::asBool(part->get("thought")).value_or(false);
      delta->set(thought ? "reasoning_content" : "content", *text);
    } else {
      continue;  // inlineData, executableCode, ...: no chunk form
    }
    if (!emitChoice(index, delta, Var(), out)) return;
  }

  if (auto reason = GoogleJson::asString(candidate->get("finishReason")); reason && !reason->empty()) {
    choice.finished = true;
    emitChoice(index, GoogleJson::object(), GoogleFinishReason::toOpenAi(*reason, choice.hasToolCalls), out);
  }
}

bool GoogleStreamParser::start(Choice& choice, int64_t index, sdk::EventSink& out) {
  if (choice.started) return true;
  choice.started = true;
  Object::Ptr delta = GoogleJson::object();
  delta->set("role", std::string("assistant"));
  delta->set("content", std::string());
  return emitChoice(index, delta, Var(), out);
}

Object::Ptr GoogleStreamParser::chunk() const {
  Object::Ptr c = GoogleJson::object();
  c->set("id", id_);
  c->set("object", std::string("chat.completion.chunk"));
  c->set("created", created_);
  c->set("model", model_);
  return c;
}

bool GoogleStreamParser::emitChoice(int64_t index, const Object::Ptr& delta, const Var& finishReason,
                                    sdk::EventSink& out) {
  Object::Ptr choice = GoogleJson::object();
  choice->set("index", index);
  choice->set("delta", delta);
  choice->set("logprobs", Var());
  choice->set("finish_reason", finishReason);
  Array::Ptr choices = GoogleJson::array();
  choices->add(choice);
  Object::Ptr c = chunk();
  c->set("choices", choices);
  return emit(c, out);
}

bool GoogleStreamParser::emit(const Object::Ptr& c, sdk::EventSink& out) {
  if (done_) return false;
  if (!out.json(GoogleJson::stringify(c))) {
    done_ = true;
    return false;
  }
  return true;
}

}  // namespace gaiarouter::plugins::google
