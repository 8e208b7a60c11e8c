#include "http/ClientChannel.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>

#include <poll.h>

namespace gaiarouter {

ClientChannel::ClientChannel(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                             RequestContext& ctx)
    : response_(response), ctx_(ctx) {
  if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request)) {
    clientFd_ = impl->socket().impl()->sockfd();
  }
}

void ClientChannel::sendJson(int status, const std::string& body, const HeaderList& headers) {
  sendBody(status, "application/json", body, headers);
}

void ClientChannel::sendBody(int status, const std::string& contentType, const std::string& body,
                             const HeaderList& headers) {
  ctx_.status = status;
  if (!ctx_.firstByteMs) ctx_.firstByteMs = ctx_.elapsedMs();
  response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  for (const auto& [name, value] : headers) response_.set(name, value);
  response_.setContentType(contentType);
  response_.setContentLength(static_cast<std::streamsize>(body.size()));
  try {
    response_.send().write(body.data(), static_cast<std::streamsize>(body.size()));
  } catch (const Poco::Exception&) {
    gone_ = true;
    ctx_.clientGone = true;
  }
}

void ClientChannel::sendError(const ApiError& error) {
  ctx_.errorCode = error.code.empty() ? error.type : error.code;
  sendJson(error.status, error.toJson(), error.headers);
}

bool ClientChannel::beginStream() {
  if (stream_ != nullptr) return !gone_;
  ctx_.status = 200;
  response_.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response_.setContentType("text/event-stream; charset=utf-8");
  response_.set("Cache-Control", "no-cache");
  response_.set("X-Accel-Buffering", "no");  // reverse proxies must not buffer the stream
  response_.setChunkedTransferEncoding(true);
  try {
    stream_ = &response_.send();
    stream_->flush();
  } catch (const Poco::Exception&) {
    gone_ = true;
  }
  return !gone_;
}

bool ClientChannel::writeEvent(std::string_view payload) {
  if (gone_ || (stream_ == nullptr && !beginStream())) return false;
  if (!ctx_.firstByteMs) ctx_.firstByteMs = ctx_.elapsedMs();
  try {
    std::string frame;
    frame.reserve(payload.size() + 8);
    frame.append("data: ").append(payload).append("\n\n");
    stream_->write(frame.data(), static_cast<std::streamsize>(frame.size()));
    stream_->flush();
    if (!stream_->good()) gone_ = true;
  } catch (const std::exception&) {
    gone_ = true;
  }
  if (gone_) ctx_.clientGone = true;
  return !gone_;
}

bool ClientChannel::writeErrorEvent(const ApiError& error) {
  ctx_.errorCode = error.code.empty() ? error.type : error.code;
  return writeEvent(error.toJson());
}

bool ClientChannel::clientGone() {
  if (gone_) return true;
  if (clientFd_ < 0) return false;
  pollfd fd{clientFd_, POLLIN | POLLRDHUP, 0};
  if (::poll(&fd, 1, 0) > 0 && (fd.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
    gone_ = true;
    ctx_.clientGone = true;
  }
  return gone_;
}

}  // namespace gaiarouter
