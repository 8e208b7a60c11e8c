#include "logging/RedactingChannel.h"

#include "logging/SecretRedactor.h"

#include <Poco/Message.h>

namespace gaiarouter {

void RedactingChannel::log(const Poco::Message& msg) {
  Poco::Message clean(msg);
  clean.setText(SecretRedactor::global().redact(msg.getText()));
  next_->log(clean);
}

}  // namespace gaiarouter
