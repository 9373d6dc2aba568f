//===--- StringValue.cpp - What text a string expression holds ------------===//

#include "ast/StringValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <set>

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

void collectVars(const Stmt *S, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!llvm::is_contained(Out, V))
        Out.push_back(V);
  for (const Stmt *C : S->children())
    collectVars(C, Out);
}

static const VarDecl *localVar(const Expr *E) {
  E = StringResolver::strip(E);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = StringResolver::strip(UO->getSubExpr());
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || !V->isLocalVarDecl())
    return nullptr;
  return V;
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

/// Can a call write through this parameter?
static bool mayWrite(QualType ParamType) {
  if (ParamType->isReferenceType())
    return !ParamType.getNonReferenceType().isConstQualified();
  if (ParamType->isPointerType())
    return !ParamType->getPointeeType().isConstQualified();
  return false;
}

// libc calls that fill a char buffer; facts from the C standard.
struct BufferWriter {
  llvm::StringRef Name;
  VarDef::Kind K;
  unsigned ValueArg; ///< the source, or the format string for Format
};
static const BufferWriter BufferWriters[] = {
    {"snprintf", VarDef::Format, 2}, {"sprintf", VarDef::Format, 1},
    {"strcpy", VarDef::Set, 1},      {"strncpy", VarDef::Set, 1},
    {"strcat", VarDef::Append, 1},   {"strncat", VarDef::Append, 1},
};

// ---------------------------------------------------------------------------
// Definitions of local variables

namespace {
class DefCollector {
public:
  explicit DefCollector(std::map<const VarDecl *, std::vector<VarDef>> &Defs)
      : Defs(Defs) {}

  void walk(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          if (const Expr *Init = V->getInit()) {
            const auto *CE =
                dyn_cast<CXXConstructExpr>(StringResolver::strip(Init));
            add(V, VarDef::Set, CE && CE->getNumArgs() == 0 ? nullptr : Init);
            walk(Init);
          }
        }
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (const VarDecl *V = localVarOnly(BO->getLHS())) {
        if (BO->getOpcode() == BO_Assign)
          add(V, VarDef::Set, BO->getRHS());
        else if (BO->isCompoundAssignmentOp())
          add(V, VarDef::Unknown, nullptr);
      }
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      operatorCall(OC);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      memberCall(MC);
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      plainCall(CE);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp())
        if (const VarDecl *V = localVarOnly(UO->getSubExpr()))
          add(V, VarDef::Unknown, nullptr);
    }
    for (const Stmt *C : S->children())
      walk(C);
  }

private:
  static const VarDecl *localVarOnly(const Expr *E) {
    E = StringResolver::strip(E);
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && !isa<ParmVarDecl>(V) && V->isLocalVarDecl() ? V : nullptr;
  }

  void add(const VarDecl *V, VarDef::Kind K, const Expr *Value,
           const CallExpr *Call = nullptr, unsigned FormatArg = 0) {
    VarDef D;
    D.K = K;
    D.Value = Value;
    D.Call = Call;
    D.FormatArg = FormatArg;
    Defs[V].push_back(D);
  }

  void operatorCall(const CXXOperatorCallExpr *OC) {
    if (OC->getNumArgs() != 2)
      return;
    OverloadedOperatorKind K = OC->getOperator();
    if (K == OO_LessLess) {
      // `os << a << b` nests to the left; only the outermost call records.
      llvm::SmallVector<const Expr *, 4> Parts;
      const Expr *Cur = OC;
      while (const auto *Inner =
                 dyn_cast<CXXOperatorCallExpr>(StringResolver::strip(Cur))) {
        if (Inner->getOperator() != OO_LessLess || Inner->getNumArgs() != 2)
          break;
        Parts.push_back(Inner->getArg(1));
        Cur = Inner->getArg(0);
      }
      const VarDecl *V = localVarOnly(Cur);
      if (!V || Seen.count(OC))
        return;
      const Expr *Cur2 = OC;
      while (const auto *Inner =
                 dyn_cast<CXXOperatorCallExpr>(StringResolver::strip(Cur2))) {
        Seen.insert(Inner);
        Cur2 = Inner->getArg(0);
      }
      for (auto It = Parts.rbegin(); It != Parts.rend(); ++It)
        add(V, VarDef::Append, *It);
      return;
    }
    const VarDecl *V = localVarOnly(OC->getArg(0));
    if (!V)
      return;
    if (K == OO_Equal)
      add(V, VarDef::Set, OC->getArg(1));
    else if (K == OO_PlusEqual)
      add(V, VarDef::Append, OC->getArg(1));
    else if (K != OO_Subscript && K != OO_EqualEqual && K != OO_ExclaimEqual &&
             K != OO_Plus && K != OO_Less && K != OO_Greater)
      add(V, VarDef::Unknown, nullptr);
  }

  void memberCall(const CXXMemberCallExpr *MC) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M)
      return;
    if (const VarDecl *V = localVarOnly(MC->getImplicitObjectArgument())) {
      llvm::StringRef N =
          M->getDeclName().isIdentifier() ? M->getName() : llvm::StringRef();
      if (N == "append" && MC->getNumArgs() == 1)
        add(V, VarDef::Append, MC->getArg(0));
      else if (N == "assign" && MC->getNumArgs() == 1)
        add(V, VarDef::Set, MC->getArg(0));
      else if (!M->isConst())
        add(V, VarDef::Unknown, nullptr, MC);
    }
    arguments(MC, M);
  }

  void plainCall(const CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->getDeclName().isIdentifier() && CE->getNumArgs() >= 2) {
      llvm::StringRef N = FD->getName();
      for (const BufferWriter &W : BufferWriters)
        if (N == W.Name || N == ("__builtin_" + W.Name).str() ||
            N == ("__builtin___" + W.Name + "_chk").str()) {
          const VarDecl *V = localVar(CE->getArg(0));
          if (!V)
            return;
          unsigned Arg = W.ValueArg;
          if (N.contains("_chk")) // fortified: an extra flag and size
            Arg += W.K == VarDef::Format ? 2 : 1;
          if (Arg >= CE->getNumArgs())
            add(V, VarDef::Unknown, nullptr);
          else if (W.K == VarDef::Format)
            add(V, VarDef::Format, nullptr, CE, Arg);
          else
            add(V, W.K, CE->getArg(Arg));
          return;
        }
    }
    arguments(CE, FD);
  }

  /// A variable handed to a parameter that may write it gets an unknown value.
  void arguments(const CallExpr *CE, const FunctionDecl *FD) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const VarDecl *V = localVar(CE->getArg(I));
      if (!V)
        continue;
      if (!FD) {
        add(V, VarDef::Unknown, nullptr, CE);
        continue;
      }
      if (I >= FD->getNumParams())
        continue; // variadic: read like printf's arguments
      QualType T = FD->getParamDecl(I)->getType();
      bool Decays = V->getType()->isArrayType() && T->isPointerType();
      const Expr *A = StringResolver::strip(CE->getArg(I));
      bool AddrOf = isa<UnaryOperator>(A);
      if ((Decays || AddrOf || T->isReferenceType()) && mayWrite(T))
        add(V, VarDef::Unknown, nullptr, CE);
    }
  }

  std::map<const VarDecl *, std::vector<VarDef>> &Defs;
  std::set<const Stmt *> Seen;
};
} // namespace

void StringResolver::indexFunction(const FunctionDecl *F) {
  if (!F || Indexed[F])
    return;
  Indexed[F] = true;
  DefCollector C(Defs);
  C.walk(F->getBody());
}

const std::vector<VarDef> &StringResolver::defsOf(const VarDecl *V) {
  static const std::vector<VarDef> None;
  const auto *F =
      dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  indexFunction(F);
  auto It = Defs.find(V);
  return It == Defs.end() ? None : It->second;
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
    if (CL->getKind() != CharacterLiteralKind::Ascii || CL->getValue() > 0x7f)
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

StrValue StringResolver::resolveVar(const VarDecl *V, const Expr *Ref,
                                    const Env &En, unsigned Depth) {
  if (llvm::is_contained(Resolving, V) || Resolving.size() > 12)
    return leaf(Ref, En);
  Resolving.push_back(V);
  StrValue R = resolveDefs(V, Ref, En, Depth);
  Resolving.pop_back();
  return R;
}

StrValue StringResolver::resolveDefs(const VarDecl *V, const Expr *Ref,
                                     const Env &En, unsigned Depth) {
  const std::vector<VarDef> &Ds = defsOf(V);
  unsigned Sets = 0, EmptySets = 0;
  for (const VarDef &D : Ds) {
    if (D.K == VarDef::Unknown)
      return leaf(Ref, En);
    if (D.K == VarDef::Set && !D.Value)
      ++EmptySets;
    else if (D.K != VarDef::Append)
      ++Sets;
  }
  // A default-constructed string assigned once later holds that one value.
  if (Sets > 1 || (Sets == 0 && EmptySets == 0))
    return leaf(Ref, En);
  StrValue R;
  for (const VarDef &D : Ds) {
    if (D.K == VarDef::Set && !D.Value) {
      if (Sets == 0)
        R = StrValue();
    } else if (D.K == VarDef::Set) {
      R = resolveIn(D.Value, En, Depth + 1);
    } else if (D.K == VarDef::Format) {
      R = format(D, En, Depth + 1);
    } else if (D.K == VarDef::Append) {
      R.append(resolveIn(D.Value, En, Depth + 1));
    }
  }
  for (StrPiece &P : R.Pieces)
    P.Vars.push_back(V);
  return R;
}

StrValue StringResolver::format(const VarDef &D, const Env &En,
                                unsigned Depth) {
  const CallExpr *CE = D.Call;
  StrValue Fmt = resolveIn(CE->getArg(D.FormatArg), En, Depth + 1);
  if (!Fmt.allLiteral())
    return leaf(CE, En);
  std::string F = Fmt.literalText();
  StrValue Out;
  std::string Lit;
  unsigned Arg = D.FormatArg + 1;
  auto Flush = [&] {
    if (!Lit.empty())
      Out.appendText(Lit);
    Lit.clear();
  };
  for (size_t I = 0; I < F.size(); ++I) {
    if (F[I] != '%') {
      Lit += F[I];
      continue;
    }
    if (I + 1 < F.size() && F[I + 1] == '%') {
      Lit += '%';
      ++I;
      continue;
    }
    size_t J = I + 1;
    while (J < F.size() && !llvm::StringRef("diouxXeEfgGaAcspn").contains(F[J]))
      ++J;
    if (J >= F.size())
      break;
    Flush();
    if (Arg < CE->getNumArgs()) {
      const Expr *A = CE->getArg(Arg++);
      if (F[J] == 's')
        Out.append(resolveIn(A, En, Depth + 1));
      else
        Out.append(leaf(A, En));
    }
    I = J;
  }
  Flush();
  return Out;
}

} // namespace model
} // namespace resilience
