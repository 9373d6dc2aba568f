//===--- LibraryTable.h - What the checks know about network libraries ----===//
//
// Knowledge is data, matching is code: each library is described once, in
// model/libraries/<Library>.cpp, and every check reads these tables.
//
// A library keeps the bound of a request on a *handle* (a CURL*, a
// grpc::ClientContext, ...). The bound lives in *slots* (libcurl: the total
// timeout, the connect timeout, the low-speed limit and time). Setter calls
// write slots; a request is bounded when some *bounding group* of slots holds
// finite values on the handle at the request.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_LIBRARYTABLE_H
#define RESILIENCE_TIDY_MODEL_LIBRARYTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace resilience {
namespace model {

/// A call that performs (or starts) network I/O on a handle.
struct RequestCall {
  llvm::StringRef Function; ///< fully qualified name, e.g. "curl_easy_perform"
  unsigned HandleArg;       ///< which argument is the handle
  /// How the diagnostic describes the call ("performs a transfer", ...).
  llvm::StringRef Verb;
};

/// A call that writes one option of a handle: setter(handle, option, value).
struct OptionSetter {
  llvm::StringRef Function;
  unsigned HandleArg;
  unsigned OptionArg;
  unsigned ValueArg;
};

/// One option that writes a slot of the handle's bound.
struct BoundOption {
  llvm::StringRef Name; ///< the option's enumerator, e.g. "CURLOPT_TIMEOUT_MS"
  unsigned Slot;        ///< index into LibraryModel::Slots
};

/// One place a bound is kept on the handle.
struct BoundSlot {
  llvm::StringRef Name;        ///< e.g. "total timeout"
  bool ZeroMeansNever;         ///< an explicit 0 disables the bound
};

/// A set of slots that, all set to finite values, bound the request.
using BoundingGroup = std::vector<unsigned>;

/// Everything the checks know about one library's deadlines.
struct LibraryModel {
  llvm::StringRef Name;                  ///< "libcurl"
  std::vector<RequestCall> Requests;
  std::vector<llvm::StringRef> Creators; ///< return a fresh, unbounded handle
  std::vector<llvm::StringRef> Copiers;  ///< return a copy of argument 0's options
  std::vector<llvm::StringRef> Resetters;///< clear every option of argument 0
  std::vector<OptionSetter> Setters;
  std::vector<BoundSlot> Slots;
  std::vector<BoundOption> Options;
  std::vector<BoundingGroup> BoundingGroups;
  /// Slots that bound only one phase (a connect timeout): set alone they do
  /// not bound the request, and the message says so.
  std::vector<unsigned> PartialSlots;
  /// Functions whose names start with these prefixes belong to the library:
  /// passing the handle to them does not configure a bound unless the table
  /// says so (so `curl_easy_getinfo(h, ...)` does not hide a finding).
  std::vector<llvm::StringRef> OwnPrefixes;
  /// What happens when nothing is set, for the message ("libcurl's default
  /// total timeout is 0: never").
  llvm::StringRef DefaultBehaviour;
  /// The option the fix-it inserts; its value comes from the check's
  /// `DefaultTimeoutMs` option, never guessed.
  llvm::StringRef FixOption;
  /// How to write the fix value as a literal of the option's type ("L").
  llvm::StringRef FixLiteralSuffix;
  /// Human advice for the note, "%0" is the handle's name.
  llvm::StringRef FixAdvice;
};

/// Every library the checks know, in a fixed order.
llvm::ArrayRef<LibraryModel> allLibraries();

/// The library entries, one per file in model/libraries/.
LibraryModel makeCurlModel();

} // namespace model
} // namespace resilience

#endif
