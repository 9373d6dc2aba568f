// A small model of cpr's public API (libcpr/cpr has no Debian package), for
// the resilience-missing-timeout tests only: the names, namespaces and
// signatures that matter to the check, with trivial bodies.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <utility>

namespace cpr {

struct Url {
  Url(const char *u) : str(u) {}
  Url(std::string u) : str(std::move(u)) {}
  std::string str;
};
struct Body {
  Body(const char *b) : str(b) {}
  std::string str;
};
struct Header : std::map<std::string, std::string> {
  using std::map<std::string, std::string>::map;
};
struct Parameters : std::map<std::string, std::string> {
  using std::map<std::string, std::string>::map;
};

class Timeout {
public:
  Timeout(const std::chrono::milliseconds &d) : ms(d) {}
  Timeout(const std::int32_t &m) : ms(m) {}
  std::chrono::milliseconds ms;
};
class ConnectTimeout : public Timeout {
public:
  using Timeout::Timeout;
};
class LowSpeed {
public:
  LowSpeed(std::int32_t l, std::int32_t t) : limit(l), time(t) {}
  std::int32_t limit, time;
};
struct VerifySsl {
  VerifySsl(bool v) : on(v) {}
  bool on;
};

struct Error {
  int code = 0;
};
struct Response {
  long status_code = 0;
  std::string text;
  Error error;
};
using AsyncResponse = std::future<Response>;

class Session {
public:
  void SetUrl(const Url &) {}
  void SetHeader(const Header &) {}
  void SetBody(const Body &) {}
  void SetTimeout(const Timeout &) {}
  void SetConnectTimeout(const ConnectTimeout &) {}
  void SetLowSpeed(const LowSpeed &) {}
  void SetVerifySsl(const VerifySsl &) {}
  void SetOption(const Url &) {}
  void SetOption(const Header &) {}
  void SetOption(const Body &) {}
  void SetOption(const Timeout &) {}
  void SetOption(const ConnectTimeout &) {}
  void SetOption(const LowSpeed &) {}
  void SetOption(const VerifySsl &) {}
  void SetOption(const Parameters &) {}
  Response Get() { return {}; }
  Response Post() { return {}; }
  Response Put() { return {}; }
  Response Patch() { return {}; }
  Response Delete() { return {}; }
  Response Head() { return {}; }
};

namespace priv {
inline void set_options(Session &) {}
template <typename T, typename... Ts>
void set_options(Session &s, T &&t, Ts &&...ts) {
  s.SetOption(std::forward<T>(t));
  set_options(s, std::forward<Ts>(ts)...);
}
} // namespace priv

#define CPR_MODEL_VERB(Verb)                                                  \
  template <typename... Ts> Response Verb(Ts &&...ts) {                       \
    Session s;                                                                \
    priv::set_options(s, std::forward<Ts>(ts)...);                            \
    return s.Verb();                                                          \
  }                                                                           \
  template <typename... Ts> AsyncResponse Verb##Async(Ts... ts) {             \
    return std::async(std::launch::async,                                     \
                      [](Ts... xs) { return Verb(std::move(xs)...); },       \
                      std::move(ts)...);                                      \
  }                                                                           \
  template <typename Then, typename... Ts>                                    \
  auto Verb##Callback(Then then, Ts... ts) {                                  \
    return std::async(std::launch::async, [then](Ts... xs) {                  \
      return then(Verb(std::move(xs)...));                                    \
    }, std::move(ts)...);                                                     \
  }
CPR_MODEL_VERB(Get)
CPR_MODEL_VERB(Post)
CPR_MODEL_VERB(Put)
CPR_MODEL_VERB(Patch)
CPR_MODEL_VERB(Delete)
CPR_MODEL_VERB(Head)
#undef CPR_MODEL_VERB

} // namespace cpr
