// What detectors produce and the report is made of. A detector fills
// Findings with a type (the taxonomy name, e.g. "scarcity/low_stock"), the
// evidence that points back into the snapshot, and the values its message
// template needs; titles, explanations, severity and weight come from the
// rules (rules/findings/*.json), never from code.
#ifndef DURCHBLICK_REPORT_H_
#define DURCHBLICK_REPORT_H_

#include <map>
#include <string>
#include <vector>

namespace durchblick {

// One pointer back into the snapshot. Only the fields that apply are set.
struct Evidence {
  std::string text_id;      // texts[].id
  std::string control_id;   // controls[].id
  std::string overlay_id;   // overlays[].id
  std::string request_url;  // requests[].url
  std::string cookie_name;  // cookies[].name
  std::string timer_id;     // timers[].id
  std::string text;         // the matched text or value, as shown to people
  std::string note;         // what this piece shows, e.g. "parameter ev=ViewContent"
};

struct Finding {
  std::string type;       // e.g. "scarcity/low_stock"; must exist in rules/findings
  std::string detector;   // id of the detector that found it
  std::string rule_id;    // the text/tracker rule that fired, if any
  std::vector<Evidence> evidence;
  // Values for the message templates: "{company}" in a title is replaced by
  // vars["company"]. Plain text; renderers escape it.
  std::map<std::string, std::string> vars;
};

// Tracking companies seen on the page, for the report's trackers[].
struct TrackerEntry {
  std::string company;
  std::string category;           // advertising | analytics | social | ...
  std::vector<std::string> hosts;
  int requests = 0;
  bool retargeting = false;
  bool listed = true;             // false: found by behaviour only ("unlisted company")
};

// Everything the detectors produced for one snapshot.
struct DetectorOutput {
  std::vector<Finding> findings;
  std::vector<TrackerEntry> trackers;
};

}  // namespace durchblick

#endif  // DURCHBLICK_REPORT_H_
