// One line of a filter list → a NetworkFilter or a reason to skip it
// (filters.h lists the syntax). Example: "||ads.example^$script,domain=a.com"
// becomes a host-anchored pattern "ads.example^" for scripts on a.com pages.
#include <algorithm>
#include <cctype>

#include "filter_util.h"
#include "filters.h"

namespace durchblick {
namespace {

struct TypeName {
  const char* name;
  uint32_t bits;
};

constexpr TypeName kTypeNames[] = {
    {"script", kTypeScript},
    {"image", kTypeImage},
    {"stylesheet", kTypeStylesheet},
    {"css", kTypeStylesheet},
    {"object", kTypeObject},
    {"object-subrequest", kTypeObject},
    {"subdocument", kTypeSubdocument},
    {"frame", kTypeSubdocument},
    {"xmlhttprequest", kTypeXhr},
    {"xhr", kTypeXhr},
    {"websocket", kTypeWebsocket},
    {"media", kTypeMedia},
    {"font", kTypeFont},
    {"ping", kTypePing},
    {"beacon", kTypePing},
    {"other", kTypeOther},
    {"document", kTypeDocument},
    {"doc", kTypeDocument},
    {"all", kTypeAllButDocument | kTypeDocument},
};

// Options that concern cosmetic filtering or whole pages, not requests.
constexpr const char* kPageOptions[] = {"elemhide", "ehide", "generichide", "ghide",
                                        "specifichide", "shide", "genericblock", "content",
                                        "jsinject", "urlblock", "extension", "stealth"};

// Markers of cosmetic and scriptlet rules (##, #@#, #?#, #$#, #%#, ...).
bool IsCosmetic(std::string_view line) {
  for (size_t i = line.find('#'); i != std::string_view::npos; i = line.find('#', i + 1)) {
    size_t j = i + 1;
    if (j < line.size() && line[j] == '@') ++j;
    if (j < line.size() && (line[j] == '?' || line[j] == '$' || line[j] == '%')) ++j;
    if (j < line.size() && line[j] == '?') ++j;
    if (j < line.size() && line[j] == '#') return true;
  }
  return false;
}

bool IsHtmlFilter(std::string_view line) {
  return line.find("$$") != std::string_view::npos || line.find("$@$") != std::string_view::npos;
}

// domain=a.com|~b.com → hashes; false (with reason) on an empty or regex entry.
bool ParseDomains(std::string_view value, bool allow_negation, std::vector<uint64_t>* in,
                  std::vector<uint64_t>* out, std::string* reason) {
  while (true) {
    size_t bar = value.find('|');
    std::string_view d = value.substr(0, bar);
    bool negated = !d.empty() && d[0] == '~';
    if (negated) d.remove_prefix(1);
    if (d.empty()) {
      *reason = "malformed domain list";
      return false;
    }
    if (d.front() == '/') {
      *reason = "unsupported option domain=/regex/";
      return false;
    }
    if (negated && !allow_negation) {
      *reason = "malformed domain list";
      return false;
    }
    (negated ? out : in)->push_back(FilterHash64(LowerAscii(d)));
    if (bar == std::string_view::npos) break;
    value.remove_prefix(bar + 1);
  }
  return true;
}

// Parses the comma-separated options into `p`; false with p->reason.
bool ParseOptions(std::string_view options, ParsedLine* p) {
  NetworkFilter& f = p->filter;
  uint32_t positive_types = 0, negative_types = 0;
  bool party_set = false;
  while (!options.empty()) {
    size_t comma = options.find(',');
    std::string_view opt = Trim(options.substr(0, comma));
    options = comma == std::string_view::npos ? std::string_view() : options.substr(comma + 1);
    if (opt.empty()) {
      p->reason = "malformed empty option";
      return false;
    }
    bool negated = opt[0] == '~';
    if (negated) opt.remove_prefix(1);
    size_t eq = opt.find('=');
    std::string name = LowerAscii(opt.substr(0, eq));
    std::string_view value = eq == std::string_view::npos ? std::string_view() : opt.substr(eq + 1);
    bool has_value = eq != std::string_view::npos;

    const TypeName* type = nullptr;
    for (const TypeName& t : kTypeNames) {
      if (name == t.name) type = &t;
    }
    if (type != nullptr && !has_value) {
      (negated ? negative_types : positive_types) |= type->bits;
      continue;
    }
    if ((name == "third-party" || name == "3p" || name == "first-party" || name == "1p") &&
        !has_value) {
      bool third = (name == "third-party" || name == "3p") != negated;
      if (!party_set) f.flags &= ~(NetworkFilter::kFirstParty | NetworkFilter::kThirdParty);
      party_set = true;
      f.flags |= third ? NetworkFilter::kThirdParty : NetworkFilter::kFirstParty;
      continue;
    }
    if ((name == "domain" || name == "from") && has_value && !negated) {
      if (!ParseDomains(value, true, &p->domains, &p->not_domains, &p->reason)) return false;
      continue;
    }
    if (name == "denyallow" && has_value && !negated) {
      if (!ParseDomains(value, false, &p->denyallow, nullptr, &p->reason)) return false;
      continue;
    }
    if (!has_value && !negated) {
      if (name == "important") { f.flags |= NetworkFilter::kImportant; continue; }
      if (name == "match-case") { f.flags |= NetworkFilter::kMatchCase; continue; }
      if (name == "badfilter") { p->badfilter = true; continue; }
      if (name == "empty" || name == "mp4") continue;  // blocks, with a stand-in body
      if (name.find_first_not_of('_') == std::string::npos) continue;  // uBO's no-op
    }
    if (name == "redirect" && has_value && !negated) continue;  // blocks; resource ignored
    for (const char* page : kPageOptions) {
      if (name == page) {
        p->reason = "page option " + name;
        return false;
      }
    }
    p->reason = "unsupported option " + (name.size() > 32 ? name.substr(0, 32) : name);
    return false;
  }
  if (positive_types != 0 || negative_types != 0) {
    uint32_t base = positive_types != 0 ? positive_types : kTypeAllButDocument;
    f.types = base & ~negative_types;
    if (f.types == 0) {
      p->reason = "malformed type options (no type left)";
      return false;
    }
  }
  if ((f.flags & NetworkFilter::kException) && (positive_types & kTypeDocument)) {
    p->reason = "unsupported option document (page exception)";
    return false;
  }
  return true;
}

}  // namespace

ParsedLine ParseFilterLine(std::string_view raw) {
  ParsedLine p;
  std::string_view line = Trim(raw);
  if (line.empty()) {
    p.reason = "blank";
    return p;
  }
  if (line.size() > kMaxLineBytes) {
    p.reason = "malformed line too long";
    return p;
  }
  for (char c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      p.reason = "malformed control character";
      return p;
    }
  }
  if (line[0] == '!' || (line[0] == '[' && line.back() == ']')) {
    p.reason = "comment";
    return p;
  }
  if (IsCosmetic(line)) {
    p.reason = "cosmetic";
    return p;
  }
  if (IsHtmlFilter(line)) {
    p.reason = "html filter";
    return p;
  }
  NetworkFilter& f = p.filter;
  std::string_view body = line;
  if (body.substr(0, 2) == "@@") {
    f.flags |= NetworkFilter::kException;
    body.remove_prefix(2);
  }
  std::string_view pattern = body, options;
  bool regex = body.size() > 2 && body.front() == '/' && body.back() == '/';
  if (!regex) {
    size_t dollar = body.rfind('$');
    if (dollar != std::string_view::npos) {
      pattern = body.substr(0, dollar);
      options = body.substr(dollar + 1);
      if (options.empty()) {
        p.reason = "malformed empty option list";
        return p;
      }
    }
    regex = pattern.size() > 2 && pattern.front() == '/' && pattern.back() == '/';
  }
  if (!options.empty() && !ParseOptions(options, &p)) return p;
  if (pattern.find_first_of(" \t") != std::string_view::npos) {
    p.reason = "malformed whitespace in pattern";
    return p;
  }
  bool match_case = (f.flags & NetworkFilter::kMatchCase) != 0;
  if (regex) {
    f.flags |= NetworkFilter::kRegex;
    p.pattern = std::string(pattern.substr(1, pattern.size() - 2));
  } else {
    if (pattern.substr(0, 2) == "||") {
      f.flags |= NetworkFilter::kHostAnchor;
      pattern.remove_prefix(2);
    } else if (!pattern.empty() && pattern[0] == '|') {
      f.flags |= NetworkFilter::kLeftAnchor;
      pattern.remove_prefix(1);
    }
    if (!pattern.empty() && pattern.back() == '|') {
      f.flags |= NetworkFilter::kRightAnchor;
      pattern.remove_suffix(1);
    }
    if (pattern.find('|') != std::string_view::npos) {
      p.reason = "malformed | inside pattern";
      return p;
    }
    // Collapse runs of '*'; a leading or trailing '*' undoes its anchor.
    std::string s;
    for (char c : pattern) {
      if (c == '*' && !s.empty() && s.back() == '*') continue;
      s.push_back(c);
    }
    if (!s.empty() && s.front() == '*') {
      s.erase(0, 1);
      f.flags &= ~(NetworkFilter::kLeftAnchor | NetworkFilter::kHostAnchor);
    }
    if (!s.empty() && s.back() == '*') {
      s.pop_back();
      f.flags &= ~NetworkFilter::kRightAnchor;
    }
    p.pattern = match_case ? s : LowerAscii(s);
  }
  bool unconstrained = p.pattern.empty() && p.domains.empty() && p.denyallow.empty() &&
                       f.types == kTypeAllButDocument &&
                       (f.flags & NetworkFilter::kFirstParty) &&
                       (f.flags & NetworkFilter::kThirdParty);
  if (unconstrained) {
    p.reason = "malformed filter matches every request";
    return p;
  }
  if (p.domains.size() + p.not_domains.size() > 0xffff || p.denyallow.size() > 0xffff) {
    p.reason = "malformed domain list too long";
    return p;
  }
  std::sort(p.domains.begin(), p.domains.end());
  std::sort(p.not_domains.begin(), p.not_domains.end());
  std::sort(p.denyallow.begin(), p.denyallow.end());
  p.ok = true;
  return p;
}

namespace {

// FNV-1a, 64 bits for domains (no collisions in practice), 32 for tokens.
template <typename T, T kOffset, T kPrime>
T Fnv1a(std::string_view s) {
  T h = kOffset;
  for (unsigned char c : s) h = (h ^ c) * kPrime;
  return h;
}

}  // namespace

uint64_t FilterHash64(std::string_view s) {
  return Fnv1a<uint64_t, 1469598103934665603ull, 1099511628211ull>(s);
}

uint32_t FilterTokenHash(std::string_view s) {
  uint32_t h = Fnv1a<uint32_t, 2166136261u, 16777619u>(s);
  return h == 0 ? 1 : h;  // 0 marks "no token"
}

}  // namespace durchblick
