// A log channel that passes every message through SecretRedactor before
// handing it on, so no code path can log a secret by mistake.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

namespace gaiarouter {

class RedactingChannel : public Poco::Channel {
 public:
  explicit RedactingChannel(Poco::AutoPtr<Poco::Channel> next) : next_(std::move(next)) {}
  void log(const Poco::Message& msg) override;
  void open() override { next_->open(); }
  void close() override { next_->close(); }

 private:
  Poco::AutoPtr<Poco::Channel> next_;
};

}  // namespace gaiarouter
