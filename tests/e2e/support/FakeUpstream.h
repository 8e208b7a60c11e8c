// A real HTTP server on 127.0.0.1 that plays a provider in end-to-end tests:
// it answers with scripted replies (status, headers, body pieces sent with
// delays, faults) and records every request it got.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gaiarouter::test {

struct ScriptedReply {
  enum class Fault {
    None,
    Reset,  // after `faultAfter` pieces: TCP reset
    Close,  // after `faultAfter` pieces: close without finishing the body
    Hang,   // after `faultAfter` pieces: send nothing more until the client leaves
  };

  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> pieces;  // body, sent and flushed piece by piece
  std::chrono::milliseconds delay{0};  // before each piece
  bool chunked = true;  // else Content-Length
  Fault fault = Fault::None;
  std::size_t faultAfter = 0;
  // Piece index before which the reply waits for openGate() (-1: never).
  int gateBefore = -1;

  static ScriptedReply json(int status, std::string body);
  static ScriptedReply sse(std::string body, std::size_t pieceSize = 0, std::chrono::milliseconds delay = {});
};

struct RecordedRequest {
  std::string method;
  std::string uri;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Certificate and key (PEM files) to serve HTTPS with.
struct TlsIdentity {
  std::string certificateFile;
  std::string privateKeyFile;
};

class FakeUpstream {
 public:
  FakeUpstream();
  explicit FakeUpstream(const TlsIdentity& tls);  // HTTPS on localhost
  ~FakeUpstream();

  std::string baseUrl() const;  // http://127.0.0.1:<port> or https://localhost:<port>
  uint16_t port() const { return port_; }

  // Replies are used in order; when none is queued, the responder's answer,
  // else the default one.
  void enqueue(ScriptedReply reply);
  void setDefault(ScriptedReply reply);
  void setResponder(std::function<ScriptedReply(const RecordedRequest&)> responder);

  std::vector<RecordedRequest> requests() const;
  std::size_t requestCount() const;
  // Replies whose body could not be written because the peer had gone.
  std::size_t abortedReplies() const;
  // Waits until abortedReplies() >= n or the timeout passes.
  bool waitForAborted(std::size_t n, std::chrono::milliseconds timeout) const;
  bool waitForRequests(std::size_t n, std::chrono::milliseconds timeout) const;

  void openGate();

  // Called by the request handler.
  ScriptedReply nextReply(RecordedRequest request);
  void noteAborted();
  void waitGate();

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<ScriptedReply> queue_;
  ScriptedReply default_;
  std::function<ScriptedReply(const RecordedRequest&)> responder_;
  std::vector<RecordedRequest> requests_;
  std::size_t aborted_ = 0;
  bool gateOpen_ = false;
  Poco::ThreadPool threads_{"fake-upstream", 4, 512};
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  uint16_t port_ = 0;
  bool tls_ = false;
};

// Splits `text` into pieces of `size` bytes (the last may be shorter).
std::vector<std::string> splitEvery(const std::string& text, std::size_t size);
// Splits an SSE body after each blank line (event boundary), keeping bytes.
std::vector<std::string> splitEvents(const std::string& sse);

}  // namespace gaiarouter::test
