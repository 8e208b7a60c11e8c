#include "proxy/UsageCost.h"

#include "models/ModelCost.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace gaiarouter {
namespace {

int64_t count(const Poco::JSON::Object::Ptr& object, const char* key) {
  if (!object || !object->has(key) || object->isNull(key)) return 0;
  try {
    return object->getValue<Poco::Int64>(key);
  } catch (const Poco::Exception&) {
    return 0;
  }
}

}  // namespace

bool mayCarryUsage(std::string_view chunk) { return chunk.find("\"usage\"") != std::string_view::npos; }

std::string withUsageCost(std::string_view json, const ModelPricing& pricing) {
  Poco::JSON::Object::Ptr root;
  try {
    Poco::JSON::Parser parser;
    parser.setAllowNullByte(false);
    root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    return std::string(json);
  }
  auto usage = root ? root->getObject("usage") : nullptr;
  if (!usage) return std::string(json);
  gr_usage u{};
  u.struct_size = sizeof u;
  u.prompt_tokens = count(usage, "prompt_tokens");
  u.completion_tokens = count(usage, "completion_tokens");
  u.cached_prompt_tokens = count(usage->getObject("prompt_tokens_details"), "cached_tokens");
  u.cost_usd = -1;
  usage->set("cost", static_cast<double>(costMicros(pricing, u)) / 1e6);
  std::ostringstream out;
  root->stringify(out);
  return out.str();
}

}  // namespace gaiarouter
