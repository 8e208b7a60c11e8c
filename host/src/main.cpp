#include <iostream>

#include "app/GatewayApplication.h"

POCO_SERVER_MAIN(gaiarouter::GatewayApplication)
