#include "MockProvider.h"

#include "MockCompletionWriter.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <chrono>
#include <ctime>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gaiarouter::plugins::mock {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr int kMaxStreamDelayMs = 60000;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr modelEntry(const std::string& model, const std::string& name) {
  Object::Ptr pricing = newObject();
  pricing->set("input", 1.0);
  pricing->set("output", 2.0);
  Object::Ptr capabilities = newObject();
  capabilities->set("tools", true);
  capabilities->set("vision", true);
  capabilities->set("json", true);
  Object::Ptr entry = newObject();
  entry->set("model", model);
  entry->set("name", name);
  entry->set("context_length", 32768);
  entry->set("max_output_tokens", 4096);
  entry->set("pricing", pricing);
  entry->set("capabilities", capabilities);
  return entry;
}

// Splits a tool call's arguments in two, never inside a UTF-8 sequence.
std::pair<std::string_view, std::string_view> halves(std::string_view text) {
  std::size_t mid = text.size() / 2;
  while (mid < text.size() && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) ++mid;
  return {text.substr(0, mid), text.substr(mid)};
}

// Emits a stream; returns early once the client is gone.
void streamReply(const MockReply& reply, const MockCompletionWriter& writer, sdk::EventSink& out) {
  bool paused = false;  // the first piece goes out at once
  auto emitPiece = [&](const std::string& json) {
    if (paused && reply.wordDelayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(reply.wordDelayMs));
    paused = true;
    return out.json(json);
  };

  if (!out.json(writer.roleChunk())) return;
  for (const auto& piece : reply.chunks) {
    if (!emitPiece(writer.contentChunk(piece))) return;
  }
  if (reply.midStreamError) throw sdk::ProviderError(*reply.midStreamError);
  if (reply.toolCall) {
    if (!emitPiece(writer.toolCallStartChunk(*reply.toolCall))) return;
    const auto [first, second] = halves(reply.toolCall->arguments);
    if (!emitPiece(writer.toolCallArgumentsChunk(first))) return;
    if (!emitPiece(writer.toolCallArgumentsChunk(second))) return;
  }
  if (!out.json(writer.finishChunk(reply.finishReason))) return;
  out.usage(reply.usage);
  if (reply.includeUsage) out.json(writer.usageChunk(reply.usage));
}

}  // namespace

MockProvider::MockProvider(const sdk::Host& host, const sdk::ProviderConfig& config) {
  Object::Ptr options;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::Dynamic::Var parsed = parser.parse(config.optionsJson);
    if (parsed.type() == typeid(Object::Ptr)) options = parsed.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  if (options.isNull()) throw std::invalid_argument("mock: options must be a JSON object");
  if (options->has("stream_delay_ms")) {
    Poco::Dynamic::Var delay = options->get("stream_delay_ms");
    if (!delay.isInteger() || delay.convert<int64_t>() < 0 || delay.convert<int64_t>() > kMaxStreamDelayMs) {
      throw std::invalid_argument("mock: option stream_delay_ms must be an integer from 0 to " +
                                  std::to_string(kMaxStreamDelayMs));
    }
    streamDelayMs_ = delay.convert<int>();
  }
  host.log(GR_LOG_DEBUG, "mock provider '" + config.providerId + "' ready, stream_delay_ms=" +
                             std::to_string(streamDelayMs_));
}

void MockProvider::complete(const sdk::ChatRequest& request, sdk::EventSink& out) {
  const MockReply reply = MockReplyPlanner(streamDelayMs_).plan(request);
  const MockCompletionWriter writer(reply.id, static_cast<int64_t>(std::time(nullptr)), reply.model);
  if (request.stream) {
    streamReply(reply, writer, out);
    return;
  }
  if (reply.midStreamError) throw sdk::ProviderError(*reply.midStreamError);
  if (!out.json(writer.completion(reply))) return;
  out.usage(reply.usage);
}

std::string MockProvider::listModels() const {
  Array::Ptr models = new Array;
  models->add(modelEntry("echo", "Mock Echo"));
  models->add(modelEntry("tools", "Mock Tools"));
  models->add(modelEntry("error", "Mock Error"));
  models->add(modelEntry("slow", "Mock Slow"));
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(models, out);
  return out.str();
}

}  // namespace gaiarouter::plugins::mock
