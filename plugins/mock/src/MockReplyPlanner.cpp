#include "MockReplyPlanner.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cctype>
#include <sstream>

namespace gaiarouter::plugins::mock {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using sdk::Error;
using sdk::ProviderError;

bool isSpace(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trimLeft(std::string_view s) noexcept {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  return s;
}

// A member's value when it is a string, else "" (the mock is lenient with
// fields it does not need).
std::string stringField(const Object& object, const std::string& name) {
  if (!object.has(name)) return {};
  Poco::Dynamic::Var v = object.get(name);
  return v.isString() ? v.extract<std::string>() : std::string();
}

[[noreturn]] void invalid(std::string message, std::string param) {
  throw ProviderError(GR_ERROR_INVALID_REQUEST, std::move(message), std::move(param));
}

// The text of a message's content: a string, or its text parts joined by a
// space. Other parts (images, audio) carry no text.
std::string contentText(const Object& message, const std::string& param) {
  if (!message.has("content") || message.isNull("content")) return {};
  Poco::Dynamic::Var content = message.get("content");
  if (content.isString()) return content.extract<std::string>();
  Array::Ptr parts = message.getArray("content");
  if (parts.isNull()) invalid("content must be a string or an array of parts", param + ".content");
  std::string text;
  bool first = true;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    Object::Ptr part = parts->getObject(static_cast<unsigned>(i));
    if (part.isNull()) invalid("content part must be an object", param + ".content[" + std::to_string(i) + "]");
    if (stringField(*part, "type") != "text") continue;
    Poco::Dynamic::Var partText = part->get("text");
    if (!partText.isString()) invalid("text part needs a string text", param + ".content[" + std::to_string(i) + "].text");
    if (!first) text += ' ';
    text += partText.extract<std::string>();
    first = false;
  }
  return text;
}

bool containsWordTool(std::string_view text) {
  std::string word;
  auto check = [&word] { return word == "tool"; };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (check()) return true;
      word.clear();
    }
  }
  return check();
}

// Reads max_completion_tokens (preferred) or max_tokens; 0 when neither.
int64_t clientTokenLimit(const Object& body) {
  for (const char* name : {"max_completion_tokens", "max_tokens"}) {
    if (!body.has(name) || body.isNull(name)) continue;
    Poco::Dynamic::Var v = body.get(name);
    if (!v.isInteger() || v.convert<int64_t>() < 1) invalid(std::string(name) + " must be a positive integer", name);
    return v.convert<int64_t>();
  }
  return 0;
}

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

}  // namespace

std::vector<std::string> MockReplyPlanner::splitWords(std::string_view text) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isSpace(text[i])) ++i;  // whitespace before the word
    if (i == text.size()) break;
    while (i < text.size() && !isSpace(text[i])) ++i;  // the word
    pieces.emplace_back(text.substr(start, i - start));
    start = i;
  }
  if (start < text.size()) {  // trailing whitespace (or text that is only whitespace)
    if (pieces.empty()) pieces.emplace_back();
    pieces.back().append(text.substr(start));
  }
  return pieces;
}

int64_t MockReplyPlanner::countWords(std::string_view text) noexcept {
  int64_t words = 0;
  bool inWord = false;
  for (char c : text) {
    if (isSpace(c)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      ++words;
    }
  }
  return words;
}

Error MockReplyPlanner::errorForStatus(int status) {
  if (status < 400 || status > 599) status = 500;
  Error e;
  e.upstreamStatus = status;
  e.message = "mock error " + std::to_string(status) + " requested";
  e.upstreamType = "mock_error";
  switch (status) {
    case 401: e.kind = GR_ERROR_AUTHENTICATION; break;
    case 402: e.kind = GR_ERROR_INSUFFICIENT_CREDITS; break;
    case 403: e.kind = GR_ERROR_PERMISSION; break;
    case 404: e.kind = GR_ERROR_NOT_FOUND; break;
    case 408:
    case 504: e.kind = GR_ERROR_TIMEOUT; break;
    case 429:
      e.kind = GR_ERROR_RATE_LIMITED;
      e.retryAfterMs = 1000;
      break;
    case 503:
    case 529: e.kind = GR_ERROR_OVERLOADED; break;
    default: e.kind = status < 500 ? GR_ERROR_INVALID_REQUEST : GR_ERROR_UPSTREAM; break;
  }
  return e;
}

MockReply MockReplyPlanner::plan(const sdk::ChatRequest& request) const {
  Object::Ptr body;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::Dynamic::Var parsed = parser.parse(std::string(request.body));
    if (parsed.type() == typeid(Object::Ptr)) body = parsed.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  if (body.isNull()) invalid("request body must be a JSON object", "");

  MockReply reply;
  reply.id = "chatcmpl-mock-" + std::string(request.requestId);
  std::string model(request.upstreamModel);
  if (model.empty()) {
    model = stringField(*body, "model");
    if (model.rfind("mock/", 0) == 0) model.erase(0, 5);
  }
  reply.model = model;
  reply.wordDelayMs = model == "slow" ? kSlowDelayMs : streamDelayMs_;

  Array::Ptr messages = body->getArray("messages");
  if (messages.isNull() || messages->size() == 0) invalid("messages must be a non-empty array", "messages");

  int64_t promptWords = 0;
  int priorToolCalls = 0;
  std::string lastRole;
  std::string lastText;      // text of the last message
  std::string lastUserText;  // text of the last user message
  for (std::size_t i = 0; i < messages->size(); ++i) {
    const std::string param = "messages[" + std::to_string(i) + "]";
    Object::Ptr message = messages->getObject(static_cast<unsigned>(i));
    if (message.isNull()) invalid("message must be an object", param);
    lastRole = stringField(*message, "role");
    lastText = contentText(*message, param);
    promptWords += countWords(lastText);
    if (lastRole == "user") lastUserText = lastText;
    if (Array::Ptr calls = message->getArray("tool_calls"); !calls.isNull()) {
      priorToolCalls += static_cast<int>(calls->size());
    }
  }

  // Errors on demand come first: nothing has been emitted yet.
  if (model == "error") throw ProviderError(errorForStatus(500));
  const std::string_view command = trimLeft(lastUserText);
  if (command.rfind("mock:error-midstream", 0) == 0) {
    reply.midStreamError = Error{GR_ERROR_UPSTREAM, 0, "mock error mid-stream requested", {}, {}, "mock_error", 0};
  } else if (command.rfind("mock:error", 0) == 0) {
    int status = 500;
    std::string_view rest = command.substr(10);
    if (!rest.empty() && isSpace(rest.front())) {
      rest = trimLeft(rest);
      int parsed = 0;
      std::size_t digits = 0;
      while (digits < rest.size() && digits < 3 && std::isdigit(static_cast<unsigned char>(rest[digits]))) {
        parsed = parsed * 10 + (rest[digits] - '0');
        ++digits;
      }
      if (digits == 3) status = parsed;
    }
    throw ProviderError(errorForStatus(status));
  }

  const int64_t clientLimit = clientTokenLimit(*body);
  if (Object::Ptr options = body->getObject("stream_options"); !options.isNull()) {
    reply.includeUsage = options->has("include_usage") && options->get("include_usage").isBoolean() &&
                         options->getValue<bool>("include_usage");
  }

  // Tool call?
  Array::Ptr tools = body->getArray("tools");
  std::string choice;  // "", "none", "auto", "required" or the named function
  bool namedChoice = false;
  if (body->has("tool_choice") && !body->isNull("tool_choice")) {
    Poco::Dynamic::Var tc = body->get("tool_choice");
    if (tc.isString()) {
      choice = tc.extract<std::string>();
    } else if (Object::Ptr tco = body->getObject("tool_choice"); !tco.isNull()) {
      Object::Ptr fn = tco->getObject("function");
      choice = fn.isNull() ? "" : stringField(*fn, "name");
      if (choice.empty()) invalid("tool_choice must name a function", "tool_choice.function.name");
      namedChoice = true;
    } else {
      invalid("tool_choice must be a string or an object", "tool_choice");
    }
  }
  const bool haveTools = !tools.isNull() && tools->size() > 0;
  const bool wantTool = haveTools && lastRole == "user" && choice != "none" && !reply.midStreamError &&
                        (model == "tools" || containsWordTool(lastUserText) || choice == "required" || namedChoice);
  if (wantTool) {
    std::string name;
    for (std::size_t i = 0; i < tools->size(); ++i) {
      Object::Ptr tool = tools->getObject(static_cast<unsigned>(i));
      Object::Ptr fn = tool.isNull() ? Object::Ptr() : tool->getObject("function");
      std::string fnName = fn.isNull() ? "" : stringField(*fn, "name");
      if (fnName.empty()) invalid("tool needs a function name", "tools[" + std::to_string(i) + "].function.name");
      if (name.empty() && (!namedChoice || fnName == choice)) name = fnName;
    }
    if (name.empty()) invalid("tool_choice names a function that is not in tools", "tool_choice");

    Object::Ptr args = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    args->set("input", lastUserText);
    reply.toolCall = MockToolCall{"call_mock_" + std::to_string(priorToolCalls + 1), name, stringify(args)};
    reply.finishReason = "tool_calls";
    const int64_t completionWords = countWords(reply.toolCall->arguments);
    reply.usage.promptTokens = promptWords;
    reply.usage.completionTokens = completionWords;
    reply.usage.totalTokens = promptWords + completionWords;
    return reply;
  }

  // Text reply: the tool result, or the echo of the last user message.
  const std::string text = lastRole == "tool" ? "Tool result: " + lastText : lastUserText;
  reply.chunks = splitWords(text);
  reply.finishReason = "stop";
  int64_t limit = clientLimit;
  if (request.maxOutputTokens > 0 && (limit == 0 || request.maxOutputTokens < limit)) {
    limit = request.maxOutputTokens;
  }
  if (reply.midStreamError && reply.chunks.size() > 2) reply.chunks.resize(2);
  if (limit > 0 && countWords(text) > limit) {
    if (reply.chunks.size() > static_cast<std::size_t>(limit)) reply.chunks.resize(static_cast<std::size_t>(limit));
    reply.finishReason = "length";
  }
  const int64_t completionWords = countWords(reply.content());
  reply.usage.promptTokens = promptWords;
  reply.usage.completionTokens = completionWords;
  reply.usage.totalTokens = promptWords + completionWords;
  return reply;
}

}  // namespace gaiarouter::plugins::mock
