//===--- Escape.cpp -------------------------------------------------------===//

#include "Escape.h"
#include "llvm/Support/ConvertUTF.h"

namespace resilience {

static std::string percent(unsigned char C) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out = "%";
  Out += Hex[C >> 4];
  Out += Hex[C & 15];
  return Out;
}

std::string escapeGitHubData(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '%' || C == '\r' || C == '\n')
      Out += percent(C);
    else
      Out += C;
  }
  return Out;
}

std::string escapeGitHubProperty(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '%' || C == '\r' || C == '\n' || C == ':' || C == ',')
      Out += percent(C);
    else
      Out += C;
  }
  return Out;
}

std::string escapeMarkdown(const std::string &S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    // "@name" notifies a user or team and "#123" links an issue on GitHub
    // and GitLab; as entities they render the same and do neither.
    case '@':
      Out += "&#64;";
      break;
    case '#':
      Out += "&#35;";
      break;
    case '\r':
    case '\n':
      Out += ' ';
      break;
    case '\\': case '`': case '*': case '_': case '[': case ']': case '|':
    case '!': case '(': case ')': case '~': case '{': case '}':
      Out += '\\';
      Out += C;
      break;
    default:
      // Other control characters would render as nothing or garbage.
      if (static_cast<unsigned char>(C) < 0x20 || C == 0x7f)
        Out += ' ';
      else
        Out += C;
    }
  }
  return Out;
}

std::string percentEncodePath(const std::string &Path) {
  std::string Out;
  for (unsigned char C : Path) {
    bool Keep = (C >= 'A' && C <= 'Z') || (C >= 'a' && C <= 'z') ||
                (C >= '0' && C <= '9') || C == '-' || C == '.' || C == '_' ||
                C == '~' || C == '/';
    if (Keep)
      Out += static_cast<char>(C);
    else
      Out += percent(C);
  }
  return Out;
}

std::string toValidUtf8(const std::string &S) {
  std::string Out;
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(S.data());
  const auto *End = P + S.size();
  while (P < End) {
    unsigned Len = llvm::getNumBytesForUTF8(*P);
    if (P + Len <= End && llvm::isLegalUTF8Sequence(P, P + Len)) {
      Out.append(reinterpret_cast<const char *>(P), Len);
      P += Len;
    } else {
      Out += "\xEF\xBF\xBD";
      ++P;
    }
  }
  return Out;
}

std::string escapeForMessage(llvm::StringRef S) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  for (unsigned char C : S) {
    if (C < 0x20 || C >= 0x7f || C == '\\') {
      Out += "\\x";
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    } else {
      Out += char(C);
    }
  }
  return Out;
}

} // namespace resilience
