// Writes reports (durchblick.report/1) as compact JSON with keys in a fixed
// order, so equal inputs give equal bytes on every build.
#ifndef DURCHBLICK_REPORT_JSON_H_
#define DURCHBLICK_REPORT_JSON_H_

#include <string>
#include <vector>

#include "report.h"
#include "rules.h"
#include "score.h"
#include "snapshot.h"

namespace durchblick {

struct NotApplicable {
  std::string detector;
  std::string category;
  std::vector<std::string> missing;  // snapshot sections not gathered
  bool excluded = false;             // its category is excluded by the snapshot's settings
};

struct ReportInput {
  const Snapshot* snapshot = nullptr;
  const DetectorOutput* output = nullptr;
  const Score* score = nullptr;
  std::vector<NotApplicable> not_applicable;
  std::vector<std::string> warnings;
  std::string snapshot_sha256;
};

std::string ReportJson(const ReportInput& in, const RuleSet& rules);

// {"schema": "durchblick.report/1", "error": {code, message, where}, "engine": {...}}
std::string ErrorReportJson(const std::string& code, const std::string& message,
                            const std::string& where, const std::string& rules_version);

}  // namespace durchblick

#endif  // DURCHBLICK_REPORT_JSON_H_
