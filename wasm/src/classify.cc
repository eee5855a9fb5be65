#include "classify.h"

namespace durchblick {
namespace {

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

}  // namespace

RequestContext RequestContext::ForPage(std::string_view page_url) {
  RequestContext c;
  Url u = ParseUrl(page_url);
  if (u.ok) c.page_host = u.host;
  return c;
}

std::string_view RequestVerdict::Company() const {
  if (entity != nullptr) return entity->company;
  if (endpoint != nullptr) return endpoint->vendor->company;
  return {};
}

void ClassifyRequest(const RequestContext& page, std::string_view url, std::string_view type,
                     const RuleSet& rules, RequestVerdict* out) {
  out->ok = false;
  out->filter = FilterVerdict();
  out->third_party = false;
  out->entity = nullptr;
  out->category = {};
  out->tracker = false;
  out->endpoint = nullptr;
  out->host = {};
  UrlParts parts = SplitUrl(url);
  if (!parts.ok) {
    out->skip_reason = parts.reason;
    return;
  }
  out->ok = true;
  out->skip_reason = "";
  if (HasUpper(parts.host)) {
    LowerHost(parts.host, &out->host_buffer);
    out->host = out->host_buffer;
  } else {
    out->host = parts.host;
  }
  const TrackerRules& trackers = rules.trackers();
  out->entity = trackers.EntityForHost(out->host);
  if (out->entity != nullptr) out->category = out->entity->category;
  out->third_party = page.page_host.empty() || !trackers.SameParty(page.page_host, out->host);
  out->tracker = out->third_party && out->entity != nullptr &&
                 trackers.Tracking(out->entity->category);
  if (out->third_party) {
    out->endpoint = rules.retargeting().Match(out->host, parts.path, parts.query);
  }
  out->filter = rules.filters().Classify(url, page.page_host, type, trackers.psl());
}

std::string DescribeVerdict(const RequestVerdict& v) {
  if (!v.ok) return std::string("skipped: ") + v.skip_reason;
  std::string out = v.third_party ? "third party" : "first party (same site or owner)";
  if (v.entity != nullptr) {
    out += "; " + v.entity->company + " (" + v.entity->category + ", third-party-web entity " +
           v.entity->name + ")";
  } else {
    out += "; company unknown to the lists";
  }
  if (IsIpAddress(v.host)) out += "; IP address host";
  if (v.endpoint != nullptr) {
    out += "; " + v.endpoint->role + " endpoint " + v.endpoint->id;
  }
  if (v.filter.list != nullptr) {
    out += "; " + std::string(v.filter.blocked ? "filter-listed" : "listed, but excepted") +
           " (" + v.filter.list->title + "): " + std::string(v.filter.filter);
  }
  if (!v.filter.exception.empty()) {
    out += "; exception (" + v.filter.exception_list->title + "): " +
           std::string(v.filter.exception);
  }
  return out;
}

}  // namespace durchblick
