#include "management/CreditsHandler.h"

#include "credits/UsdAmount.h"
#include "management/JsonNumberText.h"
#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "util/Time.h"

#include <fmt/format.h>

#include <variant>

namespace gaiarouter {
namespace {

constexpr TextRule kReason{true, 1, 500};
constexpr TextRule kRequestId{false, 1, 64};
// One change moves at most a billion dollars either way: far beyond any
// real top-up, and far from overflowing the balance's 64-bit micros.
constexpr int64_t kMaxChangeUsd = 1'000'000'000;

ApiError invalidAmount(const std::string& message) {
  return ApiError::invalidRequest("'amount' " + message, "amount", "invalid_field");
}

// The amount in micro-dollars, exactly: from the number's text in the
// body, not from the parser's double. Else the 400 to answer.
std::variant<int64_t, ApiError> readAmount(const JsonInput& in, const std::string& body, const std::string& type) {
  if (!in.has("amount")) return invalidAmount("is required.");
  const auto text = topLevelLiteral(body, "amount");
  const auto micros = text ? usdToMicros(*text, kMaxChangeUsd) : std::nullopt;
  if (!micros) {
    return invalidAmount(fmt::format("must be an amount of US dollars: a number with at most 6 decimals, from -{0} to {0}.",
                                     kMaxChangeUsd));
  }
  if (type == "adjustment" && *micros == 0) return invalidAmount("must not be zero.");
  if (type != "adjustment" && *micros <= 0) return invalidAmount(fmt::format("must be positive for a {}.", type));
  return *micros;
}

}  // namespace

void CreditsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = manager(request, client, ctx);
  if (!caller) return;
  auto org = gateway_.organizations().get(param(0));
  if (!org || !caller->canSee(org->id)) return refuse(request, client, notFound("organization", param(0)));
  switch (op_) {
    case Op::Change:
      // Credits are money: an organization must not add its own.
      if (!caller->globalAdmin) return refuse(request, client, adminOnly("add or change credits"));
      return change(request, client, *caller, *org);
    case Op::Transactions: return transactions(request, client, *org);
  }
}

void CreditsHandler::change(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
                            const Organization& org) {
  auto body = readBody(request, client);
  if (!body) return;
  JsonInput in(*body, {"amount", "type", "reason", "request_id"});
  CreditChange change;
  change.organizationId = org.id;
  change.type = in.choice("type", {"topup", "adjustment", "refund"}, true).value_or("");
  change.reason = in.text("reason", kReason).value_or("");
  change.requestId = in.text("request_id", kRequestId);
  if (in.failed()) return client.sendError(*in.error());
  if (change.requestId && change.type != "refund") {
    return client.sendError(ApiError::invalidRequest("'request_id' is only for a refund.", "request_id", "invalid_field"));
  }
  auto amount = readAmount(in, *body, change.type);
  if (auto* error = std::get_if<ApiError>(&amount)) return client.sendError(*error);
  change.amountMicros = std::get<int64_t>(amount);
  change.createdBy = caller.id;

  if (org.status == "deleted") {
    return client.sendError(ApiError::conflict("A deleted organization's credits cannot be changed.", "organization_deleted"));
  }
  auto applied = gateway_.credits().change(change, wallClockMs());
  if (!applied) {  // deleted meanwhile
    return client.sendError(ApiError::conflict("A deleted organization's credits cannot be changed.", "organization_deleted"));
  }
  gateway_.creditGate().invalidate(org.id);
  send(client, 201, json::balanceTransaction(*applied));
}

void CreditsHandler::transactions(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Organization& org) {
  QueryInput query(request.getURI(), {"type", "created_after", "created_before"});
  TransactionFilter filter;
  filter.page = query.page();
  filter.type = query.choice("type", {"usage", "topup", "adjustment", "refund"});
  filter.from = query.time("created_after");
  filter.before = query.time("created_before");
  if (query.failed()) return client.sendError(*query.error());
  auto page = gateway_.credits().transactions(org.id, filter);
  send(client, 200, json::list(page, filter.page, [](const BalanceTransaction& t) { return json::balanceTransaction(t); }));
}

}  // namespace gaiarouter
