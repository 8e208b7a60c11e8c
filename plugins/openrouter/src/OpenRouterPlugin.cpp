#include "OpenRouterProvider.h"

GAIAROUTER_PLUGIN(gaiarouter::plugins::openrouter::OpenRouterProvider, "openrouter", "1.0.0", "openrouter",
                  "https://openrouter.ai/api/v1", "OpenRouter")
