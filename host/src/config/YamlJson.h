// YAML → Poco JSON values: provider options in the config, and the OpenAPI
// document (written in YAML, served as JSON).
#pragma once

#include <Poco/Dynamic/Var.h>
#include <yaml-cpp/yaml.h>

namespace gaiarouter {

// Mappings keep their key order; unquoted scalars become booleans or
// numbers when they read as one.
Poco::Dynamic::Var yamlToJson(const YAML::Node& node);

}  // namespace gaiarouter
