#include "routing/ModelRouter.h"

#include "config/ConfigLoader.h"

#include <fmt/format.h>

namespace gaiarouter {
namespace {

bool wellFormed(std::string_view id) {
  auto slash = id.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == id.size() || id.size() > 256) return false;
  for (char c : id) {
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::variant<Route, ApiError> ModelRouter::resolve(std::string_view modelId) const {
  if (!wellFormed(modelId)) {
    return ApiError::invalidRequest(
        fmt::format("Invalid model id '{}': expected 'provider/model', e.g. 'openai/gpt-4o'.",
                    modelId.substr(0, 256)),
        "model", "invalid_model");
  }
  const ModelSettings* model = models_.find(modelId);
  if (model == nullptr) {
    return ApiError::notFound(
        fmt::format("The model '{}' does not exist or is not served by this gateway; GET /v1/models lists the models.",
                    modelId),
        "model_not_found");
  }
  const Provider* provider = providers_.find(model->provider);
  if (provider == nullptr) {
    return ApiError{503, "upstream_error",
                    fmt::format("The provider '{}' of model '{}' is not available on this gateway.", model->provider, model->id),
                    "provider_unavailable", "model", {}, {}};
  }
  if (!provider->configured()) {
    const std::string variable = ConfigLoader::apiKeyVariable(provider->settings());
    return ApiError{503, "upstream_error",
                    fmt::format("The provider '{}' is not configured: set {} or providers.{}.api_key.",
                                provider->id(), variable, provider->id()),
                    "provider_not_configured", "model", {}, {}};
  }
  return Route{model, provider};
}

}  // namespace gaiarouter
