#include "http/GatewayServerConnection.h"

#include "http/ApiError.h"
#include "http/RequestId.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <cerrno>
#include <memory>

namespace gaiarouter {
namespace {

class Session final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  bool hasBufferedBytes() const { return buffered() > 0; }
};

// True when request bytes are ready within `timeout` (false: timeout,
// hang-up or error).
bool waitForRequest(Session& session, const Poco::Timespan& timeout) {
  if (session.hasBufferedBytes()) return true;  // pipelined
  pollfd fd{session.socket().impl()->sockfd(), POLLIN, 0};
  const int ms = static_cast<int>(timeout.totalMilliseconds());
  int rc;
  do {
    rc = ::poll(&fd, 1, ms);
  } while (rc < 0 && errno == EINTR);
  return rc > 0 && (fd.revents & POLLIN);
}

void sendError(Session& session, const ApiError& error) {
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(error.status));
  response.setKeepAlive(false);
  response.set("X-Request-Id", newRequestId());
  response.setContentType("application/json");
  const std::string body = error.toJson();
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
  session.setKeepAlive(false);
}

}  // namespace

Poco::Net::TCPServerConnection* GatewayServerConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new GatewayServerConnection(socket, params_, handlers_, *this);
}

void GatewayServerConnectionFactory::add(GatewayServerConnection* connection) {
  std::lock_guard lock(mutex_);
  if (stopped_) connection->stop();
  open_.insert(connection);
}

void GatewayServerConnectionFactory::remove(GatewayServerConnection* connection) {
  std::lock_guard lock(mutex_);
  open_.erase(connection);
}

void GatewayServerConnectionFactory::stopAll() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  for (auto* connection : open_) connection->stop();
}

GatewayServerConnection::GatewayServerConnection(const Poco::Net::StreamSocket& socket,
                                                 Poco::Net::HTTPServerParams::Ptr params,
                                                 Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                                 GatewayServerConnectionFactory& owner)
    : TCPServerConnection(socket), params_(std::move(params)), handlers_(std::move(handlers)), owner_(owner) {}

void GatewayServerConnection::stop() {
  stopped_ = true;
  try {
    socket().shutdown();  // wakes a poll or a blocked read/write of run()
  } catch (...) {
  }
}

void GatewayServerConnection::run() {
  owner_.add(this);
  struct Unregister {
    GatewayServerConnection* self;
    ~Unregister() { self->owner_.remove(self); }
  } unregister{this};

  const std::string server = params_->getSoftwareVersion();
  const int maxRequests = params_->getMaxKeepAliveRequests();  // 0: unlimited
  Session session(socket(), params_);
  Poco::Timespan wait = params_->getTimeout();  // for the first request
  for (int served = 1; !stopped_ && waitForRequest(session, wait); ++served) {
    wait = params_->getKeepAliveTimeout();
    // Not session.canKeepAlive(): its counter is kept by Poco's own loop.
    const bool mayKeepAlive = params_->getKeepAlive() && (maxRequests <= 0 || served < maxRequests);
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session, params_);
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(mayKeepAlive && request.getKeepAlive());
      if (!server.empty()) response.set("Server", server);
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
      if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
        response.sendContinue();
      }
      handler->handleRequest(request, response);
      session.setKeepAlive(mayKeepAlive && response.getKeepAlive());
      if (!session.getKeepAlive()) break;
    } catch (const Poco::Net::NoMessageException&) {
      break;  // the client closed between requests
    } catch (const Poco::Net::MessageException& e) {
      try {
        sendError(session, ApiError::invalidRequest("Malformed HTTP request: " + e.message(), {}, "bad_http_request"));
      } catch (...) {
      }
      break;
    } catch (const Poco::Exception&) {
      break;  // network failure: the connection is gone
    }
  }
}

}  // namespace gaiarouter
