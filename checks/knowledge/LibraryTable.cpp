//===--- LibraryTable.cpp - The list of known libraries -------------------===//

#include "knowledge/LibraryTable.h"
#include <deque>
#include <string>

namespace resilience {
namespace model {

llvm::ArrayRef<LibraryModel> builtinLibraries() {
  static const std::vector<LibraryModel> Libraries = [] {
    std::vector<LibraryModel> L;
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
    L.push_back(makeZmqModel());
    return L;
  }();
  return Libraries;
}

llvm::StringRef LibrarySet::keep(const std::string &S) {
  Strings.push_back(S);
  return Strings.back();
}

LibrarySet::LibrarySet(const InHouseSpec &Spec) {
  llvm::ArrayRef<LibraryModel> Builtin = builtinLibraries();
  Libraries.reserve(Builtin.size() + 1);
  Libraries.assign(Builtin.begin(), Builtin.end());
  Libraries.emplace_back();
  LibraryModel &M = Libraries.back();
  M.Name = "in-house client";
  for (const auto &R : Spec.Requests) {
    RequestCall Q;
    Q.Function = keep(R.first);
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
    M.SlotSetters.push_back({keep(S.first), S.second, 0, Value});
  }
  for (const std::string &F : Spec.Factories)
    M.BoundedCreators.push_back(keep(F));
  M.Slots = {{"timeout", /*ZeroMeansNever=*/false}};
  M.BoundingGroups = {{0}};
  M.Consequence = "no function listed in TimeoutSetters is called on it "
                  "first, so a stalled peer can block this call forever";
  M.FixAdvice = "call one of the TimeoutSetters on '%0' before this call, or "
                "obtain it from one of the ConfiguredFactories";
}

} // namespace model
} // namespace resilience
