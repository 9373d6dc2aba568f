//===--- StringValue.h - What text a string expression holds --------------===//
//
// A URL or a header is rarely one literal: it is `base + "/v1/charges"`, a
// `std::string` that grows with `+=` and `append`, a buffer filled by
// `snprintf`, a `#define` or a constant, or a parameter of a helper whose
// caller passes the literal. This resolver turns such an expression into a
// sequence of pieces: literal text where the value is known, and *leaves*
// (the expressions it cannot see through: a call, a field, an unbound
// parameter) elsewhere.
//
// Local variables are followed through their definitions in the function,
// flow-insensitively: one definition plus appends is resolved; several
// definitions, or a variable handed to code that may write it, stay a leaf.
// A parameter is resolved in the caller when the analysis is following a
// call site (see Frame).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_STRINGVALUE_H
#define RESILIENCE_TIDY_MODEL_STRINGVALUE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <string>
#include <vector>

namespace resilience {
namespace model {

/// One function on the path from a request up to the caller that supplied
/// its arguments. Frame 0 holds the request; frame i+1 is the caller of
/// frame i, and `Site` (in frame i+1's function) is the call that entered
/// frame i.
struct Frame {
  const clang::FunctionDecl *F = nullptr;
  const clang::CallExpr *Site = nullptr; ///< the call into the frame below
};
using FramePath = std::vector<Frame>;

/// Where an expression is evaluated: a frame of a path.
struct Env {
  const FramePath *Path = nullptr;
  unsigned Level = 0;
  const clang::FunctionDecl *function() const {
    return Path && Level < Path->size() ? (*Path)[Level].F : nullptr;
  }
};

struct StrPiece {
  std::string Text;                  ///< literal text (when Leaf is null)
  const clang::Expr *Leaf = nullptr; ///< an expression not seen through
  const clang::Expr *Src = nullptr;  ///< the literal the text comes from
  unsigned Level = 0;                ///< the frame the leaf belongs to
  /// Variables this piece's value passed through or reads.
  llvm::SmallVector<const clang::VarDecl *, 4> Vars;
};

struct StrValue {
  std::vector<StrPiece> Pieces;

  bool allLiteral() const;
  bool empty() const { return Pieces.empty(); }
  /// The text, with leaves written as `{name}`.
  std::string render() const;
  /// The literal text only (for "does the body mention this field").
  std::string literalText() const;
  void append(const StrValue &Other);
  void appendText(llvm::StringRef Text, const clang::Expr *Src = nullptr);
  /// Splits off everything after the first ':' of the literal text (for
  /// "Name: value" header strings). Returns false if a leaf comes first.
  bool splitHeader(std::string &Name, StrValue &Value) const;
};

/// How a local variable gets its value.
struct VarDef {
  enum Kind { Set, Append, Format, Unknown } K = Unknown;
  const clang::Expr *Value = nullptr;    ///< the assigned/appended value
  const clang::CallExpr *Call = nullptr; ///< snprintf-like calls
  unsigned FormatArg = 0;                ///< index of the format string
};

class StringResolver {
public:
  StringResolver() = default;

  StrValue resolve(const clang::Expr *E, const Env &En);
  /// The definitions of a local variable in its function, in source order.
  const std::vector<VarDef> &defsOf(const clang::VarDecl *V);
  /// True if \p E reads a parameter of the outermost frame (a value the
  /// caller supplies).
  static bool isUnboundParam(const StrPiece &P, const Env &En);

  static const clang::Expr *strip(const clang::Expr *E);

private:
  StrValue resolveIn(const clang::Expr *E, const Env &En, unsigned Depth);
  StrValue resolveVar(const clang::VarDecl *V, const clang::Expr *Ref,
                      const Env &En, unsigned Depth);
  StrValue resolveDefs(const clang::VarDecl *V, const clang::Expr *Ref,
                       const Env &En, unsigned Depth);
  StrValue format(const VarDef &D, const Env &En, unsigned Depth);
  StrValue leaf(const clang::Expr *E, const Env &En);
  void indexFunction(const clang::FunctionDecl *F);

  std::map<const clang::VarDecl *, std::vector<VarDef>> Defs;
  std::map<const clang::FunctionDecl *, bool> Indexed;
  /// Variables being resolved: a variable built from itself (`s += s`)
  /// stays a leaf instead of unfolding without end.
  llvm::SmallVector<const clang::VarDecl *, 8> Resolving;
};

/// Every VarDecl a subtree reads.
void collectVars(const clang::Stmt *S,
                 llvm::SmallVectorImpl<const clang::VarDecl *> &Out);

/// A character array, or a pointer to characters (through references).
bool isCharLike(clang::QualType T);

} // namespace model
} // namespace resilience

#endif
