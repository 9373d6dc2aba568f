//===--- RetryKnowledge.cpp - Waits, randomness, policies, extra calls ----===//
//
// Facts: std::this_thread::sleep_for/sleep_until, POSIX sleep/usleep/
// nanosleep/clock_nanosleep and Boost.Thread's sleep block the caller for
// their argument. A synchronous Asio timer wait blocks until the expiry set
// by expires_after/expires_from_now/expires_at. <random> distributions and
// engines, rand/random/arc4random/drand48 are the random sources seen in
// retry code. gRPC's grpc_core::BackOff::NextAttemptDelay and Chromium's
// net::BackoffEntry compute jittered exponential delays (research §4).
//
// Extra remote operations cover libraries the table does not yet describe:
// POSIX connect and getaddrinfo, cpp-httplib's client verbs, cpr's free
// verbs. Error codes (boost::system::error_code, std::error_code) are
// true when they hold an error. Successive-chunk I/O (recv/send/read/write and their SSL forms,
// gRPC stream Read/Write) is listed separately: a loop around it makes
// progress, it does not retry.
//
//===----------------------------------------------------------------------===//

#include "knowledge/RetryKnowledge.h"
#include "ast/TableLookup.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace resilience {
namespace model {

static RetryKnowledge makeRetryKnowledge() {
  RetryKnowledge K;
  // libevent: "-1 repeats indefinitely" (event2/http.h).
  K.RetryCountSetters = {
      {"::evhttp_connection_set_retries", 1, "libevent"}};
  // grpcpp/support/channel_arguments.h; GRPC_ARG_SERVICE_CONFIG is
  // "grpc.service_config" (grpc/impl/channel_arg_names.h).
  K.ServiceConfigSetters = {"grpc::ChannelArguments::SetServiceConfigJSON"};
  K.ChannelArgSetters = {"grpc::ChannelArguments::SetString"};
  K.ServiceConfigArg = "grpc.service_config";
  // GRPC_ARG_ENABLE_RETRIES is "grpc.enable_retries"; gRFC A6 caps
  // maxAttempts at 5. A channel (grpc::CreateCustomChannel) carries its
  // arguments, a generated Stub (NewStub) its channel.
  K.ChannelIntSetters = {"grpc::ChannelArguments::SetInt"};
  K.RetryEnableArg = "grpc.enable_retries";
  K.MaxPolicyAttempts = 5;
  K.HandleFactories = {
      "grpc::CreateCustomChannel",
      "grpc::experimental::CreateCustomChannelWithInterceptors",
      "NewStub", "std::make_shared", "std::make_unique", "std::move"};
  K.SleepFunctions = {
      "std::this_thread::sleep_for", "std::this_thread::sleep_until",
      "boost::this_thread::sleep_for", "boost::this_thread::sleep_until",
      "boost::this_thread::sleep", "::sleep", "::usleep", "::nanosleep",
      "::clock_nanosleep", "::Sleep", "::SleepEx"};
  K.TimerWaits = {
      {"boost::asio::basic_waitable_timer::wait",
       {"expires_after", "expires_from_now", "expires_at"}},
      {"boost::asio::basic_deadline_timer::wait",
       {"expires_from_now", "expires_at"}},
      {"asio::basic_waitable_timer::wait",
       {"expires_after", "expires_from_now", "expires_at"}},
  };
  K.RandomFunctions = {"::rand",         "::random",   "::rand_r",
                       "::arc4random",   "::arc4random_uniform",
                       "::drand48",      "::lrand48",  "::mrand48",
                       "::erand48",      "::nrand48",  "::jrand48",
                       "::getrandom",    "absl::Uniform",
                       "absl::Bernoulli", "folly::Random::rand32",
                       "folly::Random::rand64", "folly::Random::randDouble01",
                       "folly::Random::randDouble"};
  K.RandomTypes = {
      "std::uniform_int_distribution", "std::uniform_real_distribution",
      "std::normal_distribution", "std::lognormal_distribution",
      "std::exponential_distribution", "std::bernoulli_distribution",
      "std::poisson_distribution", "std::geometric_distribution",
      "std::discrete_distribution", "std::mersenne_twister_engine",
      "std::linear_congruential_engine", "std::subtract_with_carry_engine",
      "std::discard_block_engine", "std::shuffle_order_engine",
      "std::independent_bits_engine", "std::random_device",
      "boost::random::uniform_int_distribution",
      "boost::random::uniform_real_distribution",
      "boost::random::mersenne_twister_engine"};
  K.GrowthFunctions = {"std::pow", "::pow", "::powf", "::powl", "std::exp2",
                       "::exp2", "::exp2f", "std::ldexp", "::ldexp",
                       "std::exp", "::exp"};
  K.CeilingFunctions = {"std::min", "std::clamp", "std::fmin", "::fmin",
                        "::fminf", "boost::algorithm::clamp", "::MIN"};
  K.ClockFunctions = {"std::chrono::steady_clock::now",
                      "std::chrono::system_clock::now",
                      "std::chrono::high_resolution_clock::now",
                      "boost::chrono::steady_clock::now",
                      "::time", "::clock_gettime", "::gettimeofday",
                      "absl::Now", "gpr_now"};
  K.TimeTypes = {"std::chrono::time_point", "std::chrono::duration",
                 "boost::chrono::time_point", "boost::posix_time::ptime",
                 "absl::Time", "gpr_timespec", "::timespec", "::timeval"};
  K.RetryPolicyMethods = {
      "ShouldRetry", "should_retry", "OnFailure", "IsExhausted",
      "is_exhausted", "CanRetry", "can_retry", "IsPermanentFailure",
      "retry_allowed", "ShouldRejectRequest", "HasBudget", "exhausted"};
  K.RetryPolicyNamePatterns = {"shouldretry*", "should_retry*",
                               "*canretry*",   "*can_retry*",
                               "isretryable*", "is_retryable*",
                               "retryallowed*", "retry_allowed*"};
  K.BackoffHelpers = {"grpc_core::BackOff::NextAttemptDelay",
                      "grpc_core::BackOff::NextAttemptTime",
                      "net::BackoffEntry::GetTimeUntilRelease",
                      "Aws::Client::RetryStrategy::CalculateDelayBeforeNextRetry"};
  K.BackoffNameHints = {"backoff", "jitter"};
  K.SleepNameHints = {"sleep", "delay"};
  K.ExtraRemoteOperations = {
      "::connect",          "::getaddrinfo",     "cpr::Get",
      "cpr::Post",          "cpr::Put",          "cpr::Delete",
      "cpr::Patch",         "cpr::Head",         "cpr::Options",
      "cpr::Session::Get",  "cpr::Session::Post", "cpr::Session::Put",
      "cpr::Session::Delete", "cpr::Session::Patch",
      "httplib::Client::Get", "httplib::Client::Post",
      "httplib::Client::Put", "httplib::Client::Patch",
      "httplib::Client::Delete", "httplib::Client::Head",
      "httplib::Client::Options", "httplib::Client::send",
      "httplib::ClientImpl::Get", "httplib::ClientImpl::Post",
      "httplib::ClientImpl::Put", "httplib::ClientImpl::Patch",
      "httplib::ClientImpl::Delete", "httplib::ClientImpl::Head",
      "httplib::ClientImpl::send", "httplib::SSLClient::Get",
      "httplib::SSLClient::Post"};
  K.RemoteContextTypes = {"grpc::ClientContext"};
  K.RemoteResultTypes = {"grpc::Status", "httplib::Result", "cpr::Response"};
  K.StreamOperations = {
      "::recv",     "::recvfrom", "::recvmsg",   "::read",
      "::send",     "::sendto",   "::sendmsg",   "::write",
      "::readv",    "::writev",   "::SSL_read",  "::SSL_write",
      "::SSL_read_ex", "::SSL_write_ex",
      "grpc::ClientReader::Read", "grpc::ClientReaderWriter::Read",
      "grpc::ClientReaderWriter::Write", "grpc::ClientWriter::Write"};
  K.EventLoopCalls = {
      "::curl_multi_perform", "::curl_multi_poll", "::curl_multi_wait",
      "::curl_multi_socket_action", "::poll", "::ppoll", "::select",
      "::pselect", "::epoll_wait", "::epoll_pwait", "::accept", "::accept4",
      "grpc::CompletionQueue::Next", "grpc::CompletionQueue::AsyncNext",
      "::event_base_dispatch", "::event_base_loop",
      "boost::asio::io_context::run", "boost::asio::io_context::run_one",
      "boost::asio::io_context::poll", "httplib::Server::listen"};
  K.SuccessTests = {"ok", "good", "is_ok", "IsOk", "Ok", "isOk", "ok_",
                    "succeeded", "success", "is_success", "IsSuccess",
                    "has_value"};
  K.FailureTests = {"error", "failed", "fail", "has_error", "is_error",
                    "IsError", "HasError", "bad", "isError"};
  // boost/system/error_code.hpp and <system_error>: `explicit operator
  // bool` is "value() != 0", i.e. true on failure. beast::error_code is an
  // alias of boost::system::error_code; standalone Asio's asio::error_code
  // of std::error_code.
  K.ErrorCodeTypes = {"boost::system::error_code", "std::error_code"};
  K.ErrorFieldSuffixes = {"error", "err", "errno", "errcode", "error_code",
                          "errorcode"};
  // Response bodies (cpp-httplib Response::body, cpr Response::text, a
  // libcurl write buffer) are strings; parsed documents are JSON values.
  K.PayloadTypes = {"std::basic_string", "std::basic_string_view",
                    "nlohmann::basic_json", "Json::Value",
                    "rapidjson::GenericValue", "rapidjson::GenericDocument",
                    "boost::json::value", "boost::json::object",
                    "boost::json::string", "web::json::value",
                    "web::json::object", "Poco::JSON::Object",
                    "Poco::Dynamic::Var", "QJsonDocument", "QJsonObject",
                    "QJsonValue", "QByteArray", "QString"};
  // google.longrunning.Operation has `done`; Kubernetes objects have
  // `status.phase`; job APIs return a `state`.
  K.StateFieldWords = {"done", "ready", "complete", "completed", "finished",
                       "state", "phase", "stage"};
  K.StateValueWords = {"done", "finished", "complete", "completed", "ready",
                       "running", "succeeded", "active", "available",
                       "terminated", "stopped", "pending", "queued",
                       "progress", "processing", "scheduled", "starting"};
  K.PresenceMethods = {"empty", "size", "length", "has_value", "isEmpty",
                       "isNull", "is_null", "IsNull", "strlen"};
  K.FailureWords = {"error", "fail", "retry", "retriable", "message",
                    "reason", "throttl", "unavailable", "busy", "overload",
                    "ratelimit", "rate_limit", "exception"};
  return K;
}

const RetryKnowledge &retryKnowledge() {
  static const RetryKnowledge K = makeRetryKnowledge();
  return K;
}

std::string plainQualifiedName(const clang::NamedDecl *D) {
  if (!D->getIdentifier())
    return ""; // operators, constructors: never named in the tables
  return table::qualifiedName(D);
}

void NameList::add(llvm::StringRef Pattern) {
  Pattern = Pattern.trim();
  if (!Pattern.empty())
    Patterns.push_back(Pattern.str());
}

bool NameList::matchesName(llvm::StringRef Name) const {
  for (const std::string &P : Patterns) {
    llvm::StringRef Pat(P);
    if (Pat.consume_front("::")) {
      if (Name == Pat)
        return true;
      continue;
    }
    if (Name == Pat)
      return true;
    if (Name.size() > Pat.size() + 2 && Name.ends_with(Pat) &&
        Name.drop_back(Pat.size()).ends_with("::"))
      return true;
  }
  return false;
}

bool NameList::matches(const clang::NamedDecl *D) const {
  if (!D || Patterns.empty())
    return false;
  return matchesName(plainQualifiedName(D));
}

} // namespace model
} // namespace resilience
