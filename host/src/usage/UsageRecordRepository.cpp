#include "usage/UsageRecordRepository.h"

#include "db/PagedSelect.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

namespace gaiarouter {
namespace {

using sql::optionalInt;
using sql::text;

constexpr const char* kSelect =
    "SELECT request_id, created_at, organization_id, api_key_id, user_id, model, provider, upstream_model, status, "
    "error_code, stream, estimated, prompt_tokens, completion_tokens, total_tokens, cached_tokens, reasoning_tokens, "
    "cost_micros, latency_ms, ttft_ms, upstream_ms FROM usage_records";

UsageRecord readRecord(const Poco::Data::RecordSet& rows, std::size_t row) {
  UsageRecord r;
  r.requestId = text(rows.value(0, row));
  r.createdAtMs = optionalInt(rows.value(1, row)).value_or(0);
  r.organizationId = text(rows.value(2, row));
  r.apiKeyId = text(rows.value(3, row));
  r.userId = text(rows.value(4, row));
  r.model = text(rows.value(5, row));
  r.provider = text(rows.value(6, row));
  r.upstreamModel = text(rows.value(7, row));
  r.status = static_cast<int>(optionalInt(rows.value(8, row)).value_or(0));
  r.errorCode = text(rows.value(9, row));
  r.stream = optionalInt(rows.value(10, row)).value_or(0) != 0;
  r.estimated = optionalInt(rows.value(11, row)).value_or(0) != 0;
  r.promptTokens = optionalInt(rows.value(12, row)).value_or(0);
  r.completionTokens = optionalInt(rows.value(13, row)).value_or(0);
  r.totalTokens = optionalInt(rows.value(14, row)).value_or(0);
  r.cachedTokens = optionalInt(rows.value(15, row)).value_or(0);
  r.reasoningTokens = optionalInt(rows.value(16, row)).value_or(0);
  r.costMicros = optionalInt(rows.value(17, row)).value_or(0);
  r.latencyMs = optionalInt(rows.value(18, row)).value_or(0);
  r.ttftMs = optionalInt(rows.value(19, row));
  r.upstreamMs = optionalInt(rows.value(20, row));
  return r;
}

}  // namespace

std::optional<UsageRecord> UsageRecordRepository::find(const std::string& requestId) {
  auto session = database_.session();
  Poco::Data::Statement select(session);
  // A client may reuse an X-Request-Id; the newest record answers.
  BoundSql(kSelect).where("request_id = ?", requestId).append(" ORDER BY id DESC LIMIT 1").into(select);
  select.execute();
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  return readRecord(rows, 0);
}

Page<UsageRecord> UsageRecordRepository::list(const UsageRecordFilter& filter) {
  BoundSql where;
  // The scope first: (organization_id, created_at) and (api_key_id,
  // created_at) serve scoped pages, (created_at) the rest.
  if (!filter.apiKeyId.empty()) where.where("api_key_id = ?", filter.apiKeyId);
  if (!filter.organizationId.empty()) where.where("organization_id = ?", filter.organizationId);
  if (filter.startMs) where.where("created_at >= ?", Poco::Int64(*filter.startMs));
  if (filter.endMs) where.where("created_at < ?", Poco::Int64(*filter.endMs));
  if (!filter.model.empty()) where.where("model = ?", filter.model);
  if (!filter.provider.empty()) where.where("provider = ?", filter.provider);
  if (filter.status) where.where("status = ?", Poco::Int64(*filter.status));
  if (filter.statusClass) {
    where.where("status >= ?", Poco::Int64(*filter.statusClass * 100));
    where.where("status < ?", Poco::Int64(*filter.statusClass * 100 + 100));
  }
  if (filter.stream) where.where("stream = ?", Poco::Int64(*filter.stream ? 1 : 0));
  if (filter.errorsOnly) where.where("(status < 200 OR status >= 300 OR error_code IS NOT NULL)");
  return selectPage<UsageRecord>(database_, "usage_records", kSelect, where, "created_at DESC, id DESC", filter.page,
                                 readRecord, kCountCap);
}

}  // namespace gaiarouter
