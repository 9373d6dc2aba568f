//===--- EscapeTest.cpp - Untrusted text in each output format ------------===//

#include "Reporters/Escape.h"
#include "gtest/gtest.h"

using namespace resilience;

TEST(Escape, GitHubDataEncodesPercentAndLineBreaks) {
  EXPECT_EQ(escapeGitHubData("100% done"), "100%25 done");
  EXPECT_EQ(escapeGitHubData("a\r\nb"), "a%0D%0Ab");
  // ':' and ',' are fine in data: the message is everything after "::".
  EXPECT_EQ(escapeGitHubData("a::b,c"), "a::b,c");
}

TEST(Escape, GitHubDataCannotStartACommand) {
  std::string Hostile = "ok\n::set-output name=x::1\r::add-mask::secret";
  std::string Out = escapeGitHubData(Hostile);
  EXPECT_EQ(Out.find('\n'), std::string::npos);
  EXPECT_EQ(Out.find('\r'), std::string::npos);
  EXPECT_EQ(Out, "ok%0A::set-output name=x::1%0D::add-mask::secret");
}

TEST(Escape, GitHubPropertyAlsoEncodesColonAndComma) {
  EXPECT_EQ(escapeGitHubProperty("src/a,b:c.cpp"), "src/a%2Cb%3Ac.cpp");
  EXPECT_EQ(escapeGitHubProperty("x\n::error file=y::z"),
            "x%0A%3A%3Aerror file=y%3A%3Az");
  EXPECT_EQ(escapeGitHubProperty("%0A"), "%250A"); // no double decoding
}

TEST(Escape, MarkdownStaysInItsCell) {
  EXPECT_EQ(escapeMarkdown("a|b"), "a\\|b");
  EXPECT_EQ(escapeMarkdown("line\nbreak"), "line break");
  EXPECT_EQ(escapeMarkdown("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert\\(1\\)&gt;");
  EXPECT_EQ(escapeMarkdown("[link](http://x)"), "\\[link\\]\\(http://x\\)");
  EXPECT_EQ(escapeMarkdown("curl_easy"), "curl\\_easy");
  EXPECT_EQ(escapeMarkdown("a\tb\x01"), "a b ");
}

TEST(Escape, MarkdownNotifiesNobody) {
  // A file or message naming @org/team or #123 must not ping or link.
  EXPECT_EQ(escapeMarkdown("@octo-org/oncall fixes #123"),
            "&#64;octo-org/oncall fixes &#35;123");
}

TEST(Escape, PercentEncodePathKeepsSlashesAndUnreserved) {
  EXPECT_EQ(percentEncodePath("src/a-b_c.~1.cpp"), "src/a-b_c.~1.cpp");
  EXPECT_EQ(percentEncodePath("my dir/a#b?.cpp"), "my%20dir/a%23b%3F.cpp");
  EXPECT_EQ(percentEncodePath("x\n"), "x%0A");
  EXPECT_EQ(percentEncodePath("caf\xc3\xa9"), "caf%C3%A9");
}

TEST(Escape, ToValidUtf8ReplacesBadBytes) {
  EXPECT_EQ(toValidUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(toValidUtf8("a\xff" "b"), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(toValidUtf8("\xc3"), "\xef\xbf\xbd"); // truncated sequence
}
