#include "HttpClient.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <stdexcept>

namespace gaiarouter::test {

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(Poco::toLower(name));
  return it == headers.end() ? std::string() : it->second;
}

Poco::JSON::Object::Ptr HttpResult::json() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr HttpResult::error() const {
  auto e = json()->getObject("error");
  if (!e) throw std::runtime_error("no error object in: " + body);
  return e;
}

Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

HttpResult httpRequest(uint16_t port, const std::string& method, const std::string& path, const std::string& body,
                       const Headers& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [n, v] : headers) request.set(n, v);
  if (!body.empty() || method == "POST") {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = response.getStatus();
  for (const auto& [n, v] : response) result.headers[Poco::toLower(n)] = v;
  Poco::StreamCopier::copyToString(in, result.body);
  return result;
}

SseStream::SseStream(uint16_t port, const std::string& path, const std::string& body, const Headers& headers)
    : session_("127.0.0.1", port) {
  session_.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [n, v] : headers) request.set(n, v);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session_.sendRequest(request) << body;
  in_ = &session_.receiveResponse(response_);
}

std::optional<SseEvent> SseStream::next() {
  std::string line, data;
  bool any = false;
  while (std::getline(*in_, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (any) return SseEvent{data, std::chrono::steady_clock::now()};
      continue;
    }
    if (line.rfind("data:", 0) == 0) {
      std::string value = line.substr(5);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (any) data += "\n";
      data += value;
      any = true;
    }
  }
  if (any) return SseEvent{data, std::chrono::steady_clock::now()};
  return std::nullopt;
}

std::vector<SseEvent> SseStream::rest() {
  std::vector<SseEvent> out;
  while (auto e = next()) out.push_back(std::move(*e));
  return out;
}

std::string SseStream::body() {
  std::string text;
  Poco::StreamCopier::copyToString(*in_, text);
  return text;
}

void SseStream::disconnect() {
  session_.socket().setLinger(true, 0);
  session_.abort();
}

std::string joinContent(const std::vector<SseEvent>& events) {
  std::string out;
  for (const auto& e : events) {
    if (e.data == "[DONE]") continue;
    auto obj = Poco::JSON::Parser().parse(e.data).extract<Poco::JSON::Object::Ptr>();
    auto choices = obj->getArray("choices");
    if (!choices || choices->size() == 0) continue;
    auto delta = choices->getObject(0)->getObject("delta");
    if (delta && delta->has("content") && !delta->isNull("content")) out += delta->getValue<std::string>("content");
  }
  return out;
}

}  // namespace gaiarouter::test
