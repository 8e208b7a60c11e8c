#include "upstream/UpstreamClient.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <poll.h>

#include <cerrno>
#include <chrono>

namespace gaiarouter {
namespace {

UpstreamFailure classify(const Poco::Exception& e, bool nothingSent) {
  using Reason = UpstreamFailure::Reason;
  if (dynamic_cast<const Poco::TimeoutException*>(&e)) {
    return UpstreamFailure(nothingSent ? Reason::Connect : Reason::Timeout,
                           nothingSent ? "connect timeout" : "upstream timed out", nothingSent);
  }
  if (dynamic_cast<const Poco::Net::SSLException*>(&e) || dynamic_cast<const Poco::Net::CertificateValidationException*>(&e)) {
    return UpstreamFailure(Reason::Tls, "TLS failure: " + e.displayText(), nothingSent);
  }
  if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&e) ||
      dynamic_cast<const Poco::Net::HostNotFoundException*>(&e) ||
      dynamic_cast<const Poco::Net::NoAddressFoundException*>(&e) ||
      dynamic_cast<const Poco::Net::DNSException*>(&e)) {
    return UpstreamFailure(Reason::Connect, "cannot connect: " + e.displayText(), true);
  }
  if (dynamic_cast<const Poco::Net::MessageException*>(&e) && !dynamic_cast<const Poco::Net::NoMessageException*>(&e)) {
    return UpstreamFailure(Reason::Protocol, "invalid HTTP from upstream: " + e.displayText(), nothingSent);
  }
  return UpstreamFailure(nothingSent ? Reason::Connect : Reason::Reset,
                         (nothingSent ? "cannot connect: " : "connection lost: ") + e.displayText(), nothingSent);
}

}  // namespace

namespace {

HttpBodyDecoder decoderFor(const Poco::Net::HTTPResponse& response, const std::string& method) {
  using Framing = HttpBodyDecoder::Framing;
  const int status = response.getStatus();
  if (method == "HEAD" || status == 204 || status == 304 || (status >= 100 && status < 200)) {
    return HttpBodyDecoder(Framing::Length, 0);
  }
  if (response.getChunkedTransferEncoding()) return HttpBodyDecoder(Framing::Chunked);
  if (response.hasContentLength()) return HttpBodyDecoder(Framing::Length, static_cast<uint64_t>(response.getContentLength64()));
  return HttpBodyDecoder(Framing::UntilClose);
}

}  // namespace

UpstreamExchange::UpstreamExchange(UpstreamClient& client, std::unique_ptr<UpstreamConnection> connection,
                                   std::unique_ptr<Poco::Net::HTTPResponse> response, HttpBodyDecoder decoder)
    : client_(client), connection_(std::move(connection)), response_(std::move(response)), decoder_(std::move(decoder)) {}

UpstreamExchange::~UpstreamExchange() {
  if (decoder_.done() && connection_ && response_->getKeepAlive() && connection_->bufferedBytes() == 0) {
    client_.pool().release(std::move(connection_));
  } else {
    abort();
  }
}

HeaderList UpstreamExchange::headers() const {
  HeaderList out;
  for (const auto& [name, value] : *response_) out.emplace_back(name, value);
  return out;
}

std::string UpstreamExchange::readAll(std::size_t limit, int timeoutMs) {
  std::string out;
  while (!decoder_.done()) {
    if (waitReadable(-1, timeoutMs) == Wait::Timeout) {
      throw UpstreamFailure(UpstreamFailure::Reason::Timeout, "upstream timed out", false);
    }
    readAvailable(out);
    if (out.size() > limit) throw UpstreamFailure(UpstreamFailure::Reason::Protocol, "upstream body too large", false);
  }
  return out;
}

UpstreamExchange::Wait UpstreamExchange::waitReadable(int clientFd, int timeoutMs) {
  if (decoder_.done() || connection_->bufferedBytes() > 0) return Wait::Data;
  auto& socket = connection_->session().socket();
  try {
    if (socket.available() > 0) return Wait::Data;  // includes TLS bytes already decrypted
  } catch (const Poco::Exception&) {
    return Wait::Data;  // let the read report it
  }
  pollfd fds[2] = {{socket.impl()->sockfd(), POLLIN, 0}, {clientFd, POLLIN | POLLRDHUP, 0}};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (true) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) return Wait::Timeout;
    int rc = ::poll(fds, clientFd >= 0 ? 2 : 1, left);
    if (rc < 0) {
      if (errno == EINTR) continue;
      return Wait::Data;
    }
    if (rc == 0) return Wait::Timeout;
    if (clientFd >= 0 && fds[1].revents != 0) {
      if (fds[1].revents & (POLLRDHUP | POLLHUP | POLLERR)) return Wait::ClientGone;
      // The client sent bytes (a pipelined request): not a hang-up; stop watching it.
      fds[1].fd = -1;
      clientFd = -1;
    }
    if (fds[0].revents != 0) return Wait::Data;
  }
}

bool UpstreamExchange::readAvailable(std::string& out) {
  if (decoder_.done()) return false;
  char buffer[16384];
  int n = 0;
  try {
    n = connection_->readRaw(buffer, static_cast<int>(sizeof buffer));
  } catch (const Poco::Exception& e) {
    throw classify(e, false);
  }
  try {
    if (n <= 0) {
      decoder_.endOfInput();
    } else {
      decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(n)), out);
    }
  } catch (const std::runtime_error& e) {
    throw UpstreamFailure(n <= 0 ? UpstreamFailure::Reason::Reset : UpstreamFailure::Reason::Protocol, e.what(), false);
  }
  return !decoder_.done();
}

void UpstreamExchange::abort() {
  if (connection_) {
    try {
      connection_->session().abort();
    } catch (...) {
    }
    connection_.reset();
  }
}

UpstreamClient::UpstreamClient(const UpstreamConfig& config) : pool_(config) {}

std::unique_ptr<UpstreamExchange> UpstreamClient::send(const UpstreamRequest& request) {
  Poco::URI uri;
  try {
    uri = Poco::URI(request.url);
  } catch (const Poco::Exception&) {
    throw UpstreamFailure(UpstreamFailure::Reason::Connect, "invalid upstream URL", true);
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https") {
    throw UpstreamFailure(UpstreamFailure::Reason::Connect, "upstream URL must be http or https", true);
  }
  auto connection = pool_.acquire(uri);
  if (connection->reused()) {
    try {
      return attempt(request, uri, std::move(connection));
    } catch (const UpstreamFailure& f) {
      // The upstream closed an idle pooled connection: retry once on a new
      // one. Only when no response byte arrived, so nothing can be doubled
      // except a request the upstream discarded unread.
      if (f.reason() != UpstreamFailure::Reason::Reset && f.reason() != UpstreamFailure::Reason::Connect) throw;
    }
    connection = pool_.create(uri);
  }
  return attempt(request, uri, std::move(connection));
}

std::unique_ptr<UpstreamExchange> UpstreamClient::attempt(const UpstreamRequest& request, const Poco::URI& uri,
                                                          std::unique_ptr<UpstreamConnection> connection) {
  connection->markUsed();
  auto& session = connection->session();
  Poco::Net::HTTPRequest head(request.method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : request.headers) head.set(name, value);
  head.setKeepAlive(true);
  if (!request.body.empty() || request.method == "POST") head.setContentLength(static_cast<std::streamsize>(request.body.size()));
  bool sent = false;
  try {
    std::ostream& out = session.sendRequest(head);
    out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    out.flush();
    if (!out.good()) throw Poco::Net::ConnectionResetException("write failed");
    sent = true;
    auto response = std::make_unique<Poco::Net::HTTPResponse>();
    session.receiveResponse(*response);  // the head; the body is read raw (see HttpBodyDecoder)
    HttpBodyDecoder decoder = decoderFor(*response, request.method);
    return std::make_unique<UpstreamExchange>(*this, std::move(connection), std::move(response), std::move(decoder));
  } catch (const Poco::Exception& e) {
    // Not connected yet means the request never left: safe to retry.
    const bool nothingSent = !sent && !session.connected();
    try {
      session.abort();
    } catch (...) {
    }
    throw classify(e, nothingSent);
  }
}

}  // namespace gaiarouter
