//===--- TableLookup.cpp - Calls, types and values, read through the table ===//

#include "ast/TableLookup.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <map>

namespace resilience {
namespace model {
namespace table {

using namespace clang;


/// A qualified name without template arguments and without inline or
/// anonymous namespaces: "boost::beast::basic_stream::expires_after".
std::string qualifiedName(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  if (!D->getDeclName().isIdentifier())
    return D->getNameAsString();
  Parts.push_back(D->getName());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (!RD->getIdentifier())
        continue;
      Parts.push_back(RD->getName());
    } else if (isa<FunctionDecl>(DC)) {
      break;
    }
  }
  std::string Out;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Out.empty())
      Out += "::";
    Out += It->str();
  }
  return Out;
}

/// `*` matches any run of characters; everything else matches itself.
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Name) {
  size_t Star = Pattern.find('*');
  if (Star == llvm::StringRef::npos)
    return Pattern == Name;
  if (!Name.starts_with(Pattern.take_front(Star)))
    return false;
  llvm::StringRef Rest = Pattern.drop_front(Star + 1);
  Name = Name.drop_front(Star);
  for (size_t I = 0; I <= Name.size(); ++I)
    if (globMatch(Rest, Name.drop_front(I)))
      return true;
  return false;
}

std::string calleeName(const FunctionDecl *FD) {
  if (!FD->getDeclName().isIdentifier() && !isa<CXXMethodDecl>(FD))
    return FD->getNameAsString();
  return qualifiedName(FD);
}

/// The record a type names, through one pointer or reference.
const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

/// Is \p T (through a pointer or reference) a record named \p Names, a
/// '|'-separated list of qualified names?
bool isRecordNamed(QualType T, llvm::StringRef Names) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = qualifiedName(RD);
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Names.split(Parts, '|');
  return llvm::is_contained(Parts, llvm::StringRef(Name));
}

/// Does the callee take a handle of \p Type among its parameters?
bool takesHandleType(const FunctionDecl *Callee, llvm::StringRef Type) {
  for (const ParmVarDecl *P : Callee->parameters())
    if (isRecordNamed(P->getType(), Type))
      return true;
  return false;
}

LibCall classifyIn(llvm::ArrayRef<LibraryModel> Libraries,
                   const FunctionDecl *Callee) {
  LibCall R;
  if (!Callee)
    return R;
  std::string Name = calleeName(Callee);
  llvm::StringRef N(Name);
  for (const LibraryModel &L : Libraries) {
    R.Lib = &L;
    for (const RequestCall &Q : L.Requests)
      if (globMatch(Q.Function, N) &&
          (Q.HandleType.empty() || takesHandleType(Callee, Q.HandleType))) {
        R.K = LibCall::Request;
        R.Req = &Q;
        return R;
      }
    for (const OptionSetter &S : L.Setters)
      if (N == S.Function) {
        R.K = LibCall::Setter;
        R.Set = &S;
        return R;
      }
    for (const SlotSetter &S : L.SlotSetters)
      if (globMatch(S.Function, N) &&
          (S.Arity == NoArg || Callee->getNumParams() == S.Arity)) {
        R.K = LibCall::SlotSet;
        R.Slot = &S;
        return R;
      }
    for (llvm::StringRef F : L.Resetters)
      if (N == F) {
        R.K = LibCall::Resetter;
        return R;
      }
    for (llvm::StringRef F : L.Creators)
      if (N == F) {
        R.K = LibCall::Creator;
        return R;
      }
    for (llvm::StringRef F : L.BoundedCreators)
      if (N == F) {
        R.K = LibCall::BoundedCreator;
        return R;
      }
    for (llvm::StringRef F : L.Copiers)
      if (N == F) {
        R.K = LibCall::Copier;
        return R;
      }
    for (llvm::StringRef P : L.OwnPrefixes)
      if (N.starts_with(P)) {
        R.K = LibCall::Own;
        return R;
      }
  }
  R.Lib = nullptr;
  return R;
}

/// Classification depends only on the callee; calls repeat, so remember it
/// for the translation unit this Lookup lives for.
LibCall Lookup::classify(const FunctionDecl *Callee) const {
  if (!Callee)
    return LibCall();
  auto It = Cache.find(Callee);
  if (It != Cache.end())
    return It->second;
  LibCall R = classifyIn(Libraries, Callee);
  Cache.emplace(Callee, R);
  return R;
}

/// The library whose handle type \p T is (a record, or a smart pointer or
/// pointer to one), if any.
const LibraryModel *Lookup::libraryOfHandleType(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return nullptr;
  std::string Name = qualifiedName(RD);
  for (const LibraryModel &L : Libraries)
    for (llvm::StringRef H : L.HandleTypes)
      if (Name == H)
        return &L;
  return nullptr;
}

/// Is \p T (or what it points to) one of the table's Wrappers?
bool Lookup::isWrapperType(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = qualifiedName(RD);
  for (const LibraryModel &L : Libraries)
    for (llvm::StringRef W : L.Wrappers)
      if (Name == W)
        return true;
  return false;
}

/// The record a smart pointer (or raw pointer) type points to.
QualType pointeeOfSmartPointer(QualType T) {
  if (T.isNull())
    return T;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return T->getPointeeType();
  if (const auto *TS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl())) {
    llvm::StringRef N = TS->getName();
    if ((N == "unique_ptr" || N == "shared_ptr") &&
        TS->getTemplateArgs().size() >= 1 &&
        TS->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return TS->getTemplateArgs()[0].getAsType();
  }
  return QualType();
}

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts()->IgnoreImplicit();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    if (Next == E)
      break;
    E = Next;
  }
  return E;
}

/// Does \p FD return another view of its handle argument (the table's
/// Accessors)?
bool Lookup::isAccessor(const FunctionDecl *FD) const {
  if (!FD)
    return false;
  std::string Name;
  if (const auto *Conv = dyn_cast<CXXConversionDecl>(FD))
    // `operator void *`, named after its class: "ns::C::operator void *".
    Name = qualifiedName(Conv->getParent()) + "::" + Conv->getNameAsString();
  else if (FD->getDeclName().isIdentifier())
    Name = calleeName(FD);
  else
    return false;
  for (const LibraryModel &L : Libraries)
    for (llvm::StringRef A : L.Accessors)
      if (globMatch(A, Name))
        return true;
  return false;
}

/// Looks through what only changes how a handle is reached: `&ctx`, `*p`,
/// `sp->` / `*sp` on a smart pointer, `sp.get()`.
const Expr *Lookup::lookThrough(const Expr *E, bool AddressOf) const {
  for (unsigned I = 0; E && I < 4; ++I) {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if ((UO->getOpcode() == UO_AddrOf && AddressOf) ||
          UO->getOpcode() == UO_Deref) {
        E = UO->getSubExpr();
        continue;
      }
    }
    // A copy of a smart pointer, or its conversion to a base pointer.
    if (const auto *CC = dyn_cast<CXXConstructExpr>(E))
      if (CC->getNumArgs() == 1 &&
          !pointeeOfSmartPointer(CC->getType()).isNull()) {
        E = CC->getArg(0);
        continue;
      }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
          OC->getNumArgs() == 1) {
        E = OC->getArg(0);
        continue;
      }
    }
    if (const auto *CE = dyn_cast<CallExpr>(E))
      if (isAccessor(CE->getDirectCallee())) {
        const Expr *Inner = argumentAt(CE, isa<CXXMemberCallExpr>(CE) ? ObjectArg : 0);
        if (Inner) {
          E = Inner;
          continue;
        }
      }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (MD && MD->getDeclName().isIdentifier() && MD->getName() == "get" &&
          MC->getNumArgs() == 0 &&
          !pointeeOfSmartPointer(MC->getImplicitObjectArgument()->getType())
               .isNull()) {
        E = MC->getImplicitObjectArgument();
        continue;
      }
    }
    break;
  }
  return E;
}

const FunctionDecl *calleeOf(const CallExpr *CE) {
  if (const FunctionDecl *FD = CE->getDirectCallee())
    return FD;
  const auto *UL =
      dyn_cast_or_null<UnresolvedLookupExpr>(CE->getCallee()->IgnoreParens());
  if (!UL || UL->getNumDecls() != 1)
    return nullptr;
  return dyn_cast<FunctionDecl>((*UL->decls_begin())->getUnderlyingDecl());
}

/// The expression at a table argument index of a call.
const Expr *argumentAt(const CallExpr *CE, unsigned Index) {
  if (Index == ObjectArg) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      return MC->getImplicitObjectArgument();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE))
      return OC->getNumArgs() > 0 ? OC->getArg(0) : nullptr;
    return nullptr;
  }
  if (Index == NoArg || Index >= CE->getNumArgs())
    return nullptr;
  return CE->getArg(Index);
}

/// If \p E builds a wrapper around a handle (`new TBufferedTransport(s)`,
/// `std::make_shared<TBinaryProtocol>(t)`, maybe inside a smart pointer),
/// the wrapped expression.
const Expr *Lookup::wrappedHandle(const Expr *E, unsigned Depth) const {
  E = strip(E);
  if (!E || Depth > 3)
    return nullptr;
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    if (isWrapperType(CC->getType()) && CC->getNumArgs() >= 1)
      return CC->getArg(0);
    if (!pointeeOfSmartPointer(CC->getType()).isNull() &&
        CC->getNumArgs() == 1)
      return wrappedHandle(CC->getArg(0), Depth + 1);
    return nullptr;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
    const CXXConstructExpr *CC = NE->getConstructExpr();
    if (CC && isWrapperType(NE->getAllocatedType()) && CC->getNumArgs() >= 1)
      return CC->getArg(0);
    return nullptr;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() &&
        Callee->getDeclName().isIdentifier() &&
        (Callee->getName() == "make_shared" ||
         Callee->getName() == "make_unique") &&
        isWrapperType(pointeeOfSmartPointer(CE->getType())) &&
        CE->getNumArgs() >= 1)
      return CE->getArg(0);
  }
  return nullptr;
}

/// Does this expression make a new handle of some library (a creator call,
/// a copy of a handle, a handle type's construction, make_shared of one)?
bool Lookup::makesHandle(const Expr *E) const {
  E = strip(E);
  if (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
    LibCall LC = classify(CE->getDirectCallee());
    if (LC.K == LibCall::Creator || LC.K == LibCall::Copier ||
        LC.K == LibCall::BoundedCreator)
      return true;
    if (LC.K == LibCall::Request && LC.Req->ReturnsHandle)
      return true;
  }
  if (const auto *NE = dyn_cast_or_null<CXXNewExpr>(E))
    return libraryOfHandleType(NE->getAllocatedType());
  if (E && (isa<CXXConstructExpr>(E) || isa<CallExpr>(E)))
    if (libraryOfHandleType(E->getType()) ||
        libraryOfHandleType(pointeeOfSmartPointer(E->getType())))
      return true;
  // std::shared_ptr<TTransport> s(new TSocket(...)): a base-class pointer.
  if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(E))
    if (CC->getNumArgs() == 1 && !pointeeOfSmartPointer(CC->getType()).isNull())
      return makesHandle(CC->getArg(0));
  return false;
}

} // namespace table
} // namespace model
} // namespace resilience
