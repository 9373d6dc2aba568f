//===--- RuleCatalog.h - What each check is, for SARIF rules and docs -----===//
//
// Descriptions and classification of the checks, for reporters that describe
// rules (SARIF, markdown). A check missing here still gets a generic entry,
// so a new check never breaks the output; its page is docs/checks/<id>.md.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_RULECATALOG_H
#define RESILIENCE_TIDY_TOOL_RULECATALOG_H

#include <string>
#include <vector>

namespace resilience {

struct Weakness {
  const char *Id;   // "1088"
  const char *Name; // CWE's title
};

struct RuleInfo {
  std::string Id;
  std::string ShortDescription;
  std::string FullDescription;
  std::vector<std::string> Tags;
  std::vector<Weakness> Weaknesses;
};

RuleInfo describeRule(const std::string &CheckId);

/// Every CWE entry any rule refers to, ordered by id.
const std::vector<Weakness> &allWeaknesses();

} // namespace resilience

#endif
