//===--- Cpr.cpp - cpr, the C++ wrapper of libcurl ------------------------===//
//
// Facts (libcpr/cpr include/cpr/api.h, timeout.h, session.h, session.cpp):
// cpr::Get/Post/... and their Async/Callback forms take their options as
// arguments; a cpr::Timeout among them sets CURLOPT_TIMEOUT_MS, a
// cpr::LowSpeed aborts a stalled transfer. A cpr::Session carries the options
// set with SetTimeout / SetLowSpeed / SetOption. The Session constructor sets
// no timeout, so libcurl's default applies: never. cpr::Timeout{0} is 0 ms,
// which libcurl reads as "never".
//
// Look-alikes: cpr::ConnectTimeout (only the connect phase; it derives from
// Timeout, but the check matches the exact type), VerifySsl, Header.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum CprSlot : unsigned { Total };
} // namespace

LibraryModel makeCprModel() {
  LibraryModel M;
  M.Name = "cpr";
  for (llvm::StringRef F : {"cpr::Get*", "cpr::Post*", "cpr::Put*",
                            "cpr::Patch*", "cpr::Delete*", "cpr::Head*",
                            "cpr::Options*", "cpr::Download*"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = NoArg;
    R.Verb = "sends an HTTP request";
    R.BoundArgType = "cpr::Timeout|cpr::LowSpeed";
    R.BoundArgSlot = Total;
    R.Advice = "pass a cpr::Timeout (or cpr::LowSpeed) among the arguments "
               "of this call";
    M.Requests.push_back(R);
  }
  for (llvm::StringRef F :
       {"cpr::Session::Get", "cpr::Session::Post", "cpr::Session::Put",
        "cpr::Session::Patch", "cpr::Session::Delete", "cpr::Session::Head",
        "cpr::Session::Options", "cpr::Session::Download"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = ObjectArg;
    R.Verb = "sends an HTTP request";
    M.Requests.push_back(R);
  }
  M.Slots = {{"total timeout", /*ZeroMeansNever=*/true}};
  M.BoundingGroups = {{Total}};
  M.SlotSetters = {
      {"cpr::Session::SetTimeout", ObjectArg, Total},
      {"cpr::Session::SetLowSpeed", ObjectArg, Total, 0, WritesFinite},
      {"cpr::Session::SetOption", ObjectArg, Total, 0, 0,
       "cpr::Timeout|cpr::LowSpeed"},
  };
  M.HandleTypes = {"cpr::Session"};
  M.HandleNoun = "session";
  M.Consequence = "cpr sets no timeout by default and libcurl's default is "
                  "never (no bound at all), so a stalled server blocks this "
                  "call forever";
  M.DefaultBehaviour = "cpr requests never time out by default";
  M.FixAdvice = "call SetTimeout (or SetLowSpeed) on '%0' before this call";
  return M;
}

} // namespace model
} // namespace resilience
