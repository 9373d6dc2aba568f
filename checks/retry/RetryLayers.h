//===--- RetryLayers.h - Retries under a retry loop -----------------------===//
//
// A retry loop multiplies with every retry below it: a loop in a function it
// calls (through functions, lambdas and methods defined in the translation
// unit), or a client that retries by itself: a handle configured to retry
// (libevent's evhttp_connection_set_retries, a gRPC channel whose service
// config has a retryPolicy, followed from the channel arguments through
// the channel to the stub), or an in-house client declared as retrying.
// The caps of each layer, where they are constants, give the product.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_RETRYLAYERS_H
#define RESILIENCE_TIDY_MODEL_RETRYLAYERS_H

#include "retry/RetryLoop.h"
#include "knowledge/RetryKnowledge.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace resilience {
namespace model {

/// An in-house client that retries by itself (from an option): a class
/// (its methods) or a function, with its attempts if known.
struct RetryingClient {
  std::string Name;
  std::optional<unsigned> Attempts;
};

struct RetryLayer {
  enum Kind { Loop, Handle, Client };
  Kind K = Loop;
  /// Where the layer retries: the inner loop, the call configuring the
  /// handle, or the call to the declared client.
  clang::SourceLocation Where;
  /// The call of the outer loop through which the layer is reached.
  const clang::CallExpr *Via = nullptr;
  /// What the layer retries (Loop), or the handle's library / client name.
  std::string Name;
  std::optional<unsigned> Attempts; ///< unknown when not a constant
  const RetrySummary *Inner = nullptr; ///< Loop: its summary
};

class RetryLayers {
public:
  RetryLayers(clang::ASTContext &Ctx, RetryLoopAnalysis &A,
              std::vector<RetryingClient> Clients);
  ~RetryLayers();

  /// The deepest chain of retry layers under the loop of \p S (the first
  /// one is reached from the loop's body), or empty.
  std::vector<RetryLayer> under(const RetrySummary &S,
                                const clang::FunctionDecl *Fn);

  /// The number of attempts of a counted loop (`for (int i = 0; i < 3;
  /// ++i)`, `while (n < kMax)`), when its bounds are constants.
  std::optional<unsigned> attemptCap(const RetrySummary &S) const;

  struct HandleRetry {
    clang::SourceLocation Where;
    std::string Library;
    std::optional<unsigned> Attempts; ///< 1: retries disabled
  };

private:
  void indexHandles();
  const HandleRetry *handleOf(const clang::CallExpr *C) const;
  std::optional<RetryLayer> clientLayer(const clang::CallExpr *C) const;
  bool search(const clang::FunctionDecl *FD, const clang::CallExpr *Via,
              unsigned Depth, std::vector<RetryLayer> &Chain);
  void callsOf(const clang::Stmt *S,
               std::vector<const clang::CallExpr *> &Out) const;

  clang::ASTContext &Ctx;
  RetryLoopAnalysis &A;
  std::vector<RetryingClient> Clients;
  NameList TimeTypes;
  bool Indexed = false;
  llvm::DenseMap<const clang::Decl *, HandleRetry> Handles;
};

} // namespace model
} // namespace resilience

#endif
