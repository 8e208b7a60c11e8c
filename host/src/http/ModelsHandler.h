// GET /v1/models, GET /v1/models/{provider/model} (and the /api/v1 aliases).
#pragma once

#include "http/GatewayHandler.h"

#include <string>

namespace gaiarouter {

class ModelsHandler final : public GatewayHandler {
 public:
  // `modelId` empty: the list; otherwise one model.
  ModelsHandler(const Gateway& gateway, std::string modelId) : GatewayHandler(gateway), modelId_(std::move(modelId)) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  std::string modelId_;
};

}  // namespace gaiarouter
