//===--- OptionValues.cpp - Parsing the checks' option strings ------------===//

#include "OptionValues.h"
#include "llvm/ADT/StringExtras.h"

namespace resilience {
namespace model {

static bool isIdentifier(llvm::StringRef S) {
  if (S.empty() || !(llvm::isAlpha(S[0]) || S[0] == '_'))
    return false;
  return llvm::all_of(S, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

std::optional<std::string> timeoutFixLiteral(llvm::StringRef Value,
                                             llvm::StringRef LiteralSuffix,
                                             llvm::StringRef Cast) {
  Value = Value.trim();
  if (Value.empty())
    return std::nullopt;
  if (llvm::all_of(Value, llvm::isDigit)) {
    Value = Value.ltrim('0');
    if (Value.empty() || Value.size() > 12)
      return std::nullopt; // zero means "never"; absurd sizes are typos
    return (Value + LiteralSuffix).str();
  }
  llvm::StringRef Rest = Value.starts_with("::") ? Value.drop_front(2) : Value;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Rest.split(Parts, "::");
  if (!llvm::all_of(Parts, isIdentifier))
    return std::nullopt;
  return (Cast + Value).str();
}

std::vector<std::string> splitList(llvm::StringRef List) {
  std::vector<std::string> Out;
  while (!List.empty()) {
    size_t Cut = List.find_first_of(";,");
    llvm::StringRef Item = List.take_front(Cut).trim();
    if (!Item.empty())
      Out.push_back(Item.str());
    if (Cut == llvm::StringRef::npos)
      break;
    List = List.drop_front(Cut + 1);
  }
  return Out;
}

std::optional<std::vector<std::pair<std::string, unsigned>>>
parseHandleFunctions(llvm::StringRef List, unsigned ObjectIndex) {
  std::vector<std::pair<std::string, unsigned>> Out;
  for (const std::string &Item : splitList(List)) {
    llvm::StringRef Name = Item;
    unsigned Index = 0;
    size_t Colon = Name.rfind(':');
    if (Colon != llvm::StringRef::npos &&
        (Colon == 0 || Name[Colon - 1] != ':')) {
      llvm::StringRef Suffix = Name.drop_front(Colon + 1).trim();
      Name = Name.take_front(Colon).trim();
      if (Suffix == "this")
        Index = ObjectIndex;
      else if (Suffix.empty() || !llvm::all_of(Suffix, llvm::isDigit) ||
               Suffix.size() > 2 || Suffix.getAsInteger(10, Index))
        return std::nullopt;
    }
    llvm::StringRef Rest = Name.starts_with("::") ? Name.drop_front(2) : Name;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Rest.split(Parts, "::");
    if (Rest.empty() || !llvm::all_of(Parts, isIdentifier))
      return std::nullopt;
    Out.emplace_back(Rest.str(), Index);
  }
  return Out;
}

} // namespace model
} // namespace resilience
