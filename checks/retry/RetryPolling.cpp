//===--- RetryPolling.cpp - Tests of a response's content -----------------===//
//
// A poll repeats a request that worked: the server answered, and what it
// said was "not yet" (`job_done(r->body)` is false, `op.done()` is false,
// `status.phase` is not "Running"). A retry repeats a request that failed.
// The recognizer tells them apart by what guards the loop's success exits:
// a test of the outcome (transport result, status code, `s.ok()`) or a test
// of the content. This file answers "does this condition test the content".
//
// The content is read from the response: a variable holding a remote call's
// result or written by it (an output argument, a buffer registered on the
// call's handle such as libcurl's CURLOPT_WRITEDATA), a remote call tested
// in place, or a variable of the loop computed from these. A read of it is
// content when it is a payload (a string or a parsed document: the body, a
// JSON value), a field or method named for a state (`done`, `ready`,
// `state`, `phase`), or when it is compared with an enumerator that names a
// state (`Operation::DONE`, `JOB_STATE_SUCCEEDED`). Not content: asking
// whether there is any (`body.empty()`, `size()`), and anything whose names
// or literals speak of failure (`s.error_message()`, `is_error(body)`,
// `body.find("error")`): repeating after those retries a failure.
//
//===----------------------------------------------------------------------===//

#include "ast/AstDepth.h"
#include "retry/RetryLoopInternals.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace resilience {
namespace model {

namespace {

/// "IsDone" -> "isdone", "job_state" -> "jobstate".
std::string squash(llvm::StringRef Name) {
  std::string Out;
  for (char C : Name)
    if (C != '_')
      Out += llvm::toLower(C);
  return Out;
}

/// The last word of an enumerator, lowercased: "JOB_STATE_SUCCEEDED" ->
/// "succeeded", "kDone" -> "done", "Running" -> "running".
std::string lastWord(llvm::StringRef Name) {
  size_t Cut = Name.rfind('_');
  if (Cut != llvm::StringRef::npos)
    Name = Name.substr(Cut + 1);
  if (Name.size() > 1 && Name[0] == 'k' && clang::isUppercase(Name[1]))
    Name = Name.drop_front();
  return Name.lower();
}

} // namespace

bool ContentTests::hasFailureWord(llvm::StringRef S) const {
  std::string L = S.lower();
  return llvm::any_of(A.FailureWords, [&](const std::string &W) {
    return llvm::StringRef(L).contains(W);
  });
}

bool ContentTests::isPayloadType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  // `const char *` and `char[N]` text.
  QualType Elem;
  if (const auto *PT = T->getAs<PointerType>())
    Elem = PT->getPointeeType();
  else if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    Elem = AT->getElementType();
  if (!Elem.isNull())
    return Elem->isAnyCharacterType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return A.PayloadTypes.matches(RD);
  return false;
}

/// Follows members, methods, `->`, `*` and `[]` down to what they read,
/// collecting the names on the way (`j["state"]` names "state").
const Expr *
ContentTests::responseBase(const Expr *E,
                           llvm::SmallVectorImpl<llvm::StringRef> &Names) const {
  E = strip(E);
  while (E) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->getMemberDecl()->getIdentifier())
        Names.push_back(ME->getMemberDecl()->getName());
      E = strip(ME->getBase());
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      if (Remote.count(MC))
        return E;
      if (const CXXMethodDecl *MD = MC->getMethodDecl())
        if (MD->getIdentifier())
          Names.push_back(MD->getName());
      E = strip(MC->getImplicitObjectArgument());
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OC->getNumArgs() < 1)
        return nullptr;
      auto Op = OC->getOperator();
      if (Op == OO_Subscript && OC->getNumArgs() == 2)
        if (const auto *Key = dyn_cast<StringLiteral>(strip(OC->getArg(1))))
          Names.push_back(Key->getString());
      if (Op != OO_Arrow && Op != OO_Star && Op != OO_Subscript)
        return Remote.count(OC) ? E : nullptr;
      E = strip(OC->getArg(0));
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = strip(AS->getBase());
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return nullptr;
      E = strip(UO->getSubExpr());
    } else {
      return E;
    }
  }
  return nullptr;
}

bool ContentTests::isResponseRef(const Expr *Base) const {
  if (!Base)
    return false;
  if (const auto *C = dyn_cast<CallExpr>(Base))
    return Remote.count(C) > 0;
  const VarDecl *V = refVar(Base);
  return V && (Response.count(V) || Content.count(V));
}

bool ContentTests::isContentValue(const Expr *E, bool &Failure) const {
  llvm::SmallVector<llvm::StringRef, 4> Names;
  const Expr *Base = responseBase(E, Names);
  if (!isResponseRef(Base))
    return false;
  if (llvm::any_of(Names, [&](llvm::StringRef N) { return hasFailureWord(N); })) {
    Failure = true;
    return false;
  }
  const VarDecl *V = refVar(Base);
  if (V && Content.count(V))
    return true;
  if (isPayloadType(strip(E)->getType()))
    return true;
  return llvm::any_of(Names, [&](llvm::StringRef N) {
    std::string S = squash(N);
    return llvm::any_of(A.StateFieldWords, [&](const std::string &W) {
      return llvm::StringRef(S).ends_with(W);
    });
  });
}

void ContentTests::scan(const Stmt *S, bool &Found, bool &Failure,
                        unsigned Depth) const {
  if (!S || isa<LambdaExpr>(S) || Depth >= MaxWalkDepth)
    return;
  if (const auto *E = dyn_cast<Expr>(S)) {
    if (const auto *SL = dyn_cast<StringLiteral>(E)) {
      if (SL->isOrdinary() || SL->isUTF8())
        Failure |= hasFailureWord(SL->getString());
      return;
    }
    if (const auto *C = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *FD = C->getDirectCallee())
        if (FD->getIdentifier()) {
          if (hasFailureWord(FD->getName()) ||
              A.PolicyMethods.count(FD->getName()))
            Failure = true;
          // `body.empty()`, `strlen(buf)` ask whether an answer came, not
          // what it says.
          if (A.PresenceMethods.count(FD->getName()))
            return;
        }
    }
    // A state field compared with a state: `op.status() == Status::DONE`.
    const Expr *L, *R;
    if (comparisonOf(E, L, R)) {
      // `body != ""` is `!body.empty()`.
      for (const Expr *Side : {L, R})
        if (const auto *SL = dyn_cast<StringLiteral>(strip(Side)))
          if (SL->getLength() == 0)
            return;
      for (const Expr *Side : {L, R}) {
        const auto *DR = dyn_cast<DeclRefExpr>(strip(Side));
        const auto *EC = DR ? dyn_cast<EnumConstantDecl>(DR->getDecl()) : nullptr;
        if (!EC)
          continue;
        std::string W = lastWord(EC->getName());
        const Expr *Other = Side == L ? R : L;
        llvm::SmallVector<llvm::StringRef, 4> Names;
        if (llvm::is_contained(A.StateValueWords, W) &&
            isResponseRef(responseBase(Other, Names)))
          Found = true;
      }
    }
    if (isContentValue(E, Failure)) {
      Found = true;
      return;
    }
  }
  for (const Stmt *C : S->children())
    scan(C, Found, Failure, Depth + 1);
}

bool ContentTests::atomIsContent(const Expr *E) const {
  bool Found = false, Failure = false;
  scan(E, Found, Failure);
  return Found && !Failure;
}

bool ContentTests::isContentTest(const Expr *E, unsigned Depth) const {
  E = strip(E);
  if (!E || Depth >= MaxWalkDepth)
    return false;
  // A test clang could not type: a name that says state (`JobState::kDone`,
  // `op.done`) reads the content.
  llvm::SmallVector<RecoveredPart, 4> Parts;
  bool AnyOr = false;
  if (readRecoveredTest(E, A.SM, A.Ctx.getLangOpts(), Parts, AnyOr)) {
    for (const RecoveredPart &P : Parts)
      for (const auto *Side : {&P.Left, &P.Right})
        for (const std::string &N : *Side) {
          std::string L = llvm::StringRef(N).lower();
          for (const auto *Words : {&A.StateFieldWords, &A.StateValueWords})
            for (const std::string &W : *Words)
              if (llvm::StringRef(L).contains(W))
                return true;
        }
    return false;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_LNot)
      return isContentTest(UO->getSubExpr(), Depth + 1);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Exclaim && OC->getNumArgs() == 1)
      return isContentTest(OC->getArg(0), Depth + 1);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr)
      return isContentTest(BO->getLHS(), Depth + 1) ||
             isContentTest(BO->getRHS(), Depth + 1);
  return atomIsContent(E);
}

void ContentTests::learn(llvm::ArrayRef<const CallExpr *> Remotes,
                         llvm::ArrayRef<const Stmt *> Parts,
                         const FunctionDecl *Fn) {
  // Outputs through pointers (`stub.GetOperation(&ctx, req, op)`), not the
  // handle of a C API (`curl_easy_perform(h)`) nor a call's context.
  llvm::DenseSet<const VarDecl *> Handles;
  for (const CallExpr *C : Remotes) {
    bool Member = isa<CXXMemberCallExpr>(C);
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      const VarDecl *V = refVar(C->getArg(I));
      if (!V)
        continue;
      if (I == 0 && !Member) {
        Handles.insert(V);
        continue;
      }
      QualType T = V->getType().getNonReferenceType();
      if (const auto *PT = T->getAs<PointerType>()) {
        QualType P = PT->getPointeeType();
        if (!P.isConstQualified() && P->getAsCXXRecordDecl() &&
            !A.ContextTypes.matches(P->getAsCXXRecordDecl()))
          Response.insert(V);
      }
    }
  }
  // What a handle's request writes into: `curl_easy_setopt(h,
  // CURLOPT_WRITEDATA, &buf)` anywhere in the function.
  if (!Handles.empty() && Fn && Fn->getBody())
    forEachSubStmt(Fn->getBody(), true, [&](const Stmt *S) {
      const auto *C = dyn_cast<CallExpr>(S);
      if (!C || Remote.count(C) || C->getNumArgs() < 2 ||
          isa<CXXMemberCallExpr>(C))
        return;
      const VarDecl *H = refVar(C->getArg(0));
      if (!H || !Handles.count(H))
        return;
      for (unsigned I = 1; I < C->getNumArgs(); ++I)
        if (const auto *UO = dyn_cast<UnaryOperator>(strip(C->getArg(I))))
          if (UO->getOpcode() == UO_AddrOf)
            if (const VarDecl *V = refVar(UO->getSubExpr()))
              Response.insert(V);
    });
  // Variables of the loop computed from the response (`auto j =
  // json::parse(r->body)`, `bool done = op.done()`): content when what
  // they are computed from tests or carries the content.
  auto Learn = [&](const VarDecl *V, const Expr *Value) {
    if (!V || !Value || Content.count(V))
      return;
    bool Found = false, Failure = false;
    scan(Value, Found, Failure);
    if (Found && !Failure)
      Content.insert(V);
    else if (!Response.count(V) &&
             (refersToAny(Value, [&](const VarDecl *X) {
                return Response.count(X) || Content.count(X);
              }) ||
              [&] {
                bool HasRemote = false;
                forEachSubStmt(Value, true, [&](const Stmt *N) {
                  if (const auto *C = dyn_cast<CallExpr>(N))
                    HasRemote |= Remote.count(C) > 0;
                });
                return HasRemote;
              }()))
      Response.insert(V);
  };
  for (int Round = 0; Round < 3; ++Round)
    for (const Stmt *Part : Parts)
      forEachSubStmt(Part, false, [&](const Stmt *S) {
        if (const auto *DS = dyn_cast<DeclStmt>(S)) {
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              Learn(V, V->getInit());
        } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
          if (BO->getOpcode() == BO_Assign)
            Learn(refVar(BO->getLHS()), BO->getRHS());
        } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
          if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
            Learn(refVar(OC->getArg(0)), OC->getArg(1));
        }
      });
}

} // namespace model
} // namespace resilience
