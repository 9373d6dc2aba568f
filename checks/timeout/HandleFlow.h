//===--- HandleFlow.h - The per-function flow behind HandleConfig ---------===//
//
// Internal to the analysis: the flow over one function's CFG that
// HandleConfig.cpp runs, shared with the files that hold its parts:
// HandleFlow.cpp (keys, initial states, joins, values, the worklist),
// HandleTransfer.cpp (class HandleTransfer: the transfer functions, which
// read and write the flow's state through it), HandleBindings.cpp (setter
// wrappers per call, accessor keys), ReadinessWaits.cpp (class WaitSets:
// poll/select over sets of descriptors).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_HANDLEFLOW_H
#define RESILIENCE_TIDY_MODEL_HANDLEFLOW_H

#include "timeout/HandleConfig.h"
#include "ast/TableLookup.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <map>
#include <optional>
#include <set>

namespace resilience {
namespace model {

/// How a function's own parameters and `this` fields start.
enum class Mode {
  Real,        ///< parameters out of sight, fields from the class summary
  ParamEffect, ///< parameters and fields start unset (summarizing a helper)
  FieldSummary ///< fields start unset, parameters out of sight
};

struct HandleConfigAnalysis::FunctionResult {
  std::map<const clang::CallExpr *, RequestFact> Facts;
  /// At each call of a function only this translation unit can call: what
  /// each argument (and each member path under it) held before the call.
  std::map<std::pair<const clang::CallExpr *, unsigned>,
           std::map<HandleKey, HandleState>>
      ArgStates;
  std::map<HandleKey, HandleState> Exit;
  std::optional<HandleState> Returned;
};

using FlowState = std::map<HandleKey, HandleState>;

/// The kind slots that the kind of a handle made by \p Creator (a creator
/// function's or a handle type's qualified name) with \p Args writes
/// (HandleKinds.cpp).
void applyKinds(HandleState &S, llvm::StringRef Creator,
                llvm::ArrayRef<const clang::Expr *> Args,
                const clang::Expr *Where, clang::ASTContext &Ctx);

/// Grows \p S to \p N slots (new slots unset).
inline void sizeFor(HandleState &S, size_t N) {
  if (S.Slots.size() < N) {
    S.Slots.resize(N, NotSet);
    S.Witness.resize(N, nullptr);
  }
}

class HandleFlow;

/// What each statement does to the flow's state (HandleTransfer.cpp).
class HandleTransfer {
public:
  explicit HandleTransfer(HandleFlow &Flow);

  void transfer(const clang::Stmt *S, FlowState &St, bool Record);
  /// `K = RHS`, for a key the flow follows.
  void assign(const HandleKey &K, const clang::Expr *RHS, FlowState &St);

private:
  void transferCall(const clang::CallExpr *CE, FlowState &St, bool Record);
  void transferRequest(const clang::CallExpr *CE, const table::LibCall &LC,
                       FlowState &St, bool Record);
  void transferHelperCall(const clang::CallExpr *CE,
                          const clang::FunctionDecl *Callee, FlowState &St,
                          bool Record);
  void markOutOfSight(const HandleKey &Prefix, FlowState &St);

  HandleFlow &Flow;
  HandleConfigAnalysis &A;
  const table::Lookup &T;
  clang::ASTContext &Ctx;
};

/// Readiness waits (poll/select) over sets of descriptors
/// (ReadinessWaits.cpp): which handles each set holds, the wait's timeout
/// written on them, and the request that uses the wait up.
class WaitSets {
public:
  explicit WaitSets(HandleFlow &Flow);

  /// Finds the sets of the function and the handles put in them.
  void collectSetMembers(const clang::Stmt *S);
  /// poll(fds, n, timeout): the timeout, written on the handles of the sets.
  void transferWait(const clang::CallExpr *CE, FlowState &St);
  /// A request uses up the waits before it.
  void consumeWaits(const clang::CallExpr *CE, const table::LibCall &LC,
                    FlowState &St);

private:
  void noteEvents(const clang::VarDecl *Set, const clang::Expr *Events,
                  const ReadinessWait &RW);
  void noteSetInit(const clang::VarDecl *Set, const clang::Expr *Init,
                   const ReadinessWait &RW);

  HandleFlow &Flow;
  const table::Lookup &T;
  clang::ASTContext &Ctx;
  /// Sets of descriptors (a pollfd array, an fd_set) and the handles put in
  /// them anywhere in the function.
  std::map<const clang::VarDecl *, std::vector<HandleKey>> SetMembers;
  /// Per set: were its awaited events written, and did some write ask for
  /// input?
  std::map<const clang::VarDecl *, std::pair<bool, bool>> SetEvents;
};

class HandleFlow {
public:
  /// The caller's arguments a helper's parameters stand for, when the helper
  /// is summarized for one call (HandleBindings.cpp).
  using Bindings = HandleConfigAnalysis::Bindings;

  HandleFlow(HandleConfigAnalysis &A, const clang::FunctionDecl *FD, Mode M,
             const Bindings *Bound = nullptr)
      : A(A), T(A.T), Ctx(A.Ctx), FD(FD), M(M), Bound(Bound) {}
  HandleFlow(const HandleFlow &) = delete; // Transfer and Waits refer to it
  HandleFlow &operator=(const HandleFlow &) = delete;

  bool run(HandleConfigAnalysis::FunctionResult &Out);
  HandleState valueOf(const clang::Expr *E, const FlowState &St);

  /// \p E, or the caller's argument a bound parameter stands for.
  const clang::Expr *bound(const clang::Expr *E) const;
  /// The bindings of \p Callee's parameters for the call \p CE made here.
  Bindings bindingsFor(const clang::CallExpr *CE,
                       const clang::FunctionDecl *Callee) const;

private:
  std::optional<HandleKey> keyOf(const clang::Expr *E) const;
  /// `obj.easy()`: an accessor names the field it returns (or, when its
  /// body is elsewhere, itself) under the object's key.
  std::optional<HandleKey> accessorKey(const clang::CXXMemberCallExpr *MC) const;
  /// In a translation unit with errors, clang drops a statement whose
  /// argument it cannot resolve (`curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
  /// kFromAMissingHeader)`): the body's text names a setter more often than
  /// its AST calls one. What such a function configures is out of sight.
  bool droppedConfiguration() const;
  /// Records ArgStates at \p CE, a call of \p Def.
  void recordArguments(const clang::CallExpr *CE, const clang::FunctionDecl *Def,
                       const std::map<HandleKey, HandleState> &St);
  /// The state a local object's constructor leaves in one of its fields.
  HandleState constructedMember(const clang::VarDecl *VD, const HandleKey &K);
  bool isLocalRoot(const HandleKey &K) const;
  HandleState initial(const HandleKey &K);
  HandleState get(const FlowState &St, const HandleKey &K);
  void joinInto(FlowState &Into, const FlowState &From);
  void collectHandleKeys(const clang::Stmt *S);
  template <typename Range>
  HandleState takeConfig(HandleState S, Range Args, const FlowState &St) {
    llvm::SmallVector<const clang::Expr *, 4> V(Args.begin(), Args.end());
    return takeConfigArgs(S, V, St);
  }
  HandleState takeConfigArgs(HandleState S,
                             llvm::ArrayRef<const clang::Expr *> Args,
                             const FlowState &St);
  bool applyKeywords(const clang::CallExpr *CE, const RequestCall &Req,
                     HandleState &S);
  bool isHandleOrPrefix(const HandleKey &K) const;

  HandleConfigAnalysis &A;
  const table::Lookup &T;
  clang::ASTContext &Ctx;
  const clang::FunctionDecl *FD;
  Mode M;
  const Bindings *Bound;
  std::set<HandleKey> HandleKeys;
  /// Locals that wrap a handle (a transport around a socket) name it.
  std::map<const clang::VarDecl *, HandleKey> Aliases;
  /// A request whose handle may have no key, or a returned new handle:
  /// the flow must run even with no key to follow.
  bool SawRequest = false;
  HandleConfigAnalysis::FunctionResult *Result = nullptr;
  friend class HandleTransfer;
  friend class WaitSets;
  HandleTransfer Transfer{*this};
  WaitSets Waits{*this};
};

} // namespace model
} // namespace resilience

#endif
