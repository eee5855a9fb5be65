// Engine::ClassifyRequests: the `classify` command's TSV over ClassifyRequest().
#include <string_view>

#include "classify.h"
#include "durchblick/engine.h"

namespace durchblick {
namespace {

// TSV fields must not contain tabs or line breaks.
void AppendField(std::string* out, std::string_view field) {
  if (field.empty()) {
    out->push_back('-');
    return;
  }
  for (char c : field) out->push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

}  // namespace

std::string Engine::ClassifyRequests(const std::string& page_url, const std::string& requests,
                                     bool every_filter) const {
  std::string out = kClassifyHeader;
  out += '\n';
  RequestContext page = RequestContext::ForPage(page_url);
  RequestVerdict v;
  RequestContext line_page;   // the page URL of the last line that named one
  std::string line_page_url;  // ... and that URL
  bool line_page_set = false;
  std::string_view rest = requests;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    size_t tab = line.find('\t');
    std::string_view url = line.substr(0, tab);
    std::string_view type = tab == std::string_view::npos ? "" : line.substr(tab + 1);
    size_t tab2 = type.find('\t');
    if (tab2 != std::string_view::npos &&
        (!line_page_set || type.substr(tab2 + 1) != line_page_url)) {
      // Consecutive lines of one page share its context (and its host memo).
      line_page_url = std::string(type.substr(tab2 + 1));
      line_page = RequestContext::ForPage(line_page_url);
      line_page_set = true;
    }
    const RequestContext& context = tab2 != std::string_view::npos ? line_page : page;
    type = type.substr(0, tab2);
    ClassifyRequest(context, url, type, *rules_, &v);
    AppendField(&out, url);
    out += '\t';
    AppendField(&out, v.host);
    out += '\t';
    AppendField(&out, v.Company());
    out += '\t';
    AppendField(&out, v.category);
    out += '\t';
    out += v.tracker || v.FilterListed() ? "yes" : "no";
    out += '\t';
    out += v.Retargeting() ? "yes" : "no";
    out += '\t';
    std::string reason = DescribeVerdict(v);
    if (every_filter && v.ok) {
      reason += "; matches:";
      for (std::string_view f : rules_->filters().EveryMatch(url, context.page_host, type,
                                                            rules_->trackers().psl())) {
        reason += ' ';
        reason += f;
      }
    }
    AppendField(&out, reason);
    out += '\n';
  }
  return out;
}

}  // namespace durchblick
