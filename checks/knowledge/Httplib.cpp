//===--- Httplib.cpp - cpp-httplib's client -------------------------------===//
//
// Facts (httplib.h, Debian's 0.11): a Client or ClientImpl waits
// CPPHTTPLIB_CONNECTION_TIMEOUT_SECOND (300) to connect and
// CPPHTTPLIB_CLIENT_READ_TIMEOUT_SECOND (300) for *each* read; newer versions
// add set_max_timeout, a bound on the whole request, whose default is none.
// So an unconfigured client is bounded, but by a long default: a slow server
// holds the caller for five minutes per read, a trickling one for ever.
// set_read_timeout / set_max_timeout shorten that; set_connection_timeout
// alone bounds only the connect.
//
// Look-alikes: set_write_timeout (5 s by default already; bounds sends),
// set_keep_alive, set_follow_location, set_default_headers.
// A 0 read timeout makes every read time out at once, so it is finite.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum HttplibSlot : unsigned { Read, Max, Connect };
} // namespace

LibraryModel makeHttplibModel() {
  LibraryModel M;
  M.Name = "cpp-httplib";
  // SSLClient derives from ClientImpl, so its calls name ClientImpl.
  for (llvm::StringRef F :
       {"httplib::Client::Get", "httplib::Client::Post",
        "httplib::Client::Put", "httplib::Client::Patch",
        "httplib::Client::Delete", "httplib::Client::Head",
        "httplib::Client::Options", "httplib::Client::send",
        "httplib::ClientImpl::Get", "httplib::ClientImpl::Post",
        "httplib::ClientImpl::Put", "httplib::ClientImpl::Patch",
        "httplib::ClientImpl::Delete", "httplib::ClientImpl::Head",
        "httplib::ClientImpl::Options", "httplib::ClientImpl::send"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = ObjectArg;
    R.Verb = "sends an HTTP request";
    M.Requests.push_back(R);
  }
  M.SlotSetters = {
      {"httplib::Client*::set_read_timeout", ObjectArg, Read},
      {"httplib::Client*::set_max_timeout", ObjectArg, Max},
      {"httplib::Client*::set_connection_timeout", ObjectArg, Connect},
  };
  M.Slots = {{"read timeout", /*ZeroMeansNever=*/false},
             {"overall timeout", false},
             {"connect timeout", false}};
  M.BoundingGroups = {{Read}, {Max}};
  M.PartialSlots = {Connect};
  M.HandleTypes = {"httplib::Client", "httplib::ClientImpl",
                   "httplib::SSLClient"};
  M.OwnPrefixes = {"httplib::"};
  M.HandleNoun = "client";
  M.Unbounded = Severity::LongDefault;
  M.Consequence = "cpp-httplib then waits up to its default of 300 s for each "
                  "read and sets no overall limit (a long library default), "
                  "so a slow server holds this thread for minutes";
  M.DefaultBehaviour = "cpp-httplib waits 300 s per read by default";
  M.FixAdvice = "call set_read_timeout (each read) or set_max_timeout (the "
                "whole request, cpp-httplib 0.15 and later) on '%0' before "
                "this call";
  return M;
}

} // namespace model
} // namespace resilience
