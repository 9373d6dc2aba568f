// A small stand-in for <cpr/cpr.h> (cpr has no Debian package): only the
// declarations the retry tests use, with cpr's names and shapes.
#pragma once
#include <string>

namespace cpr {
struct Url {
  Url(const char *s) : str(s) {}
  Url(std::string s) : str(std::move(s)) {}
  std::string str;
};
struct Body {
  Body(const char *s) : str(s) {}
  std::string str;
};
enum class ErrorCode { OK = 0, CONNECTION_FAILURE, OPERATION_TIMEDOUT };
struct Error {
  ErrorCode code = ErrorCode::OK;
  explicit operator bool() const { return code != ErrorCode::OK; }
};
struct Response {
  long status_code = 0;
  std::string text;
  Error error;
};
Response Get(Url url);
Response Post(Url url, Body body);
} // namespace cpr
