//===--- KeywordBounds.cpp - Bounds written in the text of a string -------===//

#include "timeout/KeywordBounds.h"
#include "ast/StringValue.h"
#include "ast/TableLookup.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringExtras.h"

namespace resilience {
namespace model {

using namespace clang;

namespace {
bool isWordChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// Does a value text mean zero ("0", "'0'", "0ms", "0s")?
bool isZeroValue(llvm::StringRef V) {
  V = V.trim().trim("'\"");
  if (V.empty() || V[0] == '\x01')
    return false;
  size_t Digits = 0;
  while (Digits < V.size() && llvm::isDigit(V[Digits]))
    ++Digits;
  if (Digits == 0)
    return false;
  llvm::StringRef Num = V.take_front(Digits);
  return Num.find_first_not_of('0') == llvm::StringRef::npos;
}
} // namespace

uint8_t scanKeyword(llvm::StringRef Text, llvm::StringRef Keyword,
                    llvm::StringRef Statement) {
  std::string Lower = Text.lower();
  std::string Key = Keyword.lower();
  llvm::StringRef T(Lower);
  if (!Statement.empty()) {
    llvm::StringRef Head = T.ltrim();
    std::string S = Statement.lower();
    if (!Head.starts_with(S) ||
        (Head.size() > S.size() && isWordChar(Head[S.size()])))
      return 0;
  }
  for (size_t At = T.find(Key); At != llvm::StringRef::npos;
       At = T.find(Key, At + 1)) {
    // A whole word: not `tcp_user_timeout` for `user_timeout`, but a
    // URI-encoded space ("%20statement_timeout") is a separator.
    bool Before = At > 0 && isWordChar(T[At - 1]) &&
                  !(At >= 3 && T.substr(At - 3, 3) == "%20");
    size_t End = At + Key.size();
    if (Before || (End < T.size() && isWordChar(T[End])))
      continue;
    llvm::StringRef Rest = T.drop_front(End).ltrim();
    if (Rest.consume_front("="))
      ;
    else if (Rest.consume_front("%3d"))
      ;
    else if (Rest.consume_front("to") && !Rest.empty() &&
             !isWordChar(Rest[0]))
      ;
    else
      continue; // a mention, not an assignment
    Rest = Rest.ltrim();
    if (Rest.starts_with("default"))
      return 0; // back to the default: nothing set
    size_t Stop = Rest.find_first_of(" \t\n&;,)");
    llvm::StringRef Value = Rest.take_front(Stop);
    if (Value.empty())
      return 0;
    if (Value.trim("'\"").starts_with("-"))
      return 8; // Never: a negative value waits indefinitely
    return isZeroValue(Value) ? uint8_t(4) /*Zero*/ : uint8_t(2) /*Finite*/;
  }
  return 0;
}

namespace {
/// May an unseen value of \p Key hold \p KB's keyword?
bool isCarrier(const KeywordBound &KB, llvm::StringRef Key) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  KB.Carriers.split(Parts, '|', -1, false);
  return llvm::is_contained(Parts, Key);
}

bool isNull(const Expr *E, ASTContext &Ctx) {
  return E && E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
}

/// The initializers of a local array (`const char *keys[] = {...}`).
const InitListExpr *arrayInit(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(table::strip(E));
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->getType()->isArrayType() || !VD->getInit())
    return nullptr;
  return dyn_cast<InitListExpr>(table::strip(VD->getInit()));
}
} // namespace

uint8_t keywordValue(const CallExpr *CE, const KeywordBound &KB,
                     ASTContext &Ctx, bool &Unknown) {
  if (KB.Arg >= CE->getNumArgs())
    return 0;
  StringResolver R;
  std::string Text;
  if (KB.ValuesArg == NoArg) {
    const Expr *A = CE->getArg(KB.Arg);
    if (isNull(A, Ctx))
      return 0;
    A = table::strip(A);
    StrValue V = R.resolve(A, Env{});
    for (const StrPiece &P : V.Pieces) {
      if (!P.Leaf) {
        Text += P.Text;
        continue;
      }
      // A value after `key=` is that key's; anything else may hold more
      // keywords.
      llvm::StringRef Sofar = llvm::StringRef(Text).rtrim().rtrim('\'');
      if (Sofar.consume_back("=")) {
        Sofar = Sofar.rtrim();
        size_t B = Sofar.size();
        while (B > 0 && isWordChar(Sofar[B - 1]))
          --B;
        if (isCarrier(KB, Sofar.drop_front(B)))
          Unknown = true;
        Text += '\x01';
      } else {
        Unknown = true;
      }
    }
    if (V.Pieces.empty())
      Unknown = true;
  } else {
    // Keyword/value arrays: rebuilt as "key=value ..." text.
    if (KB.ValuesArg >= CE->getNumArgs())
      return 0;
    const InitListExpr *Keys = arrayInit(CE->getArg(KB.Arg));
    const InitListExpr *Vals = arrayInit(CE->getArg(KB.ValuesArg));
    if (!Keys && !Vals) {
      // One name and one value: set(conf, "name", "value").
      StrValue N = R.resolve(table::strip(CE->getArg(KB.Arg)), Env{});
      StrValue V = R.resolve(table::strip(CE->getArg(KB.ValuesArg)), Env{});
      if (!N.allLiteral() || N.empty())
        return 0; // a name out of sight: some other option, most likely
      Text = N.literalText() + "=";
      Text += V.allLiteral() && !V.empty() ? "'" + V.literalText() + "'"
                                           : std::string("\x01");
      return scanKeyword(Text, KB.Keyword, KB.Statement);
    }
    if (!Keys || !Vals) {
      Unknown = true;
      return 0;
    }
    for (unsigned I = 0; I < Keys->getNumInits(); ++I) {
      const Expr *K = Keys->getInit(I);
      if (isNull(K, Ctx))
        break;
      const auto *SL = dyn_cast<StringLiteral>(table::strip(K));
      if (!SL) {
        Unknown = true;
        continue;
      }
      Text += SL->getString().str() + "=";
      const Expr *V = I < Vals->getNumInits() ? Vals->getInit(I) : nullptr;
      const auto *VL = V ? dyn_cast<StringLiteral>(table::strip(V)) : nullptr;
      if (VL)
        Text += "'" + VL->getString().str() + "'";
      else if (isCarrier(KB, SL->getString()))
        Unknown = true; // may hold further keywords
      else
        Text += '\x01';
      Text += ' ';
    }
  }
  return scanKeyword(Text, KB.Keyword, KB.Statement);
}

} // namespace model
} // namespace resilience
