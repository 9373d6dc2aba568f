//===--- Sarif.cpp - SARIF 2.1.0 ------------------------------------------===//
//
// Shaped for GitHub code scanning: relative artifact URIs under the SRCROOT
// base id, rules with help URIs and CWE relationships, partialFingerprints
// that survive unrelated edits, and compiler errors or crashes as tool
// execution notifications (they are not findings).
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"
#include "RuleCatalog.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <map>
#include <set>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace resilience {

namespace {

const char *const CweGuid = "f0d28930-43d4-4726-8a17-4c0f74fdb4e1";
const char *const BaseId = "SRCROOT";

Value text(const std::string &S) { return Object{{"text", toValidUtf8(S)}}; }

// SARIF's levels are spelled like our severities.
const char *sarifLevel(Severity S) { return severityName(S); }

Value artifactLocation(const std::string &Path, bool Relative) {
  if (Relative)
    return Object{{"uri", toValidUtf8(percentEncodePath(Path))},
                  {"uriBaseId", BaseId}};
  return Object{{"uri", toValidUtf8("file://" + percentEncodePath(Path))}};
}

Value region(const Span &S) {
  Object R{{"startLine", S.Begin.Line}, {"startColumn", S.Begin.CharColumn}};
  if (S.End.Line) {
    R["endLine"] = S.End.Line;
    R["endColumn"] = S.End.CharColumn;
  }
  return R;
}

Value physicalLocation(const Span &S) {
  return Object{{"physicalLocation",
                 Object{{"artifactLocation", artifactLocation(S.Path, S.Relative)},
                        {"region", region(S)}}}};
}

/// "resilience-missing-timeout" -> "MissingTimeout".
std::string friendlyName(const std::string &Id) {
  std::string Name;
  bool Upper = true;
  llvm::StringRef Rest(Id);
  Rest.consume_front("resilience-");
  for (char C : Rest) {
    if (C == '-' || C == '_' || C == '.') {
      Upper = true;
      continue;
    }
    Name += Upper ? static_cast<char>(toupper(C)) : C;
    Upper = false;
  }
  return Name;
}

Value rule(const Report &R, const std::string &Id) {
  RuleInfo Info = describeRule(Id);
  Array Tags;
  for (const std::string &T : Info.Tags)
    Tags.push_back(T);
  Object Rule{
      {"id", Id},
      {"name", friendlyName(Id)},
      {"shortDescription", text(Info.ShortDescription)},
      {"fullDescription", text(Info.FullDescription)},
      {"helpUri", docsUrl(R, Id)},
      {"help", Object{{"text", Info.FullDescription + " See " + docsUrl(R, Id)},
                      {"markdown", Info.FullDescription + " See [" + Id +
                                       "](" + docsUrl(R, Id) + ")."}}},
      {"defaultConfiguration", Object{{"level", "warning"}}},
      {"properties", Object{{"tags", std::move(Tags)},
                            {"precision", "medium"},
                            {"problem.severity", "warning"}}}};
  Array Relationships;
  const auto &All = allWeaknesses();
  for (const Weakness &W : Info.Weaknesses) {
    unsigned Index = 0;
    while (Index < All.size() && std::string(All[Index].Id) != W.Id)
      ++Index;
    Relationships.push_back(Object{
        {"target", Object{{"id", W.Id},
                          {"index", Index},
                          {"toolComponent",
                           Object{{"name", "CWE"}, {"index", 0}, {"guid", CweGuid}}}}},
        {"kinds", Array{"superset"}}});
  }
  if (!Relationships.empty())
    Rule["relationships"] = std::move(Relationships);
  return Rule;
}

Value taxonomy() {
  Array Taxa;
  for (const Weakness &W : allWeaknesses())
    Taxa.push_back(Object{
        {"id", W.Id},
        {"name", W.Name},
        {"shortDescription", text(W.Name)},
        {"helpUri", std::string("https://cwe.mitre.org/data/definitions/") +
                        W.Id + ".html"}});
  return Object{{"name", "CWE"},
                {"guid", CweGuid},
                {"version", "4.14"},
                {"organization", "MITRE"},
                {"informationUri", "https://cwe.mitre.org/"},
                {"shortDescription", text("The MITRE Common Weakness Enumeration")},
                {"isComprehensive", false},
                {"taxa", std::move(Taxa)}};
}

Value result(const Finding &F, const std::map<std::string, unsigned> &Index) {
  Object Res{{"ruleId", F.Check},
             {"ruleIndex", Index.at(F.Check)},
             {"level", sarifLevel(F.Level)},
             {"message", text(F.Message)},
             {"locations", Array{physicalLocation(F.Where)}},
             {"partialFingerprints",
              Object{{"resilienceTidyFingerprint/v1", F.Fingerprint}}}};
  if (!F.Notes.empty()) {
    Array Related;
    unsigned Id = 0;
    for (const Note &N : F.Notes) {
      Value Loc = physicalLocation(N.Where);
      Object *O = Loc.getAsObject();
      (*O)["id"] = Id++;
      (*O)["message"] = text(N.Message);
      Related.push_back(std::move(Loc));
    }
    Res["relatedLocations"] = std::move(Related);
  }
  if (!F.Edits.empty()) {
    // One fix; its replacements grouped per file, in order.
    std::map<std::pair<bool, std::string>, Array> PerFile;
    std::vector<std::pair<bool, std::string>> Order;
    for (const Edit &E : F.Edits) {
      auto Key = std::make_pair(E.Where.Relative, E.Where.Path);
      if (!PerFile.count(Key))
        Order.push_back(Key);
      PerFile[Key].push_back(
          Object{{"deletedRegion", region(E.Where)},
                 {"insertedContent", text(E.Text)}});
    }
    Array Changes;
    for (const auto &Key : Order)
      Changes.push_back(
          Object{{"artifactLocation", artifactLocation(Key.second, Key.first)},
                 {"replacements", std::move(PerFile[Key])}});
    Res["fixes"] = Array{Object{{"description", text("Apply the fix suggested by " + F.Check + ".")},
                                {"artifactChanges", std::move(Changes)}}};
  }
  if (F.Suppressed) {
    Object S{{"kind", "inSource"}};
    if (!F.Justification.empty())
      S["justification"] = toValidUtf8(F.Justification);
    Res["suppressions"] = Array{std::move(S)};
  }
  return Res;
}

Value notification(const Problem &P) {
  Object N{{"level", "error"}, {"message", text(P.Message)}};
  if (!P.Path.empty()) {
    Object Phys{{"artifactLocation", artifactLocation(P.Path, P.Relative)}};
    if (P.Line)
      Phys["region"] = Object{{"startLine", P.Line},
                              {"startColumn", P.Column ? P.Column : 1}};
    N["locations"] = Array{Object{{"physicalLocation", std::move(Phys)}}};
  }
  return N;
}

} // namespace

// The document is streamed: only one result's JSON is in memory at a time,
// so memory does not grow with the size of the report. llvm::json prints
// object keys sorted; the keys written here by hand follow the same order,
// so the output is what printing one whole json::Value would give.
void writeSarif(const Report &R, llvm::raw_ostream &OS) {
  std::vector<std::string> Ids = R.Checks;
  std::set<std::string> Known(Ids.begin(), Ids.end());
  for (const auto *List : {&R.Findings, &R.Suppressed})
    for (const Finding &F : *List)
      if (Known.insert(F.Check).second)
        Ids.push_back(F.Check);
  std::map<std::string, unsigned> Index;
  for (const std::string &Id : Ids)
    Index.emplace(Id, Index.size());

  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attribute("columnKind", "unicodeCodePoints");
        J.attributeArray("invocations", [&] {
          Object Invocation{{"executionSuccessful", R.Problems.empty()}};
          if (!R.Problems.empty()) {
            Array Notifications;
            for (const Problem &P : R.Problems)
              Notifications.push_back(notification(P));
            Invocation["toolExecutionNotifications"] = std::move(Notifications);
          }
          J.value(std::move(Invocation));
        });
        J.attribute(
            "originalUriBaseIds",
            Object{{BaseId, Object{{"uri", toValidUtf8("file://" +
                                                      percentEncodePath(
                                                          R.SourceRoot))}}}});
        J.attributeArray("results", [&] {
          for (const Finding &F : R.Findings)
            J.value(result(F, Index));
          for (const Finding &F : R.Suppressed)
            J.value(result(F, Index));
        });
        J.attributeArray("taxonomies", [&] { J.value(taxonomy()); });
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("informationUri", R.InformationUri);
            J.attribute("name", "resilience-tidy");
            J.attributeArray("rules", [&] {
              for (const std::string &Id : Ids)
                J.value(rule(R, Id));
            });
            J.attribute("semanticVersion", R.ToolVersion);
            J.attribute("supportedTaxonomies",
                        Array{Object{{"guid", CweGuid},
                                     {"index", 0},
                                     {"name", "CWE"}}});
            J.attribute("version", R.ToolVersion);
          });
        });
      });
    });
    J.attribute("version", "2.1.0");
  });
  OS << "\n";
}

} // namespace resilience
