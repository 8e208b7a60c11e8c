#include "GoogleSchemaConverter.h"

#include "GoogleJson.h"

#include <gaiarouter/plugin.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace gaiarouter::plugins::google {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr int kMaxDepth = 64;

[[noreturn]] void reject(const std::string& message, const std::string& param) {
  throw sdk::ProviderError(GR_ERROR_INVALID_REQUEST, message, param);
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

bool knownFormat(const std::string& format) {
  static const std::array<const char*, 6> kFormats{"enum", "date-time", "float", "double", "int32", "int64"};
  return std::any_of(kFormats.begin(), kFormats.end(), [&](const char* f) { return format == f; });
}

// True for {"type":"null"} (nothing else that constrains the value).
bool isNullSchema(const Object::Ptr& s) {
  if (!s) return false;
  const auto type = GoogleJson::asString(s->get("type"));
  return type && *type == "null";
}

// Copies every key of `from` that `into` does not have yet.
void mergeMissing(Object::Ptr into, const Object::Ptr& from) {
  for (const auto& name : from->getNames()) {
    if (name == "properties" && into->has("properties")) {
      auto target = into->getObject("properties");
      auto source = from->getObject("properties");
      if (target && source) {
        for (const auto& p : source->getNames()) {
          if (!target->has(p)) target->set(p, source->get(p));
        }
      }
    } else if (name == "required" && into->has("required")) {
      auto target = into->getArray("required");
      auto source = from->getArray("required");
      if (target && source) {
        for (std::size_t i = 0; i < source->size(); ++i) target->add(source->get(i));
      }
    } else if (!into->has(name)) {
      into->set(name, from->get(name));
    }
  }
}

}  // namespace

Object::Ptr GoogleSchemaConverter::convert(const Object::Ptr& schema, const std::string& param) {
  if (!schema) reject("schema must be a JSON object", param);
  return convertNode(schema, schema, param, 0);
}

Object::Ptr GoogleSchemaConverter::resolveRef(const std::string& ref, const Object::Ptr& root,
                                             const std::string& param) {
  for (const std::string prefix : {"#/$defs/", "#/definitions/"}) {
    if (ref.rfind(prefix, 0) == 0) {
      auto defs = root->getObject(prefix.substr(2, prefix.size() - 3));
      auto target = defs ? defs->getObject(ref.substr(prefix.size())) : Object::Ptr{};
      if (target) return target;
      break;
    }
  }
  if (ref == "#") return root;
  reject("cannot resolve schema reference '" + ref + "'", param);
}

Object::Ptr GoogleSchemaConverter::convertNode(const Object::Ptr& node, const Object::Ptr& root,
                                              const std::string& param, int depth) {
  if (depth > kMaxDepth) reject("schema is nested too deeply or has a recursive $ref", param);
  Object::Ptr out = GoogleJson::object();

  if (auto ref = GoogleJson::asString(node->get("$ref"))) {
    out = convertNode(resolveRef(*ref, root, param), root, param, depth + 1);
    if (auto description = GoogleJson::asString(node->get("description"))) out->set("description", *description);
    return out;
  }

  auto sub = [&](const Var& value, const std::string& key) -> Object::Ptr {
    auto obj = GoogleJson::asObject(value);
    if (!obj) reject("schema keyword '" + key + "' must hold a schema object", param);
    return convertNode(obj, root, param, depth + 1);
  };

  for (const auto& key : node->getNames()) {
    const Var value = node->get(key);
    if (key == "type") {
      if (auto type = GoogleJson::asString(value)) {
        if (*type == "null") {
          out->set("nullable", true);
        } else {
          out->set("type", upper(*type));
        }
      } else if (auto types = GoogleJson::asArray(value)) {
        std::vector<std::string> nonNull;
        bool nullable = false;
        for (std::size_t i = 0; i < types->size(); ++i) {
          auto t = GoogleJson::asString(types->get(i));
          if (!t) reject("schema 'type' entries must be strings", param);
          if (*t == "null") {
            nullable = true;
          } else {
            nonNull.push_back(upper(*t));
          }
        }
        if (nonNull.size() == 1) {
          out->set("type", nonNull.front());
        } else if (nonNull.size() > 1) {
          Array::Ptr anyOf = GoogleJson::array();
          for (const auto& t : nonNull) {
            Object::Ptr alt = GoogleJson::object();
            alt->set("type", t);
            anyOf->add(alt);
          }
          out->set("anyOf", anyOf);
        }
        if (nullable) out->set("nullable", true);
      } else {
        reject("schema 'type' must be a string or an array of strings", param);
      }
    } else if (key == "anyOf" || key == "oneOf") {
      auto alternatives = GoogleJson::asArray(value);
      if (!alternatives) reject("schema '" + key + "' must be an array", param);
      Array::Ptr kept = GoogleJson::array();
      bool nullable = false;
      for (std::size_t i = 0; i < alternatives->size(); ++i) {
        if (isNullSchema(GoogleJson::asObject(alternatives->get(i)))) {
          nullable = true;
          continue;
        }
        kept->add(sub(alternatives->get(i), key));
      }
      if (kept->size() == 1) {
        mergeMissing(out, kept->getObject(0));
      } else if (kept->size() > 1) {
        out->set("anyOf", kept);
      }
      if (nullable) out->set("nullable", true);
    } else if (key == "allOf") {
      auto parts = GoogleJson::asArray(value);
      if (!parts) reject("schema 'allOf' must be an array", param);
      for (std::size_t i = 0; i < parts->size(); ++i) mergeMissing(out, sub(parts->get(i), key));
    } else if (key == "properties") {
      auto props = GoogleJson::asObject(value);
      if (!props) reject("schema 'properties' must be an object", param);
      Object::Ptr converted = GoogleJson::object();
      for (const auto& name : props->getNames()) converted->set(name, sub(props->get(name), key));
      out->set("properties", converted);
    } else if (key == "items") {
      if (auto tuple = GoogleJson::asArray(value)) {
        if (tuple->size() > 0) out->set("items", sub(tuple->get(0), key));
      } else {
        out->set("items", sub(value, key));
      }
    } else if (key == "required") {
      auto names = GoogleJson::asArray(value);
      if (!names) reject("schema 'required' must be an array", param);
      Array::Ptr copy = GoogleJson::array();
      for (std::size_t i = 0; i < names->size(); ++i) copy->add(names->get(i));
      out->set("required", copy);  // filtered against properties below
    } else if (key == "enum" || key == "const") {
      auto values = GoogleJson::asArray(value);
      if (key == "const") {
        values = GoogleJson::array();
        values->add(value);
      }
      if (!values) reject("schema 'enum' must be an array", param);
      Array::Ptr strings = GoogleJson::array();
      for (std::size_t i = 0; i < values->size(); ++i) {
        const Var v = values->get(i);
        if (v.isEmpty()) {
          out->set("nullable", true);
        } else if (v.isString()) {
          strings->add(v);
        } else {
          strings->add(GoogleJson::stringify(v));  // Gemini enums are strings
        }
      }
      out->set("enum", strings);
    } else if (key == "format") {
      auto format = GoogleJson::asString(value);
      if (format && knownFormat(*format)) out->set("format", *format);
    } else if (key == "description" || key == "title" || key == "pattern") {
      if (value.isString()) out->set(key, value);
    } else if (key == "nullable") {
      if (value.isBoolean()) out->set(key, value);
    } else if (key == "minItems" || key == "maxItems" || key == "minLength" || key == "maxLength" ||
               key == "minProperties" || key == "maxProperties" || key == "minimum" || key == "maximum") {
      if (GoogleJson::asNumber(value)) out->set(key, value);
    } else if (key == "propertyOrdering") {
      if (GoogleJson::asArray(value)) out->set(key, value);
    }
    // Everything else ($schema, $id, $defs, definitions, additionalProperties,
    // strict, default, examples, exclusiveMinimum, ...) is not part of
    // Gemini's Schema and is dropped.
  }

  if (out->has("enum") && !out->has("type")) out->set("type", std::string("STRING"));

  if (auto required = out->getArray("required")) {
    auto props = out->getObject("properties");
    Array::Ptr kept = GoogleJson::array();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < required->size(); ++i) {
      auto name = GoogleJson::asString(required->get(i));
      if (!name) reject("schema 'required' entries must be strings", param);
      if ((!props || props->has(*name)) && seen.insert(*name).second) kept->add(*name);
    }
    if (kept->size() > 0) {
      out->set("required", kept);
    } else {
      out->remove("required");
    }
  }
  return out;
}

}  // namespace gaiarouter::plugins::google
