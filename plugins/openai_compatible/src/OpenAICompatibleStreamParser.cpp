#include "OpenAICompatibleStreamParser.h"

#include "OpenAICompatibleJson.h"
#include "OpenAICompatibleUsageReader.h"

#include <Poco/JSON/Array.h>

#include <cctype>
#include <utility>

namespace gaiarouter::plugins::openai_compatible {

namespace {

using Json = OpenAICompatibleJson;

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

sdk::Error badResponse(std::string message) {
  return sdk::Error{GR_ERROR_BAD_RESPONSE, 0, std::move(message), {}, {}, {}, 0};
}

}  // namespace

OpenAICompatibleStreamParser::OpenAICompatibleStreamParser(std::shared_ptr<const OpenAICompatibleDialect> dialect,
                                                           bool clientWantsUsage)
    : dialect_(std::move(dialect)), errors_(*dialect_), clientWantsUsage_(clientWantsUsage) {}

void OpenAICompatibleStreamParser::feed(std::string_view bytes, sdk::EventSink& out) {
  if (stopped()) return;
  decoder_.feed(bytes, [&](const sdk::SseEvent& event) { onEvent(event, out); });
}

void OpenAICompatibleStreamParser::finish(sdk::EventSink& out) {
  if (stopped()) return;
  // An event whose final blank line never came still counts. (Ending the
  // lines here rather than calling SseDecoder::flush, which does not compile
  // for a partial line in this SDK version: it binds temporaries to lvalue
  // references. After a lone CR the first LF is taken as its pair.)
  if (decoder_.hasPartialEvent()) {
    finishing_ = true;
    decoder_.feed("\n\n", [&](const sdk::SseEvent& event) { onEvent(event, out); });
  }
  if (stopped() || sawFinishReason_) return;
  fail(badResponse("upstream stream ended before completion"), out);
}

void OpenAICompatibleStreamParser::fail(sdk::Error error, sdk::EventSink& out) {
  failed_ = true;
  out.error(error);
}

void OpenAICompatibleStreamParser::onEvent(const sdk::SseEvent& event, sdk::EventSink& out) {
  if (stopped()) return;
  const std::string_view data = trim(event.data);
  if (data == "[DONE]") {
    done_ = true;
    return;
  }
  Poco::JSON::Object::Ptr chunk = Json::parseObject(data);

  if (event.event == "error") {
    Poco::JSON::Object::Ptr error = chunk.isNull() ? nullptr : dialect_->embeddedError(*chunk);
    if (error.isNull()) error = chunk;
    return fail(error.isNull() ? sdk::Error{GR_ERROR_UPSTREAM, 0, "upstream stream reported an error", {}, {}, {}, 0}
                               : errors_.fromEmbedded(*error),
                out);
  }
  if (chunk.isNull()) {
    // A last event cut short after the answer was complete (typically the
    // usage chunk) is lost, like a missing [DONE]; not worth failing for.
    if (finishing_ && sawFinishReason_) return;
    return fail(badResponse("upstream stream event is not a JSON object"), out);
  }
  if (Poco::JSON::Object::Ptr error = dialect_->embeddedError(*chunk); !error.isNull()) {
    return fail(errors_.fromEmbedded(*error), out);
  }

  const bool hasUsage = chunk->isObject("usage");
  if (hasUsage) out.usage(OpenAICompatibleUsageReader::read(*chunk->getObject("usage"), *dialect_));

  Poco::JSON::Array::Ptr choices = chunk->getArray("choices");
  if (choices.isNull() && chunk->has("choices")) return fail(badResponse("upstream stream chunk has a non-array choices"), out);
  if (choices.isNull() || choices->size() == 0) {
    if (!hasUsage && choices.isNull()) return fail(badResponse("upstream stream chunk has no choices"), out);
    if (hasUsage && clientWantsUsage_) forward(chunk, data, false, out);
    return;  // otherwise nothing for this client
  }

  bool modified = false;
  for (std::size_t i = 0; i < choices->size(); ++i) {
    Poco::JSON::Object::Ptr choice = choices->getObject(static_cast<unsigned>(i));
    if (choice.isNull()) continue;
    if (!Json::string(*choice, "finish_reason").empty()) sawFinishReason_ = true;
    if (Poco::JSON::Object::Ptr delta = choice->getObject("delta"); !delta.isNull()) {
      modified = Json::stringifyToolArguments(*delta) || modified;
    }
  }
  if (!clientWantsUsage_ && chunk->has("usage")) {
    chunk->remove("usage");
    modified = true;
  }
  forward(chunk, data, modified, out);
}

void OpenAICompatibleStreamParser::forward(const Poco::JSON::Object::Ptr& chunk, std::string_view data, bool modified,
                                           sdk::EventSink& out) {
  // A payload spread over several data: lines holds line breaks the host's
  // one-line framing cannot carry; re-serialising removes them.
  const bool verbatim = !modified && data.find_first_of("\r\n") == std::string_view::npos;
  if (!(verbatim ? out.json(data) : out.json(Json::stringify(chunk)))) cancelled_ = true;
}

}  // namespace gaiarouter::plugins::openai_compatible
