//===--- HandleKinds.cpp - A handle's kind, chosen when it is made ---------===//
//
// Part of the per-function flow (HandleFlow.h): a ZeroMQ socket's type is an
// argument of the call or constructor that makes it. The table's HandleKind
// entries name the kinds whose waits are judged; a handle made with one of
// them gets the entry's slot written, and the requests that name the slot
// (RequestCall::KindSlot) are judged only on such handles.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleFlow.h"
#include "ast/BoundValues.h"
#include "llvm/ADT/SmallVector.h"

namespace resilience {
namespace model {

using namespace clang;

void applyKinds(HandleState &S, llvm::StringRef Creator,
                llvm::ArrayRef<const Expr *> Args, const Expr *Where,
                ASTContext &Ctx) {
  if (!S.Lib)
    return;
  for (const HandleKind &K : S.Lib->Kinds) {
    if (K.Creator != Creator || K.Slot >= S.Lib->Slots.size())
      continue;
    const Expr *Arg = K.Arg < Args.size() ? Args[K.Arg] : nullptr;
    llvm::SmallVector<llvm::StringRef, 8> Judged;
    K.Judged.split(Judged, '|', -1, /*KeepEmpty=*/false);
    bool IsJudged = false;
    for (llvm::StringRef Name : Judged)
      if (Arg && table::mentionsFlag(Arg, Name, Ctx))
        IsJudged = true;
    if (IsJudged)
      S.write(K.Slot, Finite, Where);
  }
}

} // namespace model
} // namespace resilience
