//===--- Cpprest.cpp - cpprestsdk's http_client ----------------------------===//
//
// Facts (cpprest/http_client.h, Debian's 2.10.18): an http_client_config
// starts with a 30 s timeout, "used for each send and receive operation on
// the client"; set_timeout(duration) replaces it. The http_client copies the
// config it is constructed with (there is no setter afterwards), so the
// bound of request() is the config's at construction. The default is a sane
// bound: only an explicit zero or an absurdly long value is reported.
//
// What zero does is not documented in the header. In the library's sources
// (Release/src/http/client/http_client_asio.cpp, the Linux backend) the
// request timer is armed with the duration as is, so a zero one expires at
// once and closes the connection; the WinHTTP backend clamps it to 1 ms
// since 2.7 (microsoft/cpprestsdk#353). Either way it is no usable bound,
// which is all the message claims.
//
// Look-alikes: set_chunksize, set_max_redirects, set_validate_certificates,
// set_guarantee_order.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum CpprestSlot : unsigned { Timeout };
} // namespace

LibraryModel makeCpprestModel() {
  LibraryModel M;
  M.Name = "cpprestsdk";
  RequestCall R;
  R.Function = "web::http::client::http_client::request";
  R.HandleArg = ObjectArg;
  R.Verb = "sends an HTTP request";
  M.Requests.push_back(R);
  BoundSlot S{"timeout", /*ZeroMeansNever=*/false};
  S.ZeroUnusable = true;
  S.CheckAbsurd = true;
  M.Slots = {S};
  M.BoundingGroups = {{Timeout}};
  M.SlotSetters = {{"web::http::client::http_client_config::set_timeout",
                    ObjectArg, Timeout}};
  M.HandleTypes = {"web::http::client::http_client",
                   "web::http::client::http_client_config"};
  M.ConfigTypes = {"web::http::client::http_client_config"};
  M.HandleNoun = "client";
  M.Unbounded = Severity::Finite;
  M.DefaultBehaviour = "cpprestsdk waits 30 s per send or receive by default";
  M.FixAdvice = "give the http_client_config of '%0' a timeout of seconds "
                "(set_timeout(std::chrono::seconds(30))), or keep "
                "cpprestsdk's default of 30 s by not setting it";
  return M;
}

} // namespace model
} // namespace resilience
