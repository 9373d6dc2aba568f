//===--- PaymentRequestImpl.h - Internals shared by the payment model ----===//
//
// Private to payment/PaymentRequest.cpp (evaluation) and
// payment/RequestShapes.cpp (how each library writes a request). Not for
// checks to include.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_PAYMENTREQUESTIMPL_H
#define RESILIENCE_TIDY_MODEL_PAYMENTREQUESTIMPL_H

#include "LLVMCompat.h"
#include "ast/CallSites.h"
#include "payment/KeyPerAttempt.h"
#include "payment/PaymentRequest.h"
#include "ast/StringValue.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <memory>
#include <optional>

namespace resilience {
namespace model {
namespace payment {

using namespace clang;

inline const Expr *strip(const Expr *E) { return StringResolver::strip(E); }

inline std::string qualifiedName(const NamedDecl *D) {
  return D ? D->getQualifiedNameAsString() : std::string();
}

inline llvm::StringRef simpleName(const NamedDecl *D) {
  return D && D->getDeclName().isIdentifier() ? D->getName()
                                              : llvm::StringRef();
}

inline const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

inline const VarDecl *localVarOf(const Expr *E) {
  const VarDecl *V = varOf(E);
  return V && !isa<ParmVarDecl>(V) && V->isLocalVarDecl() ? V : nullptr;
}

/// The access path of a handle: a variable, or fields of a variable or of
/// `this` (null root).
using AccessPath = llvm::SmallVector<const Decl *, 3>;
inline std::optional<AccessPath> pathOf(const Expr *E) {
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
inline llvm::StringRef optionName(const Expr *E, unsigned Depth = 0) {
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
inline void typeNames(QualType T, ASTContext &Ctx,
                      std::vector<std::string> &Out) {
  T = T.getNonReferenceType();
  for (unsigned I = 0; I < 12 && !T.isNull(); ++I) {
    if (const auto *TT = dyn_cast<TypedefType>(T.getTypePtr()))
      Out.push_back(qualifiedName(TT->getDecl()));
    if (const auto *TS = dyn_cast<TemplateSpecializationType>(T.getTypePtr()))
      if (const TemplateDecl *TD = TS->getTemplateName().getAsTemplateDecl())
        Out.push_back(qualifiedName(TD));
    if (const auto *RD = T->getAsCXXRecordDecl())
      if (!isElaboratedSugar(T.getTypePtr()) &&
          !isa<TypedefType>(T.getTypePtr()))
        Out.push_back(qualifiedName(RD));
    QualType Next = T.getSingleStepDesugaredType(Ctx);
    if (Next == T)
      break;
    T = Next;
  }
}

inline bool exprHasType(const Expr *E, llvm::StringRef Name, ASTContext &Ctx) {
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

inline bool isStringish(QualType T) {
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
  /// Iterative, in source order: an expression can nest thousands deep
  /// (a URL built as a+a+...+a) where clang itself has no trouble.
  void walk(const Stmt *Root) {
    llvm::SmallVector<const Stmt *, 64> Work{Root};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *CE = dyn_cast<CallExpr>(S))
        Calls.push_back(CE);
      if (const auto *SL = dyn_cast<StringLiteral>(S))
        Literals.push_back(SL);
      llvm::SmallVector<const Stmt *, 8> Next;
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D)) {
            Vars.push_back(V);
            Next.push_back(V->getInit());
          }
      } else {
        Next.append(S->child_begin(), S->child_end());
      }
      Work.append(Next.rbegin(), Next.rend());
    }
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
  // An in-house HTTP call: declared, or inferred from the call itself.
  bool InHouse = false, Inferred = false;
  std::string InHouseFunction;
  std::vector<std::pair<SourceLocation, std::string>> Evidence;
};

inline bool sameName(llvm::StringRef A, llvm::StringRef B) {
  return A.equals_insensitive(B);
}

} // namespace payment

using namespace payment;

// ---------------------------------------------------------------------------

struct PaymentRequestAnalysis::Impl {
  Impl(ASTContext &Ctx, const PaymentSettings &S)
      : Ctx(Ctx), S(S), K(*S.K), R(), Sites(Ctx), Loops(Ctx, LoopOptions),
        Attempts(R, K.KeyGenerators, Loops) {
  }

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
  void inHouseShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void headersArg(const Expr *A, const FunctionDecl *F, Shape &Sh);
  bool mentionsKeyHeader(const Expr *A);
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
                const StrValue &Key, const Expr *KeyExpr, PaymentFinding Base,
                std::vector<PaymentFinding> &Out);

  /// The shared retry-loop recognizer, with the built-in knowledge only.
  RetryLoopOptions LoopOptions;
  RetryLoopAnalysis Loops;
  KeyPerAttempt Attempts;
  unsigned Evaluations = 0;
};

} // namespace model
} // namespace resilience

#endif
