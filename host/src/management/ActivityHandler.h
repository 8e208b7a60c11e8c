// Per-request usage: GET /v1/generation?id=… (one request's record, as
// OpenRouter offers), GET /v1/activity (the newest records, filtered and
// paged) and GET /v1/rankings (models by tokens).
//
// Callers: anyone with 'read'. The master key and admin users see every
// record; other users and keys with 'admin' see their organization's; a key
// without 'admin' sees only its own requests. Rankings hold model-level
// totals only, for every caller.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class ActivityHandler final : public ManagementHandler {
 public:
  enum class Op { Generation, Activity, Rankings };
  ActivityHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  // Whose records the caller may see: "" for any, else that organization or key.
  struct Visibility {
    std::string organizationId;
    std::string apiKeyId;
  };
  static Visibility visibility(const Principal& caller);

  void generation(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Visibility& visible);
  void activity(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
                const Visibility& visible);
  void rankings(Poco::Net::HTTPServerRequest& request, ClientChannel& client);

  Op op_;
};

}  // namespace gaiarouter
