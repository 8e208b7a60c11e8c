#include "FakeUpstream.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <thread>

namespace gaiarouter::test {
namespace {

class ReplyHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ReplyHandler(FakeUpstream& upstream) : upstream_(upstream) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    RecordedRequest recorded;
    recorded.method = request.getMethod();
    recorded.uri = request.getURI();
    for (const auto& [name, value] : request) recorded.headers[Poco::toLower(name)] = value;
    Poco::StreamCopier::copyToString(request.stream(), recorded.body);
    ScriptedReply reply = upstream_.nextReply(std::move(recorded));

    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    for (const auto& [name, value] : reply.headers) response.set(name, value);
    if (reply.chunked) {
      response.setChunkedTransferEncoding(true);
    } else {
      std::size_t total = 0;
      for (const auto& p : reply.pieces) total += p.size();
      response.setContentLength(static_cast<std::streamsize>(total));
    }
    auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
    std::ostream& out = response.send();
    out.flush();
    for (std::size_t i = 0; i < reply.pieces.size(); ++i) {
      if (reply.fault != ScriptedReply::Fault::None && i == reply.faultAfter) return fault(reply, socket, out);
      if (static_cast<int>(i) == reply.gateBefore) upstream_.waitGate();
      if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
      out << reply.pieces[i];
      out.flush();
      if (!out.good()) {
        upstream_.noteAborted();
        return;
      }
    }
    if (reply.fault != ScriptedReply::Fault::None && reply.faultAfter >= reply.pieces.size()) fault(reply, socket, out);
  }

 private:
  void fault(const ScriptedReply& reply, Poco::Net::StreamSocket& socket, std::ostream& out) {
    switch (reply.fault) {
      case ScriptedReply::Fault::Reset:
        socket.setLinger(true, 0);
        socket.close();
        break;
      case ScriptedReply::Fault::Close:
        socket.shutdown();
        socket.close();
        break;
      case ScriptedReply::Fault::Hang:
        // Hold the connection until the gateway gives up on it.
        while (true) {
          if (socket.poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR)) {
            upstream_.noteAborted();
            break;
          }
        }
        socket.close();
        break;
      case ScriptedReply::Fault::None:
        break;
    }
    (void)out;
  }

  FakeUpstream& upstream_;
};

class ReplyFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit ReplyFactory(FakeUpstream& upstream) : upstream_(upstream) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new ReplyHandler(upstream_);
  }

 private:
  FakeUpstream& upstream_;
};

}  // namespace

ScriptedReply ScriptedReply::json(int status, std::string body) {
  ScriptedReply r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.pieces = {std::move(body)};
  r.chunked = false;
  return r;
}

ScriptedReply ScriptedReply::sse(std::string body, std::size_t pieceSize, std::chrono::milliseconds delay) {
  ScriptedReply r;
  r.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
  r.pieces = pieceSize == 0 ? splitEvents(body) : splitEvery(body, pieceSize);
  r.delay = delay;
  return r;
}

std::vector<std::string> splitEvery(const std::string& text, std::size_t size) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); i += size) out.push_back(text.substr(i, size));
  return out;
}

std::vector<std::string> splitEvents(const std::string& sse) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < sse.size(); ++i) {
    bool lf = sse.compare(i, 2, "\n\n") == 0;
    bool crlf = sse.compare(i, 4, "\r\n\r\n") == 0;
    if (lf || crlf) {
      std::size_t end = i + (crlf ? 4 : 2);
      out.push_back(sse.substr(start, end - start));
      start = end;
      i = end - 1;
    }
  }
  if (start < sse.size()) out.push_back(sse.substr(start));
  return out;
}

FakeUpstream::FakeUpstream() : FakeUpstream(TlsIdentity{}) {}

FakeUpstream::FakeUpstream(const TlsIdentity& tls) : tls_(!tls.certificateFile.empty()) {
  default_ = ScriptedReply::json(500, R"({"error":{"message":"no reply scripted","type":"server_error"}})");
  Poco::Net::ServerSocket socket;
  if (tls_) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, tls.privateKeyFile, tls.certificateFile, "", Poco::Net::Context::VERIFY_NONE);
    socket = Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 256, context);
  } else {
    socket = Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 256);
  }
  port_ = socket.address().port();
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(512);
  params->setMaxQueued(512);
  params->setKeepAlive(true);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new ReplyFactory(*this), threads_, socket, params);
  server_->start();
}

FakeUpstream::~FakeUpstream() {
  openGate();
  server_->stopAll(true);
  threads_.joinAll();
}

std::string FakeUpstream::baseUrl() const {
  return tls_ ? "https://localhost:" + std::to_string(port_) : "http://127.0.0.1:" + std::to_string(port_);
}

void FakeUpstream::enqueue(ScriptedReply reply) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(reply));
}

void FakeUpstream::setDefault(ScriptedReply reply) {
  std::lock_guard lock(mutex_);
  default_ = std::move(reply);
}

std::vector<RecordedRequest> FakeUpstream::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeUpstream::requestCount() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

std::size_t FakeUpstream::abortedReplies() const {
  std::lock_guard lock(mutex_);
  return aborted_;
}

bool FakeUpstream::waitForAborted(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return aborted_ >= n; });
}

bool FakeUpstream::waitForRequests(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return requests_.size() >= n; });
}

void FakeUpstream::setResponder(std::function<ScriptedReply(const RecordedRequest&)> responder) {
  std::lock_guard lock(mutex_);
  responder_ = std::move(responder);
}

void FakeUpstream::openGate() {
  std::lock_guard lock(mutex_);
  gateOpen_ = true;
  changed_.notify_all();
}

ScriptedReply FakeUpstream::nextReply(RecordedRequest request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(std::move(request));
  changed_.notify_all();
  if (queue_.empty()) return responder_ ? responder_(requests_.back()) : default_;
  ScriptedReply reply = std::move(queue_.front());
  queue_.pop_front();
  return reply;
}

void FakeUpstream::noteAborted() {
  std::lock_guard lock(mutex_);
  ++aborted_;
  changed_.notify_all();
}

void FakeUpstream::waitGate() {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(30), [&] { return gateOpen_; });
}

}  // namespace gaiarouter::test
