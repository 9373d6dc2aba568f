//===--- RequestShapes.cpp - How each HTTP library writes a request -------===//
//
// Finds, in one function, the requests of every library in the knowledge
// table, with the expressions for their URL, headers and body; the
// evaluation in PaymentRequest.cpp resolves and judges them.
//
//===----------------------------------------------------------------------===//

#include "payment/PaymentRequestImpl.h"

namespace resilience {
namespace model {

using namespace clang;

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
      if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
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
                if (simpleName(DM->getMethodDecl()) ==
                        CS.DefaultHeadersMethod &&
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
    if (const auto *CE =
            dyn_cast_or_null<CXXConstructExpr>(strip(V->getInit()))) {
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
      bool Match = Q == PF.Name || (llvm::StringRef(PF.Name).find("::") ==
                                        llvm::StringRef::npos &&
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

} // namespace model
} // namespace resilience
