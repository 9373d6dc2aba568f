//===--- Libevent.cpp - libevent's evhttp client connections --------------===//
//
// Facts (include/event2/http.h; http.c and http-internal.h of libevent 2.1):
// evhttp_connection_set_timeout(evcon, secs) and _set_timeout_tv bound the
// connection's reads and writes. When neither is called, http.c falls back to
// its internal constants (HTTP_READ_TIMEOUT / HTTP_WRITE_TIMEOUT, 50 s of
// inactivity per operation): a long library default, not "never". A value of
// -1 (or a NULL timeval) restores that default; it does not disable it.
//
// Look-alikes: evhttp_connection_set_retries / _set_initial_retry_tv (how
// often to retry, not how long to wait), _set_max_body_size,
// _set_max_headers_size, _set_closecb.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum EvhttpSlot : unsigned { Timeout };
} // namespace

LibraryModel makeLibeventModel() {
  LibraryModel M;
  M.Name = "libevent";
  M.Requests = {{"evhttp_make_request", 0, "sends an HTTP request"}};
  M.Creators = {"evhttp_connection_base_new", "evhttp_connection_new",
                "evhttp_connection_base_bufferevent_new"};
  M.Slots = {{"timeout", /*ZeroMeansNever=*/false}};
  M.BoundingGroups = {{Timeout}};
  M.SlotSetters = {{"evhttp_connection_set_timeout", 0, Timeout, 1},
                   {"evhttp_connection_set_timeout_tv", 0, Timeout, 1}};
  M.OwnPrefixes = {"evhttp_", "event_", "evdns_", "bufferevent_"};
  M.HandleNoun = "connection";
  M.Unbounded = Severity::LongDefault;
  M.Consequence = "libevent then falls back to its internal 50 s of "
                  "inactivity per read or write (a long library default), so "
                  "a slow server holds this request for minutes";
  M.DefaultBehaviour = "evhttp connections wait 50 s of inactivity by default";
  M.FixAdvice = "call evhttp_connection_set_timeout (or _set_timeout_tv) on "
                "'%0' before this call";
  return M;
}

} // namespace model
} // namespace resilience
