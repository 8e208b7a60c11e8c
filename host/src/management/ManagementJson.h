// How management objects look on the wire. Times are ISO 8601 UTC strings,
// money is US dollars as a JSON number (stored as micro-dollars), secrets
// and password hashes never appear.
#pragma once

#include "credits/BalanceTransaction.h"
#include "db/Page.h"
#include "keys/ApiKey.h"
#include "limits/UsageCounterRepository.h"
#include "orgs/Organization.h"
#include "users/User.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace gaiarouter::json {

Poco::JSON::Object::Ptr object();
Poco::Dynamic::Var time(const std::optional<int64_t>& ms);
Poco::Dynamic::Var usd(const std::optional<int64_t>& micros);
Poco::Dynamic::Var count(const std::optional<int64_t>& n);
Poco::Dynamic::Var text(const std::optional<std::string>& s);

Poco::JSON::Object::Ptr apiKey(const ApiKey& key);
Poco::JSON::Object::Ptr organization(const Organization& org);
Poco::JSON::Object::Ptr balanceTransaction(const BalanceTransaction& t);
Poco::JSON::Object::Ptr user(const User& user);
Poco::JSON::Object::Ptr usage(const UsageTotals& totals);

// {"object":"list","data":[…],"page":…,"limit":…,"total":…,"has_more":…}
template <typename T, typename Describe>
Poco::JSON::Object::Ptr list(const Page<T>& page, const PageRequest& request, Describe describe) {
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const auto& item : page.items) data->add(describe(item));
  auto out = object();
  out->set("object", "list");
  out->set("data", data);
  out->set("page", request.page);
  out->set("limit", request.limit);
  out->set("total", static_cast<Poco::Int64>(page.total));
  out->set("has_more", static_cast<int64_t>(request.page) * request.limit < page.total);
  return out;
}

std::string stringify(const Poco::JSON::Object::Ptr& object);

}  // namespace gaiarouter::json
