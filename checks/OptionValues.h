//===--- OptionValues.h - Parsing the checks' option strings --------------===//
//
// Pure functions, unit-tested without an AST.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_OPTIONVALUES_H
#define RESILIENCE_TIDY_MODEL_OPTIONVALUES_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace resilience {
namespace model {

/// The text a fix-it inserts for a timeout option value. \p Value is what the
/// user wrote in `DefaultTimeoutMs`: a positive integer ("5000" becomes
/// "5000L" with \p LiteralSuffix "L") or the name of a constant ("kTimeoutMs",
/// "cfg::kTimeoutMs" become "(long)kTimeoutMs" with \p Cast "(long)"). Anything
/// else (empty, zero, negative, an expression) gives no fix: a guessed number
/// is worse than none.
std::optional<std::string> timeoutFixLiteral(llvm::StringRef Value,
                                             llvm::StringRef LiteralSuffix,
                                             llvm::StringRef Cast);

/// Splits a semicolon- or comma-separated option list, trimming blanks and
/// dropping empty items.
std::vector<std::string> splitList(llvm::StringRef List);

/// Parses "name", "name:2" or "name:this" items (a function and the index of
/// its handle argument, 0 by default; `this` is \p ObjectIndex) from a
/// list. Returns nullopt if an item's suffix or name is malformed.
std::optional<std::vector<std::pair<std::string, unsigned>>>
parseHandleFunctions(llvm::StringRef List, unsigned ObjectIndex);

} // namespace model
} // namespace resilience

#endif
