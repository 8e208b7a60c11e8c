#include "http/ChatRequestValidator.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <set>
#include <sstream>

namespace gaiarouter {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

struct Invalid {
  ApiError error;
};

[[noreturn]] void fail(const std::string& param, const std::string& message) {
  throw Invalid{ApiError::invalidRequest(message, param)};
}

bool isObject(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool isArray(const Var& v) { return v.type() == typeid(Array::Ptr); }
bool isNumber(const Var& v) { return v.isNumeric() && v.type() != typeid(bool); }
bool isInteger(const Var& v) { return v.isInteger() && v.type() != typeid(bool); }

void number(const Object& body, const char* key, double lo, double hi) {
  if (!body.has(key) || body.isNull(key)) return;
  Var v = body.get(key);
  if (!isNumber(v)) fail(key, fmt::format("'{}' must be a number.", key));
  double d = v.convert<double>();
  if (d < lo || d > hi) fail(key, fmt::format("'{}' must be between {} and {}.", key, lo, hi));
}

void positiveInteger(const Object& body, const char* key) {
  if (!body.has(key) || body.isNull(key)) return;
  Var v = body.get(key);
  if (!isInteger(v) || v.convert<Poco::Int64>() < 1) fail(key, fmt::format("'{}' must be a positive integer.", key));
}

void boolean(const Object& body, const char* key) {
  if (!body.has(key) || body.isNull(key)) return;
  if (body.get(key).type() != typeid(bool)) fail(key, fmt::format("'{}' must be a boolean.", key));
}

void contentParts(const Array& parts, const std::string& where) {
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const std::string at = fmt::format("{}[{}]", where, j);
    Var part = parts.get(static_cast<unsigned>(j));
    if (!isObject(part)) fail(at, fmt::format("'{}' must be an object.", at));
    auto obj = part.extract<Object::Ptr>();
    if (!obj->has("type") || !obj->get("type").isString()) fail(at + ".type", fmt::format("'{}.type' must be a string.", at));
    const std::string type = obj->getValue<std::string>("type");
    if (type == "text" && (!obj->has("text") || !obj->get("text").isString())) {
      fail(at + ".text", fmt::format("'{}.text' must be a string.", at));
    }
    if (type == "image_url") {
      auto image = obj->getObject("image_url");
      if (!image || !image->has("url") || !image->get("url").isString()) {
        fail(at + ".image_url.url", fmt::format("'{}.image_url.url' must be a string.", at));
      }
    }
  }
}

void messages(const Object& body) {
  if (!body.has("messages")) fail("messages", "'messages' is required.");
  Var v = body.get("messages");
  if (!isArray(v)) fail("messages", "'messages' must be an array.");
  auto list = v.extract<Array::Ptr>();
  if (list->size() == 0) fail("messages", "'messages' must contain at least one message.");
  static const std::set<std::string> roles{"system", "developer", "user", "assistant", "tool", "function"};
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = fmt::format("messages[{}]", i);
    Var m = list->get(static_cast<unsigned>(i));
    if (!isObject(m)) fail(at, fmt::format("'{}' must be an object.", at));
    auto msg = m.extract<Object::Ptr>();
    if (!msg->has("role") || !msg->get("role").isString()) fail(at + ".role", fmt::format("'{}.role' must be a string.", at));
    const std::string role = msg->getValue<std::string>("role");
    if (!roles.count(role)) {
      fail(at + ".role", fmt::format("'{}.role' must be one of system, developer, user, assistant, tool; got '{}'.", at, role.substr(0, 64)));
    }
    const bool hasToolCalls = msg->has("tool_calls") && !msg->isNull("tool_calls");
    if (!msg->has("content") || msg->isNull("content")) {
      if (role == "assistant" && (hasToolCalls || msg->has("function_call"))) continue;
      if (role == "assistant" && msg->has("refusal")) continue;
      fail(at + ".content", fmt::format("'{}.content' is required.", at));
    }
    Var content = msg->get("content");
    if (isArray(content)) {
      contentParts(*content.extract<Array::Ptr>(), at + ".content");
    } else if (!content.isString()) {
      fail(at + ".content", fmt::format("'{}.content' must be a string or an array of content parts.", at));
    }
    if (role == "tool" && (!msg->has("tool_call_id") || !msg->get("tool_call_id").isString())) {
      fail(at + ".tool_call_id", fmt::format("'{}.tool_call_id' must be a string.", at));
    }
    if (hasToolCalls && !isArray(msg->get("tool_calls"))) {
      fail(at + ".tool_calls", fmt::format("'{}.tool_calls' must be an array.", at));
    }
  }
}

void tools(const Object& body) {
  if (body.has("tools") && !body.isNull("tools")) {
    Var v = body.get("tools");
    if (!isArray(v)) fail("tools", "'tools' must be an array.");
    auto list = v.extract<Array::Ptr>();
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = fmt::format("tools[{}]", i);
      Var t = list->get(static_cast<unsigned>(i));
      if (!isObject(t)) fail(at, fmt::format("'{}' must be an object.", at));
      auto tool = t.extract<Object::Ptr>();
      if (!tool->has("type") || !tool->get("type").isString()) fail(at + ".type", fmt::format("'{}.type' must be a string.", at));
      if (tool->getValue<std::string>("type") != "function") continue;
      auto fn = tool->getObject("function");
      if (!fn || !fn->has("name") || !fn->get("name").isString() || fn->getValue<std::string>("name").empty()) {
        fail(at + ".function.name", fmt::format("'{}.function.name' must be a non-empty string.", at));
      }
    }
  }
  if (body.has("tool_choice") && !body.isNull("tool_choice")) {
    Var v = body.get("tool_choice");
    if (!v.isString() && !isObject(v)) fail("tool_choice", "'tool_choice' must be a string or an object.");
  }
}

void others(const Object& body) {
  boolean(body, "stream");
  number(body, "temperature", 0, 2);
  number(body, "top_p", 0, 1);
  number(body, "presence_penalty", -2, 2);
  number(body, "frequency_penalty", -2, 2);
  positiveInteger(body, "max_tokens");
  positiveInteger(body, "max_completion_tokens");
  positiveInteger(body, "n");
  if (body.has("stop") && !body.isNull("stop")) {
    Var v = body.get("stop");
    bool ok = v.isString();
    if (isArray(v)) {
      ok = true;
      auto list = v.extract<Array::Ptr>();
      for (std::size_t i = 0; i < list->size(); ++i) ok = ok && list->get(static_cast<unsigned>(i)).isString();
    }
    if (!ok) fail("stop", "'stop' must be a string or an array of strings.");
  }
  for (const char* key : {"stream_options", "response_format", "metadata", "usage"}) {
    if (body.has(key) && !body.isNull(key) && !isObject(body.get(key))) fail(key, fmt::format("'{}' must be an object.", key));
  }
  if (auto usage = body.getObject("usage"); usage && usage->has("include") && !usage->isNull("include") &&
                                              !usage->get("include").isBoolean()) {
    fail("usage.include", "'usage.include' must be a boolean.");
  }
  if (auto format = body.getObject("response_format")) {
    if (!format->has("type") || !format->get("type").isString()) fail("response_format.type", "'response_format.type' must be a string.");
  }
}

}  // namespace

std::variant<ValidatedChat, ApiError> ChatRequestValidator::validate(std::string_view text) {
  Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    return ApiError::invalidRequest(fmt::format("The request body is not valid JSON: {}", e.message().substr(0, 200)), {},
                                    "invalid_json");
  }
  if (!isObject(parsed)) return ApiError::invalidRequest("The request body must be a JSON object.", {}, "invalid_json");
  auto body = parsed.extract<Object::Ptr>();
  try {
    if (!body->has("model")) fail("model", "'model' is required.");
    if (!body->get("model").isString()) fail("model", "'model' must be a string.");
    messages(*body);
    tools(*body);
    others(*body);
  } catch (const Invalid& invalid) {
    return invalid.error;
  }
  ValidatedChat out;
  out.model = body->getValue<std::string>("model");
  out.stream = body->has("stream") && !body->isNull("stream") && body->getValue<bool>("stream");
  if (auto usage = body->getObject("usage"); usage && usage->has("include") && !usage->isNull("include")) {
    out.includeUsageCost = usage->getValue<bool>("include");
  }
  if (out.includeUsageCost && out.stream) {
    Object::Ptr options = body->getObject("stream_options");
    if (!options) {
      options = new Object;
      body->set("stream_options", options);
    }
    options->set("include_usage", true);
    std::ostringstream rewritten;
    body->stringify(rewritten);
    out.rewrittenBody = rewritten.str();
  }
  // The messages' share of the body, roughly: all but the envelope.
  out.promptBytes = static_cast<int64_t>(text.size());
  return out;
}

}  // namespace gaiarouter
