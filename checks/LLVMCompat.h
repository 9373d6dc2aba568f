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
#include "llvm/Config/llvm-config.h"

// The module registry: its own header up to LLVM 21; from 22 on it is
// declared in ClangTidyModule.h, and the old header warns.
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#endif // RESILIENCE_LLVMCOMPAT_H
