//===--- LibraryTable.cpp - The list of known libraries -------------------===//

#include "model/LibraryTable.h"

namespace resilience {
namespace model {

llvm::ArrayRef<LibraryModel> allLibraries() {
  static const std::vector<LibraryModel> Libraries = {makeCurlModel(), makeGrpcModel(),
                                                      makeHttplibModel(),
                                                      makePosixSocketModel(),
                                                      makeBeastModel(),
                                                      makeCprModel()};
  return Libraries;
}

} // namespace model
} // namespace resilience
