//===--- CheckFilter.cpp --------------------------------------------------===//

#include "CheckFilter.h"
#include "ClangTidyCompat.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"

using namespace clang::tidy;

namespace resilience {

std::vector<std::string> enabledOwnChecks(llvm::StringRef MergedGlobs,
                                          const std::vector<std::string> &All) {
  GlobList Globs(MergedGlobs);
  std::vector<std::string> On;
  for (const std::string &Name : All)
    if (Globs.contains(Name))
      On.push_back(Name);
  return On;
}

OwnChecksOnlyProvider::OwnChecksOnlyProvider(
    std::unique_ptr<ClangTidyOptionsProvider> Inner,
    std::vector<std::string> Extra)
    : Inner(std::move(Inner)), Extra(std::move(Extra)) {
  ClangTidyOptions Every = ClangTidyOptions::getDefaults();
  Every.Checks = "-*,resilience-*";
  OwnChecks = enabledCheckNames(Every);
}

std::vector<ClangTidyOptionsProvider::OptionsSource>
OwnChecksOnlyProvider::getRawOptions(llvm::StringRef FileName) {
  std::vector<OptionsSource> Raw = Inner->getRawOptions(FileName);
  // The engine merges Checks by concatenation, later globs winning.
  std::string Merged;
  for (const OptionsSource &S : Raw)
    if (S.first.Checks && !S.first.Checks->empty())
      Merged += *S.first.Checks + ",";
  std::string Only = "-*";
  for (const std::string &Name : enabledOwnChecks(Merged, OwnChecks))
    Only += "," + Name;
  for (const std::string &Name : Extra)
    Only += "," + Name;
  ClangTidyOptions Last;
  Last.Checks = Only;
  Raw.emplace_back(std::move(Last), "resilience-tidy: resilience checks only");
  return Raw;
}

} // namespace resilience
