//===--- WaitedCalls.h - The requests a wait call waits for ---------------===//
//
// Some calls block until one of the requests started on their handle
// finishes: grpc::CompletionQueue::Next waits for the Async/PrepareAsync
// calls that were given that queue. Such a wait is as bounded as those
// requests are, so the check asks for them: the table names the argument
// type by which a request names the waited-on handle (RequestCall::
// WaitsForCallsVia), and this finds the requests that pass the same handle
// in the function, or in the class when the handle is a field of `this`.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_WAITEDCALLS_H
#define RESILIENCE_TIDY_MODEL_WAITEDCALLS_H

#include "ast/TableLookup.h"
#include "knowledge/LibraryTable.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <utility>
#include <vector>

namespace resilience {
namespace model {

/// A request and the function (or lambda) whose body holds it.
using PlacedCall = std::pair<const clang::CallExpr *, const clang::FunctionDecl *>;

/// Is the wait's handle one of the request's ExcludedHandleTypes?
bool isExcludedWaitHandle(const clang::Expr *Handle, const RequestCall &Req,
                          const table::Lookup &L);

/// The requests of \p Lib that name \p Handle (the wait's handle expression)
/// through an argument of type Req.WaitsForCallsVia, searched in
/// \p Enclosing, in the function declaring a local handle, or in every
/// method of the class for a field of `this`.
std::vector<PlacedCall> requestsWaitedFor(const clang::Expr *Handle,
                                          const clang::FunctionDecl *Enclosing,
                                          const LibraryModel &Lib,
                                          const RequestCall &Req,
                                          const table::Lookup &T);

} // namespace model
} // namespace resilience

#endif
