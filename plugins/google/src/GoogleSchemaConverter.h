// Converts an OpenAI-side JSON Schema (function parameters, json_schema
// response formats) to the OpenAPI-subset Schema that Gemini accepts.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

namespace gaiarouter::plugins::google {

class GoogleSchemaConverter {
 public:
  // Returns a new schema: keys Gemini rejects (additionalProperties, $schema,
  // strict, $defs, default, examples, ...) dropped; types upper-cased;
  // ["T","null"] and anyOf [T, {type:null}] folded into nullable; local
  // $ref ("#/$defs/X", "#/definitions/X") inlined; const turned into enum;
  // string formats Gemini does not know dropped; required limited to the
  // declared properties. Throws ProviderError(INVALID_REQUEST, param) when
  // the schema is not an object, a $ref cannot be resolved or is recursive.
  static Poco::JSON::Object::Ptr convert(const Poco::JSON::Object::Ptr& schema, const std::string& param);

 private:
  static Poco::JSON::Object::Ptr convertNode(const Poco::JSON::Object::Ptr& node,
                                             const Poco::JSON::Object::Ptr& root,
                                             const std::string& param, int depth);
  static Poco::JSON::Object::Ptr resolveRef(const std::string& ref, const Poco::JSON::Object::Ptr& root,
                                            const std::string& param);
};

}  // namespace gaiarouter::plugins::google
