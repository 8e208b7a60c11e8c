#include "GoogleRequestTranslator.h"

#include "GoogleJson.h"
#include "GoogleSchemaConverter.h"
#include "GoogleToolCallId.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace gaiarouter::plugins::google {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

[[noreturn]] void reject(const std::string& message, const std::string& param) {
  throw sdk::ProviderError(GR_ERROR_INVALID_REQUEST, message, param);
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string percentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Object::Ptr textPart(const std::string& text) {
  Object::Ptr part = GoogleJson::object();
  part->set("text", text);
  return part;
}

Object::Ptr inlineDataPart(const std::string& mimeType, const std::string& data) {
  Object::Ptr inner = GoogleJson::object();
  inner->set("mimeType", mimeType);
  inner->set("data", data);
  Object::Ptr part = GoogleJson::object();
  part->set("inlineData", inner);
  return part;
}

// "data:<mime>;base64,<data>" -> inlineData; throws for other data URLs.
Object::Ptr dataUrlPart(const std::string& url, const std::string& param) {
  const auto comma = url.find(',');
  if (comma == std::string::npos) reject("malformed data URL", param);
  const std::string header = url.substr(5, comma - 5);  // after "data:"
  static constexpr std::string_view kBase64 = ";base64";
  if (!endsWith(header, kBase64)) reject("only base64 data URLs are supported", param);
  std::string mime = header.substr(0, header.size() - kBase64.size());
  if (const auto semi = mime.find(';'); semi != std::string::npos) mime.resize(semi);  // drop parameters
  if (mime.empty()) reject("the data URL has no media type", param);
  if (comma + 1 >= url.size()) reject("the data URL has no data", param);
  return inlineDataPart(lower(mime), url.substr(comma + 1));
}

std::string mimeFromExtension(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "image/jpeg";
  const std::string ext = lower(path.substr(dot + 1));
  static const std::map<std::string, std::string> kTypes{
      {"png", "image/png"},   {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"webp", "image/webp"},
      {"gif", "image/gif"},   {"heic", "image/heic"}, {"heif", "image/heif"}, {"bmp", "image/bmp"},
      {"pdf", "application/pdf"}};
  const auto it = kTypes.find(ext);
  return it == kTypes.end() ? "image/jpeg" : it->second;
}

Object::Ptr imagePart(const Var& imageUrl, const std::string& param) {
  std::optional<std::string> url = GoogleJson::asString(imageUrl);
  if (auto obj = GoogleJson::asObject(imageUrl)) url = GoogleJson::asString(obj->get("url"));
  if (!url || url->empty()) reject("image_url.url must be a non-empty string", param);
  if (url->rfind("data:", 0) == 0) return dataUrlPart(*url, param);
  if (lower(url->substr(0, 8)) == "https://" || lower(url->substr(0, 7)) == "http://" ||
      url->rfind("gs://", 0) == 0) {
    Object::Ptr inner = GoogleJson::object();
    inner->set("mimeType", mimeFromExtension(*url));
    inner->set("fileUri", *url);
    Object::Ptr part = GoogleJson::object();
    part->set("fileData", inner);
    return part;
  }
  reject("image_url.url must be an https URL or a base64 data URL", param);
}

Object::Ptr audioPart(const Var& inputAudio, const std::string& param) {
  auto obj = GoogleJson::asObject(inputAudio);
  auto data = obj ? GoogleJson::asString(obj->get("data")) : std::nullopt;
  auto format = obj ? GoogleJson::asString(obj->get("format")) : std::nullopt;
  if (!data || data->empty() || !format || format->empty()) {
    reject("input_audio needs string fields data and format", param);
  }
  const std::string f = lower(*format);
  return inlineDataPart(f == "mp3" ? "audio/mp3" : "audio/" + f, *data);
}

Object::Ptr filePart(const Var& file, const std::string& param) {
  auto obj = GoogleJson::asObject(file);
  auto data = obj ? GoogleJson::asString(obj->get("file_data")) : std::nullopt;
  if (!data) reject("only files given inline as file_data (a base64 data URL) are supported", param);
  if (data->rfind("data:", 0) != 0) reject("file_data must be a base64 data URL", param);
  return dataUrlPart(*data, param);
}

// The parts of a message's content. `textOnly` rejects anything but text
// (system prompts, tool results).
Array::Ptr contentParts(const Object::Ptr& message, const std::string& base, bool textOnly, bool keepEmptyText) {
  Array::Ptr parts = GoogleJson::array();
  const Var content = message->get("content");
  if (content.isEmpty()) return parts;
  if (auto text = GoogleJson::asString(content)) {
    if (!text->empty() || keepEmptyText) parts->add(textPart(*text));
    return parts;
  }
  auto items = GoogleJson::asArray(content);
  if (!items) reject("content must be a string or an array of content parts", base + ".content");
  for (std::size_t j = 0; j < items->size(); ++j) {
    const std::string param = base + ".content[" + std::to_string(j) + "]";
    auto item = items->getObject(j);
    if (!item) reject("content parts must be objects", param);
    const std::string type = GoogleJson::asString(item->get("type")).value_or("");
    if (type == "text" || type == "refusal") {
      auto text = GoogleJson::asString(item->get(type));
      if (!text) reject("a " + type + " part needs a string '" + type + "'", param + "." + type);
      if (!text->empty() || keepEmptyText) parts->add(textPart(*text));
    } else if (textOnly) {
      reject("only text content is supported here", param);
    } else if (type == "image_url") {
      parts->add(imagePart(item->get("image_url"), param + ".image_url"));
    } else if (type == "input_audio") {
      parts->add(audioPart(item->get("input_audio"), param + ".input_audio"));
    } else if (type == "file") {
      parts->add(filePart(item->get("file"), param + ".file"));
    } else {
      reject("unsupported content part type '" + type + "'", param + ".type");
    }
  }
  return parts;
}

// Text of a tool result: a string, or the text parts of an array joined.
std::string toolResultText(const Object::Ptr& message, const std::string& base) {
  std::string text;
  auto parts = contentParts(message, base, true, true);
  for (std::size_t j = 0; j < parts->size(); ++j) text += parts->getObject(j)->getValue<std::string>("text");
  return text;
}

Object::Ptr functionResponsePart(const std::string& name, const std::string& content) {
  Object::Ptr response = GoogleJson::parseObject(content);
  if (!response) {
    response = GoogleJson::object();
    response->set("content", content);
  }
  Object::Ptr inner = GoogleJson::object();
  inner->set("name", name);
  inner->set("response", response);
  Object::Ptr part = GoogleJson::object();
  part->set("functionResponse", inner);
  return part;
}

class ContentsBuilder {
 public:
  // Appends parts as a turn of `role`, merging into the previous turn when
  // it has the same role (Gemini wants alternating user/model turns).
  void add(const std::string& role, const Array::Ptr& parts) {
    if (parts->size() == 0) return;
    if (!lastRole_.empty() && lastRole_ == role) {
      for (std::size_t i = 0; i < parts->size(); ++i) lastParts_->add(parts->get(i));
      return;
    }
    Object::Ptr turn = GoogleJson::object();
    turn->set("role", role);
    turn->set("parts", parts);
    contents_->add(turn);
    lastRole_ = role;
    lastParts_ = parts;
  }
  Array::Ptr contents() const { return contents_; }

 private:
  Array::Ptr contents_ = GoogleJson::array();
  std::string lastRole_;
  Array::Ptr lastParts_;
};

void translateMessages(const Object::Ptr& body, Object::Ptr out) {
  auto messages = body->getArray("messages");
  if (!messages || messages->size() == 0) reject("messages must be a non-empty array", "messages");

  ContentsBuilder contents;
  Array::Ptr system = GoogleJson::array();
  std::map<std::string, std::string> toolNames;  // tool_call_id -> function name

  for (std::size_t i = 0; i < messages->size(); ++i) {
    const std::string base = "messages[" + std::to_string(i) + "]";
    auto message = messages->getObject(i);
    if (!message) reject("each message must be an object", base);
    auto role = GoogleJson::asString(message->get("role"));
    if (!role) reject("message role must be a string", base + ".role");

    if (*role == "system" || *role == "developer") {
      auto parts = contentParts(message, base, true, false);
      for (std::size_t j = 0; j < parts->size(); ++j) system->add(parts->get(j));
    } else if (*role == "user") {
      contents.add("user", contentParts(message, base, false, true));
    } else if (*role == "assistant") {
      Array::Ptr parts = contentParts(message, base, true, false);
      const Var toolCallsVar = message->get("tool_calls");
      auto toolCalls = GoogleJson::asArray(toolCallsVar);
      if (!toolCallsVar.isEmpty() && !toolCalls) reject("tool_calls must be an array", base + ".tool_calls");
      for (std::size_t k = 0; toolCalls && k < toolCalls->size(); ++k) {
        const std::string param = base + ".tool_calls[" + std::to_string(k) + "]";
        auto call = toolCalls->getObject(k);
        auto function = call ? call->getObject("function") : Object::Ptr{};
        if (!function) reject("a tool call needs a function object", param + ".function");
        auto name = GoogleJson::asString(function->get("name"));
        if (!name || name->empty()) reject("a tool call needs a function name", param + ".function.name");
        auto id = GoogleJson::asString(call->get("id")).value_or("");

        Object::Ptr args;
        const Var argsVar = function->get("arguments");
        if (auto text = GoogleJson::asString(argsVar)) {
          if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
            args = GoogleJson::object();
          } else {
            args = GoogleJson::parseObject(*text);
          }
        } else if (argsVar.isEmpty()) {
          args = GoogleJson::object();
        } else {
          args = GoogleJson::asObject(argsVar);
        }
        if (!args) reject("function arguments must be a JSON object", param + ".function.arguments");

        Object::Ptr functionCall = GoogleJson::object();
        functionCall->set("name", *name);
        functionCall->set("args", args);
        Object::Ptr part = GoogleJson::object();
        part->set("functionCall", functionCall);
        if (auto signature = GoogleToolCallId::thoughtSignature(id); !signature.empty()) {
          part->set("thoughtSignature", signature);
        }
        parts->add(part);
        if (!id.empty()) toolNames[id] = *name;
      }
      contents.add("model", parts);
    } else if (*role == "tool") {
      auto id = GoogleJson::asString(message->get("tool_call_id"));
      if (!id) reject("a tool message needs a tool_call_id", base + ".tool_call_id");
      const auto it = toolNames.find(*id);
      if (it == toolNames.end()) {
        reject("tool_call_id '" + *id + "' does not match a tool call of an earlier assistant message",
               base + ".tool_call_id");
      }
      Array::Ptr parts = GoogleJson::array();
      parts->add(functionResponsePart(it->second, toolResultText(message, base)));
      contents.add("user", parts);
    } else if (*role == "function") {  // legacy OpenAI function result
      auto name = GoogleJson::asString(message->get("name"));
      if (!name || name->empty()) reject("a function message needs a name", base + ".name");
      Array::Ptr parts = GoogleJson::array();
      parts->add(functionResponsePart(*name, toolResultText(message, base)));
      contents.add("user", parts);
    } else {
      reject("unsupported message role '" + *role + "'", base + ".role");
    }
  }

  if (contents.contents()->size() == 0) {
    reject("Gemini needs at least one user or assistant message besides system messages", "messages");
  }
  out->set("contents", contents.contents());
  if (system->size() > 0) {
    Object::Ptr instruction = GoogleJson::object();
    instruction->set("parts", system);
    out->set("systemInstruction", instruction);
  }
}

void copyNumber(const Object::Ptr& body, const std::string& from, Object::Ptr config, const std::string& to) {
  const Var v = body->get(from);
  if (v.isEmpty()) return;
  if (!GoogleJson::asNumber(v)) reject(from + " must be a number", from);
  config->set(to, v);
}

void copyInt(const Object::Ptr& body, const std::string& from, Object::Ptr config, const std::string& to) {
  const Var v = body->get(from);
  if (v.isEmpty()) return;
  auto n = GoogleJson::asInt(v);
  if (!n) reject(from + " must be an integer", from);
  config->set(to, *n);
}

void translateGenerationConfig(const Object::Ptr& body, Object::Ptr out) {
  Object::Ptr config = GoogleJson::object();
  copyNumber(body, "temperature", config, "temperature");
  copyNumber(body, "top_p", config, "topP");
  copyInt(body, "top_k", config, "topK");
  if (!body->get("max_completion_tokens").isEmpty()) {
    copyInt(body, "max_completion_tokens", config, "maxOutputTokens");
  } else {
    copyInt(body, "max_tokens", config, "maxOutputTokens");
  }

  const Var stop = body->get("stop");
  if (!stop.isEmpty()) {
    Array::Ptr sequences = GoogleJson::array();
    if (auto s = GoogleJson::asString(stop)) {
      sequences->add(*s);
    } else if (auto list = GoogleJson::asArray(stop)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto s = GoogleJson::asString(list->get(i));
        if (!s) reject("stop sequences must be strings", "stop[" + std::to_string(i) + "]");
        sequences->add(*s);
      }
    } else {
      reject("stop must be a string or an array of strings", "stop");
    }
    if (sequences->size() > 0) config->set("stopSequences", sequences);
  }

  copyInt(body, "n", config, "candidateCount");
  copyInt(body, "seed", config, "seed");
  copyNumber(body, "presence_penalty", config, "presencePenalty");
  copyNumber(body, "frequency_penalty", config, "frequencyPenalty");

  const Var formatVar = body->get("response_format");
  if (!formatVar.isEmpty()) {
    auto format = GoogleJson::asObject(formatVar);
    const std::string type = format ? GoogleJson::asString(format->get("type")).value_or("") : "";
    if (type == "json_object") {
      config->set("responseMimeType", std::string("application/json"));
    } else if (type == "json_schema") {
      config->set("responseMimeType", std::string("application/json"));
      auto spec = format->getObject("json_schema");
      if (!spec) reject("response_format.json_schema must be an object", "response_format.json_schema");
      const Var schema = spec->get("schema");
      if (!schema.isEmpty()) {
        auto schemaObj = GoogleJson::asObject(schema);
        const std::string param = "response_format.json_schema.schema";
        if (!schemaObj) reject("the JSON schema must be an object", param);
        config->set("responseSchema", GoogleSchemaConverter::convert(schemaObj, param));
      }
    } else if (type != "text") {
      reject("unsupported response_format type '" + type + "'", "response_format.type");
    }
  }

  if (config->size() > 0) out->set("generationConfig", config);
}

void translateTools(const Object::Ptr& body, Object::Ptr out) {
  const Var toolsVar = body->get("tools");
  if (!toolsVar.isEmpty()) {
    auto tools = GoogleJson::asArray(toolsVar);
    if (!tools) reject("tools must be an array", "tools");
    Array::Ptr declarations = GoogleJson::array();
    for (std::size_t k = 0; k < tools->size(); ++k) {
      const std::string param = "tools[" + std::to_string(k) + "]";
      auto tool = tools->getObject(k);
      if (!tool) reject("each tool must be an object", param);
      const std::string type = GoogleJson::asString(tool->get("type")).value_or("function");
      if (type != "function") reject("unsupported tool type '" + type + "'", param + ".type");
      auto function = tool->getObject("function");
      if (!function) reject("a function tool needs a function object", param + ".function");
      auto name = GoogleJson::asString(function->get("name"));
      if (!name || name->empty()) reject("a function tool needs a name", param + ".function.name");

      Object::Ptr declaration = GoogleJson::object();
      declaration->set("name", *name);
      if (auto description = GoogleJson::asString(function->get("description"))) {
        declaration->set("description", *description);
      }
      const Var parameters = function->get("parameters");
      if (!parameters.isEmpty()) {
        auto schema = GoogleJson::asObject(parameters);
        if (!schema) reject("function parameters must be a JSON schema object", param + ".function.parameters");
        auto converted = GoogleSchemaConverter::convert(schema, param + ".function.parameters");
        auto properties = converted->getObject("properties");
        // Gemini rejects an OBJECT schema with no properties: a function
        // without arguments is declared without parameters.
        const bool emptyObject = GoogleJson::asString(converted->get("type")).value_or("") == "OBJECT" &&
                                 (!properties || properties->size() == 0);
        if (!emptyObject) declaration->set("parameters", converted);
      }
      declarations->add(declaration);
    }
    if (declarations->size() > 0) {
      Object::Ptr tool = GoogleJson::object();
      tool->set("functionDeclarations", declarations);
      Array::Ptr list = GoogleJson::array();
      list->add(tool);
      out->set("tools", list);
    }
  }

  const Var choice = body->get("tool_choice");
  if (choice.isEmpty()) return;
  Object::Ptr calling = GoogleJson::object();
  if (auto mode = GoogleJson::asString(choice)) {
    if (*mode == "auto") {
      calling->set("mode", std::string("AUTO"));
    } else if (*mode == "none") {
      calling->set("mode", std::string("NONE"));
    } else if (*mode == "required") {
      calling->set("mode", std::string("ANY"));
    } else {
      reject("unsupported tool_choice '" + *mode + "'", "tool_choice");
    }
  } else if (auto obj = GoogleJson::asObject(choice)) {
    auto function = obj->getObject("function");
    auto name = function ? GoogleJson::asString(function->get("name")) : std::nullopt;
    if (!name || name->empty()) reject("tool_choice needs function.name", "tool_choice.function.name");
    calling->set("mode", std::string("ANY"));
    Array::Ptr names = GoogleJson::array();
    names->add(*name);
    calling->set("allowedFunctionNames", names);
  } else {
    reject("tool_choice must be a string or an object", "tool_choice");
  }
  Object::Ptr toolConfig = GoogleJson::object();
  toolConfig->set("functionCallingConfig", calling);
  out->set("toolConfig", toolConfig);
}

}  // namespace

GoogleRequestTranslator::GoogleRequestTranslator(std::string baseUrl, std::string apiKey)
    : versionRoot_(std::move(baseUrl)), apiKey_(std::move(apiKey)) {
  while (!versionRoot_.empty() && versionRoot_.back() == '/') versionRoot_.pop_back();
  if (!endsWith(versionRoot_, "/v1beta") && !endsWith(versionRoot_, "/v1") && !endsWith(versionRoot_, "/v1alpha")) {
    versionRoot_ += "/v1beta";
  }
}

std::string GoogleRequestTranslator::url(std::string_view model, bool stream) const {
  if (model.substr(0, 7) == "models/") model.remove_prefix(7);
  return versionRoot_ + "/models/" + percentEncode(model) +
         (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
}

Object::Ptr GoogleRequestTranslator::translateBody(const Object::Ptr& body) {
  Object::Ptr out = GoogleJson::object();
  translateMessages(body, out);
  translateGenerationConfig(body, out);
  translateTools(body, out);
  return out;
}

GoogleHttpRequest GoogleRequestTranslator::translate(const sdk::ChatRequest& request) const {
  auto body = GoogleJson::parseObject(request.body);
  if (!body) reject("the request body must be a JSON object", "");
  if (request.upstreamModel.empty()) reject("no upstream model configured", "model");

  GoogleHttpRequest out;
  out.method = "POST";
  out.url = url(request.upstreamModel, request.stream);
  out.headers.emplace_back("content-type", "application/json");
  if (!apiKey_.empty()) out.headers.emplace_back("x-goog-api-key", apiKey_);
  out.body = GoogleJson::stringify(translateBody(body));
  return out;
}

}  // namespace gaiarouter::plugins::google
