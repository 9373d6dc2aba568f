//===--- TableLookup.cpp - Calls, types and values, read through the table ===//

#include "model/TableLookup.h"
#include "model/HandleConfig.h"
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

/// Classification depends only on the callee; calls repeat, so remember it.
std::map<const FunctionDecl *, LibCall> &classifyCache() {
  static std::map<const FunctionDecl *, LibCall> Cache;
  return Cache;
}

LibCall classifyUncached(const FunctionDecl *Callee) {
  LibCall R;
  if (!Callee)
    return R;
  std::string Name = calleeName(Callee);
  llvm::StringRef N(Name);
  for (const LibraryModel &L : allLibraries()) {
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

LibCall classify(const FunctionDecl *Callee) {
  if (!Callee)
    return LibCall();
  auto &Cache = classifyCache();
  auto It = Cache.find(Callee);
  if (It != Cache.end())
    return It->second;
  LibCall R = classifyUncached(Callee);
  Cache.emplace(Callee, R);
  return R;
}

/// The library whose handle type \p T is (a record, or a smart pointer or
/// pointer to one), if any.
const LibraryModel *libraryOfHandleType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return nullptr;
  std::string Name = qualifiedName(RD);
  for (const LibraryModel &L : allLibraries())
    for (llvm::StringRef H : L.HandleTypes)
      if (Name == H)
        return &L;
  return nullptr;
}

/// Is \p T (or what it points to) one of the table's Wrappers?
bool isWrapperType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = qualifiedName(RD);
  for (const LibraryModel &L : allLibraries())
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
bool isAccessor(const FunctionDecl *FD) {
  if (!FD || !FD->getDeclName().isIdentifier())
    return false;
  std::string Name = calleeName(FD);
  for (const LibraryModel &L : allLibraries())
    for (llvm::StringRef A : L.Accessors)
      if (globMatch(A, Name))
        return true;
  return false;
}

/// Looks through what only changes how a handle is reached: `&ctx`, `*p`,
/// `sp->` / `*sp` on a smart pointer, `sp.get()`.
const Expr *lookThrough(const Expr *E, bool AddressOf) {
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

/// Is this call `std::numeric_limits<T>::max()`, `time_point::max()`,
/// `duration::max()` or gRPC's `gpr_inf_future(...)`: a value meaning never?
bool isInfiniteValue(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getDeclName().isIdentifier())
    return false;
  if (FD->getName() == "gpr_inf_future")
    return true;
  if (FD->getName() != "max")
    return false;
  const auto *RD = dyn_cast<CXXRecordDecl>(FD->getDeclContext());
  if (!RD || !RD->getIdentifier())
    return false;
  llvm::StringRef R = RD->getName();
  return R == "time_point" || R == "duration" || R == "numeric_limits";
}

/// What value a bound expression writes: Finite, Zero or Never (for the
/// slot's reading of 0 and -1), looking through durations and wrappers built
/// from one number (`std::chrono::seconds(0)`, `cpr::Timeout{0}`, `0ms`).
namespace {
uint64_t &maxReasonableMs() {
  static uint64_t Ms = 3600000;
  return Ms;
}

/// The ratio of a std::chrono::duration type, as num/den seconds.
std::optional<std::pair<uint64_t, uint64_t>> durationPeriod(QualType T) {
  const auto *TS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!TS || qualifiedName(TS) != "std::chrono::duration" ||
      TS->getTemplateArgs().size() != 2 ||
      TS->getTemplateArgs()[1].getKind() != TemplateArgument::Type)
    return std::nullopt;
  const auto *R = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      TS->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl());
  if (!R || R->getName() != "ratio" || R->getTemplateArgs().size() != 2 ||
      R->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      R->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  llvm::APSInt Num = R->getTemplateArgs()[0].getAsIntegral();
  llvm::APSInt Den = R->getTemplateArgs()[1].getAsIntegral();
  if (Num.isNegative() || Den.isNegative() || Den.isZero() ||
      Num.getActiveBits() > 63 || Den.getActiveBits() > 63)
    return std::nullopt;
  return std::make_pair(Num.getZExtValue(), Den.getZExtValue());
}

/// A const variable's initializer (`const auto kT = std::chrono::hours(2)`).
const Expr *constInit(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->getType().isConstQualified() || !VD->getInit())
    return nullptr;
  return VD->getInit();
}
} // namespace

/// The cooked literal of a UDL, for the kinds that have one (asking a raw or
/// template literal operator for it is undefined).
const Expr *cookedLiteral(const UserDefinedLiteral *UDL) {
  switch (UDL->getLiteralOperatorKind()) {
  case UserDefinedLiteral::LOK_Raw:
  case UserDefinedLiteral::LOK_Template:
    return nullptr;
  default:
    return UDL->getNumArgs() > 0 ? UDL->getCookedLiteral() : nullptr;
  }
}

/// The number a user-defined literal is written with (`24h`, `0ms`): the
/// chrono literals are literal operator templates, whose number is only in
/// the spelling.
std::optional<uint64_t> udlNumber(const UserDefinedLiteral *UDL,
                                  ASTContext &Ctx) {
  if (const Expr *Cooked = cookedLiteral(UDL)) {
    Expr::EvalResult R;
    if (Cooked->getType()->isIntegerType() && Cooked->EvaluateAsInt(R, Ctx) &&
        !R.Val.getInt().isNegative() && R.Val.getInt().getActiveBits() <= 63)
      return R.Val.getInt().getZExtValue();
    return std::nullopt;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getSpellingLoc(UDL->getBeginLoc());
  unsigned Len = Lexer::MeasureTokenLength(Loc, SM, Ctx.getLangOpts());
  llvm::StringRef Text(SM.getCharacterData(Loc), Len);
  if (!Text.consume_back(UDL->getUDSuffix()->getName()))
    return std::nullopt;
  std::string Digits;
  for (char C : Text)
    if (C != '\'')
      Digits += C;
  uint64_t V;
  if (llvm::StringRef(Digits).getAsInteger(0, V))
    return std::nullopt;
  return V;
}

void setMaxReasonableTimeoutMs(uint64_t Ms) { maxReasonableMs() = Ms; }

std::optional<uint64_t> durationMs(const Expr *E, ASTContext &Ctx,
                                   unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 4)
    return std::nullopt;
  if (const Expr *Init = constInit(E))
    return durationMs(Init, Ctx, Depth + 1);
  auto Period = durationPeriod(E->getType());
  if (!Period)
    return std::nullopt;
  const Expr *Count = nullptr;
  std::optional<uint64_t> N;
  if (const auto *UDL = dyn_cast<UserDefinedLiteral>(E)) {
    N = udlNumber(UDL, Ctx);
    if (!N)
      return std::nullopt;
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    if (CC->getNumArgs() == 1 && !CC->getConstructor()->isCopyOrMoveConstructor())
      Count = CC->getArg(0);
    else if (CC->getNumArgs() == 1)
      return durationMs(CC->getArg(0), Ctx, Depth + 1);
  } else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return durationMs(FC->getSubExpr(), Ctx, Depth + 1);
  if (!N) {
    Count = strip(Count);
    if (!Count || Count->isValueDependent() ||
        !Count->getType()->isIntegralOrEnumerationType())
      return std::nullopt;
    Expr::EvalResult R;
    if (!Count->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    const llvm::APSInt &V = R.Val.getInt();
    if (V.isNegative() || V.getActiveBits() > 40)
      return std::nullopt;
    N = V.getZExtValue();
  }
  if (*N >= (uint64_t(1) << 40))
    return std::nullopt;
  // count * num / den seconds, in ms; 128-bit to stay clear of overflow.
  unsigned __int128 Ms =
      (unsigned __int128)*N * Period->first * 1000 / Period->second;
  return Ms > UINT64_MAX ? UINT64_MAX : uint64_t(Ms);
}

uint8_t classifyValue(const Expr *E, const BoundSlot &Slot, ASTContext &Ctx,
                      unsigned Depth) {
  // Before stripping: C's NULL is `(void *)0`, an int once its cast is gone.
  if (E && Slot.NullMeansNever && Depth == 0 && E->getType()->isPointerType() &&
      E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return Never;
  E = strip(E);
  if (!E || Depth > 4)
    return Finite;
  if (Slot.CheckAbsurd && Depth == 0 && maxReasonableMs())
    if (auto Ms = durationMs(E, Ctx))
      if (*Ms > maxReasonableMs())
        return Absurd;
  if (const Expr *Init = constInit(E))
    if (Init->getType()->isRecordType())
      return classifyValue(Init, Slot, Ctx, Depth + 1);
  if (const auto *DI = dyn_cast<CXXDefaultArgExpr>(E))
    return classifyValue(DI->getExpr(), Slot, Ctx, Depth + 1);
  if (isInfiniteValue(E))
    return Never;
  if (const auto *UDL = dyn_cast<UserDefinedLiteral>(E)) {
    if (const Expr *Cooked = cookedLiteral(UDL))
      return classifyValue(Cooked, Slot, Ctx, Depth + 1);
    std::optional<uint64_t> N = udlNumber(UDL, Ctx);
    return N && *N == 0 && (Slot.ZeroMeansNever || Slot.ZeroUnusable)
               ? uint8_t(Zero)
               : uint8_t(Finite);
  }
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    if (CC->getNumArgs() == 1 ||
        (CC->getNumArgs() > 1 && isa<CXXDefaultArgExpr>(CC->getArg(1))))
      return classifyValue(CC->getArg(0), Slot, Ctx, Depth + 1);
    // Poco::Timespan(0, 0): every part zero is zero.
    if (CC->getNumArgs() > 1 && Slot.ZeroMeansNever &&
        llvm::all_of(CC->arguments(), [&](const Expr *A) {
          return classifyValue(A, Slot, Ctx, Depth + 1) == Zero;
        }))
      return Zero;
    return Finite;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    if (IL->getNumInits() == 1)
      return classifyValue(IL->getInit(0), Slot, Ctx, Depth + 1);
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return classifyValue(FC->getSubExpr(), Slot, Ctx, Depth + 1);
  if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType())
    return Finite;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return Finite;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.isZero() && Slot.ZeroMeansUnset)
    return NotSet;
  if (V.isZero() && (Slot.ZeroMeansNever || Slot.ZeroUnusable))
    return Zero;
  if (V.isNegative() && Slot.NegativeMeansNever)
    return Never;
  return Finite;
}

/// The enumerator an option argument names, looking through a local variable
/// initialized with it (libcurl's C type-checking macro copies the option into
/// `_curl_opt` before calling the function).
/// The names an option argument may be known by: the enumerator it names
/// (through one local variable), or every macro its expansion passes
/// through (SO_RCVTIMEO expands to SO_RCVTIMEO_OLD and then to 20, maybe
/// inside a CHECK(...) wrapper).
llvm::SmallVector<llvm::StringRef, 4> optionNames(const Expr *E,
                                                 ASTContext &Ctx,
                                                 unsigned Depth) {
  llvm::SmallVector<llvm::StringRef, 4> Names;
  E = strip(E);
  if (!E || Depth > 3)
    return Names;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl())) {
      Names.push_back(EC->getName());
      return Names;
    }
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->isLocalVarDecl() && VD->getInit())
        return optionNames(VD->getInit(), Ctx, Depth + 1);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = E->getBeginLoc();
  for (unsigned I = 0; Loc.isMacroID() && I < 8; ++I) {
    llvm::StringRef Name =
        Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
    if (!Name.empty())
      Names.push_back(Name);
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return Names;
}


/// Does the argument's text name \p Flag as a whole word (looking through
/// one local variable's initializer)? Flags are macros, gone from the AST.
bool mentionsFlag(const Expr *E, llvm::StringRef Flag, ASTContext &Ctx,
                  unsigned Depth) {
  if (!E || Depth > 2)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(E->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  for (size_t At = Text.find(Flag); At != llvm::StringRef::npos;
       At = Text.find(Flag, At + 1)) {
    auto IsWord = [](char C) { return llvm::isAlnum(C) || C == '_'; };
    bool Before = At > 0 && IsWord(Text[At - 1]);
    bool After = At + Flag.size() < Text.size() && IsWord(Text[At + Flag.size()]);
    if (!Before && !After)
      return true;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->isLocalVarDecl() && VD->getInit())
        return mentionsFlag(VD->getInit(), Flag, Ctx, Depth + 1);
  return false;
}




/// If \p E builds a wrapper around a handle (`new TBufferedTransport(s)`,
/// `std::make_shared<TBinaryProtocol>(t)`, maybe inside a smart pointer),
/// the wrapped expression.
const Expr *wrappedHandle(const Expr *E, unsigned Depth) {
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
bool makesHandle(const Expr *E) {
  E = strip(E);
  if (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
    LibCall LC = classify(CE->getDirectCallee());
    if (LC.K == LibCall::Creator || LC.K == LibCall::Copier ||
        LC.K == LibCall::BoundedCreator)
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
void clearClassifyCache() { classifyCache().clear(); }

} // namespace table
} // namespace model
} // namespace resilience
