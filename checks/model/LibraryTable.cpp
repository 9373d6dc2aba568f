//===--- LibraryTable.cpp - The list of known libraries -------------------===//

#include "model/LibraryTable.h"
#include <deque>
#include <string>

namespace resilience {
namespace model {

namespace {
/// The table, with the in-house entry last; built once, so pointers into it
/// stay valid (the in-house entry is overwritten in place).
std::vector<LibraryModel> &table() {
  static std::vector<LibraryModel> Libraries = [] {
    std::vector<LibraryModel> L;
    L.reserve(24);
    L.push_back(makeCurlModel());
    L.push_back(makeGrpcModel());
    L.push_back(makeHttplibModel());
    L.push_back(makePosixSocketModel());
    L.push_back(makeBeastModel());
    L.push_back(makeCprModel());
    L.push_back(makeThriftModel());
    L.push_back(makeLibeventModel());
    L.push_back(makeQtNetworkModel());
    L.push_back(makePocoSessionModel());
    L.push_back(makePocoSocketModel());
    L.push_back(makeCpprestModel());
    L.push_back(makeHiredisModel());
    L.push_back(makeLibpqModel());
    L.push_back(makeMariadbModel());
    L.push_back(makeKafkaModel());
    L.push_back(LibraryModel()); // in-house, empty until configured
    L.back().Name = "in-house client";
    return L;
  }();
  return Libraries;
}

/// Owns the strings the in-house entry's StringRefs point to.
std::deque<std::string> &inHouseStrings() {
  static std::deque<std::string> Strings;
  return Strings;
}
} // namespace

llvm::ArrayRef<LibraryModel> allLibraries() { return table(); }

void configureInHouseLibrary(const InHouseSpec &Spec) {
  LibraryModel &M = table().back();
  std::deque<std::string> &Strings = inHouseStrings();
  Strings.clear();
  auto Keep = [&](const std::string &S) -> llvm::StringRef {
    Strings.push_back(S);
    return Strings.back();
  };
  M = LibraryModel();
  M.Name = "in-house client";
  for (const auto &R : Spec.Requests) {
    RequestCall Q;
    Q.Function = Keep(R.first);
    Q.HandleArg = R.second;
    Q.Verb = "sends a request";
    M.Requests.push_back(Q);
    // A member request makes its class a handle type: constructing one
    // gives an unbounded handle.
    llvm::StringRef Name = Q.Function;
    size_t Cut = Name.rfind("::");
    if (R.second == ObjectArg && Cut != llvm::StringRef::npos)
      M.HandleTypes.push_back(Name.take_front(Cut));
  }
  for (const auto &S : Spec.Setters) {
    unsigned Value = S.second == ObjectArg ? 0 : S.second + 1;
    M.SlotSetters.push_back({Keep(S.first), S.second, 0, Value});
  }
  for (const std::string &F : Spec.Factories)
    M.BoundedCreators.push_back(Keep(F));
  M.Slots = {{"timeout", /*ZeroMeansNever=*/false}};
  M.BoundingGroups = {{0}};
  M.Consequence = "no function listed in TimeoutSetters is called on it "
                  "first, so a stalled peer can block this call forever";
  M.FixAdvice = "call one of the TimeoutSetters on '%0' before this call, or "
                "obtain it from one of the ConfiguredFactories";
}

} // namespace model
} // namespace resilience
