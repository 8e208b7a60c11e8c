// Organizations in the database. Every statement binds its values.
#pragma once

#include "db/Database.h"
#include "orgs/Organization.h"

#include <optional>
#include <string>

namespace gaiarouter {

class OrganizationRepository {
 public:
  explicit OrganizationRepository(Database& database) : database_(database) {}

  Organization create(const NewOrganization& request, int64_t nowMs);
  // Any status, deleted included (history is kept).
  std::optional<Organization> get(const std::string& id);
  Page<Organization> list(const OrganizationFilter& filter);
  // Applies the patch; nothing if there is no such organization or it is
  // deleted. Returns the organization as stored afterwards.
  std::optional<Organization> update(const std::string& id, const OrganizationPatch& patch, int64_t nowMs);
  // Marks it deleted. False if there is no such organization or it was
  // deleted already. Its keys stop working because verification checks the
  // organization's status.
  bool softDelete(const std::string& id, int64_t nowMs);

 private:
  Database& database_;
};

}  // namespace gaiarouter
