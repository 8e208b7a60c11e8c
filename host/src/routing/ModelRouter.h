// Resolves the model id a client asked for to a model and its provider.
#pragma once

#include "http/ApiError.h"
#include "models/ModelRegistry.h"
#include "plugins/ProviderRegistry.h"

#include <string_view>
#include <variant>

namespace gaiarouter {

struct Route {
  const ModelSettings* model = nullptr;
  const Provider* provider = nullptr;
};

class ModelRouter {
 public:
  ModelRouter(const ModelRegistry& models, const ProviderRegistry& providers) : models_(models), providers_(providers) {}

  // A route, or the error to answer: 400 for a malformed id, 404
  // model_not_found, 503 when the provider is missing or unconfigured.
  std::variant<Route, ApiError> resolve(std::string_view modelId) const;

 private:
  const ModelRegistry& models_;
  const ProviderRegistry& providers_;
};

}  // namespace gaiarouter
