//===--- RequestShapes.cpp - How each HTTP library writes a request -------===//
//
// LibraryShapes: finds, in one function, the requests of every library in
// the knowledge table and the calls of user-declared payment functions,
// with the expressions for their URL, headers and body; KeyEvaluator
// (KeyEvaluator.cpp) resolves and judges them.
//
//===----------------------------------------------------------------------===//

#include "payment/RequestShapes.h"

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// libcurl

void LibraryShapes::curlShapes(const FunctionDecl *F, std::vector<Shape> &Out) {
  const CurlShape &C = K.Curl;
  const BodyIndex &B = Parts.body(F);
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
          Set->getNumArgs() < 3 || !Parts.before(Set, P))
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
      Parts.listItems(Headers, F, Sh.HeadersKnown, Sh.Headers);
    Out.push_back(std::move(Sh));
  }
}

// ---------------------------------------------------------------------------
// cpp-httplib and cpr: one call carries everything

bool LibraryShapes::defaultsMayCarryKey(llvm::StringRef Method) {
  for (const CallSites::Site &Site : Sites.callsTo(Method)) {
    if (Site.first->getNumArgs() < 1)
      continue;
    bool Known = true;
    std::vector<HeaderItem> Items;
    Parts.pairsOf(Site.first->getArg(Site.first->getNumArgs() - 1), Site.second,
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

void LibraryShapes::callShapes(const FunctionDecl *F, std::vector<Shape> &Out) {
  for (const CallExpr *C : Parts.body(F).Calls) {
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
          Parts.pairsOf(A, F, Sh.HeadersKnown, Sh.Headers);
        else if (IsBody)
          Sh.Bodies.push_back(A);
        else if (IsFields)
          Parts.pairsOf(A, F, Sh.HeadersKnown, Sh.Fields);
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
            for (const CallExpr *D : Parts.body(F).Calls)
              if (const auto *DM = dyn_cast<CXXMemberCallExpr>(D))
                if (simpleName(DM->getMethodDecl()) ==
                        CS.DefaultHeadersMethod &&
                    DM->getNumArgs() == 1 &&
                    varOf(DM->getImplicitObjectArgument()) == Obj)
                  Parts.pairsOf(DM->getArg(0), F, Sh.HeadersKnown, Sh.Headers);
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

void LibraryShapes::messageShapes(const FunctionDecl *F, const MessageShape &M,
                                  std::vector<Shape> &Out) {
  const BodyIndex &B = Parts.body(F);
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
          Parts.pairsOf(MC->getArg(0), F, Sh.HeadersKnown, Sh.Headers);
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
      Escapes = Parts.handedToWriter(V, F, Allowed);
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

void LibraryShapes::functionShapes(const FunctionDecl *F,
                                   std::vector<Shape> &Out) {
  if (S.Functions.empty())
    return;
  for (const CallExpr *C : Parts.body(F).Calls) {
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
