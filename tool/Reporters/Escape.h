//===--- Escape.h - Making untrusted text safe for each output ------------===//
//
// File names, messages and source text come from the analyzed project and
// are untrusted: none of them may start a new workflow command, break a
// markdown table, or inject HTML. JSON is written with llvm::json, which
// escapes by itself.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_REPORTERS_ESCAPE_H
#define RESILIENCE_TIDY_TOOL_REPORTERS_ESCAPE_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace resilience {

/// The message part of a GitHub workflow command (after "::"):
/// '%', CR and LF are percent-encoded.
std::string escapeGitHubData(const std::string &S);

/// A property value of a workflow command (file=..., title=...): as data,
/// plus ':' and ','.
std::string escapeGitHubProperty(const std::string &S);

/// Text inside a markdown table cell: HTML-significant characters become
/// entities, markdown punctuation is backslash-escaped, line breaks become
/// spaces, so the text renders literally and stays in its cell.
std::string escapeMarkdown(const std::string &S);

/// A relative or absolute path as a URI reference: every byte outside
/// RFC 3986 unreserved characters and '/' is percent-encoded.
std::string percentEncodePath(const std::string &Path);

/// Makes a string valid UTF-8 (invalid bytes become U+FFFD), since JSON
/// output must be UTF-8 whatever bytes a file name holds.
std::string toValidUtf8(const std::string &S);

/// Untrusted bytes for a message: control characters and bytes that are not
/// printable ASCII become \xNN, so one line stays one line.
std::string escapeForMessage(llvm::StringRef S);

} // namespace resilience

#endif
