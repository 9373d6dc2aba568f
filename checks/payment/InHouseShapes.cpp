//===--- InHouseShapes.cpp - POSTs through a project's own HTTP layer -----===//
//
// A call of a function the knowledge table does not know is a request when
// the user declares it (option HttpPostFunctions: which argument is the URL,
// which the headers) or, undeclared, when the call itself says POST: an
// argument naming the method (`HTTP_REQ_POST`, `Method::Post`, "POST"), a
// name with one of the post words (`post`, `send_request`), or a body
// argument. Each string argument is a URL candidate; the evaluation keeps a
// candidate only when it resolves to a known provider's money-moving
// endpoint, so an undeclared call is reported at lower confidence and only
// where a duplicate costs money.
//
//===----------------------------------------------------------------------===//

#include "payment/RequestShapes.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace resilience {
namespace model {

using namespace clang;

// llvm::isUpper/isLower arrived in LLVM 17; identifiers are ASCII here.
static bool isAsciiUpper(char C) { return C >= 'A' && C <= 'Z'; }
static bool isAsciiLower(char C) { return C >= 'a' && C <= 'z'; }

/// The words of an identifier, lower case: `HTTP_REQ_POST` -> http req post,
/// `sendRequest` -> send request, `PostJSON` -> post json.
static std::vector<std::string> wordsOf(llvm::StringRef Id) {
  std::vector<std::string> Out;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      Out.push_back(llvm::StringRef(Cur).lower());
    Cur.clear();
  };
  for (size_t I = 0; I < Id.size(); ++I) {
    char C = Id[I];
    if (!llvm::isAlnum(C)) {
      Flush();
      continue;
    }
    bool Upper = isAsciiUpper(C);
    if (Upper && !Cur.empty()) {
      bool PrevLower = !isAsciiUpper(Cur.back());
      bool NextLower = I + 1 < Id.size() && isAsciiLower(Id[I + 1]);
      if (PrevLower || (NextLower && Cur.size() > 1))
        Flush();
    }
    Cur.push_back(C);
  }
  Flush();
  return Out;
}

static bool hasWord(llvm::ArrayRef<std::string> Words,
                    llvm::ArrayRef<llvm::StringRef> Set) {
  return llvm::any_of(Words, [&](const std::string &W) {
    return llvm::is_contained(Set, llvm::StringRef(W));
  });
}

static bool inStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

namespace {
enum class Verb { None, Post, Other };

/// Whether \p D's body mentions \p P (the request is judged inside).
struct Mentions : RecursiveASTVisitor<Mentions> {
  const ParmVarDecl *P;
  bool Found = false;
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    Found |= E->getDecl() == P;
    return !Found;
  }
};
} // namespace

/// The method an argument names: a constant or enumerator, a macro, or a
/// string literal.
static Verb verbOf(const Expr *Arg, const InHouseHints &H, StringResolver &R,
                   ASTContext &Ctx) {
  auto FromName = [&](llvm::StringRef N) {
    std::vector<std::string> W = wordsOf(N);
    if (hasWord(W, H.OtherVerbs))
      return Verb::Other;
    return hasWord(W, H.PostVerbs) ? Verb::Post : Verb::None;
  };
  SourceLocation L = Arg->getBeginLoc();
  if (L.isMacroID()) {
    llvm::StringRef M = Lexer::getImmediateMacroName(
        L, Ctx.getSourceManager(), Ctx.getLangOpts());
    if (Verb V = FromName(M); V != Verb::None)
      return V;
  }
  const Expr *E = strip(Arg);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    bool Constant = isa<EnumConstantDecl>(D);
    if (const auto *V = dyn_cast<VarDecl>(D))
      Constant = V->getType().isConstQualified() || V->isConstexpr();
    if (Constant)
      return FromName(simpleName(D));
    return Verb::None;
  }
  if (E && isStringish(E->getType())) {
    StrValue S = R.resolve(E, Env{});
    if (S.allLiteral()) {
      std::string T = llvm::StringRef(S.literalText()).trim().lower();
      if (llvm::is_contained(H.PostVerbs, llvm::StringRef(T)))
        return Verb::Post;
      if (llvm::is_contained(H.OtherVerbs, llvm::StringRef(T)))
        return Verb::Other;
    }
  }
  return Verb::None;
}

bool InHouseShapes::mentionsKeyHeader(const Expr *A) {
  std::string T = llvm::StringRef(R.resolve(A, Env{}).render()).lower();
  return llvm::any_of(S.Headers, [&](const std::string &Hd) {
    return llvm::StringRef(T).contains(llvm::StringRef(Hd).lower() + ":");
  });
}

void InHouseShapes::headersArg(const Expr *A, const FunctionDecl *F,
                               Shape &Sh) {
  const Expr *E = strip(A);
  if (!E || E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  QualType T = E->getType();
  if (T->isPointerType())
    if (const auto *RD = T->getPointeeType()->getAsRecordDecl();
        RD && simpleName(RD) == "curl_slist") {
      Parts.listItems(E, F, Sh.HeadersKnown, Sh.Headers);
      return;
    }
  if (isStringish(T)) { // one "Name: value" line
    Sh.Headers.push_back({A, nullptr, nullptr});
    return;
  }
  // A list of "Name: value" lines ({"A: b", "C: d"}).
  const Expr *L = E;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(L); CE && CE->getNumArgs())
    L = strip(CE->getArg(0));
  if (const auto *SIL = dyn_cast_or_null<CXXStdInitializerListExpr>(L))
    L = strip(SIL->getSubExpr());
  if (const auto *IL = dyn_cast_or_null<InitListExpr>(L))
    if (IL->getNumInits() && llvm::all_of(IL->inits(), [](const Expr *I) {
          return isStringish(I->getType());
        })) {
      for (const Expr *I : IL->inits())
        Sh.Headers.push_back({I, nullptr, nullptr});
      return;
    }
  Parts.pairsOf(A, F, Sh.HeadersKnown, Sh.Headers);
}

void InHouseShapes::shapes(const FunctionDecl *F, std::vector<Shape> &Out) {
  if (S.HttpFunctions.empty() && !S.InferInHouse)
    return;
  const InHouseHints &H = K.InHouse;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CallExpr *C : Parts.body(F).Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee || isa<CXXOperatorCallExpr>(C) ||
        Parts.isRequestFunction(Callee) || inStd(Callee))
      continue;
    std::string Q = qualifiedName(Callee);
    llvm::StringRef Simple = simpleName(Callee);
    if (Simple == K.Curl.Perform)
      continue;
    // A call the other shapes read (a library's or a payment function).
    if (llvm::any_of(S.Functions, [&](const PaymentSettings::Function &PF) {
          return PF.Name == Q || PF.Name == Simple;
        }))
      continue;
    Shape Base;
    Base.Anchor = C;
    Base.AnchorLoc = C->getBeginLoc();
    Base.InHouse = true;
    Base.InHouseFunction = Q;
    Base.Library = "in-house HTTP call '" + Q + "'";
    unsigned N = C->getNumArgs();

    // Declared.
    const PaymentSettings::HttpFunction *Declared = nullptr;
    for (const PaymentSettings::HttpFunction &HF : S.HttpFunctions)
      if (Q == HF.Name || (llvm::StringRef(HF.Name).find("::") ==
                               llvm::StringRef::npos &&
                           Simple == HF.Name)) {
        Declared = &HF;
        break;
      }
    if (Declared) {
      if (Declared->UrlArg >= N)
        continue;
      Shape Sh = Base;
      Sh.Url.push_back(C->getArg(Declared->UrlArg));
      for (unsigned I = 0; I < N; ++I) {
        if (I == Declared->UrlArg)
          continue;
        if (int(I) == Declared->HeadersArg)
          headersArg(C->getArg(I), F, Sh);
        else if (isStringish(C->getArg(I)->getType()))
          Sh.Bodies.push_back(C->getArg(I));
      }
      Out.push_back(std::move(Sh));
      continue;
    }
    if (!S.InferInHouse || N == 0)
      continue;

    // Undeclared: does the call say POST?
    Verb ArgVerb = Verb::None;
    const Expr *VerbArg = nullptr;
    for (unsigned I = 0; I < N; ++I) {
      Verb V = verbOf(C->getArg(I), H, R, Ctx);
      if (V == Verb::Other || (V == Verb::Post && ArgVerb == Verb::None)) {
        ArgVerb = V;
        VerbArg = C->getArg(I);
      }
    }
    if (ArgVerb == Verb::Other)
      continue;
    std::vector<std::string> NameWords = wordsOf(Simple);
    Shape Sh = Base;
    if (ArgVerb == Verb::Post) {
      CharSourceRange Range = SM.getExpansionRange(VerbArg->getSourceRange());
      std::string Text =
          Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
      Sh.Evidence.push_back(
          {VerbArg->getBeginLoc(), "'" + Q + "' is taken as a POST: its "
                                   "argument '" + Text + "' names the method"});
    } else if (hasWord(NameWords, H.OtherVerbs)) {
      continue;
    } else if (hasWord(NameWords, H.PostWords) ||
               (hasWord(NameWords, H.PostWordsIfNoString) &&
                !isStringish(Callee->getReturnType()))) {
      Sh.Evidence.push_back({C->getBeginLoc(), "'" + Q +
                                                   "' is taken as a POST: "
                                                   "its name says so"});
    } else {
      const ParmVarDecl *BodyParam = nullptr;
      for (unsigned I = 0; I < N && I < Callee->getNumParams(); ++I) {
        const ParmVarDecl *PD = Callee->getParamDecl(I);
        if (isStringish(PD->getType()) &&
            hasWord(wordsOf(simpleName(PD)), H.BodyParams))
          BodyParam = PD;
      }
      if (!BodyParam)
        continue;
      Sh.Evidence.push_back(
          {C->getBeginLoc(), "'" + Q + "' is taken as a POST: it is given a "
                             "body ('" + simpleName(BodyParam).str() + "')"});
    }
    Sh.Inferred = true;

    // The other arguments: headers, bodies, a key.
    const FunctionDecl *Def = Callee->getDefinition();
    bool BodyInSight = Def && Def->hasBody() &&
                       !SM.isInSystemHeader(Def->getLocation());
    for (unsigned U = 0; U < N; ++U) {
      const Expr *UA = C->getArg(U);
      if (!isStringish(UA->getType()) || UA == VerbArg)
        continue;
      const ParmVarDecl *UP =
          U < Callee->getNumParams() ? Callee->getParamDecl(U) : nullptr;
      // A URL the callee's own body uses is judged there.
      if (BodyInSight && UP && U < Def->getNumParams()) {
        Mentions M;
        M.P = Def->getParamDecl(U);
        M.TraverseStmt(Def->getBody());
        if (M.Found)
          continue;
      }
      Shape One = Sh;
      One.Url.push_back(UA);
      for (unsigned I = 0; I < N; ++I) {
        if (I == U)
          continue;
        const Expr *A = C->getArg(I);
        const ParmVarDecl *PD =
            I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
        std::vector<std::string> PW = PD ? wordsOf(simpleName(PD))
                                         : std::vector<std::string>();
        if (PD && simpleName(PD).lower().find("idempot") != std::string::npos) {
          // A key parameter: given, the key is in the callee's hands.
          const Expr *KA = strip(A);
          if (!KA->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull))
            One.HeadersKnown = false;
          continue;
        }
        std::vector<std::string> TypeWords;
        {
          std::vector<std::string> Names;
          typeNames(A->getType(), Ctx, Names);
          if (const auto *RD = A->getType()
                                   .getNonReferenceType()
                                   ->getPointeeOrArrayElementType()
                                   ->getAsRecordDecl())
            Names.push_back(simpleName(RD).str());
          for (const std::string &TN : Names)
            for (std::string &W : wordsOf(TN))
              TypeWords.push_back(std::move(W));
        }
        bool HeaderLike = hasWord(PW, H.HeaderParams) ||
                          (!isStringish(A->getType()) &&
                           hasWord(TypeWords, H.HeaderTypes));
        if (isa<InitListExpr>(strip(A)) ||
            isa<CXXStdInitializerListExpr>(strip(A)))
          HeaderLike = true;
        if (HeaderLike)
          headersArg(A, F, One);
        else if (isStringish(A->getType()) && mentionsKeyHeader(A))
          headersArg(A, F, One); // "Idempotency-Key: ..." passed as is
        else if (isStringish(A->getType()))
          One.Bodies.push_back(A);
      }
      Out.push_back(std::move(One));
    }
  }
}

} // namespace model
} // namespace resilience
