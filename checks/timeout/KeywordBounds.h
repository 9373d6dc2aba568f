//===--- KeywordBounds.h - Bounds written in the text of a string ---------===//
//
// Some libraries take their timeouts as text: a libpq connection string
// ("host=db connect_timeout=5"), a URI ("postgresql://db?connect_timeout=5"),
// keyword/value arrays, or a statement run on the connection ("SET
// statement_timeout = 5000"). The table names the keyword (KeywordBound);
// this file finds it in the text of the argument, as far as the string
// resolver can see it.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_KEYWORDBOUNDS_H
#define RESILIENCE_TIDY_MODEL_KEYWORDBOUNDS_H

#include "knowledge/LibraryTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <cstdint>

namespace resilience {
namespace model {

/// What a text says about \p Keyword: 0 when absent, else a SlotValue
/// (Finite, or Zero for a value of 0). In the text, '\x01' stands for a
/// value the analysis cannot read (counted as finite). When \p Statement is
/// set, the text must start with that word (case-insensitive).
uint8_t scanKeyword(llvm::StringRef Text, llvm::StringRef Keyword,
                    llvm::StringRef Statement);

/// What call \p CE's string arguments write for \p KB: 0 when the keyword
/// is absent from text fully in sight, a SlotValue when present; \p Unknown
/// is set when some of the text is out of sight and the keyword may be in
/// it.
uint8_t keywordValue(const clang::CallExpr *CE, const KeywordBound &KB,
                     clang::ASTContext &Ctx, bool &Unknown);

} // namespace model
} // namespace resilience

#endif
