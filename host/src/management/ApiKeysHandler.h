// /v1/api-keys and /v1/organizations/{id}/api-keys: create (the secret is
// answered once), list, get, update, move, revoke.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class ApiKeysHandler final : public ManagementHandler {
 public:
  enum class Op { Create, List, Get, Update, Delete, CreateInOrganization, ListInOrganization, RemoveFromOrganization };
  ApiKeysHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void create(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
              const std::optional<std::string>& pathOrganization);
  void list(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
            const std::optional<std::string>& pathOrganization);
  void update(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller);
  void remove(ClientChannel& client, const Principal& caller, const std::string& keyId,
              const std::optional<std::string>& pathOrganization);
  // The key if it exists and the caller may see it; else 404 answered.
  std::optional<ApiKey> visibleKey(ClientChannel& client, const Principal& caller, const std::string& id);

  Op op_;
};

}  // namespace gaiarouter
