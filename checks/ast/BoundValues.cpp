//===--- BoundValues.cpp - What a bound expression writes -----------------===//
//
// Reading the value a bound call writes: durations, wrappers built from one
// number, user-defined literals, "never" sentinels; option and flag names
// spelled through macros. No library table here: the caller passes the slot.
//
//===----------------------------------------------------------------------===//

#include "ast/BoundValues.h"
#include "ast/TableLookup.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace resilience {
namespace model {

std::optional<int64_t> constantInt(const clang::Expr *E,
                                   const clang::ASTContext &Ctx) {
  clang::Expr::EvalResult R;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (!V.isRepresentableByInt64())
    return std::nullopt;
  return V.getExtValue();
}

namespace table {

using namespace clang;

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

/// Is \p VD written anywhere in \p S after its declaration: assigned,
/// incremented, or its address or a reference to it taken other than by
/// \p Use?
bool writtenIn(const Stmt *S, const VarDecl *VD, const Expr *Use) {
  llvm::SmallVector<const Stmt *, 64> Work{S};
  while (!Work.empty()) {
    const Stmt *X = Work.pop_back_val();
    if (!X)
      continue;
    const Expr *Target = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      if (BO->isAssignmentOp())
        Target = BO->getLHS();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->isIncrementDecrementOp() ||
          (UO->getOpcode() == UO_AddrOf && UO != Use))
        Target = UO->getSubExpr();
    }
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(
            Target ? Target->IgnoreParenImpCasts() : nullptr))
      if (DRE->getDecl() == VD)
        return true;
    for (const Stmt *C : X->children())
      Work.push_back(C);
  }
  return false;
}

/// `&t` handed to a C setter (`zmq_setsockopt(s, ZMQ_RCVTIMEO, &t,
/// sizeof t)`): the initializer of a local integer that nothing else writes.
const Expr *pointedValue(const Expr *E) {
  const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || !VD->getInit() ||
      !VD->getType()->isIntegerType())
    return nullptr;
  const auto *Fn =
      dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!Fn || !Fn->getBody() || writtenIn(Fn->getBody(), VD, UO))
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
                      uint64_t MaxReasonableMs, unsigned Depth) {
  // Before stripping: C's NULL is `(void *)0`, an int once its cast is gone.
  if (E && Slot.NullMeansNever && Depth == 0 && E->getType()->isPointerType() &&
      E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return Never;
  E = strip(E);
  if (!E || Depth > 4)
    return Finite;
  if (Slot.CheckAbsurd && Depth == 0 && MaxReasonableMs)
    if (auto Ms = durationMs(E, Ctx))
      if (*Ms > MaxReasonableMs)
        return Absurd;
  if (const Expr *Init = constInit(E))
    if (Init->getType()->isRecordType())
      return classifyValue(Init, Slot, Ctx, MaxReasonableMs, Depth + 1);
  if (const auto *DI = dyn_cast<CXXDefaultArgExpr>(E))
    return classifyValue(DI->getExpr(), Slot, Ctx, MaxReasonableMs, Depth + 1);
  if (const Expr *Pointed = pointedValue(E))
    return classifyValue(Pointed, Slot, Ctx, MaxReasonableMs, Depth + 1);
  if (isInfiniteValue(E))
    return Never;
  if (const auto *UDL = dyn_cast<UserDefinedLiteral>(E)) {
    if (const Expr *Cooked = cookedLiteral(UDL))
      return classifyValue(Cooked, Slot, Ctx, MaxReasonableMs, Depth + 1);
    std::optional<uint64_t> N = udlNumber(UDL, Ctx);
    return N && *N == 0 && (Slot.ZeroMeansNever || Slot.ZeroUnusable)
               ? uint8_t(Zero)
               : uint8_t(Finite);
  }
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    if (CC->getNumArgs() == 1 ||
        (CC->getNumArgs() > 1 && isa<CXXDefaultArgExpr>(CC->getArg(1))))
      return classifyValue(CC->getArg(0), Slot, Ctx, MaxReasonableMs, Depth + 1);
    // Poco::Timespan(0, 0): every part zero is zero.
    if (CC->getNumArgs() > 1 && Slot.ZeroMeansNever &&
        llvm::all_of(CC->arguments(), [&](const Expr *A) {
          return classifyValue(A, Slot, Ctx, MaxReasonableMs, Depth + 1) == Zero;
        }))
      return Zero;
    return Finite;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    if (IL->getNumInits() == 1)
      return classifyValue(IL->getInit(0), Slot, Ctx, MaxReasonableMs, Depth + 1);
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return classifyValue(FC->getSubExpr(), Slot, Ctx, MaxReasonableMs, Depth + 1);
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
  // An option object passed by value: the copy names what it copies.
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E))
    if (CC->getNumArgs() == 1 && CC->getConstructor()->isCopyOrMoveConstructor())
      return optionNames(CC->getArg(0), Ctx, Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl())) {
      Names.push_back(EC->getName());
      return Names;
    }
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (VD->isLocalVarDecl() && VD->getInit())
        return optionNames(VD->getInit(), Ctx, Depth + 1);
      // A namespace-scope constant that names an option by itself
      // (cppzmq's zmq::sockopt::rcvtimeo): its own name.
      if (VD->isFileVarDecl() && VD->getType().isConstQualified() &&
          VD->getIdentifier())
        Names.push_back(VD->getName());
    }
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

} // namespace table
} // namespace model
} // namespace resilience
