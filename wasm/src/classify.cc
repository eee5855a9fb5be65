#include "classify.h"

namespace durchblick {
namespace {

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// As EntityForHost and !SameParty(page_host, host) would say, with the
// page's party found once per memo and the host's entity walk done once.
HostFacts ComputeHostFacts(std::string_view page_host, std::string_view host,
                           const RuleSet& rules, HostMemo* memo) {
  HostFacts f;
  const TrackerRules& trackers = rules.trackers();
  if (!memo->page_party_known && !page_host.empty()) {
    TrackerRules::Party page = trackers.PartyOf(page_host);
    memo->page_domain = std::string(page.domain);
    memo->page_owner = page.owner;
    memo->page_party_known = true;
  }
  TrackerRules::Party request = trackers.PartyOf(host, &f.entity);
  f.third_party = page_host.empty() ||
                  !TrackerRules::SameParty({memo->page_domain, memo->page_owner}, request);
  f.tracker = f.third_party && f.entity != nullptr && trackers.Tracking(f.entity->category);
  f.endpoint_host = rules.retargeting().ListsHost(host);
  return f;
}

}  // namespace

uint32_t HostMemo::Hash(std::string_view host) {
  uint32_t h = 2166136261u;  // FNV-1a: short keys, no table, a few cycles a byte
  for (char c : host) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

const HostFacts* HostMemo::Find(std::string_view host, uint32_t hash, const RuleSet& rules) {
  if (rules_ != &rules) {
    rules_ = &rules;
    page_party_known = false;
    slots_.clear();
    arena_.clear();
    hosts_ = 0;
    return nullptr;
  }
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {  // linear probing to an empty slot
    const Slot& s = slots_[i];
    if (s.size == 0) return nullptr;
    if (s.hash == hash && std::string_view(arena_).substr(s.offset, s.size) == host) return &s.facts;
  }
}

void HostMemo::Insert(std::string_view host, uint32_t hash, const HostFacts& facts) {
  // An empty host cannot be a key (size 0 marks empty slots); SplitUrl
  // never yields one for an ok URL.
  if (host.empty() || hosts_ >= kMaxHosts) return;
  if (slots_.empty()) slots_.resize(kFirstSlots);
  if ((hosts_ + 1) * 4 > slots_.size() * 3 && slots_.size() < kSlots) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].size != 0) i = (i + 1) & mask;
  slots_[i] = Slot{hash, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(host.size()),
                   facts};
  arena_.append(host);
  ++hosts_;
}

void HostMemo::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.size == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].size != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

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
  uint32_t hash = HostMemo::Hash(out->host);
  const HostFacts* known = page.hosts.Find(out->host, hash, rules);
  HostFacts computed;
  if (known == nullptr) {
    computed = ComputeHostFacts(page.page_host, out->host, rules, &page.hosts);
    page.hosts.Insert(out->host, hash, computed);
    known = &computed;
  }
  out->entity = known->entity;
  if (out->entity != nullptr) out->category = out->entity->category;
  out->third_party = known->third_party;
  out->tracker = known->tracker;
  if (out->third_party && known->endpoint_host) {
    out->endpoint = rules.retargeting().Match(out->host, parts.path, parts.query);
  }
  out->filter = rules.filters().Classify(url, page.page_host, type, rules.trackers().psl());
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
