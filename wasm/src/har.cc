// HAR 1.2 → snapshot (durchblick-core har). A HAR records the network only,
// so the snapshot has url, requests and cookies; texts, controls and
// overlays stay "not gathered" and their detectors are not applicable.
#include <algorithm>

#include "ascii.h"
#include "durchblick/engine.h"
#include "json_util.h"
#include "report_json.h"
#include "rules.h"
#include "url.h"
#include "utf8.h"

namespace durchblick {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// Chrome's _resourceType (DevTools names) → webRequest resource types.
std::string TypeFromDevtools(const std::string& t, bool first_document) {
  if (t == "document") return first_document ? "main_frame" : "sub_frame";
  if (t == "xhr" || t == "fetch" || t == "eventsource") return "xmlhttprequest";
  if (t == "stylesheet" || t == "image" || t == "media" || t == "font" || t == "script" ||
      t == "ping" || t == "websocket") {
    return t;
  }
  if (t == "texttrack" || t == "manifest" || t == "preflight") return "other";
  return "";
}

std::string TypeFromMime(const std::string& mime_in, bool first_document) {
  std::string mime = LowerAscii(mime_in);
  if (mime.find("html") != std::string::npos) return first_document ? "main_frame" : "sub_frame";
  if (mime.find("javascript") != std::string::npos || mime.find("ecmascript") != std::string::npos) {
    return "script";
  }
  if (mime.rfind("image/", 0) == 0) return "image";
  if (mime.find("css") != std::string::npos) return "stylesheet";
  if (mime.find("font") != std::string::npos || mime.find("woff") != std::string::npos) {
    return "font";
  }
  if (mime.rfind("video/", 0) == 0 || mime.rfind("audio/", 0) == 0) return "media";
  if (mime.find("json") != std::string::npos || mime.find("xml") != std::string::npos) {
    return "xmlhttprequest";
  }
  return "other";
}

// "id=abc; Domain=.example.com; Path=/" → name, value, domain.
bool ParseSetCookie(const std::string& header, const std::string& host, ojson* out) {
  size_t semi = header.find(';');
  std::string pair = header.substr(0, semi);
  size_t eq = pair.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  std::string domain = host;
  std::string rest = semi == std::string::npos ? "" : header.substr(semi + 1);
  std::string lower = LowerAscii(rest);
  size_t d = lower.find("domain=");
  if (d != std::string::npos) {
    size_t end = lower.find(';', d);
    domain = rest.substr(d + 7, end == std::string::npos ? std::string::npos : end - d - 7);
    while (!domain.empty() && (domain.front() == '.' || domain.front() == ' ')) domain.erase(0, 1);
    while (!domain.empty() && domain.back() == ' ') domain.pop_back();
  }
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  *out = {{"name", trim(pair.substr(0, eq))},
          {"value", TruncateUtf8(trim(pair.substr(eq + 1)), 4096)},
          {"domain", LowerAscii(domain)}};
  return true;
}

}  // namespace

std::string Engine::SnapshotFromHar(std::string_view har_json) const {
  const std::string version = rules_->version();
  if (har_json.size() > kMaxSnapshotBytes * 4) {
    return ErrorReportJson("too_large", "HAR file is larger than 256 MiB", "byte 0", version);
  }
  size_t bad = FindInvalidUtf8(har_json);
  if (bad != std::string::npos) {
    return ErrorReportJson("invalid_utf8", "HAR file is not valid UTF-8",
                           "byte " + std::to_string(bad), version);
  }
  std::string message, where;
  json har = ParseJson(har_json, &message, &where);
  if (har.is_discarded()) return ErrorReportJson("invalid_json", message, where, version);
  if (!har.is_object() || !har.contains("log") || !har["log"].is_object()) {
    return ErrorReportJson("invalid_har", "a HAR file needs a top-level \"log\" object", "log",
                           version);
  }
  const json& log = har["log"];
  if (!log.contains("entries") || !log["entries"].is_array() || log["entries"].empty()) {
    return ErrorReportJson("invalid_har", "the HAR has no entries (log.entries is missing or empty)",
                           "log.entries", version);
  }
  const json& entries = log["entries"];
  std::string page_url;
  std::string page_title;
  if (log.contains("pages") && log["pages"].is_array() && !log["pages"].empty() &&
      log["pages"][0].is_object()) {
    page_title = GetString(log["pages"][0], "title");
    if (ParseUrl(page_title).ok) page_url = page_title;
  }
  ojson requests = ojson::array(), cookies = ojson::array();
  bool seen_document = false;
  for (size_t i = 0; i < entries.size() && requests.size() < 50000; ++i) {
    const json& e = entries[i];
    if (!e.is_object() || !e.contains("request") || !e["request"].is_object()) continue;
    const json& req = e["request"];
    std::string url = GetString(req, "url");
    if (url.empty()) continue;
    const json empty = json::object();
    const json& resp = e.contains("response") && e["response"].is_object() ? e["response"] : empty;
    std::string mime;
    if (resp.contains("content") && resp["content"].is_object()) {
      mime = GetString(resp["content"], "mimeType");
    }
    std::string type = TypeFromDevtools(GetString(e, "_resourceType"), !seen_document);
    if (type.empty()) type = TypeFromMime(mime, !seen_document);
    if (type == "main_frame") {
      seen_document = true;
      if (page_url.empty()) page_url = url;
    }
    ojson r = {{"id", "r" + std::to_string(requests.size())},
               {"url", TruncateUtf8(url, 128 * 1024)},
               {"type", type},
               {"method", GetString(req, "method", "GET")}};
    if (resp.contains("status") && resp["status"].is_number()) r["status"] = resp["status"];
    if (req.contains("postData") && req["postData"].is_object()) {
      std::string body = GetString(req["postData"], "text");
      if (!body.empty()) r["postData"] = TruncateUtf8(body, 64 * 1024);
    }
    requests.push_back(std::move(r));
    Url parsed = ParseUrl(url);
    if (resp.contains("headers") && resp["headers"].is_array() && parsed.ok) {
      for (const json& h : resp["headers"]) {
        if (!h.is_object() || LowerAscii(GetString(h, "name")) != "set-cookie") continue;
        // Some recorders join several cookies with newlines in one header.
        std::string value = GetString(h, "value");
        size_t start = 0;
        while (start <= value.size() && cookies.size() < 5000) {
          size_t nl = value.find('\n', start);
          ojson c;
          if (ParseSetCookie(value.substr(start, nl - start), parsed.host, &c)) {
            cookies.push_back(std::move(c));
          }
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
      }
    }
  }
  if (requests.empty()) {
    return ErrorReportJson("invalid_har", "no entry of the HAR has a request URL", "log.entries",
                           version);
  }
  if (page_url.empty()) page_url = requests[0]["url"].get<std::string>();
  ojson snapshot = {{"schema", "durchblick.snapshot/1"}, {"url", page_url}};
  if (!page_title.empty() && page_title != page_url) snapshot["title"] = page_title;
  snapshot["source"] = "har";
  snapshot["requests"] = std::move(requests);
  snapshot["cookies"] = std::move(cookies);
  return snapshot.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace durchblick
