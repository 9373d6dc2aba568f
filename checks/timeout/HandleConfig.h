//===--- HandleConfig.h - Is this handle bounded before this call? --------===//
//
// A timeout is a fact about a handle, not about a call. This analysis follows
// each handle (a local variable, a field of `this`, a member of a local or a
// parameter) through a function's CFG and answers, at every request call of
// the library table: which values may each bound slot of the handle hold on
// the paths that reach this call?
//
// The handle may be a C pointer written by setter(handle, option, value), a
// C++ object written by its own methods (`ctx.set_deadline(tp)`), reached
// through `&x`, `p->`, smart pointers or a library's accessors, an `int`
// descriptor, or a wrapper built around another handle (a Thrift transport
// around its socket). A request may also carry its own bound in an argument
// (`cpr::Timeout`, AsyncNext's deadline) or take a second object whose bound
// counts (a QNetworkRequest passed to its manager). Which is which is data:
// see LibraryTable.h and TableLookup.h.
//
// It is a forward "may" analysis: a bound set on any path counts, so a check
// built on it reports only when *no* path configures the handle. Helpers and
// factories defined in the translation unit are summarized and applied at
// their call sites; a field's state at a method's entry is what the class's
// other methods (constructors included) may leave in it. A handle that comes
// from outside the translation unit's sight is marked, so that checks can stay
// silent on it by default.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_HANDLECONFIG_H
#define RESILIENCE_TIDY_MODEL_HANDLECONFIG_H

#include "ast/TableLookup.h"
#include "knowledge/LibraryTable.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <set>

namespace resilience {
namespace model {

class CallSites;

/// What the paths reaching a point may have done to one handle.
struct HandleState {
  const LibraryModel *Lib = nullptr;
  llvm::SmallVector<uint8_t, 4> Slots; ///< SlotValue bits per slot
  /// Where each slot was last written on some path (for notes).
  llvm::SmallVector<const clang::Expr *, 4> Witness;
  /// Some path got the handle from somewhere the analysis cannot see (a
  /// parameter, an unknown function, a call that may configure it).
  bool OutOfSight = false;

  uint8_t slot(unsigned I) const { return I < Slots.size() ? Slots[I] : NotSet; }
  void write(unsigned Slot, uint8_t Value, const clang::Expr *Where);
  bool join(const HandleState &Other); ///< returns true if this changed
  bool operator==(const HandleState &O) const {
    return Lib == O.Lib && Slots == O.Slots && OutOfSight == O.OutOfSight;
  }
  static HandleState fresh(const LibraryModel *Lib);
  static HandleState outOfSight(const LibraryModel *Lib);
};

/// The access path of a handle: a root declaration (null for `this`)
/// followed by fields.
using HandleKey = llvm::SmallVector<const clang::Decl *, 3>;

/// What the analysis found at one request call.
struct RequestFact {
  const LibraryModel *Lib = nullptr;
  const RequestCall *Request = nullptr;
  HandleState State;
  bool Resolved = false; ///< the handle expression was understood
  /// The handle expression of the request, as resolved.
  const clang::Expr *Handle = nullptr;
  /// The library saw where the handle came from (RequireKnownOrigin).
  bool KnownOrigin = false;
};

class HandleConfigAnalysis {
public:
  /// One per translation unit: \p Libraries is the owning check's table
  /// (its LibrarySet), \p MaxReasonableTimeoutMs its option.
  HandleConfigAnalysis(clang::ASTContext &Ctx,
                       llvm::ArrayRef<LibraryModel> Libraries,
                       uint64_t MaxReasonableTimeoutMs);
  ~HandleConfigAnalysis();

  /// The fact at \p Call, which must be a request call of the table; null if
  /// the enclosing function could not be analyzed.
  const RequestFact *factAt(const clang::CallExpr *Call,
                            const clang::FunctionDecl *Enclosing);

  /// Which library request \p Call is, if any.
  const RequestCall *asRequest(const clang::CallExpr *Call,
                               const LibraryModel **Lib) const;
  /// The table as this analysis reads it.
  const table::Lookup &lookup() const { return T; }
  /// The expression that denotes the handle of a request or setter call
  /// (the implicit object, or an argument), or null.
  static const clang::Expr *handleArgument(const clang::CallExpr *Call,
                                           const LibraryModel &Lib,
                                           const RequestCall &Req);

  /// A helper's parameters bound to one caller's arguments.
  using Bindings =
      llvm::DenseMap<const clang::ParmVarDecl *, const clang::Expr *>;

private:
  struct FunctionResult;
  const FunctionResult *analyze(const clang::FunctionDecl *FD, bool Neutral);
  const FunctionResult *analyzeIn(const clang::FunctionDecl *FD, int Mode);
  friend class HandleFlow;
  friend class HandleTransfer;

  clang::ASTContext &Ctx;
  table::Lookup T;
  std::map<std::pair<const clang::FunctionDecl *, int>,
           std::unique_ptr<FunctionResult>>
      Results;
  std::set<std::pair<const clang::FunctionDecl *, int>> InProgress;
  std::map<const clang::FieldDecl *, HandleState> FieldSummaries;
  std::set<const clang::FieldDecl *> FieldsInProgress;
  unsigned Depth = 0;
  std::map<const clang::FunctionDecl *, bool> Forwarders;
  std::unique_ptr<CallSites> Sites;
  CallSites &callSites();
  /// The methods of \p RD, with the instantiations of its member templates.
  static std::vector<const clang::CXXMethodDecl *>
  methodsOf(const clang::CXXRecordDecl *RD);
  /// \p Callee's parameters bound to the arguments of \p CE.
  static Bindings argumentBindings(const clang::CallExpr *CE,
                                   const clang::FunctionDecl *Callee);

public:
  /// Does \p FD hand one of its parameters to a setter as the option or the
  /// value (itself or through another such helper)? Such a helper is
  /// summarized once per call, with its parameters bound to the arguments.
  bool forwardsToSetter(const clang::FunctionDecl *FD, unsigned Depth = 0);
  /// The summary of \p FD for one call (not cached: the bindings differ).
  std::unique_ptr<FunctionResult> analyzeBound(const clang::FunctionDecl *FD,
                                               int Mode, const Bindings &B);
  // Summaries used by the flow; exposed for HandleFlow.
  /// The state of the handle a function returns, or null if unknown.
  const HandleState *returnedHandle(const clang::FunctionDecl *FD);
  /// What a parameter of a function that only this translation unit calls
  /// (internal linkage, address never taken) holds on entry: the join of
  /// the states at its call sites; null when some caller is out of sight.
  std::optional<HandleState> paramFromCallers(const clang::ParmVarDecl *P,
                                              const HandleKey &Suffix);
  /// The state a helper leaves its parameter \p Index in, starting unset.
  const HandleState *paramEffect(const clang::FunctionDecl *FD, unsigned Index);
  /// What a field of `this` may hold when a method starts.
  HandleState fieldAtEntry(const clang::FieldDecl *FD);
};

} // namespace model
} // namespace resilience

#endif
