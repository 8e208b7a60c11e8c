#include "MockCompletionWriter.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace gaiarouter::plugins::mock {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

Object::Ptr usageObject(const sdk::Usage& usage) {
  Object::Ptr u = newObject();
  u->set("prompt_tokens", usage.promptTokens);
  u->set("completion_tokens", usage.completionTokens);
  u->set("total_tokens", usage.totalTokens);
  return u;
}

}  // namespace

std::string MockCompletionWriter::completion(const MockReply& reply) const {
  Object::Ptr message = newObject();
  message->set("role", "assistant");
  if (reply.toolCall) {
    message->set("content", Poco::Dynamic::Var());
    Object::Ptr function = newObject();
    function->set("name", reply.toolCall->name);
    function->set("arguments", reply.toolCall->arguments);
    Object::Ptr call = newObject();
    call->set("id", reply.toolCall->id);
    call->set("type", "function");
    call->set("function", function);
    Array::Ptr calls = new Array;
    calls->add(call);
    message->set("tool_calls", calls);
  } else {
    message->set("content", reply.content());
  }

  Object::Ptr choice = newObject();
  choice->set("index", 0);
  choice->set("message", message);
  choice->set("finish_reason", reply.finishReason);
  choice->set("logprobs", Poco::Dynamic::Var());
  Array::Ptr choices = new Array;
  choices->add(choice);

  Object::Ptr out = newObject();
  out->set("id", id_);
  out->set("object", "chat.completion");
  out->set("created", created_);
  out->set("model", model_);
  out->set("choices", choices);
  out->set("usage", usageObject(reply.usage));
  return stringify(out);
}

std::string MockCompletionWriter::chunk(const Poco::Dynamic::Var& delta,
                                        const Poco::Dynamic::Var& finishReason) const {
  Object::Ptr choice = newObject();
  choice->set("index", 0);
  choice->set("delta", delta);
  choice->set("finish_reason", finishReason);
  choice->set("logprobs", Poco::Dynamic::Var());
  Array::Ptr choices = new Array;
  choices->add(choice);

  Object::Ptr out = newObject();
  out->set("id", id_);
  out->set("object", "chat.completion.chunk");
  out->set("created", created_);
  out->set("model", model_);
  out->set("choices", choices);
  return stringify(out);
}

std::string MockCompletionWriter::roleChunk() const {
  Object::Ptr delta = newObject();
  delta->set("role", "assistant");
  delta->set("content", "");
  return chunk(delta, Poco::Dynamic::Var());
}

std::string MockCompletionWriter::contentChunk(std::string_view text) const {
  Object::Ptr delta = newObject();
  delta->set("content", std::string(text));
  return chunk(delta, Poco::Dynamic::Var());
}

std::string MockCompletionWriter::toolCallStartChunk(const MockToolCall& call) const {
  Object::Ptr function = newObject();
  function->set("name", call.name);
  function->set("arguments", "");
  Object::Ptr entry = newObject();
  entry->set("index", 0);
  entry->set("id", call.id);
  entry->set("type", "function");
  entry->set("function", function);
  Array::Ptr calls = new Array;
  calls->add(entry);
  Object::Ptr delta = newObject();
  delta->set("tool_calls", calls);
  return chunk(delta, Poco::Dynamic::Var());
}

std::string MockCompletionWriter::toolCallArgumentsChunk(std::string_view fragment) const {
  Object::Ptr function = newObject();
  function->set("arguments", std::string(fragment));
  Object::Ptr entry = newObject();
  entry->set("index", 0);
  entry->set("function", function);
  Array::Ptr calls = new Array;
  calls->add(entry);
  Object::Ptr delta = newObject();
  delta->set("tool_calls", calls);
  return chunk(delta, Poco::Dynamic::Var());
}

std::string MockCompletionWriter::finishChunk(std::string_view finishReason) const {
  return chunk(newObject(), std::string(finishReason));
}

std::string MockCompletionWriter::usageChunk(const sdk::Usage& usage) const {
  Object::Ptr out = newObject();
  out->set("id", id_);
  out->set("object", "chat.completion.chunk");
  out->set("created", created_);
  out->set("model", model_);
  out->set("choices", Array::Ptr(new Array));
  out->set("usage", usageObject(usage));
  return stringify(out);
}

}  // namespace gaiarouter::plugins::mock
