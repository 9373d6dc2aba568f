//===--- LLVMCompat.h - What differs between the supported LLVM releases --===//
//
// resilience-tidy builds against Debian 12's LLVM/Clang 16, 19 and 22
// (RT_LLVM_VERSION in CMake). Every API difference between them is wrapped
// here, once, so that no check or analysis carries a version #if.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_LLVMCOMPAT_H
#define RESILIENCE_LLVMCOMPAT_H

#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "llvm/Config/llvm-config.h"

// The module registry: its own header up to LLVM 21; from 22 on it is
// declared in ClangTidyModule.h, and the old header warns.
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace resilience {

/// Whether T is only the spelling of another type with a keyword or a
/// qualifier ("struct S", "ns::S"): an ElaboratedType node up to LLVM 21;
/// from 22 on the qualifier is kept in the type itself and the node is gone.
inline bool isElaboratedSugar(const clang::Type *T) {
#if LLVM_VERSION_MAJOR < 22
  return llvm::isa<clang::ElaboratedType>(T);
#else
  (void)T;
  return false;
#endif
}

/// Whether \p MD is declared "= 0": FunctionDecl::isPure() up to LLVM 17,
/// isPureVirtual() from 18 on.
inline bool isPureVirtual(const clang::CXXMethodDecl *MD) {
#if LLVM_VERSION_MAJOR < 18
  return MD->isPure();
#else
  return MD->isPureVirtual();
#endif
}

/// Whether \p CL is a plain (narrow, unprefixed) character literal: the
/// kind is CharacterLiteral::CharacterKind up to LLVM 17, the scoped enum
/// CharacterLiteralKind from 18 on.
inline bool isPlainCharLiteral(const clang::CharacterLiteral *CL) {
#if LLVM_VERSION_MAJOR < 18
  return CL->getKind() == clang::CharacterLiteral::Ascii;
#else
  return CL->getKind() == clang::CharacterLiteralKind::Ascii;
#endif
}

/// The type an enum declares: ASTContext::getEnumType up to LLVM 21; from 22
/// on tag types are made by getTagType/getCanonicalTagType.
inline clang::QualType enumTypeOf(const clang::ASTContext &Ctx,
                                  const clang::EnumDecl *ED) {
#if LLVM_VERSION_MAJOR < 22
  return Ctx.getEnumType(ED);
#else
  return Ctx.getCanonicalTagType(ED);
#endif
}

} // namespace resilience

#endif // RESILIENCE_LLVMCOMPAT_H
