#include "stats/StatsCsv.h"

#include "management/ManagementJson.h"
#include "stats/StatsJson.h"
#include "util/Time.h"

#include <fmt/format.h>

#include <vector>

namespace gaiarouter {
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr const char* kLineEnd = "\r\n";

// A JSON number as a plain decimal (never "1e-05", which some spreadsheets
// read as text): at most six decimals, trailing zeros dropped. USD amounts
// are whole micro-dollars, so six decimals are exact.
std::string numberField(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "";
  if (v.isInteger()) return std::to_string(v.convert<Poco::Int64>());
  std::string s = fmt::format("{:.6f}", v.convert<double>());
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

const char* groupColumn(StatsGrouping grouping) {
  switch (grouping) {
    case StatsGrouping::Model: return "model";
    case StatsGrouping::Provider: return "provider";
    case StatsGrouping::Key: return "api_key_id";
    default: return nullptr;
  }
}

void writeRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i];
  }
  out += kLineEnd;
}

}  // namespace

std::string csvTextField(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) cell = "'" + cell;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string statsCsv(const StatsResult& result) {
  const StatsQuery& q = result.query;
  const char* group = groupColumn(q.groupBy);
  // The figure columns: the JSON answer's, in its order.
  const auto names = json::statsFigures(StatsFigures{}, json::object())->getNames();

  std::string out = kBom;
  std::vector<std::string> header = {"row", "start", "end"};
  if (group) header.emplace_back(group);
  header.insert(header.end(), names.begin(), names.end());
  writeRow(out, header);

  auto row = [&](const char* kind, int64_t start, int64_t end, const std::string* groupValue,
                 const StatsFigures& figures) {
    std::vector<std::string> fields = {kind, isoUtc(start), isoUtc(end)};
    if (group) fields.push_back(groupValue ? csvTextField(*groupValue) : "");
    auto values = json::statsFigures(figures, json::object());
    for (const auto& name : names) fields.push_back(numberField(values->get(name)));
    writeRow(out, fields);
  };
  for (const auto& entry : result.series) {
    if (group) {
      row("series", q.startMs, q.endMs, &entry.group, entry.figures);
    } else {
      row("series", entry.startMs, entry.endMs, nullptr, entry.figures);
    }
  }
  row("total", q.startMs, q.endMs, nullptr, result.totals);
  return out;
}

}  // namespace gaiarouter
