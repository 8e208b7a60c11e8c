#include "AnthropicRequestTranslator.h"

#include "AnthropicJson.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace gaiarouter::plugins::anthropic {

namespace {

using json::Array;
using json::Object;
using json::Var;

[[noreturn]] void invalid(std::string message, std::string param) {
  sdk::Error e;
  e.kind = GR_ERROR_INVALID_REQUEST;
  e.message = std::move(message);
  e.param = std::move(param);
  throw sdk::ProviderError(std::move(e));
}

std::string at(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

// One Anthropic message under construction. Consecutive OpenAI messages that
// map to the same Anthropic role are merged into one Turn.
struct Turn {
  std::string role;
  std::vector<Var> toolResults;  // user turns only; always placed first
  std::vector<Var> blocks;
  std::size_t plainCount = 0;  // text blocks that came from a plain string content
};

Object::Ptr textBlock(const std::string& text) {
  Object::Ptr block = json::object();
  block->set("type", std::string("text"));
  block->set("text", text);
  return block;
}

void copyCacheControl(const Object::Ptr& from, Object::Ptr to) {
  Var cc = json::get(from, "cache_control");
  if (json::isObject(cc)) to->set("cache_control", cc);
}

struct DataUrl {
  std::string mediaType;
  std::string data;
};

// data:<media type>[;param]*;base64,<data>
std::optional<DataUrl> parseDataUrl(const std::string& url) {
  if (url.size() < 5 || url.compare(0, 5, "data:") != 0) return std::nullopt;
  const std::size_t comma = url.find(',');
  if (comma == std::string::npos) return std::nullopt;
  const std::string header = url.substr(5, comma - 5);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t semi = header.find(';', start);
    parts.push_back(header.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  const bool base64 = std::find(parts.begin() + 1, parts.end(), "base64") != parts.end();
  if (!base64 || parts.front().empty()) return std::nullopt;
  DataUrl out;
  out.mediaType = parts.front();
  std::transform(out.mediaType.begin(), out.mediaType.end(), out.mediaType.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.data = url.substr(comma + 1);
  if (out.data.empty()) return std::nullopt;
  return out;
}

bool startsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

Object::Ptr imageBlock(const Object::Ptr& part, const std::string& path) {
  const std::string param = path + ".image_url";
  Var imageUrl = json::get(part, "image_url");
  std::optional<std::string> url;
  if (json::isString(imageUrl)) {
    url = imageUrl.extract<std::string>();
  } else {
    url = json::getString(json::asObject(imageUrl), "url");
  }
  if (!url || url->empty()) invalid("image_url.url must be a non-empty string", param);

  Object::Ptr source = json::object();
  if (auto data = parseDataUrl(*url)) {
    if (!startsWith(data->mediaType, "image/")) invalid("image data URL must have an image/* media type", param);
    source->set("type", std::string("base64"));
    source->set("media_type", data->mediaType);
    source->set("data", data->data);
  } else if (startsWith(*url, "https://") || startsWith(*url, "http://")) {
    source->set("type", std::string("url"));
    source->set("url", *url);
  } else {
    invalid("image_url must be an http(s) URL or a base64 data: URL", param);
  }
  Object::Ptr block = json::object();
  block->set("type", std::string("image"));
  block->set("source", source);
  copyCacheControl(part, block);
  return block;
}

// OpenAI file part {type:"file", file:{file_data:"data:application/pdf;base64,...", filename}}
// -> Anthropic document block. Only inline PDFs can be expressed.
Object::Ptr documentBlock(const Object::Ptr& part, const std::string& path) {
  const std::string param = path + ".file";
  Object::Ptr file = json::getObject(part, "file");
  auto fileData = json::getString(file, "file_data");
  std::optional<DataUrl> data;
  if (fileData) data = parseDataUrl(*fileData);
  if (!data || data->mediaType != "application/pdf") {
    invalid("only inline PDF files (file.file_data as a base64 data: URL) are supported", param);
  }
  Object::Ptr source = json::object();
  source->set("type", std::string("base64"));
  source->set("media_type", data->mediaType);
  source->set("data", data->data);
  Object::Ptr block = json::object();
  block->set("type", std::string("document"));
  block->set("source", source);
  if (auto name = json::getString(file, "filename"); name && !name->empty()) block->set("title", *name);
  copyCacheControl(part, block);
  return block;
}

enum class PartContext { User, Assistant, System, ToolResult };

// One OpenAI content part -> one Anthropic block; nullptr for an empty text.
Object::Ptr convertPart(const Var& value, const std::string& path, PartContext context) {
  Object::Ptr part = json::asObject(value);
  if (part.isNull()) invalid("content parts must be objects", path);
  auto type = json::getString(part, "type");
  if (!type) invalid("content part type must be a string", path + ".type");

  if (*type == "text" || (*type == "refusal" && context == PartContext::Assistant)) {
    const char* key = *type == "text" ? "text" : "refusal";
    auto text = json::getString(part, key);
    if (!text) invalid(std::string("content part ") + key + " must be a string", path + "." + key);
    if (text->empty()) return nullptr;  // Anthropic rejects empty text blocks
    Object::Ptr block = textBlock(*text);
    copyCacheControl(part, block);
    return block;
  }
  if (context == PartContext::User || context == PartContext::ToolResult) {
    if (*type == "image_url") return imageBlock(part, path);
    if (*type == "file" && context == PartContext::User) return documentBlock(part, path);
  }
  if (*type == "input_audio") invalid("audio input is not supported by Anthropic", path);
  invalid("content part type \"" + *type + "\" is not supported here", path + ".type");
}

// Appends the blocks of an OpenAI `content` (string or parts) to `turn`.
void appendContent(Turn& turn, const Var& content, const std::string& path, PartContext context,
                   bool skipEmptyString) {
  if (json::isString(content)) {
    const std::string text = content.extract<std::string>();
    if (text.empty() && skipEmptyString) return;
    turn.blocks.push_back(textBlock(text));
    ++turn.plainCount;
    return;
  }
  Array::Ptr parts = json::asArray(content);
  if (parts.isNull()) invalid("content must be a string or an array of content parts", path);
  for (std::size_t j = 0; j < parts->size(); ++j) {
    if (Object::Ptr block = convertPart(parts->get(static_cast<unsigned>(j)), at(path, j), context)) {
      turn.blocks.push_back(block);
    }
  }
}

Object::Ptr toolUseBlock(const Var& value, const std::string& path) {
  Object::Ptr call = json::asObject(value);
  if (call.isNull()) invalid("tool_calls entries must be objects", path);
  if (auto type = json::getString(call, "type"); type && *type != "function") {
    invalid("only function tool calls are supported", path + ".type");
  }
  auto id = json::getString(call, "id");
  if (!id || id->empty()) invalid("tool call id must be a non-empty string", path + ".id");
  Object::Ptr function = json::getObject(call, "function");
  if (function.isNull()) invalid("tool call function must be an object", path + ".function");
  auto name = json::getString(function, "name");
  if (!name || name->empty()) invalid("tool call function name must be a non-empty string", path + ".function.name");

  const std::string argsPath = path + ".function.arguments";
  Var arguments = json::get(function, "arguments");
  Object::Ptr input;
  if (arguments.isEmpty()) {
    input = json::object();
  } else if (json::isObject(arguments)) {
    input = json::asObject(arguments);
  } else if (json::isString(arguments)) {
    const std::string text = arguments.extract<std::string>();
    const bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    if (blank) {
      input = json::object();
    } else {
      Var parsed;
      try {
        parsed = json::parse(text);
      } catch (const Poco::Exception&) {
        invalid("tool call arguments are not valid JSON", argsPath);
      }
      input = json::asObject(parsed);
      if (input.isNull()) invalid("tool call arguments must be a JSON object", argsPath);
    }
  } else {
    invalid("tool call arguments must be a JSON string", argsPath);
  }

  Object::Ptr block = json::object();
  block->set("type", std::string("tool_use"));
  block->set("id", *id);
  block->set("name", *name);
  block->set("input", input);
  return block;
}

Object::Ptr toolResultBlock(const Object::Ptr& message, const std::string& path) {
  auto id = json::getString(message, "tool_call_id");
  if (!id || id->empty()) invalid("tool messages need a non-empty tool_call_id", path + ".tool_call_id");
  Object::Ptr block = json::object();
  block->set("type", std::string("tool_result"));
  block->set("tool_use_id", *id);

  Var content = json::get(message, "content");
  if (json::isString(content)) {
    const std::string text = content.extract<std::string>();
    if (!text.empty()) block->set("content", text);
  } else if (!content.isEmpty()) {
    Turn scratch;
    appendContent(scratch, content, path + ".content", PartContext::ToolResult, true);
    if (!scratch.blocks.empty()) {
      Array::Ptr blocks = json::array();
      for (const Var& b : scratch.blocks) blocks->add(b);
      block->set("content", blocks);
    }
  }
  return block;
}

Turn& turnFor(std::vector<Turn>& turns, const std::string& role) {
  if (turns.empty() || turns.back().role != role) {
    turns.push_back(Turn{});
    turns.back().role = role;
  }
  return turns.back();
}

Object::Ptr finishTurn(const Turn& turn) {
  Object::Ptr message = json::object();
  message->set("role", turn.role);
  if (turn.toolResults.empty() && turn.blocks.size() == 1 && turn.plainCount == 1) {
    // A lone plain string stays a string, as most Anthropic clients send it.
    message->set("content", json::asObject(turn.blocks.front())->getValue<std::string>("text"));
    return message;
  }
  Array::Ptr content = json::array();
  for (const Var& b : turn.toolResults) content->add(b);
  for (const Var& b : turn.blocks) {
    Object::Ptr block = json::asObject(b);
    if (json::getString(block, "type") == "text" && json::getString(block, "text") == "") continue;
    content->add(b);
  }
  if (content->size() == 0) {
    message->set("content", std::string());
  } else {
    message->set("content", content);
  }
  return message;
}

struct Conversation {
  std::vector<Object::Ptr> system;  // text blocks
  std::vector<Turn> turns;
};

Conversation translateMessages(const Object::Ptr& in) {
  Conversation conv;
  Array::Ptr messages = json::getArray(in, "messages");
  if (messages.isNull() || messages->size() == 0) invalid("messages must be a non-empty array", "messages");

  for (std::size_t i = 0; i < messages->size(); ++i) {
    const std::string path = at("messages", i);
    Object::Ptr message = json::asObject(messages->get(static_cast<unsigned>(i)));
    if (message.isNull()) invalid("messages must be objects", path);
    auto role = json::getString(message, "role");
    if (!role) invalid("message role must be a string", path + ".role");
    Var content = json::get(message, "content");

    if (*role == "system" || *role == "developer") {
      Turn scratch;
      if (!content.isEmpty()) appendContent(scratch, content, path + ".content", PartContext::System, true);
      for (const Var& b : scratch.blocks) conv.system.push_back(json::asObject(b));
    } else if (*role == "user") {
      if (content.isEmpty()) invalid("user messages need content", path + ".content");
      appendContent(turnFor(conv.turns, "user"), content, path + ".content", PartContext::User, false);
    } else if (*role == "assistant") {
      Turn& turn = turnFor(conv.turns, "assistant");
      // Thinking blocks (LiteLLM-style "thinking_blocks") must be replayed
      // unchanged, signature included, ahead of the text and tool_use blocks.
      Var thinking = json::get(message, "thinking_blocks");
      if (!thinking.isEmpty()) {
        Array::Ptr list = json::asArray(thinking);
        if (list.isNull()) invalid("thinking_blocks must be an array", path + ".thinking_blocks");
        for (std::size_t j = 0; j < list->size(); ++j) {
          Object::Ptr block = json::asObject(list->get(static_cast<unsigned>(j)));
          auto type = json::getString(block, "type");
          if (!type || (*type != "thinking" && *type != "redacted_thinking")) {
            invalid("thinking_blocks entries must be thinking or redacted_thinking blocks",
                    at(path + ".thinking_blocks", j));
          }
          turn.blocks.push_back(block);
        }
      }
      if (message->has("function_call") && !message->isNull("function_call")) {
        invalid("function_call is not supported; use tool_calls", path + ".function_call");
      }
      Var toolCalls = json::get(message, "tool_calls");
      Array::Ptr calls = json::asArray(toolCalls);
      if (!toolCalls.isEmpty() && calls.isNull()) invalid("tool_calls must be an array", path + ".tool_calls");
      const bool hasCalls = !calls.isNull() && calls->size() > 0;
      if (!content.isEmpty()) {
        appendContent(turn, content, path + ".content", PartContext::Assistant, hasCalls);
      }
      if (hasCalls) {
        for (std::size_t j = 0; j < calls->size(); ++j) {
          turn.blocks.push_back(toolUseBlock(calls->get(static_cast<unsigned>(j)), at(path + ".tool_calls", j)));
        }
      }
    } else if (*role == "tool") {
      turnFor(conv.turns, "user").toolResults.push_back(toolResultBlock(message, path));
    } else {
      invalid("message role \"" + *role + "\" is not supported", path + ".role");
    }
  }
  if (conv.turns.empty()) invalid("at least one user or assistant message is required", "messages");
  return conv;
}

// Best effort for response_format: Anthropic has no JSON mode, so the
// request is turned into a system instruction.
std::optional<std::string> responseFormatInstruction(const Object::Ptr& in) {
  Var value = json::get(in, "response_format");
  if (value.isEmpty()) return std::nullopt;
  Object::Ptr format = json::asObject(value);
  if (format.isNull()) invalid("response_format must be an object", "response_format");
  auto type = json::getString(format, "type");
  if (!type) invalid("response_format.type must be a string", "response_format.type");
  static const std::string kJsonOnly =
      "Respond only with a single valid JSON object, with no other text before or after it.";
  if (*type == "text") return std::nullopt;
  if (*type == "json_object") return kJsonOnly;
  if (*type == "json_schema") {
    Object::Ptr schema = json::getObject(json::getObject(format, "json_schema"), "schema");
    if (schema.isNull()) return kJsonOnly;
    return kJsonOnly + " The JSON object must conform to this JSON Schema:\n" + json::stringify(schema);
  }
  invalid("response_format type \"" + *type + "\" is not supported", "response_format.type");
}

Array::Ptr translateTools(const Object::Ptr& in) {
  Var value = json::get(in, "tools");
  if (value.isEmpty()) return nullptr;
  Array::Ptr tools = json::asArray(value);
  if (tools.isNull()) invalid("tools must be an array", "tools");
  Array::Ptr out = json::array();
  for (std::size_t i = 0; i < tools->size(); ++i) {
    const std::string path = at("tools", i);
    Object::Ptr tool = json::asObject(tools->get(static_cast<unsigned>(i)));
    if (tool.isNull()) invalid("tools entries must be objects", path);
    if (json::getString(tool, "type").value_or("function") != "function") {
      invalid("only function tools are supported", path + ".type");
    }
    Object::Ptr function = json::getObject(tool, "function");
    if (function.isNull()) invalid("tool function must be an object", path + ".function");
    auto name = json::getString(function, "name");
    if (!name || name->empty()) invalid("tool function name must be a non-empty string", path + ".function.name");

    Object::Ptr converted = json::object();
    converted->set("name", *name);
    if (auto description = json::getString(function, "description")) converted->set("description", *description);
    Var parameters = json::get(function, "parameters");
    if (json::isObject(parameters)) {
      converted->set("input_schema", parameters);
    } else if (parameters.isEmpty()) {
      Object::Ptr schema = json::object();
      schema->set("type", std::string("object"));
      schema->set("properties", json::object());
      converted->set("input_schema", schema);
    } else {
      invalid("tool function parameters must be a JSON Schema object", path + ".function.parameters");
    }
    copyCacheControl(tool, converted);
    out->add(converted);
  }
  return out->size() > 0 ? out : nullptr;
}

Object::Ptr translateToolChoice(const Object::Ptr& in) {
  Var value = json::get(in, "tool_choice");
  Object::Ptr choice = json::object();
  if (value.isEmpty()) {
    choice->set("type", std::string("auto"));
  } else if (json::isString(value)) {
    const std::string mode = value.extract<std::string>();
    if (mode == "auto") {
      choice->set("type", std::string("auto"));
    } else if (mode == "required") {
      choice->set("type", std::string("any"));
    } else if (mode == "none") {
      choice->set("type", std::string("none"));
    } else {
      invalid("tool_choice \"" + mode + "\" is not supported", "tool_choice");
    }
  } else {
    Object::Ptr object = json::asObject(value);
    if (object.isNull() || json::getString(object, "type").value_or("") != "function") {
      invalid("tool_choice must be a string or a function choice", "tool_choice");
    }
    auto name = json::getString(json::getObject(object, "function"), "name");
    if (!name || name->empty()) invalid("tool_choice function name must be a non-empty string", "tool_choice.function.name");
    choice->set("type", std::string("tool"));
    choice->set("name", *name);
  }

  Var parallel = json::get(in, "parallel_tool_calls");
  if (!parallel.isEmpty() && !json::isBool(parallel)) invalid("parallel_tool_calls must be a boolean", "parallel_tool_calls");
  const bool noParallel = json::isBool(parallel) && !parallel.convert<bool>();
  if (noParallel && choice->getValue<std::string>("type") != "none") choice->set("disable_parallel_tool_use", true);
  // A bare {type:auto} is Anthropic's default; leave it out unless the client asked.
  if (value.isEmpty() && !noParallel) return nullptr;
  return choice;
}

Array::Ptr translateStop(const Object::Ptr& in) {
  Var value = json::get(in, "stop");
  if (value.isEmpty()) return nullptr;
  Array::Ptr out = json::array();
  if (json::isString(value)) {
    out->add(value);
  } else if (Array::Ptr list = json::asArray(value)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      Var s = list->get(static_cast<unsigned>(i));
      if (!json::isString(s)) invalid("stop entries must be strings", at("stop", i));
      out->add(s);
    }
  } else {
    invalid("stop must be a string or an array of strings", "stop");
  }
  return out->size() > 0 ? out : nullptr;
}

void copyNumber(const Object::Ptr& in, Object::Ptr out, const std::string& key) {
  Var value = json::get(in, key);
  if (value.isEmpty()) return;
  if (!json::isNumber(value)) invalid(key + " must be a number", key);
  out->set(key, value);
}

}  // namespace

AnthropicRequestTranslator::AnthropicRequestTranslator(AnthropicSettings settings) : settings_(std::move(settings)) {}

std::string AnthropicRequestTranslator::url() const {
  const std::string& base = settings_.baseUrl;
  if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0) return base + "/messages";
  return base + "/v1/messages";
}

std::string AnthropicRequestTranslator::body(const sdk::ChatRequest& request) const {
  Object::Ptr in = json::asObject(json::tryParse(request.body));
  if (in.isNull()) invalid("request body must be a JSON object", "");

  Object::Ptr out = json::object();
  std::string model(request.upstreamModel);
  if (model.empty()) model = json::getString(in, "model").value_or("");
  if (model.empty()) invalid("model must be a non-empty string", "model");
  out->set("model", model);

  Var n = json::get(in, "n");
  if (!n.isEmpty() && (!json::isInteger(n) || n.convert<int64_t>() != 1)) {
    invalid("Anthropic returns one choice per request; n must be 1", "n");
  }

  // max_tokens is mandatory upstream.
  bool clientMax = false;
  int64_t maxTokens = 0;
  for (const char* key : {"max_tokens", "max_completion_tokens"}) {
    Var value = json::get(in, key);
    if (value.isEmpty()) continue;
    if (!json::isInteger(value) || value.convert<int64_t>() <= 0) {
      invalid(std::string(key) + " must be a positive integer", key);
    }
    maxTokens = value.convert<int64_t>();
    clientMax = true;
    break;
  }
  if (!clientMax) maxTokens = request.maxOutputTokens > 0 ? request.maxOutputTokens : kDefaultMaxTokens;

  Var thinking = json::get(in, "thinking");
  if (!thinking.isEmpty()) {
    Object::Ptr config = json::asObject(thinking);
    if (config.isNull()) invalid("thinking must be an object", "thinking");
    // thinking.budget_tokens must stay below max_tokens; when the client did
    // not choose max_tokens, make room for the budget plus an answer.
    auto budget = json::getInt(config, "budget_tokens");
    if (!clientMax && budget && *budget >= maxTokens) {
      maxTokens = *budget + kDefaultMaxTokens;
      if (request.maxOutputTokens > 0 && maxTokens > request.maxOutputTokens) maxTokens = request.maxOutputTokens;
    }
  }
  out->set("max_tokens", maxTokens);

  Conversation conv = translateMessages(in);
  if (auto instruction = responseFormatInstruction(in)) conv.system.push_back(textBlock(*instruction));
  if (conv.system.size() == 1 && !conv.system.front()->has("cache_control")) {
    out->set("system", conv.system.front()->getValue<std::string>("text"));
  } else if (!conv.system.empty()) {
    Array::Ptr system = json::array();
    for (const Object::Ptr& b : conv.system) system->add(b);
    out->set("system", system);
  }

  Array::Ptr messages = json::array();
  for (const Turn& turn : conv.turns) messages->add(finishTurn(turn));
  out->set("messages", messages);

  if (Array::Ptr tools = translateTools(in)) {
    out->set("tools", tools);
    if (Object::Ptr choice = translateToolChoice(in)) out->set("tool_choice", choice);
  } else {
    translateToolChoice(in);  // still validated
  }

  if (Array::Ptr stop = translateStop(in)) out->set("stop_sequences", stop);
  copyNumber(in, out, "temperature");
  copyNumber(in, out, "top_p");
  copyNumber(in, out, "top_k");
  if (!thinking.isEmpty()) out->set("thinking", thinking);

  Var user = json::get(in, "user");
  if (!user.isEmpty() && !json::isString(user)) invalid("user must be a string", "user");
  if (json::isString(user) && !user.extract<std::string>().empty()) {
    Object::Ptr metadata = json::object();
    metadata->set("user_id", user);
    out->set("metadata", metadata);
  }

  if (request.stream) out->set("stream", true);
  return json::stringify(out);
}

void AnthropicRequestTranslator::build(const sdk::ChatRequest& request, sdk::RequestSink& out) const {
  const std::string payload = body(request);  // may throw before anything is emitted
  out.method("POST");
  out.url(url());
  if (!settings_.apiKey.empty()) out.header("x-api-key", settings_.apiKey);
  out.header("anthropic-version", settings_.anthropicVersion);
  if (!settings_.anthropicBeta.empty()) out.header("anthropic-beta", settings_.anthropicBeta);
  out.header("content-type", "application/json");
  out.header("accept", request.stream ? "text/event-stream" : "application/json");
  out.body(payload);
}

}  // namespace gaiarouter::plugins::anthropic
