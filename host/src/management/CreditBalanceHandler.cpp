#include "management/CreditBalanceHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"

namespace gaiarouter {

void CreditBalanceHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = authenticate(request, client, ctx, Access::Read);
  if (!caller) return;
  QueryInput query(request.getURI(), {"organization_id"});
  std::string organizationId = query.text("organization_id", 40);
  if (query.failed()) return client.sendError(*query.error());
  if (organizationId.empty()) organizationId = caller->organizationId.value_or("");
  if (organizationId.empty()) {
    return client.sendError(ApiError::invalidRequest(
        "The master key and global admins belong to no organization: name one with ?organization_id=.",
        "organization_id", "organization_required"));
  }
  auto credits = caller->canSee(organizationId) ? gateway_.credits().balance(organizationId) : std::nullopt;
  if (!credits) {
    auto error = ApiError::notFound("No organization with id '" + organizationId + "'.", "organization_not_found");
    error.param = "organization_id";
    return client.sendError(error);
  }
  auto data = json::object();
  // OpenRouter's fields: credits added and spent, all time, in USD.
  data->set("total_credits", json::usd(credits->totalCreditsMicros));
  data->set("total_usage", json::usd(credits->totalUsageMicros));
  data->set("balance", json::usd(credits->balanceMicros));
  data->set("balance_micros", static_cast<Poco::Int64>(credits->balanceMicros));
  data->set("enforced", credits->enforced);
  data->set("organization_id", organizationId);
  auto body = json::object();
  body->set("data", data);
  client.sendJson(200, json::stringify(body));
}

}  // namespace gaiarouter
