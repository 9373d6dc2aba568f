//===--- Merge.cpp --------------------------------------------------------===//

#include "Merge.h"
#include "OutputFile.h"
#include "Reporters/Reporters.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <set>
#include <tuple>

using llvm::json::Array;
using llvm::json::Object;

namespace resilience {

namespace {

std::string percentDecode(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned Byte = 0;
    if (S[I] == '%' && I + 2 < S.size() &&
        !S.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Out += static_cast<char>(Byte);
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

std::string str(const Object *O, llvm::StringRef Key) {
  if (!O)
    return "";
  if (auto S = O->getString(Key))
    return S->str();
  return "";
}

std::string textOf(const Object *O, llvm::StringRef Key) {
  return str(O ? O->getObject(Key) : nullptr, "text");
}

unsigned num(const Object *O, llvm::StringRef Key) {
  if (!O)
    return 0;
  if (auto N = O->getInteger(Key))
    return static_cast<unsigned>(*N);
  return 0;
}

void readArtifact(const Object *Artifact, std::string &Path, bool &Relative) {
  std::string Uri = str(Artifact, "uri");
  Relative = Artifact && Artifact->getString("uriBaseId").has_value();
  llvm::StringRef U(Uri);
  if (!Relative)
    U.consume_front("file://");
  Path = percentDecode(U);
}

Position position(const Object *Region, const char *Line, const char *Col) {
  Position P;
  P.Line = num(Region, Line);
  P.CharColumn = num(Region, Col);
  P.Column = P.CharColumn; // orders like bytes within one line
  return P;
}

Span span(const Object *Region, const Object *Artifact) {
  Span S;
  readArtifact(Artifact, S.Path, S.Relative);
  S.Begin = position(Region, "startLine", "startColumn");
  S.End = position(Region, "endLine", "endColumn");
  return S;
}

Span physical(const Object *Location) {
  const Object *Phys = Location ? Location->getObject("physicalLocation") : nullptr;
  return span(Phys ? Phys->getObject("region") : nullptr,
              Phys ? Phys->getObject("artifactLocation") : nullptr);
}

Severity level(const std::string &L) {
  return L == "error" ? Severity::Error
         : L == "note" ? Severity::Note
                       : Severity::Warning;
}

Finding readResult(const Object &Res) {
  Finding F;
  F.Check = str(&Res, "ruleId");
  F.Level = level(str(&Res, "level"));
  F.Message = textOf(&Res, "message");
  if (const Array *Locs = Res.getArray("locations"))
    if (!Locs->empty())
      F.Where = physical((*Locs)[0].getAsObject());
  F.Fingerprint = str(Res.getObject("partialFingerprints"),
                      "resilienceTidyFingerprint/v1");
  if (const Array *Related = Res.getArray("relatedLocations"))
    for (const llvm::json::Value &V : *Related) {
      Note N;
      N.Where = physical(V.getAsObject());
      N.Message = textOf(V.getAsObject(), "message");
      F.Notes.push_back(std::move(N));
    }
  if (const Array *Fixes = Res.getArray("fixes"))
    if (!Fixes->empty())
      if (const Object *Fix = (*Fixes)[0].getAsObject())
        if (const Array *Changes = Fix->getArray("artifactChanges"))
          for (const llvm::json::Value &C : *Changes) {
            const Object *Change = C.getAsObject();
            if (!Change)
              continue;
            const Object *Artifact = Change->getObject("artifactLocation");
            if (const Array *Reps = Change->getArray("replacements"))
              for (const llvm::json::Value &R : *Reps) {
                const Object *Rep = R.getAsObject();
                Edit E;
                E.Where = span(Rep ? Rep->getObject("deletedRegion") : nullptr,
                               Artifact);
                E.Text = textOf(Rep, "insertedContent");
                F.Edits.push_back(std::move(E));
              }
          }
  if (const Array *Sup = Res.getArray("suppressions"))
    if (!Sup->empty()) {
      F.Suppressed = true;
      F.Justification = str((*Sup)[0].getAsObject(), "justification");
    }
  return F;
}

Problem readNotification(const Object &N) {
  Problem P;
  P.Message = textOf(&N, "message");
  if (const Array *Locs = N.getArray("locations"))
    if (!Locs->empty()) {
      Span S = physical((*Locs)[0].getAsObject());
      P.Path = S.Path;
      P.Relative = S.Relative;
      P.Line = S.Begin.Line;
      P.Column = S.Begin.CharColumn;
    }
  return P;
}

auto findingKey(const Finding &F) {
  return std::tie(F.Where.Path, F.Where.Begin.Line, F.Where.Begin.Column,
                  F.Check, F.Message, F.Fingerprint);
}

} // namespace

bool readSarif(const std::string &Text, Report &Into, std::string &Error) {
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse(Text);
  if (!Doc) {
    Error = "not JSON: " + llvm::toString(Doc.takeError());
    return false;
  }
  const Object *Top = Doc->getAsObject();
  const Array *Runs = Top ? Top->getArray("runs") : nullptr;
  const Object *Run =
      Runs && Runs->size() == 1 ? (*Runs)[0].getAsObject() : nullptr;
  const Object *Tool = Run ? Run->getObject("tool") : nullptr;
  const Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
  if (!Driver || str(Driver, "name") != "resilience-tidy") {
    Error = "not a SARIF report of resilience-tidy (one run)";
    return false;
  }
  Into.ToolVersion = str(Driver, "version");
  Into.InformationUri = str(Driver, "informationUri");
  if (const Array *Rules = Driver->getArray("rules"))
    for (const llvm::json::Value &V : *Rules) {
      const Object *Rule = V.getAsObject();
      std::string Id = str(Rule, "id");
      Into.Checks.push_back(Id);
      std::string Help = str(Rule, "helpUri");
      if (Into.DocsBaseUrl.empty() && llvm::StringRef(Help).ends_with(Id + ".md"))
        Into.DocsBaseUrl = Help.substr(0, Help.size() - Id.size() - 3);
    }
  const Object *Bases = Run->getObject("originalUriBaseIds");
  std::string RootUri = str(Bases ? Bases->getObject("SRCROOT") : nullptr, "uri");
  llvm::StringRef Root(RootUri);
  Root.consume_front("file://");
  Into.SourceRoot = percentDecode(Root);
  if (const Array *Results = Run->getArray("results"))
    for (const llvm::json::Value &V : *Results)
      if (const Object *Res = V.getAsObject()) {
        Finding F = readResult(*Res);
        (F.Suppressed ? Into.Suppressed : Into.Findings).push_back(std::move(F));
      }
  if (const Array *Invocations = Run->getArray("invocations"))
    for (const llvm::json::Value &V : *Invocations)
      if (const Object *Inv = V.getAsObject())
        if (const Array *Notes = Inv->getArray("toolExecutionNotifications"))
          for (const llvm::json::Value &N : *Notes)
            if (const Object *O = N.getAsObject())
              Into.Problems.push_back(readNotification(*O));
  return true;
}

void mergeReports(std::vector<Report> &Shards, Report &Out) {
  Out = Report();
  if (Shards.empty())
    return;
  Out.SourceRoot = Shards[0].SourceRoot;
  Out.ToolVersion = Shards[0].ToolVersion;
  Out.InformationUri = Shards[0].InformationUri;
  Out.DocsBaseUrl = Shards[0].DocsBaseUrl;
  std::set<std::string> Rules;
  for (Report &S : Shards) {
    for (const std::string &C : S.Checks)
      if (Rules.insert(C).second)
        Out.Checks.push_back(C);
    for (Finding &F : S.Findings)
      Out.Findings.push_back(std::move(F));
    for (Finding &F : S.Suppressed)
      Out.Suppressed.push_back(std::move(F));
    for (Problem &P : S.Problems)
      Out.Problems.push_back(std::move(P));
  }
  for (auto *List : {&Out.Findings, &Out.Suppressed}) {
    sortFindings(*List);
    List->erase(std::unique(List->begin(), List->end(),
                            [](const Finding &A, const Finding &B) {
                              return findingKey(A) == findingKey(B);
                            }),
                List->end());
  }
  sortProblems(Out.Problems);
}

std::string mergeBaselines(const std::vector<std::string> &Texts) {
  std::set<std::string> Entries;
  std::string Header;
  for (const std::string &T : Texts) {
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    llvm::StringRef(T).split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef L : Lines) {
      if (L.starts_with("#")) {
        if (&T == &Texts.front())
          Header += L.str() + "\n";
        continue;
      }
      Entries.insert(L.str());
    }
  }
  std::string Out = Header;
  for (const std::string &E : Entries)
    Out += E + "\n";
  return Out;
}

int runMerge(const std::vector<std::string> &Args) {
  auto Fail = [](const std::string &Message) {
    llvm::errs() << "resilience-tidy: error: merge: " << Message << "\n";
    return 2;
  };
  std::string Output;
  std::vector<std::string> Inputs;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A.consume_front("--output=") || A.consume_front("-output=")) {
      Output = A.str();
    } else if ((A == "--output" || A == "-o") && I + 1 < Args.size()) {
      Output = Args[++I];
    } else if (A == "--help" || A == "-help") {
      llvm::outs() << "USAGE: resilience-tidy merge [--output=FILE] REPORT...\n"
                      "Merges the SARIF reports (or the baselines) of "
                      "--shard=K/N runs into one.\n";
      return 0;
    } else if (A.starts_with("-") && A != "-") {
      return Fail("unknown option '" + A.str() + "' (see --help)");
    } else {
      Inputs.push_back(A.str());
    }
  }
  if (Inputs.empty())
    return Fail("no reports to merge (see --help)");
  std::vector<std::string> Texts;
  for (const std::string &In : Inputs) {
    auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(In);
    if (!Buf)
      return Fail("cannot read '" + In + "': " + Buf.getError().message());
    Texts.push_back((*Buf)->getBuffer().str());
  }
  bool Baselines =
      llvm::StringRef(Texts[0]).starts_with("# resilience-tidy baseline");
  std::string Error;
  auto Write = [&](llvm::function_ref<void(llvm::raw_ostream &)> Body) {
    if (Output.empty() || Output == "-") {
      Body(llvm::outs());
      return 0;
    }
    if (!writeAtomically(
            Output, [&](llvm::raw_ostream &OS, int) { Body(OS); }, Error))
      return Fail(Error);
    return 0;
  };
  if (Baselines) {
    for (size_t I = 0; I < Texts.size(); ++I)
      if (!llvm::StringRef(Texts[I]).starts_with("# resilience-tidy baseline"))
        return Fail("'" + Inputs[I] + "' is not a baseline like '" +
                    Inputs[0] + "'");
    std::string Merged = mergeBaselines(Texts);
    return Write([&](llvm::raw_ostream &OS) { OS << Merged; });
  }
  std::vector<Report> Shards(Texts.size());
  for (size_t I = 0; I < Texts.size(); ++I) {
    if (!readSarif(Texts[I], Shards[I], Error))
      return Fail("'" + Inputs[I] + "': " + Error);
    if (Shards[I].SourceRoot != Shards[0].SourceRoot)
      return Fail("'" + Inputs[I] + "' has another source root than '" +
                  Inputs[0] + "'; run the shards with the same --source-root");
  }
  Texts.clear();
  Report Merged;
  mergeReports(Shards, Merged);
  return Write([&](llvm::raw_ostream &OS) { writeSarif(Merged, OS); });
}

} // namespace resilience
