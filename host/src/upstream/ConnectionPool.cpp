#include "upstream/ConnectionPool.h"

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace gaiarouter {
namespace {

template <typename Session>
class SessionConnection final : public UpstreamConnection {
 public:
  template <typename... Args>
  SessionConnection(std::string origin, Args&&... args)
      : UpstreamConnection(std::move(origin)), session_(std::forward<Args>(args)...) {}
  Poco::Net::HTTPClientSession& session() override { return session_; }
  int bufferedBytes() const override { return session_.bufferedBytes(); }
  int readRaw(char* buffer, int size) override { return session_.readRaw(buffer, size); }

 private:
  struct Inspectable : Session {
    using Session::Session;
    int bufferedBytes() const { return this->buffered(); }
    int readRaw(char* buffer, int size) { return this->read(buffer, size); }
  };
  Inspectable session_;
};

Poco::Net::Context::Ptr makeTlsContext(const UpstreamConfig& config) {
  static std::once_flag sslInit;
  std::call_once(sslInit, [] { Poco::Net::initializeSSL(); });
  Poco::Net::Context::Params params;
  params.caLocation = config.caFile;
  params.loadDefaultCAs = config.caFile.empty();
  params.verificationMode = config.verifyTls ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
  params.verificationDepth = 9;
  params.cipherList = "HIGH:!aNULL:!MD5:!RC4";
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  // Never prompt on a bad certificate (Poco's default handler asks the console).
  Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
  Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
  return context;
}

}  // namespace

ConnectionPool::ConnectionPool(const UpstreamConfig& config) : config_(config), tls_(makeTlsContext(config)) {}

std::string ConnectionPool::originOf(const Poco::URI& uri) {
  return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

std::unique_ptr<UpstreamConnection> ConnectionPool::acquire(const Poco::URI& uri) {
  const std::string origin = originOf(uri);
  {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(origin);
    if (it != idle_.end() && !it->second.empty()) {
      auto connection = std::move(it->second.back());
      it->second.pop_back();
      return connection;
    }
  }
  return create(uri);
}

std::unique_ptr<UpstreamConnection> ConnectionPool::create(const Poco::URI& uri) {
  std::unique_ptr<UpstreamConnection> connection;
  if (uri.getScheme() == "https") {
    connection = std::make_unique<SessionConnection<Poco::Net::HTTPSClientSession>>(originOf(uri), uri.getHost(),
                                                                                     uri.getPort(), tls_);
  } else {
    connection = std::make_unique<SessionConnection<Poco::Net::HTTPClientSession>>(originOf(uri), uri.getHost(),
                                                                                   uri.getPort());
  }
  auto& session = connection->session();
  session.setKeepAlive(true);
  session.setKeepAliveTimeout(Poco::Timespan(30, 0));
  session.setTimeout(Poco::Timespan(config_.connectTimeoutMs * Poco::Timespan::MILLISECONDS),
                     Poco::Timespan(config_.requestTimeoutMs * Poco::Timespan::MILLISECONDS),
                     Poco::Timespan(config_.requestTimeoutMs * Poco::Timespan::MILLISECONDS));
  return connection;
}

void ConnectionPool::release(std::unique_ptr<UpstreamConnection> connection) {
  if (!connection || !connection->session().connected()) return;
  std::lock_guard lock(mutex_);
  auto& list = idle_[connection->origin()];
  if (static_cast<int>(list.size()) < config_.maxIdleConnectionsPerOrigin) list.push_back(std::move(connection));
}

}  // namespace gaiarouter
