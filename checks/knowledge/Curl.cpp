//===--- Curl.cpp - libcurl's easy interface ------------------------------===//
//
// Facts (curl.se/libcurl/c/): CURLOPT_TIMEOUT / CURLOPT_TIMEOUT_MS bound the
// whole transfer and default to 0, "never". CURLOPT_CONNECTTIMEOUT(_MS) bounds
// only the connect phase. CURLOPT_LOW_SPEED_LIMIT together with
// CURLOPT_LOW_SPEED_TIME aborts a stalled transfer. TIMEOUT and TIMEOUT_MS
// write the same internal value, so the last one set wins.
// CURLOPT_CONNECT_ONLY set to 1 (or 2, WebSocket) makes a perform only
// connect: the connect timeout bounds it, and libcurl's connect timeout
// defaults to 300 s. Set to 0 it is an ordinary transfer again.
//
// Options that look like timeouts but bound nothing a transfer waits on are
// deliberately absent: CURLOPT_CA_CACHE_TIMEOUT, CURLOPT_DNS_CACHE_TIMEOUT,
// CURLOPT_TCP_KEEPIDLE, CURLOPT_TCP_KEEPINTVL, CURLOPT_SERVER_RESPONSE_TIMEOUT
// (FTP/SFTP/SCP only), CURLOPT_ACCEPTTIMEOUT_MS (FTP active mode),
// CURLOPT_EXPECT_100_TIMEOUT_MS and CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum CurlSlot : unsigned {
  Total,
  Connect,
  LowSpeedLimit,
  LowSpeedTime,
  ConnectOnly
};
} // namespace

LibraryModel makeCurlModel() {
  LibraryModel M;
  M.Name = "libcurl";
  M.Requests = {
      {"curl_easy_perform", 0, "performs a transfer"},
      {"curl_multi_add_handle", 1, "adds a transfer"},
  };
  M.Creators = {"curl_easy_init"};
  M.Copiers = {"curl_easy_duphandle"};
  M.Resetters = {"curl_easy_reset"};
  M.Setters = {{"curl_easy_setopt", 0, 1, 2}};
  M.Slots = {
      {"total timeout", /*ZeroMeansNever=*/true},
      {"connect timeout", true},
      {"low-speed limit", true},
      {"low-speed time", true},
      {"connect-only mode", /*ZeroMeansNever=*/false},
  };
  M.Slots[ConnectOnly].ZeroMeansUnset = true;
  M.Options = {
      {"CURLOPT_TIMEOUT", Total},
      {"CURLOPT_TIMEOUT_MS", Total},
      {"CURLOPT_CONNECTTIMEOUT", Connect},
      {"CURLOPT_CONNECTTIMEOUT_MS", Connect},
      {"CURLOPT_LOW_SPEED_LIMIT", LowSpeedLimit},
      {"CURLOPT_LOW_SPEED_TIME", LowSpeedTime},
      {"CURLOPT_CONNECT_ONLY", ConnectOnly},
  };
  M.BoundingGroups = {{Total}, {LowSpeedLimit, LowSpeedTime}, {ConnectOnly}};
  M.PartialSlots = {Connect};
  M.OwnPrefixes = {"curl_"};
  M.ConnectionTypes = {"CURL"};
  M.DefaultBehaviour = "libcurl never times out a transfer by default";
  M.FixOption = "CURLOPT_TIMEOUT_MS";
  M.FixLiteralSuffix = "L";
  M.FixAdvice = "set CURLOPT_TIMEOUT_MS (or CURLOPT_LOW_SPEED_LIMIT with "
                "CURLOPT_LOW_SPEED_TIME) on '%0' before this call";
  return M;
}

} // namespace model
} // namespace resilience
