#include "db/Migration.h"

namespace gaiarouter {

// Conventions: ids are strings ("org_…", "key_…", "usr_…"); times are UTC
// milliseconds since the epoch (BIGINT); money is integer micro-dollars;
// soft deletes set status 'deleted' and deleted_at. Indexed text columns are
// VARCHAR (MySQL cannot index TEXT without a length).
const std::vector<Migration>& schemaMigrations() {
  static const std::vector<Migration> migrations = {
      {1,
       "organizations, users and API keys",
       {
           R"(CREATE TABLE organizations (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  description TEXT,
  admin_user_id VARCHAR(40),
  status VARCHAR(16) NOT NULL,
  monthly_request_limit BIGINT,
  monthly_token_limit BIGINT,
  monthly_cost_limit_micros BIGINT,
  yearly_request_limit BIGINT,
  yearly_token_limit BIGINT,
  yearly_cost_limit_micros BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
){TABLE_OPTIONS})",
           "CREATE INDEX idx_organizations_status ON organizations (status)",
           "CREATE INDEX idx_organizations_name ON organizations (name)",
           R"(CREATE TABLE users (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(200) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL,
  organization_id VARCHAR(40),
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
){TABLE_OPTIONS})",
           "CREATE UNIQUE INDEX idx_users_email ON users (email)",
           "CREATE INDEX idx_users_organization ON users (organization_id)",
           R"(CREATE TABLE api_keys (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  organization_id VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  description TEXT,
  key_hash CHAR(64) NOT NULL,
  key_prefix VARCHAR(16) NOT NULL,
  permissions VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  expires_at BIGINT,
  monthly_request_limit BIGINT,
  monthly_token_limit BIGINT,
  monthly_cost_limit_micros BIGINT,
  last_used_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
){TABLE_OPTIONS})",
           "CREATE UNIQUE INDEX idx_api_keys_hash ON api_keys (key_hash)",
           "CREATE INDEX idx_api_keys_organization ON api_keys (organization_id, created_at)",
           "CREATE INDEX idx_api_keys_status ON api_keys (status, created_at)",
       }},
      {2,
       "usage counters for limits; key creator",
       {
           // One row per scope (organization or key) and period: "2026-11"
           // (UTC month) or "2026" (UTC year). Limits read these at start-up.
           R"(CREATE TABLE usage_counters (
  scope VARCHAR(8) NOT NULL,
  scope_id VARCHAR(40) NOT NULL,
  period VARCHAR(8) NOT NULL,
  requests BIGINT NOT NULL,
  tokens BIGINT NOT NULL,
  cost_micros BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (scope, scope_id, period)
){TABLE_OPTIONS})",
           "CREATE INDEX idx_usage_counters_period ON usage_counters (period)",
           "ALTER TABLE api_keys ADD COLUMN created_by VARCHAR(40)",
       }},
  };
  return migrations;
}

}  // namespace gaiarouter
