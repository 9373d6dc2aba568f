//===--- BoundValues.h - What a bound expression writes -------------------===//
//
// The value a timeout or option call writes, read from the expression:
// finite, zero, "never" or absurdly long, through durations, wrappers and
// literals; the names an option argument is spelled with. Pure functions of
// the AST and the slot's description: no table, no state.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_AST_BOUNDVALUES_H
#define RESILIENCE_TIDY_AST_BOUNDVALUES_H

#include "knowledge/LibraryTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace resilience {
namespace model {

/// The values one slot may hold, as a bit set.
/// Zero is an explicit 0 where the library reads 0 as "never"; Never is any
/// other explicit "never" (-1, time_point::max(), expires_never()). Absurd
/// is a finite value longer than MaxReasonableTimeoutMs, for slots that ask.
enum SlotValue : uint8_t {
  NotSet = 1,
  Finite = 2,
  Zero = 4,
  Never = 8,
  Absurd = 16
};

/// The integer a constant expression evaluates to, when it fits in int64_t
/// (`std::string::npos` and other unsigned values past INT64_MAX do not).
std::optional<int64_t> constantInt(const clang::Expr *E,
                                   const clang::ASTContext &Ctx);

namespace table {

/// A std::chrono::duration value (or a number of \p UnitMs) in ms, if known.
std::optional<uint64_t> durationMs(const clang::Expr *E, clang::ASTContext &Ctx,
                                   unsigned Depth = 0);

/// Finite, Zero, Never or Absurd for a bound value written to \p Slot; a
/// duration over \p MaxReasonableMs is Absurd where the slot asks (0 turns
/// the test off).
uint8_t classifyValue(const clang::Expr *E, const BoundSlot &Slot,
                      clang::ASTContext &Ctx, uint64_t MaxReasonableMs,
                      unsigned Depth = 0);
/// The names an option argument may be known by (enumerator or macros).
llvm::SmallVector<llvm::StringRef, 4>
optionNames(const clang::Expr *E, clang::ASTContext &Ctx, unsigned Depth = 0);
/// Does the argument's text name \p Flag as a whole word?
bool mentionsFlag(const clang::Expr *E, llvm::StringRef Flag,
                  clang::ASTContext &Ctx, unsigned Depth = 0);

} // namespace table
} // namespace model
} // namespace resilience

#endif
