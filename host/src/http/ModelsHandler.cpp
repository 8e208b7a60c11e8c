#include "http/ModelsHandler.h"

#include <fmt/format.h>

namespace gaiarouter {

void ModelsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  if (!authenticate(request, client, ctx, Access::Read)) return;
  if (modelId_.empty()) return client.sendJson(200, gateway_.modelListJson());
  std::string json = gateway_.modelJson(modelId_);
  if (json.empty()) {
    return client.sendError(ApiError::notFound(fmt::format("The model '{}' does not exist.", modelId_), "model_not_found"));
  }
  client.sendJson(200, json);
}

}  // namespace gaiarouter
