//===--- StringVariables.cpp - What a local string variable holds ---------===//
//
// The variable construct of StringResolver: a local variable's definitions
// in its function, collected once per function in source order (an
// initializer, `=`, `+=`, `append`, `assign`, `<<` into a stream, the libc
// calls that fill a char buffer), and the value they add up to. One
// definition plus appends resolves; several definitions, or the variable
// handed to code that may write it, leave it a leaf. A buffer filled by
// snprintf resolves through its format string.
//
//===----------------------------------------------------------------------===//

#include "ast/StringValue.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringExtras.h"
#include <set>

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// Helpers

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

  /// Iterative, in source order: an expression can nest thousands deep
  /// (a string built as a+a+...+a) where clang itself has no trouble. A
  /// work item is a statement to visit or a variable whose initializer
  /// defines it, so definitions keep the order the recursion gave them.
  void walk(const Stmt *Root) {
    struct Item {
      const Stmt *S;
      const VarDecl *Init; // define this variable by its initializer
    };
    llvm::SmallVector<Item, 64> Work{{Root, nullptr}};
    while (!Work.empty()) {
      Item I = Work.pop_back_val();
      if (I.Init) {
        const Expr *Init = I.Init->getInit();
        const auto *CE = dyn_cast<CXXConstructExpr>(StringResolver::strip(Init));
        add(I.Init, VarDef::Set, CE && CE->getNumArgs() == 0 ? nullptr : Init);
        continue;
      }
      const Stmt *S = I.S;
      if (!S || isa<LambdaExpr>(S))
        continue;
      llvm::SmallVector<Item, 8> Next;
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (const Expr *Init = V->getInit()) {
              Next.push_back({nullptr, V});
              Next.push_back({Init, nullptr});
            }
        Work.append(Next.rbegin(), Next.rend());
        continue;
      }
      visit(S);
      for (const Stmt *C : S->children())
        Next.push_back({C, nullptr});
      Work.append(Next.rbegin(), Next.rend());
    }
  }

  /// What one statement defines.
  void visit(const Stmt *S) {
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
// Resolution of a variable

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
