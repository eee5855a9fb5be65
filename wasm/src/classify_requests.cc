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

std::string Engine::ClassifyRequests(const std::string& page_url,
                                     const std::string& requests) const {
  std::string out = kClassifyHeader;
  out += '\n';
  RequestContext page = RequestContext::ForPage(page_url);
  RequestVerdict v;
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
    ClassifyRequest(page, url, type, *rules_, &v);
    AppendField(&out, url);
    out += '\t';
    AppendField(&out, v.host);
    out += '\t';
    AppendField(&out, v.Company());
    out += '\t';
    AppendField(&out, v.category);
    out += '\t';
    out += v.tracker ? "yes" : "no";
    out += '\t';
    out += v.Retargeting() ? "yes" : "no";
    out += '\t';
    AppendField(&out, DescribeVerdict(v));
    out += '\n';
  }
  return out;
}

}  // namespace durchblick
