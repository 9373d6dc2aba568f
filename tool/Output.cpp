//===--- Output.cpp -------------------------------------------------------===//

#include "Output.h"
#include "Baseline.h"
#include "Collect.h"
#include "DiffFilter.h"
#include "GitDiff.h"
#include "Inputs.h"
#include "OutputFile.h"
#include "Review/ReviewModel.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <fcntl.h>
#include <map>
#include <set>
#include <unistd.h>

using clang::tidy::ClangTidyError;

namespace resilience {

bool parseOutputOptions(const std::vector<std::string> &Formats,
                        const std::vector<std::string> &Outputs,
                        const std::string &FailOn, const std::string &Root,
                        OutputOptions &Out, std::string &Error) {
  std::vector<std::string> Names = Formats;
  std::vector<std::string> Paths = Outputs;
  if (Names.empty()) {
    Names.push_back("text");
    Paths.assign(1, "");
  }
  Paths.resize(Names.size());
  unsigned ToStdout = 0;
  for (size_t I = 0; I < Names.size(); ++I) {
    auto F = parseOutputFormat(Names[I]);
    if (!F) {
      Error = "unknown --format '" + Names[I] +
              "' (text, sarif, github, codeclimate, rdjson, markdown, review, html)";
      return false;
    }
    OutputRequest R{*F, Paths[I]};
    if (R.Path.empty())
      ++ToStdout;
    else if (R.Path == "-")
      R.Path.clear(), ++ToStdout;
    Out.Requests.push_back(R);
  }
  if (ToStdout > 1) {
    Error = "only one --format can go to standard output; give the others "
            "an --output file";
    return false;
  }
  if (FailOn == "warning")
    Out.FailOn = Severity::Warning;
  else if (FailOn == "error")
    Out.FailOn = Severity::Error;
  else if (FailOn == "never")
    Out.FailNever = true;
  else {
    Error = "unknown --fail-on '" + FailOn + "' (warning, error, never)";
    return false;
  }
  llvm::SmallString<256> Abs(Root.empty() ? "." : Root);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  if (!llvm::sys::fs::is_directory(Abs)) {
    Error = "--source-root '" + Root + "' is not a directory";
    return false;
  }
  Out.SourceRoot = std::string(Abs);
  if (Out.SourceRoot.back() != '/')
    Out.SourceRoot += '/';
  return true;
}

namespace {

std::string realPath(const std::string &P) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(P, Real))
    return P;
  return std::string(Real);
}

/// Keeps the findings (and review items) on changed lines; counts the
/// findings it hid.
bool filterByDiff(Report &Rep, const OutputOptions &O, unsigned &Hidden,
                  std::string &Error) {
  std::vector<Finding> &Findings = Rep.Findings;
  std::string Diff, Root;
  if (!O.DiffBase.empty()) {
    if (!gitDiff(O.SourceRoot, O.DiffBase, Root, Diff, Error)) {
      Error = "--diff-base: " + Error;
      return false;
    }
  } else {
    if (!readBounded(O.ChangedLines, MaxTextInputBytes, Diff, Error)) {
      Error = "cannot read --changed-lines '" + O.ChangedLines + "': " + Error;
      return false;
    }
    if (!looksLikeUnifiedDiff(Diff)) {
      Error = "--changed-lines '" + O.ChangedLines +
              "' is not a unified diff (no '@@' hunk)";
      return false;
    }
    Root = O.SourceRoot;
  }
  Root = realPath(Root);
  if (Root.empty() || Root.back() != '/')
    Root += '/';
  ChangedLines Lines = ChangedLines::parseUnifiedDiff(Diff);
  std::vector<Finding> Kept;
  std::map<std::string, std::string> RelCache;
  auto DiffPath = [&](const Span &Where) -> const std::string & {
    std::string Abs = Where.Relative ? O.SourceRoot + Where.Path : Where.Path;
    auto It = RelCache.find(Abs);
    if (It == RelCache.end()) {
      bool Under = false;
      std::string Rel = relativeTo(realPath(Abs), Root, Under);
      It = RelCache.emplace(Abs, Under ? Rel : std::string()).first;
    }
    return It->second;
  };
  filterReviewItems(Rep, Lines, DiffPath);
  for (Finding &F : Findings) {
    const std::string &Rel = DiffPath(F.Where);
    if (!Rel.empty() && Lines.contains(Rel, F.Where.Begin.Line))
      Kept.push_back(std::move(F));
    else
      ++Hidden;
  }
  Findings = std::move(Kept);
  return true;
}

bool readFile(const std::string &Path, std::string &Text, std::string &Error) {
  if (!readBounded(Path, MaxTextInputBytes, Text, Error)) {
    Error = "cannot read '" + Path + "': " + Error;
    return false;
  }
  return true;
}

int failWith(const std::string &Message) {
  llvm::errs() << "resilience-tidy: error: " << escapeForMessage(Message)
               << "\n";
  return 2;
}

} // namespace

int report(const std::vector<ClangTidyError> &Errors,
           const std::vector<std::pair<ClangTidyError, std::string>> &Suppressed,
           std::vector<Problem> Problems, const std::vector<std::string> &Checks,
           unsigned FilesAnalyzed, unsigned SuppressedByNolint,
           clang::tidy::ClangTidyContext &Context,
           llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
           const OutputOptions &O) {
  Report R;
  R.Checks = Checks;
  R.SourceRoot = O.SourceRoot;
  R.ToolVersion = O.ToolVersion;
  R.DocsBaseUrl = O.DocsUrl;
  if (!R.DocsBaseUrl.empty() && R.DocsBaseUrl.back() != '/')
    R.DocsBaseUrl += '/';
  R.InformationUri = O.DocsUrl;
  if (llvm::StringRef(R.InformationUri).contains("/blob/"))
    R.InformationUri = llvm::StringRef(R.InformationUri).split("/blob/").first.str();
  R.FilesAnalyzed = FilesAnalyzed;
  R.SuppressedByNolint = SuppressedByNolint;
  std::vector<Problem> CompileProblems;
  collect(Errors, O.SourceRoot, R.Findings, CompileProblems);
  extractReviewItems(R);
  sortReviewItems(R);
  unsigned Broken = CompileProblems.size();
  Problems.insert(Problems.end(), CompileProblems.begin(),
                  CompileProblems.end());
  R.Problems = std::move(Problems);
  sortProblems(R.Problems);
  if (!Suppressed.empty()) {
    std::vector<ClangTidyError> Errs;
    for (const auto &S : Suppressed)
      Errs.push_back(S.first);
    std::vector<Problem> None;
    collect(Errs, O.SourceRoot, R.Suppressed, None);
    for (Finding &F : R.Suppressed) {
      F.Suppressed = true;
      F.Justification = Suppressed[F.Origin].second;
    }
    // A review item is not a finding, suppressed or not.
    R.Suppressed.erase(std::remove_if(R.Suppressed.begin(), R.Suppressed.end(),
                                      [](const Finding &F) {
                                        return F.Check == ReviewDiagnosticName;
                                      }),
                       R.Suppressed.end());
  }

  std::string Error;
  if (!O.DiffBase.empty() || !O.ChangedLines.empty())
    if (!filterByDiff(R, O, R.HiddenByDiff, Error))
      return failWith(Error);
  // One output that cannot be written does not stop the others: every
  // failure is listed, and the exit code is 2.
  unsigned WriteFailures = 0;
  auto WriteFailed = [&](const std::string &Message) {
    failWith(Message);
    ++WriteFailures;
  };
  if (!O.BaselineWrite.empty() &&
      !writeAtomically(O.BaselineWrite,
                       [&](llvm::raw_ostream &OS, int) {
                         OS << formatBaseline(R.Findings);
                       },
                       Error))
    WriteFailed(Error);
  if (!O.Baseline.empty()) {
    std::string Text;
    Baseline Base;
    if (!readFile(O.Baseline, Text, Error))
      return failWith(Error);
    if (!parseBaseline(Text, Base, Error))
      return failWith("baseline '" + O.Baseline + "': " + Error);
    // A review item whose findings the baseline all accepts goes too.
    foldReviewItems(R);
    std::vector<size_t> FoldedBefore;
    for (const ReviewItem &I : R.Reviews)
      FoldedBefore.push_back(I.Folded.size());
    R.HiddenByBaseline = applyBaseline(R.Findings, Base, R.StaleBaseline);
    foldReviewItems(R);
    std::vector<ReviewItem> Items;
    std::vector<std::vector<FoldRule>> Folds;
    for (size_t N = 0; N < R.Reviews.size(); ++N)
      if (!FoldedBefore[N] || !R.Reviews[N].Folded.empty()) {
        Items.push_back(std::move(R.Reviews[N]));
        Folds.push_back(std::move(R.ReviewFolds[N]));
      }
    R.Reviews = std::move(Items);
    R.ReviewFolds = std::move(Folds);
  }
  foldReviewItems(R);

  // The text printer gets the same subset, in the engine's order.
  std::set<unsigned> KeptOrigins;
  for (const Finding &F : R.Findings)
    KeptOrigins.insert(F.Origin);
  std::vector<ClangTidyError> Kept;
  for (unsigned I = 0; I < Errors.size(); ++I)
    if (isCompilerError(Errors[I]) || KeptOrigins.count(I))
      Kept.push_back(Errors[I]);

  bool FixesApplied = false;
  auto PrintText = [&] {
    unsigned WarningsAsErrors = 0;
    bool ApplyNow = O.Fix && !FixesApplied;
    FixesApplied = FixesApplied || ApplyNow;
    clang::tidy::handleErrors(Kept, Context,
                              ApplyNow ? clang::tidy::FB_Fix
                                       : clang::tidy::FB_NoFix,
                              WarningsAsErrors, BaseFS);
  };
  bool PrintedSomething = FilesAnalyzed > 0;
  for (const OutputRequest &Req : O.Requests) {
    if (Req.Format == OutputFormat::Text && !PrintedSomething)
      continue;
    if (Req.Path.empty()) {
      if (Req.Format == OutputFormat::Text)
        PrintText();
      else
        writeReport(Req.Format, R, llvm::outs());
      llvm::outs().flush();
      continue;
    }
    bool Ok = writeAtomically(
        Req.Path,
        [&](llvm::raw_ostream &OS, int FD) {
          if (Req.Format == OutputFormat::Text)
            withStdoutTo(FD, PrintText);
          else
            writeReport(Req.Format, R, OS);
        },
        Error);
    if (!Ok)
      WriteFailed(Error);
  }
  if (O.Fix && !FixesApplied && FilesAnalyzed > 0) {
    // No text report: apply the fixes, print nothing.
    int Null = ::open("/dev/null", O_WRONLY);
    withStdoutTo(Null, PrintText);
    ::close(Null);
  }
  if (!O.ExportFixes.empty()) {
    std::vector<ClangTidyError> WithFixes;
    for (const ClangTidyError &E : Kept)
      if (!isCompilerError(E))
        WithFixes.push_back(E);
    if (!writeAtomically(O.ExportFixes,
                         [&](llvm::raw_ostream &OS, int) {
                           clang::tidy::exportReplacements("", WithFixes, OS);
                         },
                         Error))
      WriteFailed(Error);
  }

  if (!O.Quiet) {
    auto &E = llvm::errs();
    if (SuppressedByNolint)
      E << "Suppressed " << SuppressedByNolint << " findings by NOLINT.\n";
    if (!O.DiffBase.empty() || !O.ChangedLines.empty())
      E << "resilience-tidy: " << R.HiddenByDiff
        << " finding(s) outside the changed lines not shown\n";
    if (!O.Baseline.empty())
      E << "resilience-tidy: " << R.HiddenByBaseline
        << " finding(s) accepted by the baseline not shown; "
        << R.StaleBaseline << " baseline entr"
        << (R.StaleBaseline == 1 ? "y" : "ies") << " no longer found\n";
  }
  if (Broken)
    llvm::errs() << "resilience-tidy: error: " << Broken
                 << " file(s) failed to compile; their findings are missing\n";
  if (!R.Problems.empty() || WriteFailures)
    return 2;
  if (O.FailNever)
    return 0;
  for (const Finding &F : R.Findings)
    if (F.Level >= O.FailOn)
      return 1;
  return 0;
}

} // namespace resilience
