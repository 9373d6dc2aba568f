//===--- StringValue.cpp - What text a string expression holds ------------===//
//
// StrValue, and StringResolver's reading of each construct: literals,
// constructors and initializer lists, `+`, `c_str()`, a function that returns
// one constant, an enumerator, a parameter (in the caller), a global
// constant. Local variables are resolved in StringVariables.cpp.
//
//===----------------------------------------------------------------------===//

#include "ast/StringValue.h"
#include "LLVMCompat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// StrValue

bool StrValue::allLiteral() const {
  return llvm::all_of(Pieces, [](const StrPiece &P) { return !P.Leaf; });
}

static std::string leafName(const Expr *E) {
  E = StringResolver::strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  if (const auto *CE = dyn_cast_or_null<CallExpr>(E))
    if (const auto *FD = CE->getDirectCallee())
      if (FD->getDeclName().isIdentifier())
        return FD->getName().str() + "()";
  return "...";
}

std::string StrValue::render() const {
  std::string Out;
  for (const StrPiece &P : Pieces)
    Out += P.Leaf ? "{" + leafName(P.Leaf) + "}" : P.Text;
  return Out;
}

std::string StrValue::literalText() const {
  std::string Out;
  for (const StrPiece &P : Pieces)
    if (!P.Leaf)
      Out += P.Text;
  return Out;
}

void StrValue::append(const StrValue &Other) {
  Pieces.insert(Pieces.end(), Other.Pieces.begin(), Other.Pieces.end());
}

void StrValue::appendText(llvm::StringRef Text, const Expr *Src) {
  StrPiece P;
  P.Text = Text.str();
  P.Src = Src;
  Pieces.push_back(std::move(P));
}

bool StrValue::splitHeader(std::string &Name, StrValue &Value) const {
  Name.clear();
  Value.Pieces.clear();
  size_t I = 0;
  for (; I < Pieces.size(); ++I) {
    const StrPiece &P = Pieces[I];
    if (P.Leaf)
      return false;
    size_t Colon = P.Text.find(':');
    if (Colon == std::string::npos) {
      Name += P.Text;
      continue;
    }
    Name += P.Text.substr(0, Colon);
    StrPiece Rest = P;
    Rest.Text = llvm::StringRef(P.Text).drop_front(Colon + 1).ltrim().str();
    if (!Rest.Text.empty())
      Value.Pieces.push_back(Rest);
    break;
  }
  if (I == Pieces.size())
    return false;
  for (++I; I < Pieces.size(); ++I)
    Value.Pieces.push_back(Pieces[I]);
  Name = llvm::StringRef(Name).trim().str();
  return true;
}

// ---------------------------------------------------------------------------
// Helpers

const Expr *StringResolver::strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts()->IgnoreImplicit();
    if (const auto *D = dyn_cast<CXXDefaultArgExpr>(Next))
      Next = D->getExpr();
    // A conversion operator (std::string to string_view) keeps the text.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Next))
      if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
        Next = MC->getImplicitObjectArgument();
    if (Next == E)
      break;
    E = Next;
  }
  return E;
}

void collectVars(const Stmt *Root, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  // Iterative, in source order: expressions can nest thousands deep.
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (!llvm::is_contained(Out, V))
          Out.push_back(V);
    llvm::SmallVector<const Stmt *, 8> Kids(S->child_begin(), S->child_end());
    Work.append(Kids.rbegin(), Kids.rend());
  }
}

bool isCharLike(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  else if (T->isPointerType())
    T = T->getPointeeType();
  else
    return false;
  return T->isCharType();
}

// ---------------------------------------------------------------------------
// Resolution

bool StringResolver::isUnboundParam(const StrPiece &P, const Env &En) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(P.Leaf));
  const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!PV || !En.Path || P.Level + 1 != En.Path->size())
    return false;
  return PV->getDeclContext() == (*En.Path)[P.Level].F;
}

StrValue StringResolver::leaf(const Expr *E, const Env &En) {
  StrPiece P;
  P.Leaf = E;
  P.Level = En.Level;
  collectVars(E, P.Vars);
  StrValue V;
  V.Pieces.push_back(std::move(P));
  return V;
}

StrValue StringResolver::resolve(const Expr *E, const Env &En) {
  return resolveIn(E, En, 0);
}

StrValue StringResolver::resolveIn(const Expr *E, const Env &En,
                                   unsigned Depth) {
  const Expr *Orig = E;
  E = strip(E);
  if (!E || Depth > 16)
    return leaf(Orig, En);
  if (const auto *SL = dyn_cast<StringLiteral>(E)) {
    if (SL->getCharByteWidth() != 1)
      return leaf(E, En);
    StrValue V;
    V.appendText(SL->getString(), SL);
    return V;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() == 0)
      return StrValue();
    QualType T = CE->getArg(0)->getType();
    if (isCharLike(T) || T->isRecordType())
      return resolveIn(CE->getArg(0), En, Depth + 1);
    return leaf(E, En);
  }
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E)) {
    // cpr's string types join an initializer list: Url{base, "/v1/charges"}.
    const auto *IL = dyn_cast<InitListExpr>(strip(SIL->getSubExpr()));
    if (!IL)
      return leaf(E, En);
    StrValue V;
    for (const Expr *Init : IL->inits())
      V.append(resolveIn(Init, En, Depth + 1));
    return V;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    if (IL->getNumInits() == 1)
      return resolveIn(IL->getInit(0), En, Depth + 1);
    return leaf(E, En);
  }
  if (const auto *CL = dyn_cast<CharacterLiteral>(E)) {
    if (!isPlainCharLiteral(CL) || CL->getValue() > 0x7f)
      return leaf(E, En);
    StrValue V;
    V.appendText(std::string(1, char(CL->getValue())), CL);
    return V;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() == OO_Plus && OC->getNumArgs() == 2) {
      StrValue V = resolveIn(OC->getArg(0), En, Depth + 1);
      V.append(resolveIn(OC->getArg(1), En, Depth + 1));
      return V;
    }
    return leaf(E, En);
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && MC->getNumArgs() == 0 &&
        (M->getName() == "c_str" || M->getName() == "data" ||
         M->getName() == "str"))
      return resolveIn(MC->getImplicitObjectArgument(), En, Depth + 1);
    return leaf(E, En);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    // A parameterless function of the file that returns one value:
    // `std::string api_base() { return "https://api.stripe.com"; }`.
    const FunctionDecl *FD = CE->getDirectCallee();
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    const auto *Body =
        Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody()) : nullptr;
    if (Body && Def->getNumParams() == 0 && CE->getNumArgs() == 0 &&
        Body->size() == 1 && !isa<CXXMethodDecl>(Def) &&
        !Def->getASTContext().getSourceManager().isInSystemHeader(
            Def->getLocation()))
      if (const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front()))
        if (Ret->getRetValue()) {
          StrValue V = resolveIn(Ret->getRetValue(), Env{}, Depth + 1);
          if (V.allLiteral())
            return V;
        }
    return leaf(E, En);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (const auto *EC = dyn_cast<EnumConstantDecl>(D)) {
      // Beast's http::field::content_type names the "Content-Type" header.
      std::string N = EC->getName().str();
      std::replace(N.begin(), N.end(), '_', '-');
      StrValue V;
      V.appendText(N);
      return V;
    }
    if (const auto *PV = dyn_cast<ParmVarDecl>(D)) {
      if (En.Path && En.Level + 1 < En.Path->size() &&
          PV->getDeclContext() == (*En.Path)[En.Level].F) {
        const CallExpr *Site = (*En.Path)[En.Level + 1].Site;
        unsigned Idx = PV->getFunctionScopeIndex();
        unsigned Shift = isa<CXXOperatorCallExpr>(Site) &&
                                 isa<CXXMethodDecl>((*En.Path)[En.Level].F)
                             ? 1
                             : 0;
        if (Site && Idx + Shift < Site->getNumArgs()) {
          Env Up{En.Path, En.Level + 1};
          StrValue V = resolveIn(Site->getArg(Idx + Shift), Up, Depth + 1);
          for (StrPiece &P : V.Pieces)
            P.Vars.push_back(PV);
          return V;
        }
      }
      return leaf(E, En);
    }
    if (const auto *V = dyn_cast<VarDecl>(D)) {
      if (V->isLocalVarDecl() && !V->isStaticLocal())
        return resolveVar(V, E, En, Depth);
      if (V->hasGlobalStorage() && V->getInit() &&
          (V->getType().isConstQualified() || V->isConstexpr() ||
           isa<StringLiteral>(strip(V->getInit())))) {
        StrValue R = resolveIn(V->getInit(), En, Depth + 1);
        for (StrPiece &P : R.Pieces)
          P.Vars.push_back(V);
        return R;
      }
    }
    return leaf(E, En);
  }
  return leaf(E, En);
}

} // namespace model
} // namespace resilience
