// The gateway's side of one client exchange: sends a JSON answer, an error,
// or a Server-Sent Events stream, and notices when the client hangs up.
#pragma once

#include "http/ApiError.h"
#include "http/RequestContext.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>
#include <string_view>

namespace gaiarouter {

class ClientChannel {
 public:
  ClientChannel(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, RequestContext& ctx);

  void sendJson(int status, const std::string& body, const HeaderList& headers = {});
  // A whole body of any type (a download, for instance).
  void sendBody(int status, const std::string& contentType, const std::string& body, const HeaderList& headers = {});
  void sendError(const ApiError& error);

  // Sends the 200 text/event-stream head. Idempotent.
  bool beginStream();
  // Writes "data: <payload>\n\n" and flushes it to the client at once.
  // False once the client is gone.
  bool writeEvent(std::string_view payload);
  // Writes an error as an SSE event (the stream has started).
  bool writeErrorEvent(const ApiError& error);
  bool streaming() const { return stream_ != nullptr; }

  // True when the client closed its connection (checked without blocking).
  bool clientGone();
  // The client socket, for polling alongside the upstream; -1 if unknown.
  int clientFd() const { return clientFd_; }

 private:
  Poco::Net::HTTPServerResponse& response_;
  RequestContext& ctx_;
  std::ostream* stream_ = nullptr;
  int clientFd_ = -1;
  bool gone_ = false;
};

}  // namespace gaiarouter
