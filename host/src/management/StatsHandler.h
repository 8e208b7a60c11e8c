// GET /v1/stats (every organization), /v1/organizations/{id}/stats and
// /v1/api-keys/{id}/stats: usage totals and a series over a range of whole
// UTC hours, as JSON or as a CSV/JSON download (format=csv|json).
//
// Callers: global statistics need the master key or an admin user. An
// organization's and a key's statistics: managers who can see the
// organization (others get 404). A key may also read its own statistics
// with just the 'read' permission.
#pragma once

#include "management/ManagementHandler.h"
#include "stats/StatsQuery.h"

namespace gaiarouter {

class StatsHandler final : public ManagementHandler {
 public:
  enum class Op { Global, Organization, ApiKey };
  StatsHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  // Whose usage the caller may read here; else the refusal is answered.
  std::optional<StatsScope> authorizedScope(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                            RequestContext& ctx);
  // A manager, or a key asking about itself with 'read'; else refused.
  std::optional<Principal> keyStatsCaller(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                          RequestContext& ctx);

  Op op_;
};

}  // namespace gaiarouter
