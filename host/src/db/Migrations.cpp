#include "db/Migration.h"

#include <string>

namespace gaiarouter {

// Conventions: ids are strings ("org_…", "key_…", "usr_…"); times are UTC
// milliseconds since the epoch (BIGINT); money is integer micro-dollars;
// soft deletes set status 'deleted' and deleted_at. Indexed text columns are
// VARCHAR (MySQL cannot index TEXT without a length).
namespace {

// usage_daily has usage_hourly's columns, per UTC day instead of hour.
std::string dailyAggregateTable() {
  std::string sql =
      "CREATE TABLE usage_daily (\n  day_start BIGINT NOT NULL,\n  organization_id VARCHAR(40) NOT NULL,\n"
      "  api_key_id VARCHAR(40) NOT NULL,\n  model VARCHAR(200) NOT NULL,\n  provider VARCHAR(64) NOT NULL";
  for (const char* column : {"requests", "errors", "prompt_tokens", "completion_tokens", "total_tokens",
                             "cached_tokens", "reasoning_tokens", "cost_micros", "latency_sum_ms", "latency_max_ms",
                             "ttft_count", "ttft_sum_ms", "ttft_max_ms"}) {
    sql += std::string(",\n  ") + column + " BIGINT NOT NULL";
  }
  for (const char* histogram : {"latency", "ttft"}) {
    for (int b = 0; b < 16; ++b) sql += ",\n  " + std::string(histogram) + "_b" + std::to_string(b) + " BIGINT NOT NULL";
  }
  return sql + ",\n  PRIMARY KEY (day_start, organization_id, api_key_id, model, provider)\n){TABLE_OPTIONS}";
}

// The days already in usage_hourly, summed into usage_daily.
std::string dailyAggregateBackfill() {
  std::string columns, sums;
  for (const char* column : {"requests", "errors", "prompt_tokens", "completion_tokens", "total_tokens",
                             "cached_tokens", "reasoning_tokens", "cost_micros", "latency_sum_ms", "ttft_count",
                             "ttft_sum_ms"}) {
    columns += std::string(", ") + column;
    sums += std::string(", SUM(") + column + ")";
  }
  for (const char* column : {"latency_max_ms", "ttft_max_ms"}) {
    columns += std::string(", ") + column;
    sums += std::string(", MAX(") + column + ")";
  }
  for (const char* histogram : {"latency", "ttft"}) {
    for (int b = 0; b < 16; ++b) {
      const std::string column = std::string(histogram) + "_b" + std::to_string(b);
      columns += ", " + column;
      sums += ", SUM(" + column + ")";
    }
  }
  return "INSERT INTO usage_daily (day_start, organization_id, api_key_id, model, provider" + columns +
         ") SELECT hour_start - hour_start % 86400000, organization_id, api_key_id, model, provider" + sums +
         " FROM usage_hourly GROUP BY hour_start - hour_start % 86400000, organization_id, api_key_id, model, provider";
}

}  // namespace

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
      {3,
       "usage records, hourly and daily aggregates, credits",
       {
           // One row per chat request (usage/UsageRecord.h). Kept for
           // usage.retention_days; the aggregates below are kept for good.
           R"(CREATE TABLE usage_records (
  id {AUTO_ID},
  request_id VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  organization_id VARCHAR(40),
  api_key_id VARCHAR(40),
  user_id VARCHAR(40),
  model VARCHAR(200) NOT NULL,
  provider VARCHAR(64) NOT NULL,
  upstream_model VARCHAR(200) NOT NULL,
  status INTEGER NOT NULL,
  error_code VARCHAR(64),
  stream SMALLINT NOT NULL,
  estimated SMALLINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  cached_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_micros BIGINT NOT NULL,
  latency_ms BIGINT NOT NULL,
  ttft_ms BIGINT,
  upstream_ms BIGINT
){TABLE_OPTIONS})",
           // Activity pages (newest first, optionally per organization or
           // key), generation lookup, retention.
           "CREATE INDEX idx_usage_records_created ON usage_records (created_at)",
           "CREATE INDEX idx_usage_records_org ON usage_records (organization_id, created_at)",
           "CREATE INDEX idx_usage_records_key ON usage_records (api_key_id, created_at)",
           "CREATE INDEX idx_usage_records_request ON usage_records (request_id)",
           // Per UTC hour, organization, key, model and provider: what every
           // statistics query reads. '' stands for none (the master key).
           // Latency and time-to-first-token histograms: bucket bounds in
           // usage/LatencyHistogram.h.
           R"(CREATE TABLE usage_hourly (
  hour_start BIGINT NOT NULL,
  organization_id VARCHAR(40) NOT NULL,
  api_key_id VARCHAR(40) NOT NULL,
  model VARCHAR(200) NOT NULL,
  provider VARCHAR(64) NOT NULL,
  requests BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  cached_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_micros BIGINT NOT NULL,
  latency_sum_ms BIGINT NOT NULL,
  latency_max_ms BIGINT NOT NULL,
  ttft_count BIGINT NOT NULL,
  ttft_sum_ms BIGINT NOT NULL,
  ttft_max_ms BIGINT NOT NULL,
  latency_b0 BIGINT NOT NULL,
  latency_b1 BIGINT NOT NULL,
  latency_b2 BIGINT NOT NULL,
  latency_b3 BIGINT NOT NULL,
  latency_b4 BIGINT NOT NULL,
  latency_b5 BIGINT NOT NULL,
  latency_b6 BIGINT NOT NULL,
  latency_b7 BIGINT NOT NULL,
  latency_b8 BIGINT NOT NULL,
  latency_b9 BIGINT NOT NULL,
  latency_b10 BIGINT NOT NULL,
  latency_b11 BIGINT NOT NULL,
  latency_b12 BIGINT NOT NULL,
  latency_b13 BIGINT NOT NULL,
  latency_b14 BIGINT NOT NULL,
  latency_b15 BIGINT NOT NULL,
  ttft_b0 BIGINT NOT NULL,
  ttft_b1 BIGINT NOT NULL,
  ttft_b2 BIGINT NOT NULL,
  ttft_b3 BIGINT NOT NULL,
  ttft_b4 BIGINT NOT NULL,
  ttft_b5 BIGINT NOT NULL,
  ttft_b6 BIGINT NOT NULL,
  ttft_b7 BIGINT NOT NULL,
  ttft_b8 BIGINT NOT NULL,
  ttft_b9 BIGINT NOT NULL,
  ttft_b10 BIGINT NOT NULL,
  ttft_b11 BIGINT NOT NULL,
  ttft_b12 BIGINT NOT NULL,
  ttft_b13 BIGINT NOT NULL,
  ttft_b14 BIGINT NOT NULL,
  ttft_b15 BIGINT NOT NULL,
  PRIMARY KEY (hour_start, organization_id, api_key_id, model, provider)
){TABLE_OPTIONS})",
           "CREATE INDEX idx_usage_hourly_org ON usage_hourly (organization_id, hour_start)",
           "CREATE INDEX idx_usage_hourly_key ON usage_hourly (api_key_id, hour_start)",
           // Per UTC day and model: the rankings.
           R"(CREATE TABLE usage_daily_models (
  day_start BIGINT NOT NULL,
  model VARCHAR(200) NOT NULL,
  provider VARCHAR(64) NOT NULL,
  requests BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  cost_micros BIGINT NOT NULL,
  PRIMARY KEY (day_start, model, provider)
){TABLE_OPTIONS})",
           // Credits: the balance on the organization, every change in the
           // ledger, which always sums to it.
           "ALTER TABLE organizations ADD COLUMN credit_balance_micros BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE organizations ADD COLUMN credit_enforced SMALLINT NOT NULL DEFAULT 0",
           R"(CREATE TABLE balance_transactions (
  id {AUTO_ID},
  organization_id VARCHAR(40) NOT NULL,
  amount_micros BIGINT NOT NULL,
  balance_after_micros BIGINT NOT NULL,
  type VARCHAR(16) NOT NULL,
  reason TEXT,
  request_id VARCHAR(64),
  created_by VARCHAR(40),
  created_at BIGINT NOT NULL
){TABLE_OPTIONS})",
           "CREATE INDEX idx_balance_transactions_org ON balance_transactions (organization_id, id)",
           "CREATE INDEX idx_balance_transactions_request ON balance_transactions (request_id)",
       }},
      {4,
       "daily usage aggregates",
       {
           // Statistics over whole days read these: 24 times fewer rows than
           // usage_hourly, which still serves the hours at a range's ends.
           dailyAggregateTable(),
           dailyAggregateBackfill(),
           "CREATE INDEX idx_usage_daily_org ON usage_daily (organization_id, day_start)",
           "CREATE INDEX idx_usage_daily_key ON usage_daily (api_key_id, day_start)",
       }},
  };
  return migrations;
}

}  // namespace gaiarouter
