#include "OpenAIProvider.h"

GAIAROUTER_PLUGIN(gaiarouter::plugins::openai::OpenAIProvider, "openai", "1.0.0", "openai", "https://api.openai.com/v1",
                  "OpenAI Chat Completions and any OpenAI-compatible API")
