#include "config/YamlJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace gaiarouter {

Poco::Dynamic::Var yamlToJson(const YAML::Node& node) {
  if (node.IsMap()) {
    Poco::JSON::Object::Ptr obj = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& kv : node) obj->set(kv.first.as<std::string>(), yamlToJson(kv.second));
    return obj;
  }
  if (node.IsSequence()) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& item : node) arr->add(yamlToJson(item));
    return arr;
  }
  if (node.IsNull()) return Poco::Dynamic::Var();
  const auto& text = node.Scalar();
  if (node.Tag() != "!") {  // unquoted scalars may be numbers or booleans
    bool b;
    if (YAML::convert<bool>::decode(node, b)) return b;
    long long i;
    if (YAML::convert<long long>::decode(node, i)) return static_cast<Poco::Int64>(i);
    double d;
    if (YAML::convert<double>::decode(node, d)) return d;
  }
  return text;
}

}  // namespace gaiarouter
