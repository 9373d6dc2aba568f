//===--- RequestShapes.h - Finding each payment request's shape -----------===//
//
// Private to the payment analysis (payment/*.cpp); not for checks to
// include. The vocabulary the shape finders and the key evaluation share
// (a request's Shape, its header items, a function's BodyIndex, small
// expression helpers), and the classes that find each request's shape in a
// function:
//
//   RequestParts        reads where a request's parts are built: header and
//                       field containers, curl header lists, whether a
//                       variable is handed to a call that may write it
//                       (RequestParts.cpp)
//   LibraryShapes       the requests of every library in the knowledge
//                       table, and user-declared payment functions
//                       (RequestShapes.cpp)
//   InHouseShapes       POSTs through a project's own HTTP layer, declared
//                       or inferred (InHouseShapes.cpp)
//   RequestShapeFinder  all of them, in a fixed order
//
// What the requests carry is judged by KeyEvaluator (KeyEvaluator.h).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_REQUESTSHAPES_H
#define RESILIENCE_TIDY_MODEL_REQUESTSHAPES_H


#include "LLVMCompat.h"
#include "ast/CallSites.h"
#include "payment/PaymentRequest.h"
#include "ast/StringValue.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
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

/// Where a request's parts are built, read back: the items of a header or
/// field container, of a curl header list, and whether a variable escapes
/// to a call that may write it. Holds the body index of every function it
/// has read (shared with the evaluation, which reads a body's literals).
class RequestParts {
public:
  RequestParts(ASTContext &Ctx, const PaymentKnowledge &K, StringResolver &R)
      : Ctx(Ctx), K(K), R(R) {}

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

  /// The libraries' own request calls read what they are given.
  bool isRequestFunction(const FunctionDecl *FD) const;
  /// Whether \p V is handed to a call (other than \p Allowed and the
  /// libraries' request calls) that may write it.
  bool handedToWriter(const VarDecl *V, const FunctionDecl *F,
                      llvm::ArrayRef<llvm::StringRef> Allowed);
  /// The "Name: value" lines of a curl header list.
  void listItems(const Expr *List, const FunctionDecl *F, bool &Known,
                 std::vector<HeaderItem> &Out, unsigned Depth = 0);
  /// The name/value pairs of a header or field container.
  void pairsOf(const Expr *E, const FunctionDecl *F, bool &Known,
               std::vector<HeaderItem> &Out, unsigned Depth = 0);

private:
  ASTContext &Ctx;
  const PaymentKnowledge &K;
  StringResolver &R;
  std::map<const FunctionDecl *, std::unique_ptr<BodyIndex>> Bodies;
};

/// The requests of the libraries in the knowledge table (libcurl; one call
/// for cpp-httplib and cpr; a request object and a sender for Beast, POCO,
/// Qt), and calls of user-declared payment functions.
class LibraryShapes {
public:
  LibraryShapes(ASTContext &Ctx, const PaymentSettings &S, StringResolver &R,
                CallSites &Sites, RequestParts &Parts)
      : Ctx(Ctx), S(S), K(*S.K), R(R), Sites(Sites), Parts(Parts) {}

  void curlShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void callShapes(const FunctionDecl *F, std::vector<Shape> &Out);
  void messageShapes(const FunctionDecl *F, const MessageShape &M,
                     std::vector<Shape> &Out);
  void functionShapes(const FunctionDecl *F, std::vector<Shape> &Out);

private:
  /// Whether some call of \p Method (httplib's set_default_headers) in the
  /// translation unit passes a header that is, or may be, a key header.
  bool defaultsMayCarryKey(llvm::StringRef Method);

  ASTContext &Ctx;
  const PaymentSettings &S;
  const PaymentKnowledge &K;
  StringResolver &R;
  CallSites &Sites;
  RequestParts &Parts;
};

/// POSTs through a project's own HTTP layer: functions the user declares
/// (option HttpPostFunctions) and, with InferInHouse, undeclared calls that
/// say POST themselves.
class InHouseShapes {
public:
  InHouseShapes(ASTContext &Ctx, const PaymentSettings &S, StringResolver &R,
                RequestParts &Parts)
      : Ctx(Ctx), S(S), K(*S.K), R(R), Parts(Parts) {}

  void shapes(const FunctionDecl *F, std::vector<Shape> &Out);

private:
  void headersArg(const Expr *A, const FunctionDecl *F, Shape &Sh);
  bool mentionsKeyHeader(const Expr *A);

  ASTContext &Ctx;
  const PaymentSettings &S;
  const PaymentKnowledge &K;
  StringResolver &R;
  RequestParts &Parts;
};

/// Every request made in a function, as its library expresses it.
class RequestShapeFinder {
public:
  RequestShapeFinder(ASTContext &Ctx, const PaymentSettings &S,
                     StringResolver &R, CallSites &Sites)
      : K(*S.K), Parts(Ctx, K, R), Library(Ctx, S, R, Sites, Parts),
        InHouse(Ctx, S, R, Parts) {}

  /// The shapes of \p F's requests, in a fixed order: libcurl, one-call
  /// libraries, request objects, payment functions, in-house calls.
  void find(const FunctionDecl *F, std::vector<Shape> &Out) {
    Library.curlShapes(F, Out);
    Library.callShapes(F, Out);
    for (const MessageShape &M : K.Messages)
      Library.messageShapes(F, M, Out);
    Library.functionShapes(F, Out);
    InHouse.shapes(F, Out);
  }

  RequestParts &parts() { return Parts; }

private:
  const PaymentKnowledge &K;
  RequestParts Parts;
  LibraryShapes Library;
  InHouseShapes InHouse;
};

} // namespace model
} // namespace resilience

#endif
