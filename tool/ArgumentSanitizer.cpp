//===--- ArgumentSanitizer.cpp - Compile commands from strangers ----------===//

#include "ArgumentSanitizer.h"
#include "ClangTidyCompat.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

namespace resilience {

namespace {

namespace opts = driveropts;

/// Flags kept with their values: they say where headers are, which macros
/// are set, which language and target the code is for. None of them makes
/// the compiler write a file or run code.
bool isAllowedId(unsigned Id) {
  switch (Id) {
  // Header search.
  case opts::OPT_I:
  case opts::OPT_I_:
  case opts::OPT_isystem:
  case opts::OPT_iquote:
  case opts::OPT_idirafter:
  case opts::OPT_isysroot:
  case opts::OPT__sysroot_EQ:
  case opts::OPT__sysroot:
  case opts::OPT_iprefix:
  case opts::OPT_iwithprefix:
  case opts::OPT_iwithprefixbefore:
  case opts::OPT_iwithsysroot:
  case opts::OPT_isystem_after:
  case opts::OPT_cxx_isystem:
  case opts::OPT_iframework:
  case opts::OPT_F:
  case opts::OPT_include:
  case opts::OPT_imacros:
  case opts::OPT_nostdinc:
  case opts::OPT_nostdincxx:
  case opts::OPT_nostdlibinc:
  case opts::OPT_nobuiltininc:
  case opts::OPT_stdlib_EQ:
  case opts::OPT_gcc_toolchain:
  case opts::OPT_gcc_install_dir_EQ:
  // Macros and language.
  case opts::OPT_D:
  case opts::OPT_U:
  case opts::OPT_undef:
  case opts::OPT_std_EQ:
  case opts::OPT_ansi:
  case opts::OPT_x:
  case opts::OPT_pthread:
  case opts::OPT_O:
  case opts::OPT_O0:
  case opts::OPT_O4:
  case opts::OPT_Ofast:
  case opts::OPT_O_flag:
  // Target.
  case opts::OPT_target:
  // Warnings.
  case opts::OPT_W_Joined:
  case opts::OPT_w:
  case opts::OPT_pedantic:
  // Harmless in a syntax-only run, and in nearly every command.
  case opts::OPT_c:
  case opts::OPT_fsyntax_only:
    return true;
  default:
    return false;
  }
}

/// -f options that change what the code means (language dialect, macros
/// such as __EXCEPTIONS or __PIC__), by name without "f" / "fno-".
bool isAllowedLanguageOption(llvm::StringRef Name) {
  if (!Name.consume_front("f"))
    return false;
  Name.consume_front("no-");
  static const char *const Exact[] = {
      "exceptions", "cxx-exceptions", "objc-exceptions", "rtti", "rtti-data",
      "ms-extensions", "ms-compatibility", "ms-volatile", "declspec", "blocks",
      "char8_t", "signed-char", "unsigned-char", "short-wchar", "builtin",
      "gnu-keywords", "gnu89-inline", "gnu-inline-asm", "coroutines",
      "operator-names", "permissive", "openmp", "openmp-simd", "pic", "PIC",
      "pie", "PIE", "visibility-inlines-hidden", "common",
      "delayed-template-parsing", "sized-deallocation", "aligned-allocation",
      "wrapv", "strict-aliasing", "strict-overflow", "freestanding",
      "threadsafe-statics", "dollars-in-identifiers", "short-enums", "asm",
      "asm-blocks", "digraphs", "trigraphs", "access-control",
      "elide-constructors", "gnu-runtime", "objc-arc", "fast-math",
      "finite-math-only", "math-errno", "inline", "inline-functions",
      "strict-enums", "char8_t", "relaxed-template-template-args",
      "unsigned-bitfields", "signed-bitfields", "emulated-tls",
      "omit-frame-pointer", "stack-protector", "stack-protector-all",
      "stack-protector-strong", "syntax-only", "gnu-keywords",
      "double-square-bracket-attributes", "zvector", "altivec", "cuda-host-only"};
  static const char *const WithValue[] = {
      "ms-compatibility-version=", "msc-version=", "openmp=",
      "openmp-version=", "visibility=", "input-charset=", "exec-charset=",
      "constexpr-depth=", "constexpr-steps=", "template-depth=",
      "bracket-depth=", "objc-runtime=", "lax-vector-conversions=",
      "new-alignment=", "sanitize=", "builtin-", "wchar-type=",
      "char8_t", "gnuc-version=", "ms-runtime-lib=", "max-type-align=",
      "macro-prefix-map="};
  for (const char *E : Exact)
    if (Name == E)
      return true;
  for (const char *P : WithValue)
    if (Name.starts_with(P))
      return true;
  return false;
}

bool isAllowed(const llvm::opt::Arg &A) {
  const llvm::opt::Option &O = A.getOption();
  unsigned Id = O.getID();
  if (isAllowedId(Id))
    return true;
  // -W<warning> (-Wall, -Wno-x, -Werror=y); never -Wp, -Wa, -Wl.
  if (O.matches(opts::OPT_W_Group) || O.matches(opts::OPT_W_value_Group))
    return true;
  // -m<arch options>: -march=, -m64, -mavx2, ...; never -mllvm.
  if (O.matches(opts::OPT_m_Group) && Id != opts::OPT_mllvm)
    return true;
  if (Id == opts::OPT_driver_mode) {
    llvm::StringRef V = A.getValue();
    return V == "gcc" || V == "g++";
  }
  if (O.matches(opts::OPT_f_Group) || O.matches(opts::OPT_clang_ignored_f_Group))
    return isAllowedLanguageOption(O.getName());
  return false;
}

/// A compiler name that sets only the language: clang, clang++-19, gcc,
/// g++, cc, c++, with a target prefix (aarch64-linux-gnu-g++). Anything
/// else (clang-cl, cpp, a wrapper) becomes clang or clang++.
std::string compilerName(llvm::StringRef Arg0) {
  static const llvm::Regex Plain(
      "^([A-Za-z0-9_.]+-)*(clang\\+\\+|clang|g\\+\\+|gcc|c\\+\\+|cc)(-[0-9.]+)?$");
  static const llvm::Regex Path("^[A-Za-z0-9_./+-]+$");
  llvm::StringRef Base = llvm::sys::path::filename(Arg0);
  if (Path.match(Arg0) && Plain.match(Base))
    return Arg0.str();
  return Base.contains("++") ? "clang++" : "clang";
}

} // namespace

std::vector<std::string>
sanitizeCompileArgs(const std::vector<std::string> &Args, bool HasCompiler,
                    std::vector<std::string> *Dropped) {
  std::vector<std::string> Out;
  size_t First = 0;
  if (HasCompiler && !Args.empty()) {
    Out.push_back(compilerName(Args[0]));
    if (Out.back() != Args[0] && Dropped)
      Dropped->push_back(Args[0]);
    // No configuration file of the compiler (clang++.cfg next to it, or in
    // a directory an environment variable names) may add flags.
    Out.push_back("--no-default-config");
    First = 1;
  }
  std::vector<const char *> Ptrs;
  for (size_t I = First; I < Args.size(); ++I)
    Ptrs.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = driverOptTable();
  llvm::opt::InputArgList List =
      Table.ParseArgs(Ptrs, MissingIndex, MissingCount,
                      llvm::opt::Visibility(opts::ClangOption));

  std::vector<const llvm::opt::Arg *> Parsed(List.begin(), List.end());
  auto Span = [&](size_t K) {
    unsigned Begin = Parsed[K]->getIndex();
    unsigned End = K + 1 < Parsed.size() ? Parsed[K + 1]->getIndex()
                   : MissingCount                ? MissingIndex
                                                 : unsigned(Ptrs.size());
    return std::make_pair(Begin, std::max(End, Begin + 1));
  };
  auto Drop = [&](size_t K) {
    if (!Dropped)
      return;
    auto [Begin, End] = Span(K);
    std::string Text;
    for (unsigned I = Begin; I < End && I < Ptrs.size(); ++I)
      Text += (Text.empty() ? "" : " ") + std::string(Ptrs[I]);
    Dropped->push_back(Text);
  };
  for (size_t K = 0; K < Parsed.size(); ++K) {
    const llvm::opt::Arg &A = *Parsed[K];
    unsigned Id = A.getOption().getID();
    if (Id == opts::OPT_INPUT) {
      llvm::StringRef V = A.getValue();
      // '@file' left after expansion, or standard input.
      if (V.starts_with("@") || V == "-" || V.empty()) {
        Drop(K);
        continue;
      }
      Out.push_back(V.str());
      continue;
    }
    if (Id == opts::OPT__DASH_DASH) {
      // "-- a.c b.c": inputs only.
      for (const char *V : A.getValues()) {
        llvm::StringRef S(V);
        if (S.starts_with("-") || S.starts_with("@") || S.empty()) {
          if (Dropped)
            Dropped->push_back(S.str());
          continue;
        }
        Out.push_back(S.str());
      }
      continue;
    }
    if (!isAllowed(A)) {
      Drop(K);
      continue;
    }
    auto [Begin, End] = Span(K);
    for (unsigned I = Begin; I < End && I < Ptrs.size(); ++I)
      Out.push_back(Ptrs[I]);
  }
  // A flag whose value is missing (the parser stops there) would take the
  // next argument, of the command an ExtraArgs list is inserted in, as its
  // value: dropped.
  if (MissingCount && Dropped)
    for (unsigned I = MissingIndex; I < Ptrs.size(); ++I)
      Dropped->push_back(Ptrs[I]);
  return Out;
}

} // namespace resilience
