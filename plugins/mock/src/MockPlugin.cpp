#include "MockProvider.h"

using gaiarouter::plugins::mock::MockProvider;

GAIAROUTER_PLUGIN(MockProvider, "mock", "1.0.0", "mock", "", "Deterministic local provider for demos and tests")
