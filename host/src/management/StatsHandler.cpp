#include "management/StatsHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "stats/StatsExport.h"
#include "stats/StatsJson.h"
#include "stats/StatsRepository.h"
#include "util/Time.h"

#include <fmt/format.h>

namespace gaiarouter {

void StatsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto scope = authorizedScope(request, client, ctx);
  if (!scope) return;
  QueryInput query(request.getURI(), {"start", "end", "period", "group_by", "model", "provider", "format"});
  // QueryInput always accepts a listing's page and limit; this is no listing.
  for (const char* listing : {"page", "limit"}) {
    if (query.has(listing)) {
      return client.sendError(ApiError::invalidRequest(fmt::format("Unknown query parameter '{}'.", listing), listing,
                                                       "unknown_parameter"));
    }
  }
  const std::string format = query.choice("format", {"csv", "json"});
  auto parsed = StatsQuery::parse(query, *scope, wallClockMs());
  if (auto* error = std::get_if<ApiError>(&parsed)) return client.sendError(*error);

  const StatsResult result = StatsRepository(gateway_.database()).query(std::get<StatsQuery>(parsed));
  if (format.empty()) return send(client, 200, json::stats(result));
  const StatsDownload download = statsDownload(result, format == "csv" ? StatsFormat::Csv : StatsFormat::Json);
  client.sendBody(200, download.contentType, download.body, {{"Content-Disposition", download.contentDisposition()}});
}

std::optional<StatsScope> StatsHandler::authorizedScope(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                                        RequestContext& ctx) {
  switch (op_) {
    case Op::Global: {
      auto caller = manager(request, client, ctx);
      if (!caller) return std::nullopt;
      if (!caller->globalAdmin) {
        client.sendError(adminOnly("read the statistics of every organization"));
        return std::nullopt;
      }
      return StatsScope{StatsScope::Kind::Global, ""};
    }
    case Op::Organization: {
      auto caller = manager(request, client, ctx);
      if (!caller) return std::nullopt;
      auto org = gateway_.organizations().get(param(0));
      if (!org || !caller->canSee(org->id)) {
        client.sendError(notFound("organization", param(0)));
        return std::nullopt;
      }
      return StatsScope{StatsScope::Kind::Organization, org->id};
    }
    case Op::ApiKey: {
      auto caller = keyStatsCaller(request, client, ctx);
      if (!caller) return std::nullopt;
      auto key = gateway_.apiKeys().get(param(0));
      if (!key || !caller->canSee(key->organizationId)) {
        client.sendError(notFound("api_key", param(0)));
        return std::nullopt;
      }
      return StatsScope{StatsScope::Kind::ApiKey, key->id};
    }
  }
  return std::nullopt;
}

std::optional<Principal> StatsHandler::keyStatsCaller(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                                      RequestContext& ctx) {
  auto asManager = gateway_.authenticator().authenticate(request, Access::Admin);
  if (auto* principal = std::get_if<Principal>(&asManager)) {
    ctx.caller = principal->id;
    return std::move(*principal);
  }
  const ApiError refusal = std::get<ApiError>(asManager);
  if (refusal.status == 403) {
    // A key without 'admin': its own statistics need only 'read'.
    auto asReader = gateway_.authenticator().authenticate(request, Access::Read);
    auto* principal = std::get_if<Principal>(&asReader);
    if (principal && principal->key && principal->id == param(0)) {
      ctx.caller = principal->id;
      return std::move(*principal);
    }
  }
  refuse(request, client, refusal);
  return std::nullopt;
}

}  // namespace gaiarouter
