#include "GoogleProvider.h"

GAIAROUTER_PLUGIN(gaiarouter::plugins::google::GoogleProvider, "google", "1.0.0", "google",
                  "https://generativelanguage.googleapis.com", "Google Gemini API")
