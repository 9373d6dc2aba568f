//===--- RetryRewrite.cpp -------------------------------------------------===//

#include "review/RetryRewrite.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>

using namespace clang;

namespace resilience {
namespace review {

namespace {

/// An edit of the loop's text: offsets into the text of its lines.
struct TextEdit {
  unsigned Offset, Length;
  std::string Text;
  unsigned Order; // insertions at one offset keep their order
};

struct Builder {
  const RewriteRequest &Req;
  ASTContext &Ctx;
  const SourceManager &SM;
  bool Cxx;
  FileID File;
  unsigned Start = 0, End = 0; // the loop's lines, [Start, End)
  llvm::StringRef Buffer;
  std::string Indent;
  std::vector<TextEdit> Edits;
  std::vector<std::string> Before, After; // lines around the loop
  std::string Attempt;                     // the attempt variable
  std::vector<FixItHint> FixIt;

  Builder(const RewriteRequest &Req, ASTContext &Ctx)
      : Req(Req), Ctx(Ctx), SM(Ctx.getSourceManager()),
        Cxx(Ctx.getLangOpts().CPlusPlus) {}

  bool offsetOf(SourceLocation L, unsigned &Off) {
    if (L.isInvalid() || L.isMacroID())
      return false;
    auto [F, O] = SM.getDecomposedLoc(L);
    if (F != File || O < Start || O > End)
      return false;
    Off = O - Start;
    return true;
  }

  /// The offset just past the token at L.
  bool endOffsetOf(SourceLocation L, unsigned &Off) {
    if (L.isInvalid() || L.isMacroID())
      return false;
    return offsetOf(Lexer::getLocForEndOfToken(L, 0, SM, Ctx.getLangOpts()),
                    Off);
  }

  std::string text(SourceRange R) {
    if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
      return "";
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                Ctx.getLangOpts())
        .str();
  }

  void edit(unsigned Off, unsigned Len, std::string T) {
    Edits.push_back({Off, Len, std::move(T), unsigned(Edits.size())});
  }

  unsigned lineStart(unsigned AbsOff) {
    while (AbsOff > 0 && Buffer[AbsOff - 1] != '\n')
      --AbsOff;
    return AbsOff;
  }
  std::string indentAt(unsigned AbsOff) {
    unsigned S = lineStart(AbsOff), E = S;
    while (E < Buffer.size() && (Buffer[E] == ' ' || Buffer[E] == '\t'))
      ++E;
    return Buffer.substr(S, E - S).str();
  }

  bool setUp() {
    const Stmt *Loop = Req.Summary->Loop;
    SourceLocation B = Loop->getBeginLoc(), E = Loop->getEndLoc();
    if (B.isMacroID() || E.isMacroID())
      return false;
    File = SM.getFileID(B);
    if (SM.getFileID(E) != File)
      return false;
    bool Invalid = false;
    Buffer = SM.getBufferData(File, &Invalid);
    if (Invalid)
      return false;
    unsigned BOff = SM.getFileOffset(B), EOff = SM.getFileOffset(E);
    Start = lineStart(BOff);
    End = EOff;
    while (End < Buffer.size() && Buffer[End] != '\n')
      ++End;
    if (End < Buffer.size())
      ++End; // keep the newline
    Indent = indentAt(BOff);
    return true;
  }

  static bool isConstantTrue(const Expr *C, ASTContext &Ctx) {
    if (!C)
      return true;
    bool V = false;
    return !C->isValueDependent() && C->EvaluateAsBooleanCondition(V, Ctx) && V;
  }

  /// A while/do condition kept in front of the cap ("(cond) && "), or ""
  /// when it is always true (`while (true)`).
  std::string keptCondition(const Expr *C) {
    return isConstantTrue(C, Ctx) ? ""
                                  : "(" + text(C->getSourceRange()) + ") && ";
  }

  /// The counter a for loop declares in its init, if it is an integer.
  const VarDecl *forCounter(const ForStmt *F) {
    const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit());
    if (!DS || !DS->isSingleDecl())
      return nullptr;
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    return V && V->getType()->isIntegerType() ? V : nullptr;
  }

  std::string maxAttemptsDecl() {
    return Cxx ? "constexpr int kMaxAttempts = 3;"
               : "const int kMaxAttempts = 3;";
  }

  void addCap() {
    const Stmt *Loop = Req.Summary->Loop;
    const VarDecl *Counter = Req.Summary->UncomparedCounter;
    unsigned A, B;
    if (const auto *F = dyn_cast<ForStmt>(Loop)) {
      const VarDecl *V = forCounter(F);
      if (!V)
        V = Counter;
      if (V && !F->getCond() && F->getInit() &&
          endOffsetOf(F->getInit()->getEndLoc(), A)) {
        // `for (int attempt = 0;; ++attempt)`: the condition slot is empty.
        // The DeclStmt ends at its ';'.
        Attempt = V->getName().str();
        edit(A, 0, " " + Attempt + " < kMaxAttempts");
      } else if (isConstantTrue(F->getCond(), Ctx) &&
                 offsetOf(F->getBeginLoc(), A) &&
                 endOffsetOf(F->getRParenLoc(), B)) {
        Attempt = V ? V->getName().str() : "attempt";
        edit(A, B - A,
             V ? "for (; " + Attempt + " < kMaxAttempts;)"
               : std::string("for (int attempt = 0; attempt < kMaxAttempts; "
                             "++attempt)"));
      } else {
        return;
      }
    } else if (const auto *W = dyn_cast<WhileStmt>(Loop)) {
      if (!offsetOf(W->getBeginLoc(), A) || !endOffsetOf(W->getRParenLoc(), B))
        return;
      std::string Cond = keptCondition(W->getCond());
      if (Counter) {
        Attempt = Counter->getName().str();
        edit(A, B - A, "while (" + Cond + Attempt + " < kMaxAttempts)");
      } else {
        Attempt = "attempt";
        edit(A, B - A,
             "for (int attempt = 0; attempt < kMaxAttempts" +
                 (Cond.empty() ? std::string()
                               : " && " + Cond.substr(0, Cond.size() - 4)) +
                 "; ++attempt)");
      }
    } else if (const auto *D = dyn_cast<DoStmt>(Loop)) {
      if (!offsetOf(D->getWhileLoc(), A) || !endOffsetOf(D->getRParenLoc(), B))
        return;
      std::string Cond = keptCondition(D->getCond());
      if (Counter) {
        Attempt = Counter->getName().str();
        edit(A, B - A, "while (" + Cond + Attempt + " < kMaxAttempts)");
      } else {
        Attempt = "attempt";
        Before.push_back("int attempt = 0;");
        edit(A, B - A, "while (" + Cond + "++attempt < kMaxAttempts)");
      }
    } else {
      return;
    }
    Before.insert(Before.begin(), maxAttemptsDecl());
    After.push_back(Cxx ? "// every attempt failed: report the failure to "
                          "the caller"
                        : "/* every attempt failed: report the failure to "
                          "the caller */");
    // The loop ended a function returning bool: falling off its end is
    // now reachable.
    const FunctionDecl *Fn = Req.Fn;
    const auto *Body = Fn ? dyn_cast_or_null<CompoundStmt>(Fn->getBody())
                          : nullptr;
    if (Body && !Body->body_empty() && Body->body_back() == Loop &&
        Fn->getReturnType()->isBooleanType())
      After.push_back(Cxx ? "return false;" : "return 0;");
  }

  /// The attempt variable when the loop already bounds its attempts.
  void findAttempt() {
    if (!Attempt.empty())
      return;
    if (const auto *F = dyn_cast<ForStmt>(Req.Summary->Loop))
      if (const VarDecl *V = forCounter(F))
        Attempt = V->getName().str();
    if (Attempt.empty() && Req.Summary->UncomparedCounter)
      Attempt = Req.Summary->UncomparedCounter->getName().str();
  }

  /// The statement of a compound body that holds S (through a variable's
  /// initializer: the DeclStmt).
  const Stmt *statementOf(const Stmt *S) {
    DynTypedNode Cur = DynTypedNode::create(*S);
    const Stmt *Last = S;
    for (unsigned Depth = 0; Depth < 16; ++Depth) {
      auto Parents = Ctx.getParents(Cur);
      if (Parents.size() != 1)
        return nullptr;
      if (Parents[0].get<CompoundStmt>())
        return Last;
      Cur = Parents[0];
      if (const Stmt *P = Cur.get<Stmt>())
        Last = P;
      else if (!Cur.get<VarDecl>())
        return nullptr;
    }
    return nullptr;
  }

  std::string jittered(const std::string &Var) {
    return Cxx ? Var + " / 2 + " + Var +
                     " * std::uniform_int_distribution<int>(0, 500)(rng) / 1000"
               : Var + " / 2 + (unsigned long)rand() % (" + Var + " / 2 + 1)";
  }

  /// Base in parentheses unless it is one operand already.
  static std::string operand(const std::string &Base) {
    int Depth = 0;
    for (char C : Base) {
      if (C == '(' || C == '[')
        ++Depth;
      else if (C == ')' || C == ']')
        --Depth;
      else if (Depth == 0 && llvm::StringRef(" +-*/%<>?&|^=!,").contains(C))
        return "(" + Base + ")";
    }
    return Base;
  }

  std::string grown(const std::string &Base) {
    return Cxx ? operand(Base) + " * (1 << std::min(" + Attempt + ", 5))"
               : operand(Base) + " << (" + Attempt + " < 5 ? " + Attempt +
                     " : 5)";
  }

  void addBackoff() {
    findAttempt();
    const CallExpr *Delay = Req.Summary->Delay;
    bool Grow = Req.NeedGrowth && !Attempt.empty();
    if (Delay && Delay->getNumArgs() == 1) {
      const Stmt *St = statementOf(Delay);
      const Expr *Arg = Delay->getArg(0);
      unsigned SOff, AOff, AEnd;
      if (!St || !offsetOf(St->getBeginLoc(), SOff) ||
          !offsetOf(Arg->getBeginLoc(), AOff) ||
          !endOffsetOf(Arg->getEndLoc(), AEnd))
        return;
      std::string D = text(Arg->getSourceRange());
      std::string Ind = indentAt(Start + SOff);
      std::string Base = Grow ? grown(D) : D;
      std::string Line = (Cxx ? "auto backoff = " : "unsigned long backoff = ") +
                         Base + ";";
      if (Grow)
        Line += Cxx ? " // at most 32 times the first delay"
                    : " /* at most 32 times the first delay */";
      else if (Req.NeedCeiling)
        Line += Cxx ? " // cap it: min(cap, base * 2^attempt)"
                    : " /* cap it: min(cap, base * 2^attempt) */";
      unsigned LineOff = lineStart(Start + SOff) - Start;
      edit(LineOff, 0, Ind + Line + "\n");
      edit(AOff, AEnd - AOff,
           Req.NeedJitter ? jittered("backoff") : std::string("backoff"));
      if (Req.NeedJitter && Cxx)
        Before.push_back("std::mt19937 rng{std::random_device{}()};");
      return;
    }
    if (Delay || Attempt.empty())
      return; // a wait the rewrite cannot read; the checklist says why
    // No wait at all: wait at the end of the body, the retry path.
    const Stmt *Body = nullptr;
    if (const auto *F = dyn_cast<ForStmt>(Req.Summary->Loop))
      Body = F->getBody();
    else if (const auto *W = dyn_cast<WhileStmt>(Req.Summary->Loop))
      Body = W->getBody();
    else if (const auto *D = dyn_cast<DoStmt>(Req.Summary->Loop))
      Body = D->getBody();
    const auto *CS = dyn_cast_or_null<CompoundStmt>(Body);
    unsigned ROff;
    if (!CS || CS->body_empty() || !offsetOf(CS->getRBracLoc(), ROff))
      return;
    unsigned FirstOff;
    if (!offsetOf(CS->body_front()->getBeginLoc(), FirstOff))
      return;
    std::string Ind = indentAt(Start + FirstOff);
    unsigned LineOff = lineStart(Start + ROff) - Start;
    if (Cxx)
      edit(LineOff, 0,
           Ind + "auto backoff = " + grown("std::chrono::milliseconds(100)") +
               ";\n" + Ind + "std::this_thread::sleep_for(" +
               jittered("backoff") + ");\n");
    else
      edit(LineOff, 0,
           Ind + "unsigned long backoff = " + grown("100000UL") + ";\n" + Ind +
               "usleep(" + jittered("backoff") + ");\n");
    if (Cxx)
      Before.push_back("std::mt19937 rng{std::random_device{}()};");
  }

  /// Does S read a variable declared inside the loop?
  bool readsLoopLocal(const Stmt *S) {
    struct V : RecursiveASTVisitor<V> {
      SourceRange Loop;
      const SourceManager &SM;
      bool Found = false;
      V(SourceRange L, const SourceManager &SM) : Loop(L), SM(SM) {}
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        if (const auto *VD = dyn_cast<VarDecl>(E->getDecl()))
          if (!VD->hasGlobalStorage() &&
              !SM.isBeforeInTranslationUnit(VD->getLocation(),
                                            Loop.getBegin()) &&
              SM.isBeforeInTranslationUnit(VD->getLocation(), Loop.getEnd()))
            Found = true;
        return true;
      }
    } Vis(Req.Summary->Loop->getSourceRange(), SM);
    Vis.TraverseStmt(const_cast<Stmt *>(S));
    return Vis.Found;
  }

  void addKey() {
    if (Req.KeyGenerator) {
      const Stmt *St = statementOf(Req.KeyGenerator);
      const auto *DS = dyn_cast_or_null<DeclStmt>(St);
      unsigned SOff, SEnd;
      if (!DS || !offsetOf(DS->getBeginLoc(), SOff) ||
          !offsetOf(DS->getEndLoc(), SEnd))
        return;
      ++SEnd; // the ';'
      unsigned LS = lineStart(Start + SOff) - Start;
      unsigned LE = SEnd;
      while (Start + LE < End && Buffer[Start + LE] != '\n')
        ++LE;
      bool WholeLines =
          llvm::StringRef(Buffer.data() + Start + LS, SOff - LS).trim().empty() &&
          llvm::StringRef(Buffer.data() + Start + SEnd, LE - SEnd).trim().empty();
      if (!WholeLines)
        return;
      if (Start + LE < End)
        ++LE; // the newline
      std::string Decl = Buffer.substr(Start + SOff, SEnd - SOff).str();
      edit(LS, LE - LS, "");
      Before.push_back(Decl + (Cxx ? " // one key for every attempt"
                                   : " /* one key for every attempt */"));
      if (!readsLoopLocal(DS)) {
        // One replacement: from the loop's first line to the end of the
        // key's line, the key's statement first.
        SourceLocation FileStart = SM.getLocForStartOfFile(File);
        FixIt.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(FileStart.getLocWithOffset(Start),
                                          FileStart.getLocWithOffset(Start + LE)),
            Indent + Decl + "\n" + Buffer.substr(Start, LS).str()));
      }
      return;
    }
    if (Req.KeyMissing)
      Before.push_back(
          std::string(Cxx ? "// " : "/* ") +
          "make one idempotency key per payment here (from the order id, or "
          "a UUID made once) and send it as " +
          Req.KeyCarrier + " on every attempt" + (Cxx ? "" : " */"));
  }

  std::string build() {
    std::string T = Buffer.substr(Start, End - Start).str();
    std::sort(Edits.begin(), Edits.end(),
                     [](const TextEdit &A, const TextEdit &B) {
                       return A.Offset != B.Offset ? A.Offset > B.Offset
                                                   : A.Order > B.Order;
                     });
    for (const TextEdit &E : Edits)
      T.replace(E.Offset, E.Length, E.Text);
    std::string Out;
    for (const std::string &L : Before)
      Out += Indent + L + "\n";
    Out += T;
    if (!Out.empty() && Out.back() != '\n')
      Out += "\n";
    for (const std::string &L : After)
      Out += Indent + L + "\n";
    return Out;
  }
};

} // namespace

Rewrite rewriteRetryLoop(const RewriteRequest &Req, ASTContext &Ctx) {
  Rewrite R;
  if (!Req.Summary || !Req.Summary->Loop)
    return R;
  Builder B(Req, Ctx);
  if (!B.setUp())
    return R;
  if (Req.NeedCap)
    B.addCap();
  if (Req.NeedBackoff)
    B.addBackoff();
  B.addKey();
  if (B.Edits.empty() && B.Before.empty())
    return R;
  R.Text = B.build();
  R.FixIt = std::move(B.FixIt);
  return R;
}

} // namespace review
} // namespace resilience
