//===--- OwnStatements.h - The statements of one callable -----------------===//
//
// A matcher that asks for a statement's enclosing function (forCallable,
// hasAncestor) makes clang build the parent map of the whole translation
// unit, system headers and every template instantiation included: on a C++
// file using the standard library, a fifth of the parse time and a quarter
// more memory, paid even when no statement in the project's own code turns
// out to matter. The checks match the callables instead (function
// definitions and lambdas) and walk each one's own statements with this.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_OWNSTATEMENTS_H
#define RESILIENCE_TIDY_MODEL_OWNSTATEMENTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace resilience {
namespace model {

/// The callable a "fn" or "lambda" binding of ownCallableMatchers names,
/// with its body, or null when it has none.
const clang::FunctionDecl *
matchedCallable(const clang::ast_matchers::MatchFinder::MatchResult &R);

/// Registers the two callable matchers (binding "fn" and "lambda") for Cb.
void addCallableMatchers(clang::ast_matchers::MatchFinder *Finder,
                         clang::ast_matchers::MatchFinder::MatchCallback *Cb);

/// Calls Visit on every statement that belongs to Fn itself, in source
/// order: its body, constructor initializers and default arguments, but not
/// the bodies of lambdas, blocks or local classes' methods, which are
/// callables of their own.
void forEachOwnStatement(const clang::FunctionDecl *Fn,
                         llvm::function_ref<void(const clang::Stmt *)> Visit);

} // namespace model
} // namespace resilience

#endif
