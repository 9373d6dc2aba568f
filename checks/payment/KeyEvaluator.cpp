//===--- KeyEvaluator.cpp - Judging the key a payment request carries ----===//
//
// A request's shape (RequestShapes.h) resolved: its URL against the payment
// endpoints (following a URL parameter to the callers), its headers and
// body fields for an idempotency key, and the key classified.
//
//===----------------------------------------------------------------------===//

#include "payment/KeyEvaluator.h"

namespace resilience {
namespace model {

using namespace clang;

/// The first endpoint matching \p Url, and where the match starts.
static const PaymentSettings::Endpoint *
matchEndpoint(const PaymentSettings &S, const std::string &Url, size_t &Start) {
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

void KeyEvaluator::evaluate(const Shape &Sh, const FramePath &Path,
                            unsigned Depth, std::vector<PaymentFinding> &Out) {
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
                          : "a new idempotency key parameter of the function";
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
  // A URL the caller supplies: judge it at each call site.
  auto FollowCallers = [&] {
    bool FromCaller = llvm::any_of(Url.Pieces, [&](const StrPiece &P) {
      return P.Leaf && StringResolver::isUnboundParam(P, E0);
    });
    if (!FromCaller || Depth >= 3)
      return;
    for (const CallSites::Site &SiteAndCaller :
         Sites.callersOf(Path.back().F)) {
      const CallExpr *Site = SiteAndCaller.first;
      const FunctionDecl *Caller = SiteAndCaller.second;
      if (llvm::any_of(Path, [&](const Frame &Fr) { return Fr.F == Caller; }))
        continue; // recursion
      FramePath Up = Path;
      Up.push_back({Caller, Site});
      evaluate(Sh, Up, Depth + 1, Out);
    }
  };
  if (!EP)
    return FollowCallers();
  Base.Url = displayUrl(Rendered);
  Base.Provider = EP->Provider;
  Base.KeyCarrier = EP->KeyCarrier;
  // What a duplicate of this request does.
  {
    const PaymentOperation &Def =
        EP->HostOnly ? K.HostOperation : K.DefaultOperation;
    Base.Duplicate = Def.Duplicate.str();
    Base.MovesMoney = Def.MovesMoney;
    for (const PaymentSettings::Operation &Op : S.Operations)
      if (Op.Re && Op.Re->match(Rendered)) {
        Base.Duplicate = Op.Duplicate;
        Base.MovesMoney = Op.MovesMoney;
        break;
      }
  }
  // An undeclared in-house call counts only where a duplicate costs money
  // at a provider the knowledge names.
  // (`{host}/v1/{resource}` may name a charge at one of the callers).
  if (Sh.Inferred && (EP->Provider.empty() || !Base.MovesMoney))
    return FollowCallers();
  if (Sh.InHouse) {
    Base.InHouseFunction = Sh.InHouseFunction;
    Base.Inferred = Sh.Inferred;
    Base.Evidence = Sh.Evidence;
    // The caller chain the URL came through, inner to outer (the outermost
    // call carries the warning).
    for (size_t I = 1; I + 1 < Path.size(); ++I)
      Base.Evidence.push_back(
          {Path[I].Site->getBeginLoc(),
           "the URL is passed on through this call"});
  }
  if (!Sh.HeadersKnown) {
    // The headers are built out of sight.
    if (S.ReportEveryRequest) {
      Base.Problem = KeyProblem::OutOfSight;
      Out.push_back(Base);
    }
    return;
  }

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
  auto OutOfSight = [&] {
    if (S.ReportEveryRequest) {
      Base.Problem = KeyProblem::OutOfSight;
      Out.push_back(Base);
    }
  };
  for (const HeaderItem &H : Sh.Headers) {
    if (H.Whole) {
      StrValue W = R.resolve(H.Whole, E0);
      std::string Name;
      StrValue Value;
      if (isNullOnly(W))
        continue; // `if (header) append(header)` called with no header
      if (!W.splitHeader(Name, Value))
        return OutOfSight();
      if (IsKeyHeader(Name) && !Found) {
        Found = true;
        Key = Value;
        KeyExpr = H.Whole;
        Base.HeaderName = Name;
      }
    } else if (!Pair(H, false)) {
      return OutOfSight();
    }
  }
  for (const HeaderItem &H : Sh.Fields)
    if (!Pair(H, true))
      return OutOfSight();
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
      for (const StringLiteral *SL : Parts.body(Fr.F).Literals)
        if (SL->getCharByteWidth() == 1)
          Found |= Mentions(SL->getString());
    KeyUnknown = Found;
  }
  if (!Found) {
    Out.push_back(Base);
    return;
  }
  if (KeyUnknown || !KeyExpr) {
    if (S.ReportEveryRequest) {
      Base.Problem = KeyProblem::Keyed; // a key field in a built body
      Out.push_back(Base);
    }
    return;
  }
  {
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

void KeyEvaluator::classify(const Shape &Sh, const FramePath &Path,
                            const StrValue &Url, const StrValue &Key,
                            const Expr *KeyExpr, PaymentFinding Base,
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
    bool LeavesFromUrl = llvm::all_of(
        Key.Pieces, [&](const StrPiece &P) { return !P.Leaf || FromUrl(P); });
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
    return;
  }
  if (S.ReportEveryRequest) {
    PaymentFinding F = Base;
    F.Problem = KeyProblem::Keyed;
    F.KeyLoc = KeyExpr->getBeginLoc();
    Out.push_back(F);
  }
}

void KeyEvaluator::evaluateAll(const FunctionDecl *FD,
                               const std::vector<Shape> &Shapes,
                               std::vector<PaymentFinding> &Out) {
  Evaluations = 0;
  for (const Shape &Sh : Shapes) {
    FramePath Path{{FD, nullptr}};
    evaluate(Sh, Path, 0, Out);
  }
}

} // namespace model
} // namespace resilience
