#include "console/ConsoleHandler.h"

#include "console/AcceptEncoding.h"
#include "console/ConsoleContentType.h"

#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gaiarouter {
namespace {

namespace fs = std::filesystem;

constexpr const char* kText = "text/plain; charset=utf-8";

// The console holds an administrator's token: its page may run only its own
// scripts and styles and talk only to this gateway. (Vue and Arco set styles
// through the CSSOM, which style-src does not restrict; icons may be data:
// URLs.)
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// Changes whenever the file is replaced (a new build), without reading it.
std::string entityTag(const fs::path& file) {
  const auto size = fs::file_size(file);
  // The file clock's epoch is not the Unix one (ticks may be negative); only
  // a change matters.
  const auto modified = static_cast<uint64_t>(fs::last_write_time(file).time_since_epoch().count());
  return fmt::format("\"{:x}-{:x}\"", size, modified);
}

bool matches(const std::string& ifNoneMatch, const std::string& tag) {
  return ifNoneMatch == "*" || ifNoneMatch.find(tag) != std::string::npos;
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

void ConsoleHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  const auto resolved = files_.resolve(request.getURI());
  if (resolved.outcome != ConsoleFiles::Outcome::File) {
    const HeaderList headers{{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-cache"}};
    if (resolved.outcome == ConsoleFiles::Outcome::BadPath) return client.sendBody(400, kText, "Bad path.\n", headers);
    const char* text = files_.built() ? "Not found.\n"
                                      : "The admin console is not built. Run scripts/run (it builds admin-ui/), "
                                        "or set console.path to a folder with index.html.\n";
    return client.sendBody(404, kText, text, headers);
  }
  // The build writes "<file>.gz" beside the larger text files (the console's
  // scripts shrink to a quarter); clients that take gzip get those bytes.
  const auto& gzipped = resolved.gzipped;
  const bool compressed = gzipped && acceptsGzip(request.get("Accept-Encoding", ""));
  const fs::path& body = compressed ? *gzipped : resolved.file;
  const std::string tag = entityTag(body);
  HeaderList headers{{"X-Content-Type-Options", "nosniff"},
                     {"Cache-Control", resolved.immutable ? "public, max-age=31536000, immutable" : "no-cache"},
                     {"ETag", tag}};
  if (gzipped) headers.emplace_back("Vary", "Accept-Encoding");
  if (compressed) headers.emplace_back("Content-Encoding", "gzip");
  if (resolved.file.filename() == "index.html") {
    headers.emplace_back("X-Frame-Options", "DENY");
    headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  if (matches(request.get("If-None-Match", ""), tag)) {
    auto& response = request.response();
    ctx.status = 304;
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
    for (const auto& [name, value] : headers) response.set(name, value);
    response.send();
    return;
  }
  client.sendBody(200, consoleContentType(resolved.file), readFile(body), headers);
}

}  // namespace gaiarouter
