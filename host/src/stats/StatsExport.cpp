#include "stats/StatsExport.h"

#include "management/ManagementJson.h"
#include "stats/StatsCsv.h"
#include "stats/StatsJson.h"
#include "util/Time.h"

namespace gaiarouter {
namespace {

// Only characters that are safe in a file name on every system and inside
// the quoted header value.
std::string fileSafe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (safe) out += c;
  }
  return out;
}

// ISO 8601 basic format, "20261101T000000Z": no ':' (not allowed in Windows
// file names).
std::string compactTime(int64_t ms) {
  std::string out;
  for (char c : isoUtc(ms)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace

std::string StatsDownload::contentDisposition() const { return "attachment; filename=\"" + fileName + "\""; }

std::string statsFileName(const StatsQuery& query, const char* extension) {
  const std::string scope = query.scope.kind == StatsScope::Kind::Global ? "global" : fileSafe(query.scope.id);
  return "gaiarouter-stats-" + scope + "-" + compactTime(query.startMs) + "-" + compactTime(query.endMs) + "." +
         extension;
}

StatsDownload statsDownload(const StatsResult& result, StatsFormat format) {
  StatsDownload out;
  if (format == StatsFormat::Csv) {
    out.contentType = "text/csv; charset=utf-8; header=present";
    out.fileName = statsFileName(result.query, "csv");
    out.body = statsCsv(result);
  } else {
    out.contentType = "application/json";
    out.fileName = statsFileName(result.query, "json");
    out.body = json::stringify(json::stats(result));
  }
  return out;
}

}  // namespace gaiarouter
