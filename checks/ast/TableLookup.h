//===--- TableLookup.h - Calls, types and values, read through the table --===//
//
// What HandleConfig asks of the library table about one AST node: which
// library call a callee is, which argument is the handle, whether a type is a
// library's handle, what a bound value means (finite, 0, "never"). Pure
// lookups: no flow state here.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_TABLELOOKUP_H
#define RESILIENCE_TIDY_MODEL_TABLELOOKUP_H

#include "ast/BoundValues.h"
#include "knowledge/LibraryTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <optional>
#include <string>

namespace resilience {
namespace model {
namespace table {

/// What a callee is to the table.
struct LibCall {
  const LibraryModel *Lib = nullptr;
  enum Kind {
    None,
    Request,
    Setter,
    SlotSet,
    Resetter,
    Creator,
    BoundedCreator,
    Copier,
    Own
  } K = None;
  const RequestCall *Req = nullptr;
  const OptionSetter *Set = nullptr;
  const SlotSetter *Slot = nullptr;
};

/// A qualified name without template arguments and without inline or
/// anonymous namespaces: "boost::beast::basic_stream::expires_after".
std::string qualifiedName(const clang::NamedDecl *D);
/// `*` matches any run of characters; everything else matches itself.
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Name);
std::string calleeName(const clang::FunctionDecl *FD);

/// The function a call calls: its direct callee or, when an argument has
/// errors (partial context) and the call stayed unresolved, the one
/// function its name can mean.
const clang::FunctionDecl *calleeOf(const clang::CallExpr *CE);

/// Which library call \p Callee is among \p Libraries (uncached).
LibCall classifyIn(llvm::ArrayRef<LibraryModel> Libraries,
                   const clang::FunctionDecl *Callee);

/// The record a type names, through one pointer or reference.
const clang::CXXRecordDecl *recordOf(clang::QualType T);
/// Is \p T a record named one of \p Names ('|'-separated)?
bool isRecordNamed(clang::QualType T, llvm::StringRef Names);
/// The pointee of a unique_ptr/shared_ptr or raw pointer type, or null.
clang::QualType pointeeOfSmartPointer(clang::QualType T);

/// Parens, implicit casts and temporaries removed.
const clang::Expr *strip(const clang::Expr *E);
/// The expression at a table argument index (ObjectArg, NoArg allowed).
const clang::Expr *argumentAt(const clang::CallExpr *CE, unsigned Index);

/// The table as one check instance sees it, for one translation unit: the
/// check's LibrarySet, its MaxReasonableTimeoutMs, and a classification
/// cache keyed by declarations of that unit. Create one per translation unit
/// (the analysis that owns it dies with the unit), never share one across
/// units: a freed declaration's address may be reused by the next.
class Lookup {
public:
  Lookup(llvm::ArrayRef<LibraryModel> Libraries, uint64_t MaxReasonableMs)
      : Libraries(Libraries), MaxReasonableMs(MaxReasonableMs) {}

  llvm::ArrayRef<LibraryModel> libraries() const { return Libraries; }

  /// Which library call \p Callee is; cached.
  LibCall classify(const clang::FunctionDecl *Callee) const;
  /// The library whose handle type \p T is, if any.
  const LibraryModel *libraryOfHandleType(clang::QualType T) const;
  bool isWrapperType(clang::QualType T) const;
  /// Does \p FD return another view of its handle argument (Accessors)?
  bool isAccessor(const clang::FunctionDecl *FD) const;
  /// `&x`, `*p`, `sp->`, `sp.get()`, smart-pointer copies and the table's
  /// Accessors removed: the expression naming the handle itself.
  const clang::Expr *lookThrough(const clang::Expr *E,
                                 bool AddressOf = true) const;
  /// Does \p E make a new handle of some library?
  bool makesHandle(const clang::Expr *E) const;
  /// If \p E builds a wrapper around a handle, the wrapped expression.
  const clang::Expr *wrappedHandle(const clang::Expr *E,
                                   unsigned Depth = 0) const;
  /// Finite, Zero, Never or Absurd for a bound value written to \p Slot
  /// (Absurd: longer than MaxReasonableTimeoutMs, where the slot asks).
  uint8_t classifyValue(const clang::Expr *E, const BoundSlot &Slot,
                        clang::ASTContext &Ctx) const {
    return table::classifyValue(E, Slot, Ctx, MaxReasonableMs);
  }

private:
  llvm::ArrayRef<LibraryModel> Libraries;
  uint64_t MaxReasonableMs;
  mutable std::map<const clang::FunctionDecl *, LibCall> Cache;
};

/// The flags of \p Lib that \p CE writes, for the handle at \p HandleArg.
template <typename Fn>
void forEachFlag(const clang::CallExpr *CE, const LibraryModel *Lib,
                 unsigned HandleArg, clang::ASTContext &Ctx, Fn &&F) {
  const clang::FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Lib)
    return;
  std::string Name = calleeName(Callee);
  for (const FlagArgument &FA : Lib->Flags)
    if (FA.Function == Name && FA.HandleArg == HandleArg &&
        FA.Arg < CE->getNumArgs() && mentionsFlag(CE->getArg(FA.Arg), FA.Flag, Ctx))
      F(FA);
}

} // namespace table
} // namespace model
} // namespace resilience

#endif
