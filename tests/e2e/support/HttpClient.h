// A small HTTP client for end-to-end tests: whole responses, and SSE
// streams read event by event as they arrive.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string header(const std::string& name) const;
  Poco::JSON::Object::Ptr json() const;  // throws if the body is not a JSON object
  // The "error" object of an error body.
  Poco::JSON::Object::Ptr error() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers bearer(const std::string& key);

HttpResult httpRequest(uint16_t port, const std::string& method, const std::string& path, const std::string& body = "",
                       const Headers& headers = {});

// One "data:" payload of an SSE stream with when it arrived.
struct SseEvent {
  std::string data;
  std::chrono::steady_clock::time_point at;
};

// Reads an SSE response incrementally.
class SseStream {
 public:
  SseStream(uint16_t port, const std::string& path, const std::string& body, const Headers& headers);
  int status() const { return response_.getStatus(); }
  std::string header(const std::string& name) const { return response_.get(name, ""); }
  // The next data payload, or nothing at the end of the stream.
  std::optional<SseEvent> next();
  // Everything up to the end.
  std::vector<SseEvent> rest();
  // The raw body when the answer is not a stream (an error before streaming).
  std::string body();
  // Closes the connection abruptly (a client that goes away).
  void disconnect();

 private:
  Poco::Net::HTTPClientSession session_;
  Poco::Net::HTTPResponse response_;
  std::istream* in_ = nullptr;
};

// Concatenated delta.content of chat.completion.chunk payloads.
std::string joinContent(const std::vector<SseEvent>& events);

}  // namespace gaiarouter::test
