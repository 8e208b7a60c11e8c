#include "AnthropicProvider.h"

GAIAROUTER_PLUGIN(gaiarouter::plugins::anthropic::AnthropicProvider, "anthropic", "1.0.0", "anthropic",
                  "https://api.anthropic.com", "Anthropic Messages API")
