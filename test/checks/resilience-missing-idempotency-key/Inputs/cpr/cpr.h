// A small model of cpr's public request API (github.com/libcpr/cpr), written
// for these tests: cpr has no Debian package. Only the declarations the
// idempotency check reads are here, with cpr's names and argument types:
// a POST is `cpr::Post(...)` with any mix of cpr::Url, cpr::Header,
// cpr::Body, cpr::Payload and cpr::Timeout arguments, or a cpr::Session
// configured with SetUrl/SetHeader/SetBody and sent with Post().
#ifndef TEST_INPUTS_CPR_CPR_H
#define TEST_INPUTS_CPR_CPR_H

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cpr {

// cpr's string-carrying options share one base; a braced list of strings
// is joined, so Url{base, "/v1/charges"} is one URL.
template <class Derived> class TextOption {
public:
  TextOption() = default;
  explicit TextOption(const std::string &s) : text(s) {}
  explicit TextOption(std::string &&s) : text(std::move(s)) {}
  explicit TextOption(const char *s) : text(s) {}
  TextOption(std::initializer_list<std::string> parts) {
    for (const std::string &p : parts)
      text += p;
  }
  const std::string &str() const { return text; }
  const char *c_str() const { return text.c_str(); }

protected:
  std::string text;
};

class Url : public TextOption<Url> {
public:
  Url() = default;
  Url(const std::string &u) : TextOption<Url>(u) {}
  Url(std::string &&u) : TextOption<Url>(std::move(u)) {}
  Url(const char *u) : TextOption<Url>(u) {}
  Url(std::initializer_list<std::string> parts) : TextOption<Url>(parts) {}
};

class Body : public TextOption<Body> {
public:
  Body() = default;
  Body(const std::string &b) : TextOption<Body>(b) {}
  Body(std::string &&b) : TextOption<Body>(std::move(b)) {}
  Body(const char *b) : TextOption<Body>(b) {}
  Body(std::initializer_list<std::string> parts) : TextOption<Body>(parts) {}
};

struct CaseInsensitiveCompare {
  bool operator()(const std::string &a, const std::string &b) const noexcept;
};
using Header = std::map<std::string, std::string, CaseInsensitiveCompare>;

struct Pair {
  Pair(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  std::string key, value;
};
class Payload {
public:
  Payload(std::initializer_list<Pair> pairs) : items(pairs) {}
  std::vector<Pair> items;
};

class Timeout {
public:
  Timeout(std::chrono::milliseconds d) : ms(d) {}
  Timeout(std::int32_t millis) : ms(millis) {}
  std::chrono::milliseconds ms;
};

struct Response {
  long status_code = 0;
  std::string text;
};

// A session keeps its options between requests.
class Session {
public:
  void SetUrl(const Url &url);
  void SetHeader(const Header &header);
  void UpdateHeader(const Header &header);
  void SetBody(const Body &body);
  void SetTimeout(const Timeout &timeout);
  Response Get();
  Response Post();
};

template <typename... Ts> Response Post(Ts &&...ts);
template <typename... Ts> Response Get(Ts &&...ts);

} // namespace cpr

#endif
