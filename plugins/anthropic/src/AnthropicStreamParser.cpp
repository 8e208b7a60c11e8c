#include "AnthropicStreamParser.h"

#include "AnthropicErrorMapper.h"

namespace gaiarouter::plugins::anthropic {

using json::Array;
using json::Object;
using json::Var;

namespace {

bool includeUsageRequested(std::string_view body) {
  Object::Ptr options = json::getObject(json::asObject(json::tryParse(body)), "stream_options");
  Var flag = json::get(options, "include_usage");
  return json::isBool(flag) && flag.convert<bool>();
}

}  // namespace

AnthropicStreamParser::AnthropicStreamParser(const sdk::ChatRequest& request, int64_t created)
    : created_(created),
      fallbackId_("chatcmpl-" + std::string(request.requestId)),
      fallbackModel_(request.upstreamModel),
      includeUsage_(includeUsageRequested(request.body)) {}

void AnthropicStreamParser::feed(std::string_view bytes, sdk::EventSink& out) {
  if (stopped()) return;
  decoder_.feed(bytes, [&](const sdk::SseEvent& event) { onEvent(event, out); });
}

void AnthropicStreamParser::finish(sdk::EventSink& out) {
  if (stopped()) return;
  // Upstream may close right after the last data line, without the blank line.
  decoder_.flush([&](const sdk::SseEvent& event) { onEvent(event, out); });
  if (!stopped()) badResponse(out, "upstream stream ended before completion");
}

void AnthropicStreamParser::onEvent(const sdk::SseEvent& event, sdk::EventSink& out) {
  if (stopped()) return;
  Object::Ptr data = json::asObject(json::tryParse(event.data));
  if (data.isNull()) return badResponse(out, "upstream stream event is not a JSON object");
  std::string type = json::getString(data, "type").value_or(event.event);
  if (type.empty()) return badResponse(out, "upstream stream event has no type");

  if (type == "ping") return;
  if (type == "error") return fail(out, AnthropicErrorMapper::fromEnvelope(data, 0));
  if (type == "message_start") return onMessageStart(data, out);
  if (!started_) {
    // Unknown event types are skipped for forward compatibility, but known
    // ones must not come before message_start.
    if (type.rfind("content_block_", 0) == 0 || type.rfind("message_", 0) == 0) {
      return badResponse(out, "upstream stream sent " + type + " before message_start");
    }
    return;
  }
  if (type == "content_block_start") return onBlockStart(data, out);
  if (type == "content_block_delta") return onBlockDelta(data, out);
  if (type == "content_block_stop") return onBlockStop(data, out);
  if (type == "message_delta") return onMessageDelta(data, out);
  if (type == "message_stop") return onMessageStop(out);
}

void AnthropicStreamParser::onMessageStart(const Object::Ptr& data, sdk::EventSink& out) {
  if (started_) return badResponse(out, "upstream stream sent a second message_start");
  Object::Ptr message = json::getObject(data, "message");
  if (message.isNull()) return badResponse(out, "upstream message_start event has no message");
  id_ = json::getString(message, "id").value_or("");
  if (id_.empty()) id_ = fallbackId_;
  model_ = json::getString(message, "model").value_or("");
  if (model_.empty()) model_ = fallbackModel_;
  counts_.update(json::getObject(message, "usage"));
  started_ = true;

  Object::Ptr delta = json::object();
  delta->set("role", std::string("assistant"));
  delta->set("content", std::string());
  emitDelta(out, delta);
}

void AnthropicStreamParser::onBlockStart(const Object::Ptr& data, sdk::EventSink& out) {
  auto index = json::getInt(data, "index");
  Object::Ptr block = json::getObject(data, "content_block");
  auto type = json::getString(block, "type");
  if (!index || !type) return badResponse(out, "upstream content_block_start event is malformed");
  if (blocks_.count(*index) != 0) return badResponse(out, "upstream stream started a content block twice");

  Block& b = blocks_[*index];
  if (*type == "text") {
    b.kind = BlockKind::Text;
    const std::string text = json::getString(block, "text").value_or("");
    if (!text.empty()) {
      Object::Ptr delta = json::object();
      delta->set("content", text);
      emitDelta(out, delta);
    }
  } else if (*type == "tool_use") {
    auto id = json::getString(block, "id");
    auto name = json::getString(block, "name");
    if (!id || !name) return badResponse(out, "upstream tool_use block has no id or name");
    b.kind = BlockKind::ToolUse;
    b.toolIndex = nextToolIndex_++;
    Object::Ptr function = json::object();
    function->set("name", *name);
    function->set("arguments", std::string());
    Object::Ptr call = json::object();
    call->set("index", b.toolIndex);
    call->set("id", *id);
    call->set("type", std::string("function"));
    call->set("function", function);
    Array::Ptr calls = json::array();
    calls->add(call);
    Object::Ptr delta = json::object();
    delta->set("tool_calls", calls);
    emitDelta(out, delta);
  } else if (*type == "thinking" || *type == "redacted_thinking") {
    b.kind = BlockKind::Thinking;  // never forwarded
  } else {
    b.kind = BlockKind::Other;  // server tools etc.: no Chat Completions form
  }
}

AnthropicStreamParser::Block* AnthropicStreamParser::blockOf(const Object::Ptr& data, const char* event,
                                                             sdk::EventSink& out) {
  auto index = json::getInt(data, "index");
  if (!index) {
    badResponse(out, std::string("upstream ") + event + " event has no index");
    return nullptr;
  }
  auto it = blocks_.find(*index);
  if (it == blocks_.end()) {
    badResponse(out, std::string("upstream ") + event + " event refers to an unknown content block");
    return nullptr;
  }
  return &it->second;
}

void AnthropicStreamParser::onBlockDelta(const Object::Ptr& data, sdk::EventSink& out) {
  Block* block = blockOf(data, "content_block_delta", out);
  if (block == nullptr) return;
  Object::Ptr delta = json::getObject(data, "delta");
  auto type = json::getString(delta, "type");
  if (!type) return badResponse(out, "upstream content_block_delta event is malformed");

  if (*type == "text_delta" && block->kind == BlockKind::Text) {
    const std::string text = json::getString(delta, "text").value_or("");
    if (text.empty()) return;
    Object::Ptr d = json::object();
    d->set("content", text);
    emitDelta(out, d);
  } else if (*type == "input_json_delta" && block->kind == BlockKind::ToolUse) {
    // Forwarded as-is: OpenAI argument deltas are raw fragments too.
    const std::string fragment = json::getString(delta, "partial_json").value_or("");
    if (fragment.empty()) return;
    block->argumentsSent = true;
    emitToolArguments(out, block->toolIndex, fragment);
  }
  // thinking_delta, signature_delta, citations_delta, server-tool input: dropped.
}

void AnthropicStreamParser::onBlockStop(const Object::Ptr& data, sdk::EventSink& out) {
  Block* block = blockOf(data, "content_block_stop", out);
  if (block == nullptr) return;
  // A call without arguments still needs a parseable JSON string.
  if (block->kind == BlockKind::ToolUse && !block->argumentsSent) {
    block->argumentsSent = true;
    emitToolArguments(out, block->toolIndex, "{}");
  }
}

void AnthropicStreamParser::onMessageDelta(const Object::Ptr& data, sdk::EventSink& out) {
  counts_.update(json::getObject(data, "usage"));
  if (counts_.known()) out.usage(counts_.toUsage());
  auto stopReason = json::getString(json::getObject(data, "delta"), "stop_reason");
  if (stopReason && !finishSent_) {
    finishSent_ = true;
    emitDelta(out, json::object(), finishReasonFor(*stopReason));
  }
}

void AnthropicStreamParser::onMessageStop(sdk::EventSink& out) {
  if (!finishSent_) {
    finishSent_ = true;
    if (!emitDelta(out, json::object(), "stop")) return;
  }
  done_ = true;
  if (!counts_.known()) return;
  out.usage(counts_.toUsage());
  if (includeUsage_) {
    Object::Ptr c = chunk();
    c->set("choices", json::array());
    c->set("usage", counts_.toJson());
    emit(out, c);
  }
}

Object::Ptr AnthropicStreamParser::chunk() const {
  Object::Ptr c = json::object();
  c->set("id", id_);
  c->set("object", std::string("chat.completion.chunk"));
  c->set("created", created_);
  c->set("model", model_);
  return c;
}

bool AnthropicStreamParser::emitDelta(sdk::EventSink& out, const Object::Ptr& delta, const char* finishReason) {
  Object::Ptr choice = json::object();
  choice->set("index", 0);
  choice->set("delta", delta);
  choice->set("logprobs", Var());
  choice->set("finish_reason", finishReason != nullptr ? Var(std::string(finishReason)) : Var());
  Array::Ptr choices = json::array();
  choices->add(choice);
  Object::Ptr c = chunk();
  c->set("choices", choices);
  return emit(out, c);
}

bool AnthropicStreamParser::emitToolArguments(sdk::EventSink& out, int toolIndex, const std::string& fragment) {
  Object::Ptr function = json::object();
  function->set("arguments", fragment);
  Object::Ptr call = json::object();
  call->set("index", toolIndex);
  call->set("function", function);
  Array::Ptr calls = json::array();
  calls->add(call);
  Object::Ptr delta = json::object();
  delta->set("tool_calls", calls);
  return emitDelta(out, delta);
}

bool AnthropicStreamParser::emit(sdk::EventSink& out, const Object::Ptr& c) {
  if (cancelled_) return false;
  if (!out.json(json::stringify(c))) cancelled_ = true;
  return !cancelled_;
}

void AnthropicStreamParser::fail(sdk::EventSink& out, sdk::Error error) {
  if (failed_ || cancelled_) return;
  failed_ = true;
  out.error(error);
}

void AnthropicStreamParser::badResponse(sdk::EventSink& out, const std::string& message) {
  sdk::Error e;
  e.kind = GR_ERROR_BAD_RESPONSE;
  e.message = message;
  fail(out, std::move(e));
}

}  // namespace gaiarouter::plugins::anthropic
