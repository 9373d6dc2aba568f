//===--- PaymentRequest.cpp - Payment POSTs and their idempotency keys ----===//

#include "model/PaymentRequest.h"
#include "model/CallSites.h"
#include "model/KeyPerAttempt.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

namespace resilience {
namespace model {

using namespace clang;

std::vector<std::string> splitSemicolons(llvm::StringRef List) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';');
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

namespace {

const Expr *strip(const Expr *E) { return StringResolver::strip(E); }

std::string qualifiedName(const NamedDecl *D) {
  return D ? D->getQualifiedNameAsString() : std::string();
}

llvm::StringRef simpleName(const NamedDecl *D) {
  return D && D->getDeclName().isIdentifier() ? D->getName()
                                              : llvm::StringRef();
}

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

const VarDecl *localVarOf(const Expr *E) {
  const VarDecl *V = varOf(E);
  return V && !isa<ParmVarDecl>(V) && V->isLocalVarDecl() ? V : nullptr;
}

/// The access path of a handle: a variable, or fields of a variable or of
/// `this` (null root).
using AccessPath = llvm::SmallVector<const Decl *, 3>;
std::optional<AccessPath> pathOf(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return AccessPath{V};
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E)) {
    const Expr *Base = strip(ME->getBase());
    std::optional<AccessPath> P;
    if (isa<CXXThisExpr>(Base))
      P = AccessPath{nullptr};
    else
      P = pathOf(Base);
    if (!P || P->size() > 3)
      return std::nullopt;
    P->push_back(ME->getMemberDecl());
    return P;
  }
  return std::nullopt;
}

/// The enumerator an option argument names, through a local copy (libcurl's
/// C type-checking macro copies the option into `_curl_opt`).
llvm::StringRef optionName(const Expr *E, unsigned Depth = 0) {
  E = strip(E);
  if (!E || Depth > 3)
    return {};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return EC->getName();
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->isLocalVarDecl() && VD->getInit())
        return optionName(VD->getInit(), Depth + 1);
  }
  return {};
}

/// Names a type is known by: typedefs and alias templates along its sugar,
/// and the class it finally is.
void typeNames(QualType T, ASTContext &Ctx, std::vector<std::string> &Out) {
  T = T.getNonReferenceType();
  for (unsigned I = 0; I < 12 && !T.isNull(); ++I) {
    if (const auto *TT = dyn_cast<TypedefType>(T.getTypePtr()))
      Out.push_back(qualifiedName(TT->getDecl()));
    if (const auto *TS = dyn_cast<TemplateSpecializationType>(T.getTypePtr()))
      if (const TemplateDecl *TD = TS->getTemplateName().getAsTemplateDecl())
        Out.push_back(qualifiedName(TD));
    if (const auto *RD = T->getAsCXXRecordDecl())
      if (!isa<ElaboratedType>(T.getTypePtr()) && !isa<TypedefType>(T.getTypePtr()))
        Out.push_back(qualifiedName(RD));
    QualType Next = T.getSingleStepDesugaredType(Ctx);
    if (Next == T)
      break;
    T = Next;
  }
}

bool exprHasType(const Expr *E, llvm::StringRef Name, ASTContext &Ctx) {
  for (unsigned I = 0; E && I < 6; ++I) {
    std::vector<std::string> Names;
    typeNames(E->getType(), Ctx, Names);
    if (llvm::is_contained(Names, Name.str()))
      return true;
    const Expr *Next = E->IgnoreImplicit();
    if (Next == E)
      Next = E->IgnoreParenCasts();
    if (Next == E)
      break;
    E = Next;
  }
  return false;
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

bool isStringish(QualType T) {
  T = T.getNonReferenceType();
  if (isCharLike(T))
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && simpleName(RD).contains("string");
}

/// All calls and local variables of a body, in source order. Lambdas are
/// functions of their own.
struct BodyIndex {
  std::vector<const CallExpr *> Calls;
  std::vector<const VarDecl *> Vars;
  std::vector<const StringLiteral *> Literals;
  void walk(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      Calls.push_back(CE);
    if (const auto *SL = dyn_cast<StringLiteral>(S))
      Literals.push_back(SL);
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          Vars.push_back(V);
          walk(V->getInit());
        }
      return;
    }
    for (const Stmt *C : S->children())
      walk(C);
  }
};

struct HeaderItem {
  const Expr *Whole = nullptr; ///< "Name: value"
  const Expr *Name = nullptr, *Value = nullptr;
};

/// One request as the library expresses it, before its values are resolved.
struct Shape {
  std::string Library;
  const Stmt *Anchor = nullptr; ///< the call that sends it
  SourceLocation AnchorLoc;
  std::vector<const Expr *> Url;
  bool HeadersKnown = true;
  std::vector<HeaderItem> Headers;
  std::vector<const Expr *> Bodies;
  std::vector<HeaderItem> Fields;
  // A user-declared payment function.
  std::string PaymentFunction;
  bool HasKeyParam = false;
  const Expr *KeyArg = nullptr;
};

bool sameName(llvm::StringRef A, llvm::StringRef B) {
  return A.equals_insensitive(B);
}

} // namespace

// ---------------------------------------------------------------------------

struct PaymentRequestAnalysis::Impl {
  Impl(ASTContext &Ctx, const PaymentSettings &S)
      : Ctx(Ctx), S(S), K(*S.K), R(), Sites(Ctx),
        Attempts(R, K.KeyGenerators) {}

  ASTContext &Ctx;
  const PaymentSettings &S;
  const PaymentKnowledge &K;
  StringResolver R;

  CallSites Sites;
  std::map<const FunctionDecl *, std::unique_ptr<BodyIndex>> Bodies;

  const BodyIndex &body(const FunctionDecl *F) {
    auto &B = Bodies[F];
    if (!B) {
      B = std::make_unique<BodyIndex>();
      B->walk(F->getBody());
    }
    return *B;
  }

  bool before(const Stmt *A, const Stmt *B) const {
    const SourceManager &SM = Ctx.getSourceManager();
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A->getBeginLoc()),
                                        SM.getExpansionLoc(B->getBeginLoc()));
  }

  // Extraction, per library.
  void curlShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void callShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void messageShapes(const FunctionDecl *F, const MessageShape &M,
                     std::vector<Shape> &Out);
  void functionShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void listItems(const Expr *List, const FunctionDecl *F, bool &Known,
                 std::vector<HeaderItem> &Out, unsigned Depth = 0);
  void pairsOf(const Expr *E, const FunctionDecl *F, bool &Known,
               std::vector<HeaderItem> &Out, unsigned Depth = 0);
  /// The libraries' own request calls read what they are given.
  bool isRequestFunction(const FunctionDecl *FD) const {
    std::string N = qualifiedName(FD);
    for (const CallShape &C : K.Calls)
      if (llvm::is_contained(C.Functions, N))
        return true;
    for (const MessageShape &M : K.Messages)
      for (const MessageSender &S : M.Senders)
        if (S.Function == N)
          return true;
    return N == K.Curl.Setter || N == K.Curl.ListAppend;
  }
  /// Whether some call of \p Method (httplib's set_default_headers) in the
  /// translation unit passes a header that is, or may be, a key header.
  bool defaultsMayCarryKey(llvm::StringRef Method) {
    for (const CallSites::Site &Site : Sites.callsTo(Method)) {
      if (Site.first->getNumArgs() < 1)
        continue;
      bool Known = true;
      std::vector<HeaderItem> Items;
      pairsOf(Site.first->getArg(Site.first->getNumArgs() - 1), Site.second,
              Known, Items);
      if (!Known)
        return true;
      for (const HeaderItem &H : Items) {
        StrValue N = R.resolve(H.Name, Env{});
        if (!N.allLiteral() ||
            llvm::any_of(S.Headers, [&](const std::string &Hd) {
              return sameName(N.literalText(), Hd);
            }))
          return true;
      }
    }
    return false;
  }
  bool handedToWriter(const VarDecl *V, const FunctionDecl *F,
                      llvm::ArrayRef<llvm::StringRef> Allowed);

  /// Only null pointers and blanks: what a caller passes for "none".
  bool isNullOnly(const StrValue &V) const {
    return llvm::StringRef(V.literalText()).trim().empty() &&
           llvm::all_of(V.Pieces, [&](const StrPiece &P) {
             return !P.Leaf ||
                    P.Leaf->IgnoreParenCasts()->isNullPointerConstant(
                        Ctx, Expr::NPC_ValueDependentIsNotNull);
           });
  }

  // Evaluation.
  void evaluate(const Shape &Sh, const FramePath &Path, unsigned Depth,
                std::vector<PaymentFinding> &Out);
  void classify(const Shape &Sh, const FramePath &Path, const StrValue &Url,
                const StrValue &Key, const Expr *KeyExpr,
                PaymentFinding Base, std::vector<PaymentFinding> &Out);

  KeyPerAttempt Attempts;
  unsigned Evaluations = 0;
};

// ---------------------------------------------------------------------------
// Headers and fields

bool PaymentRequestAnalysis::Impl::handedToWriter(
    const VarDecl *V, const FunctionDecl *F,
    llvm::ArrayRef<llvm::StringRef> Allowed) {
  for (const CallExpr *C : body(F).Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (Callee && (llvm::is_contained(Allowed, qualifiedName(Callee)) ||
                   isRequestFunction(Callee)))
      continue;
    if (isa<CXXOperatorCallExpr>(C))
      continue;
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      const Expr *A = strip(C->getArg(I));
      bool AddrOf = false;
      if (const auto *UO = dyn_cast<UnaryOperator>(A))
        if (UO->getOpcode() == UO_AddrOf) {
          A = strip(UO->getSubExpr());
          AddrOf = true;
        }
      if (varOf(A) != V)
        continue;
      if (!Callee || I >= Callee->getNumParams())
        return AddrOf; // unknown callee or variadic
      QualType T = Callee->getParamDecl(I)->getType();
      if (T->isReferenceType() &&
          !T.getNonReferenceType().isConstQualified())
        return true;
      if (AddrOf && T->isPointerType() &&
          !T->getPointeeType().isConstQualified())
        return true;
    }
  }
  return false;
}

void PaymentRequestAnalysis::Impl::pairsOf(const Expr *E, const FunctionDecl *F,
                                           bool &Known,
                                           std::vector<HeaderItem> &Out,
                                           unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 4) {
    Known = false;
    return;
  }
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    E = strip(SIL->getSubExpr());
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() == 0)
      return;
    if (CE->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(CE->getArg(1))) {
      pairsOf(CE->getArg(0), F, Known, Out, Depth + 1);
      return;
    }
    Known = false;
    return;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : IL->inits()) {
      const Expr *I = strip(Init);
      HeaderItem H;
      if (const auto *PC = dyn_cast<CXXConstructExpr>(I);
          PC && PC->getNumArgs() == 2) {
        H.Name = PC->getArg(0);
        H.Value = PC->getArg(1);
      } else if (const auto *PL = dyn_cast<InitListExpr>(I);
                 PL && PL->getNumInits() == 2) {
        H.Name = PL->getInit(0);
        H.Value = PL->getInit(1);
      } else {
        Known = false;
        continue;
      }
      Out.push_back(H);
    }
    return;
  }
  const VarDecl *V = localVarOf(E);
  if (!V) {
    Known = false;
    return;
  }
  if (V->getInit())
    pairsOf(V->getInit(), F, Known, Out, Depth + 1);
  for (const CallExpr *C : body(F).Calls) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
      if (varOf(MC->getImplicitObjectArgument()) != V)
        continue;
      llvm::StringRef N = simpleName(MC->getMethodDecl());
      if (N == "emplace" && MC->getNumArgs() == 2) {
        Out.push_back({nullptr, MC->getArg(0), MC->getArg(1)});
      } else if (N == "insert" && MC->getNumArgs() == 1) {
        pairsOf(MC->getArg(0), F, Known, Out, Depth + 1);
      } else if (N == "insert" || N == "emplace" || N == "swap") {
        Known = false;
      }
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
      if (OC->getOperator() != OO_Equal || OC->getNumArgs() != 2)
        continue;
      const auto *Sub = dyn_cast<CXXOperatorCallExpr>(strip(OC->getArg(0)));
      if (Sub && Sub->getOperator() == OO_Subscript &&
          varOf(Sub->getArg(0)) == V)
        Out.push_back({nullptr, Sub->getArg(1), OC->getArg(1)});
      else if (varOf(OC->getArg(0)) == V)
        Known = false;
    }
  }
  if (handedToWriter(V, F, {}))
    Known = false;
}

void PaymentRequestAnalysis::Impl::listItems(const Expr *List,
                                             const FunctionDecl *F, bool &Known,
                                             std::vector<HeaderItem> &Out,
                                             unsigned Depth) {
  List = strip(List);
  if (!List)
    return;
  if (List->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  const VarDecl *L = localVarOf(List);
  if (!L || Depth > 3) {
    Known = false;
    return;
  }
  auto Add = [&](const CallExpr *C) {
    for (const HeaderItem &H : Out)
      if (H.Whole == C->getArg(1))
        return;
    Out.push_back({C->getArg(1), nullptr, nullptr});
  };
  auto IsAppend = [&](const CallExpr *C) {
    return C && C->getNumArgs() == 2 &&
           simpleName(C->getDirectCallee()) == K.Curl.ListAppend;
  };
  for (const CallExpr *C : body(F).Calls)
    if (IsAppend(C) && varOf(C->getArg(0)) == L)
      Add(C);
  for (const VarDef &D : R.defsOf(L)) {
    if (D.K == VarDef::Unknown) {
      Known = false;
      continue;
    }
    if (D.K != VarDef::Set || !D.Value)
      continue;
    const Expr *V = strip(D.Value);
    if (V->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      continue;
    const auto *C = dyn_cast<CallExpr>(V);
    if (!IsAppend(C)) {
      if (localVarOf(V))
        listItems(V, F, Known, Out, Depth + 1);
      else
        Known = false;
      continue;
    }
    Add(C);
    const Expr *Prev = strip(C->getArg(0));
    if (varOf(Prev) != L)
      listItems(Prev, F, Known, Out, Depth + 1);
  }
}

// ---------------------------------------------------------------------------
// libcurl

void PaymentRequestAnalysis::Impl::curlShapes(const FunctionDecl *F,
                                              std::vector<Shape> &Out) {
  const CurlShape &C = K.Curl;
  const BodyIndex &B = body(F);
  for (const CallExpr *P : B.Calls) {
    if (simpleName(P->getDirectCallee()) != C.Perform || P->getNumArgs() < 1)
      continue;
    std::optional<AccessPath> H = pathOf(P->getArg(0));
    if (!H)
      continue;
    Shape Sh;
    Sh.Library = "libcurl";
    Sh.Anchor = P;
    Sh.AnchorLoc = P->getBeginLoc();
    // The method is decided by the last option that sets it; a custom
    // request string overrides them all.
    bool Post = false;
    std::optional<bool> CustomIsPost;
    const Expr *Url = nullptr, *Headers = nullptr;
    bool HeaderSet = false;
    auto IsZero = [&](const Expr *V) {
      V = strip(V);
      Expr::EvalResult ER;
      return !V->isValueDependent() && V->EvaluateAsInt(ER, Ctx) &&
             ER.Val.getInt().isZero();
    };
    for (const CallExpr *Set : B.Calls) {
      if (simpleName(Set->getDirectCallee()) != C.Setter ||
          Set->getNumArgs() < 3 || !before(Set, P))
        continue;
      std::optional<AccessPath> SH = pathOf(Set->getArg(0));
      if (!SH || *SH != *H)
        continue;
      llvm::StringRef Opt = optionName(Set->getArg(1));
      const Expr *Value = Set->getArg(2);
      if (llvm::is_contained(C.PostOptions, Opt))
        Post = !(Opt == C.PostFlagOption && IsZero(Value));
      if (llvm::is_contained(C.OtherMethodOptions, Opt) && !IsZero(Value))
        Post = false;
      if (llvm::is_contained(C.BodyOptions, Opt))
        Sh.Bodies.push_back(Value);
      if (Opt == C.MethodOption) {
        StrValue M = R.resolve(Value, Env{});
        if (strip(Value)->isNullPointerConstant(
                Ctx, Expr::NPC_ValueDependentIsNotNull))
          CustomIsPost.reset();
        else
          CustomIsPost = M.allLiteral() && sameName(M.literalText(), "POST");
      }
      if (Opt == C.UrlOption)
        Url = Value;
      if (Opt == C.HeaderOption) {
        Headers = Value;
        HeaderSet = true;
      }
    }
    if (CustomIsPost)
      Post = *CustomIsPost;
    if (!Post || !Url)
      continue;
    Sh.Url.push_back(Url);
    if (HeaderSet)
      listItems(Headers, F, Sh.HeadersKnown, Sh.Headers);
    Out.push_back(std::move(Sh));
  }
}

// ---------------------------------------------------------------------------
// cpp-httplib and cpr: one call carries everything

void PaymentRequestAnalysis::Impl::callShapes(const FunctionDecl *F,
                                              std::vector<Shape> &Out) {
  for (const CallExpr *C : body(F).Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      continue;
    std::string Name = qualifiedName(Callee);
    for (const CallShape &CS : K.Calls) {
      if (!llvm::is_contained(CS.Functions, Name))
        continue;
      Shape Sh;
      Sh.Library = CS.Library.str();
      Sh.Anchor = C;
      Sh.AnchorLoc = C->getBeginLoc();
      const Expr *Path = nullptr;
      unsigned First = isa<CXXOperatorCallExpr>(C) ? 1 : 0;
      for (unsigned I = First; I < C->getNumArgs(); ++I) {
        const Expr *A = C->getArg(I);
        if (isa<CXXDefaultArgExpr>(A))
          continue;
        bool IsUrl, IsHeaders, IsBody, IsFields;
        if (CS.ByParameterName) {
          if (I - First >= Callee->getNumParams())
            break;
          const ParmVarDecl *PD = Callee->getParamDecl(I - First);
          llvm::StringRef PN = simpleName(PD);
          IsUrl = PN == CS.Url;
          IsHeaders = PN == CS.Headers;
          IsBody = PN == CS.Body && isStringish(PD->getType());
          IsFields = PN == CS.Fields;
        } else {
          IsUrl = exprHasType(A, CS.Url, Ctx);
          IsHeaders = exprHasType(A, CS.Headers, Ctx);
          IsBody = exprHasType(A, CS.Body, Ctx);
          IsFields = exprHasType(A, CS.Fields, Ctx);
        }
        if (IsUrl)
          Path = A;
        else if (IsHeaders)
          pairsOf(A, F, Sh.HeadersKnown, Sh.Headers);
        else if (IsBody)
          Sh.Bodies.push_back(A);
        else if (IsFields)
          pairsOf(A, F, Sh.HeadersKnown, Sh.Fields);
      }
      if (!Path)
        continue;
      if (CS.BaseUrlFromObject)
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
          const VarDecl *Obj = localVarOf(MC->getImplicitObjectArgument());
          const auto *Init =
              Obj ? dyn_cast_or_null<CXXConstructExpr>(strip(Obj->getInit()))
                  : nullptr;
          if (Init && Init->getNumArgs() >= 1 &&
              isStringish(Init->getArg(0)->getType()))
            Sh.Url.push_back(Init->getArg(0));
          if (Obj) {
            for (const CallExpr *D : body(F).Calls)
              if (const auto *DM = dyn_cast<CXXMemberCallExpr>(D))
                if (simpleName(DM->getMethodDecl()) == CS.DefaultHeadersMethod &&
                    DM->getNumArgs() == 1 &&
                    varOf(DM->getImplicitObjectArgument()) == Obj)
                  pairsOf(DM->getArg(0), F, Sh.HeadersKnown, Sh.Headers);
          } else if (defaultsMayCarryKey(CS.DefaultHeadersMethod)) {
            // A client we cannot follow may have been given default headers
            // elsewhere in the file that carry the key.
            Sh.HeadersKnown = false;
          }
        }
      Sh.Url.push_back(Path);
      Out.push_back(std::move(Sh));
    }
  }
}

// ---------------------------------------------------------------------------
// Beast, POCO, Qt: a request object, then a call that sends it

void PaymentRequestAnalysis::Impl::messageShapes(const FunctionDecl *F,
                                                 const MessageShape &M,
                                                 std::vector<Shape> &Out) {
  const BodyIndex &B = body(F);
  auto IsPostVerb = [&](const Expr *E) {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
    if (DRE && !M.PostVerb.empty() &&
        simpleName(DRE->getDecl()) == M.PostVerb &&
        (isa<EnumConstantDecl>(DRE->getDecl()) || isa<VarDecl>(DRE->getDecl())))
      return true;
    StrValue V = R.resolve(E, Env{});
    return V.allLiteral() && sameName(V.literalText(), "POST");
  };
  for (const VarDecl *V : B.Vars) {
    std::vector<std::string> Names;
    typeNames(V->getType(), Ctx, Names);
    bool IsRequest = llvm::any_of(M.RequestTypes, [&](llvm::StringRef T) {
      return llvm::is_contained(Names, T.str());
    });
    if (!IsRequest)
      continue;
    Shape Sh;
    Sh.Library = M.Library.str();
    Sh.AnchorLoc = V->getLocation();
    Sh.Anchor = V->getInit();
    bool Post = false, Sent = false;
    const Expr *Target = nullptr;
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(strip(V->getInit()))) {
      unsigned N = CE->getNumArgs();
      if (M.CtorVerbArg >= 0 && unsigned(M.CtorVerbArg) < N)
        Post = IsPostVerb(CE->getArg(M.CtorVerbArg));
      if (M.CtorTargetArg >= 0 && unsigned(M.CtorTargetArg) < N &&
          !isa<CXXDefaultArgExpr>(CE->getArg(M.CtorTargetArg)))
        Target = CE->getArg(M.CtorTargetArg);
    }
    std::vector<const CallExpr *> Senders;
    for (const CallExpr *C : B.Calls) {
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C);
          MC && varOf(MC->getImplicitObjectArgument()) == V) {
        llvm::StringRef N = simpleName(MC->getMethodDecl());
        if (!M.MethodSetter.empty() && N == M.MethodSetter &&
            MC->getNumArgs() == 1)
          Post = IsPostVerb(MC->getArg(0));
        else if (N == M.TargetSetter && MC->getNumArgs() == 1)
          Target = MC->getArg(0);
        else if (llvm::is_contained(M.HeaderSetters, N) &&
                 MC->getNumArgs() == 2)
          Sh.Headers.push_back({nullptr, MC->getArg(0), MC->getArg(1)});
        else if (llvm::is_contained(M.HeaderMapSetters, N) &&
                 MC->getNumArgs() == 1)
          pairsOf(MC->getArg(0), F, Sh.HeadersKnown, Sh.Headers);
        else if (!M.BodySetter.empty() && N == M.BodySetter &&
                 MC->getNumArgs() == 1)
          Sh.Bodies.push_back(MC->getArg(0));
        else if (llvm::is_contained(M.PostMethods, N))
          Senders.push_back(MC);
        continue;
      }
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
        if (OC->getOperator() != OO_Equal || OC->getNumArgs() != 2 ||
            M.BodyAccessor.empty())
          continue;
        const auto *Acc = dyn_cast<CXXMemberCallExpr>(strip(OC->getArg(0)));
        if (Acc && simpleName(Acc->getMethodDecl()) == M.BodyAccessor &&
            varOf(Acc->getImplicitObjectArgument()) == V)
          Sh.Bodies.push_back(OC->getArg(1));
        continue;
      }
      const FunctionDecl *Callee = C->getDirectCallee();
      if (!Callee)
        continue;
      std::string Q = qualifiedName(Callee);
      for (const MessageSender &S : M.Senders)
        if (Q == S.Function && C->getNumArgs() > S.MessageArg &&
            varOf(C->getArg(S.MessageArg)) == V) {
          if (S.SendsPost) { // each post() is its own request
            Senders.push_back(C);
            continue;
          }
          if (!Sent) {
            Sh.Anchor = C;
            Sh.AnchorLoc = C->getBeginLoc();
            Sent = true;
          }
        }
    }
    if (!Target)
      continue;
    bool Escapes = false;
    {
      std::vector<llvm::StringRef> Allowed;
      for (const MessageSender &S : M.Senders)
        Allowed.push_back(S.Function);
      Escapes = handedToWriter(V, F, Allowed);
    }
    Sh.HeadersKnown &= !Escapes;
    Sh.Url.push_back(Target);
    if (!Senders.empty()) {
      for (const CallExpr *C : Senders) {
        Shape One = Sh;
        One.Anchor = C;
        One.AnchorLoc = C->getBeginLoc();
        for (const MessageSender &S : M.Senders)
          if (S.BodyArg >= 0 && unsigned(S.BodyArg) < C->getNumArgs() &&
              qualifiedName(C->getDirectCallee()) == S.Function)
            One.Bodies.push_back(C->getArg(S.BodyArg));
        Out.push_back(std::move(One));
      }
      continue;
    }
    if (Post)
      Out.push_back(std::move(Sh));
  }
}

// ---------------------------------------------------------------------------
// User-declared payment functions

void PaymentRequestAnalysis::Impl::functionShapes(const FunctionDecl *F,
                                                  std::vector<Shape> &Out) {
  if (S.Functions.empty())
    return;
  for (const CallExpr *C : body(F).Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      continue;
    std::string Q = qualifiedName(Callee);
    for (const PaymentSettings::Function &PF : S.Functions) {
      bool Match = Q == PF.Name ||
                   (llvm::StringRef(PF.Name).find("::") == llvm::StringRef::npos &&
                    simpleName(Callee) == PF.Name);
      if (!Match)
        continue;
      Shape Sh;
      Sh.PaymentFunction = Q;
      Sh.Anchor = C;
      Sh.AnchorLoc = C->getBeginLoc();
      int Idx = PF.KeyArg;
      if (Idx < 0)
        for (unsigned I = 0; I < Callee->getNumParams(); ++I)
          if (simpleName(Callee->getParamDecl(I)).lower().find("idempot") !=
              std::string::npos)
            Idx = I;
      unsigned Shift = isa<CXXOperatorCallExpr>(C) ? 1 : 0;
      if (Idx >= 0) {
        Sh.HasKeyParam = true;
        if (unsigned(Idx) + Shift < C->getNumArgs())
          Sh.KeyArg = C->getArg(Idx + Shift);
      }
      Out.push_back(std::move(Sh));
      break;
    }
  }
}

// ---------------------------------------------------------------------------
// Evaluation

/// The first endpoint matching \p Url, and where the match starts.
static const PaymentSettings::Endpoint *
matchEndpoint(const PaymentSettings &S, const std::string &Url,
              size_t &Start) {
  for (const PaymentSettings::Endpoint &E : S.Endpoints) {
    llvm::SmallVector<llvm::StringRef, 4> Matches;
    if (E.Re && E.Re->match(Url, &Matches)) {
      Start = Matches.empty() ? 0 : Matches[0].data() - Url.data();
      return &E;
    }
  }
  return nullptr;
}

static std::string displayUrl(std::string U) {
  for (char &C : U)
    if (static_cast<unsigned char>(C) < 0x20 || C == 0x7f)
      C = '?';
  if (U.size() > 96)
    U = U.substr(0, 93) + "...";
  return U;
}

void PaymentRequestAnalysis::Impl::evaluate(const Shape &Sh,
                                            const FramePath &Path,
                                            unsigned Depth,
                                            std::vector<PaymentFinding> &Out) {
  // Following callers multiplies: bound the work per analyzed function.
  if (++Evaluations > 4000)
    return;
  Env E0{&Path, 0};
  PaymentFinding Base;
  Base.Library = Sh.Library;
  Base.Loc = Sh.AnchorLoc;
  if (Path.size() > 1) {
    Base.Loc = Path.back().Site->getBeginLoc();
    Base.RequestLoc = Sh.AnchorLoc;
    Base.Helper = qualifiedName(Path[Path.size() - 2].F);
  }

  if (!Sh.PaymentFunction.empty()) {
    Base.PaymentFunction = Sh.PaymentFunction;
    Base.KeyCarrier = Sh.HasKeyParam
                          ? "its idempotency key argument"
                          : "an idempotency key (the function takes none)";
    if (!Sh.KeyArg) {
      Out.push_back(Base);
      return;
    }
    const Expr *KA = strip(Sh.KeyArg);
    if (KA->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      Out.push_back(Base);
      return;
    }
    StrValue Key = R.resolve(Sh.KeyArg, E0);
    if (Key.allLiteral() && Key.literalText().empty()) {
      Out.push_back(Base);
      return;
    }
    classify(Sh, Path, StrValue(), Key, Sh.KeyArg, Base, Out);
    return;
  }

  StrValue Url;
  for (const Expr *U : Sh.Url)
    Url.append(R.resolve(U, E0));
  std::string Rendered = Url.render();
  size_t MatchStart = 0;
  const PaymentSettings::Endpoint *EP = matchEndpoint(S, Rendered, MatchStart);
  if (!EP) {
    // A URL the caller supplies: judge it at each call site.
    bool FromCaller = llvm::any_of(Url.Pieces, [&](const StrPiece &P) {
      return P.Leaf && StringResolver::isUnboundParam(P, E0);
    });
    if (!FromCaller || Depth >= 3)
      return;
    for (const CallSites::Site &SiteAndCaller : Sites.callersOf(Path.back().F)) {
      const CallExpr *Site = SiteAndCaller.first;
      const FunctionDecl *Caller = SiteAndCaller.second;
      if (llvm::any_of(Path, [&](const Frame &Fr) { return Fr.F == Caller; }))
        continue; // recursion
      FramePath Up = Path;
      Up.push_back({Caller, Site});
      evaluate(Sh, Up, Depth + 1, Out);
    }
    return;
  }
  Base.Url = displayUrl(Rendered);
  Base.Provider = EP->Provider;
  Base.KeyCarrier = EP->KeyCarrier;
  if (!Sh.HeadersKnown)
    return; // the headers are built out of sight

  bool Found = false;
  StrValue Key;
  const Expr *KeyExpr = nullptr;
  auto IsKeyHeader = [&](llvm::StringRef N) {
    return llvm::any_of(S.Headers,
                        [&](const std::string &H) { return sameName(N, H); });
  };
  auto IsKeyField = [&](llvm::StringRef N) {
    return llvm::any_of(S.BodyFields,
                        [&](const std::string &H) { return sameName(N, H); });
  };
  auto Pair = [&](const HeaderItem &H, bool Field) -> bool {
    StrValue N = R.resolve(H.Name, E0);
    if (!N.allLiteral())
      return false; // a name out of sight could be the key
    if (Field ? IsKeyField(N.literalText()) : IsKeyHeader(N.literalText())) {
      if (!Found) {
        Found = true;
        Key = R.resolve(H.Value, E0);
        KeyExpr = H.Value;
        Base.HeaderName = N.literalText();
      }
    }
    return true;
  };
  for (const HeaderItem &H : Sh.Headers) {
    if (H.Whole) {
      StrValue W = R.resolve(H.Whole, E0);
      std::string Name;
      StrValue Value;
      if (isNullOnly(W))
        continue; // `if (header) append(header)` called with no header
      if (!W.splitHeader(Name, Value))
        return;
      if (IsKeyHeader(Name) && !Found) {
        Found = true;
        Key = Value;
        KeyExpr = H.Whole;
        Base.HeaderName = Name;
      }
    } else if (!Pair(H, false)) {
      return;
    }
  }
  for (const HeaderItem &H : Sh.Fields)
    if (!Pair(H, true))
      return;
  // `if (key) add_header(key)` in a helper whose caller passes no key: the
  // value is a null pointer (or ""), which is no key.
  if (Found && isNullOnly(Key))
    Found = false;
  bool KeyUnknown = false;
  if (!Found) {
    auto Mentions = [&](llvm::StringRef Text) {
      std::string L = Text.lower();
      return llvm::any_of(S.BodyFields, [&](const std::string &F) {
        return llvm::StringRef(L).contains(llvm::StringRef(F).lower());
      });
    };
    for (const Expr *Bd : Sh.Bodies)
      Found |= Mentions(R.resolve(Bd, E0).literalText());
    // A body built by a JSON or form builder: the field's name is a literal
    // somewhere on the way.
    for (const Frame &Fr : Path)
      for (const StringLiteral *SL : body(Fr.F).Literals)
        if (SL->getCharByteWidth() == 1)
          Found |= Mentions(SL->getString());
    KeyUnknown = Found;
  }
  if (!Found) {
    Out.push_back(Base);
    return;
  }
  if (!KeyUnknown && KeyExpr) {
    // A URL with unknown parts from the endpoint on (`/orders/{id}/capture`)
    // names one operation; a key built from it names that operation too.
    bool NamesOperation = false;
    size_t Offset = 0;
    for (const StrPiece &P : Url.Pieces) {
      StrValue One;
      One.Pieces.push_back(P);
      size_t Len = One.render().size();
      if (P.Leaf && Offset + Len > MatchStart)
        NamesOperation = true;
      Offset += Len;
    }
    classify(Sh, Path, NamesOperation ? StrValue() : Url, Key, KeyExpr, Base,
             Out);
  }
}

void PaymentRequestAnalysis::Impl::classify(const Shape &Sh,
                                            const FramePath &Path,
                                            const StrValue &Url,
                                            const StrValue &Key,
                                            const Expr *KeyExpr,
                                            PaymentFinding Base,
                                            std::vector<PaymentFinding> &Out) {
  // 1. Minted inside the loop that repeats the request.
  for (const StrPiece &P : Key.Pieces) {
    if (!P.Leaf)
      continue;
    const Stmt *Anchor = P.Level == 0 ? Sh.Anchor : Path[P.Level].Site;
    if (!Anchor)
      continue;
    std::vector<const CallExpr *> Gens;
    Attempts.generatorsOf(P.Leaf, Gens);
    for (const CallExpr *G : Gens)
      if (const Stmt *Loop =
              Attempts.retryLoopAround(G, Anchor, Path[P.Level].F)) {
        PaymentFinding F = Base;
        F.Problem = KeyProblem::PerAttempt;
        F.Loc = G->getBeginLoc();
        F.LoopLoc = Loop->getBeginLoc();
        Out.push_back(F);
        return;
      }
  }
  if (!Url.empty()) {
    // 2. Built only from the URL.
    llvm::SmallVector<const VarDecl *, 8> UrlVars;
    for (const StrPiece &P : Url.Pieces)
      UrlVars.append(P.Vars.begin(), P.Vars.end());
    auto FromUrl = [&](const StrPiece &P) {
      return llvm::any_of(P.Vars, [&](const VarDecl *V) {
        return llvm::is_contained(UrlVars, V);
      });
    };
    bool Any = llvm::any_of(Key.Pieces, FromUrl);
    bool LeavesFromUrl = llvm::all_of(Key.Pieces, [&](const StrPiece &P) {
      return !P.Leaf || FromUrl(P);
    });
    if (Any && LeavesFromUrl) {
      PaymentFinding F = Base;
      F.Problem = KeyProblem::FromUrlOnly;
      F.Loc = KeyExpr->getBeginLoc();
      Out.push_back(F);
      return;
    }
  }
  // 3. One literal for every operation.
  if (Key.allLiteral() && !Key.literalText().empty()) {
    PaymentFinding F = Base;
    F.Problem = KeyProblem::Constant;
    F.Loc = KeyExpr->getBeginLoc();
    // Point at the literal, which may sit in a caller of a helper.
    for (const StrPiece &P : Key.Pieces)
      if (P.Src && !P.Text.empty()) {
        F.Loc = P.Src->getBeginLoc();
        break;
      }
    Out.push_back(F);
  }
}

// ---------------------------------------------------------------------------

PaymentRequestAnalysis::PaymentRequestAnalysis(ASTContext &Ctx,
                                               const PaymentSettings &S)
    : P(std::make_unique<Impl>(Ctx, S)) {}

PaymentRequestAnalysis::~PaymentRequestAnalysis() = default;

std::vector<PaymentFinding>
PaymentRequestAnalysis::analyze(const FunctionDecl *FD) {
  std::vector<PaymentFinding> Out;
  if (!FD || !FD->hasBody())
    return Out;
  std::vector<Shape> Shapes;
  P->Evaluations = 0;
  P->curlShapes(FD, Shapes);
  P->callShapes(FD, Shapes);
  for (const MessageShape &M : P->K.Messages)
    P->messageShapes(FD, M, Shapes);
  P->functionShapes(FD, Shapes);
  for (const Shape &Sh : Shapes) {
    FramePath Path{{FD, nullptr}};
    P->evaluate(Sh, Path, 0, Out);
  }
  return Out;
}

} // namespace model
} // namespace resilience
