// /v1/organizations: create, list, get, update and delete (soft)
// organizations. Administrators see all; others only their own.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class OrganizationsHandler final : public ManagementHandler {
 public:
  enum class Op { Create, List, Get, Update, Delete };
  OrganizationsHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void create(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  void list(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller);
  void update(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller);
  void remove(ClientChannel& client, const Principal& caller);
  std::optional<Organization> visible(ClientChannel& client, const Principal& caller, const std::string& id);
  // The org-admin must be an active user of this organization (or of none,
  // in which case they join it). Answers the error and returns false if not.
  bool checkAdminUser(ClientChannel& client, const std::string& userId, const std::optional<std::string>& organizationId);

  Op op_;
};

}  // namespace gaiarouter
