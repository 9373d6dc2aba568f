//===--- CallSites.h - Who calls each function of the translation unit ----===//
//
// Following an argument into a helper means going back to the helper's
// callers. This index lists, for every function defined in the translation
// unit, the calls that reach it and the function each call sits in. It is
// built once, on first use.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_CALLSITES_H
#define RESILIENCE_TIDY_MODEL_CALLSITES_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace resilience {
namespace model {

class CallSites {
public:
  /// A call and the function it is made from.
  using Site = std::pair<const clang::CallExpr *, const clang::FunctionDecl *>;

  explicit CallSites(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// The calls to the definition \p Def made from code outside system
  /// headers.
  llvm::ArrayRef<Site> callersOf(const clang::FunctionDecl *Def);
  /// Whether code outside system headers calls a function or method with
  /// this unqualified name.
  bool anyCallTo(llvm::StringRef Name);
  /// Those calls.
  llvm::ArrayRef<Site> callsTo(llvm::StringRef Name);
  /// Is \p Def named other than as the callee of a call (its address taken:
  /// a callback, a table of function pointers), so that calls out of sight
  /// may reach it?
  bool addressTaken(const clang::FunctionDecl *Def);

private:
  void build();

  clang::ASTContext &Ctx;
  bool Built = false;
  std::map<const clang::FunctionDecl *, std::vector<Site>> Callers;
  std::map<std::string, std::vector<Site>> ByName;
  std::map<const clang::FunctionDecl *, unsigned> Refs;
};

} // namespace model
} // namespace resilience

#endif
