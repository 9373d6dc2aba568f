//===--- StatusKnowledge.cpp - Retryable statuses and where they live -----===//
//
// Facts: RFC 9110 §15.5 makes 4xx client errors: the request itself is
// wrong (400, 401, 403, 404, 409, 422) and repeating it unchanged fails the
// same way. Two exceptions ask for a retry: 408 Request Timeout (the server
// gave up waiting for the request, RFC 9110 §15.5.9) and 429 Too Many
// Requests (RFC 6585 §4, with Retry-After). 5xx server errors may pass:
// 500, 502 Bad Gateway, 503 Service Unavailable (§15.6.4, "likely to be
// alleviated after some delay") and 504. POST and PATCH are neither safe nor
// idempotent (RFC 9110 §9.2.2; RFC 5789 §2).
//
// gRPC's status codes (grpc/doc/statuscodes.md): UNAVAILABLE "is most likely
// a transient condition, which can be corrected by retrying with a backoff";
// DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED may pass; INVALID_ARGUMENT,
// NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION,
// UNAUTHENTICATED, OUT_OF_RANGE and UNIMPLEMENTED do not change on a retry
// ("Do not retry until the system state has been explicitly fixed").
//
// Where the status lives: cpp-httplib `Response::status`, cpr
// `Response::status_code`, Boost.Beast `message::result_int()` and
// `result()`, POCO `HTTPResponse::getStatus()`, cpprestsdk
// `http_response::status_code()`, libcurl `curl_easy_getinfo(h,
// CURLINFO_RESPONSE_CODE, &long)`; gRPC `Status::error_code()`.
//
//===----------------------------------------------------------------------===//

#include "knowledge/StatusKnowledge.h"

namespace resilience {
namespace model {

static StatusKnowledge makeStatusKnowledge() {
  StatusKnowledge K;
  K.HttpStatusMembers = {"httplib::Response::status",
                         "cpr::Response::status_code",
                         "boost::beast::http::message::result_int",
                         "boost::beast::http::message::result",
                         "boost::beast::http::header::result_int",
                         "boost::beast::http::header::result",
                         "Poco::Net::HTTPResponse::getStatus",
                         "web::http::http_response::status_code"};
  K.HttpStatusOutputs = {
      {"::curl_easy_getinfo", 1, "CURLINFO_RESPONSE_CODE", 2}};
  K.RetryableHttpStatuses = {408, 429, 500, 502, 503, 504};
  K.PermanentHttpExamples = {400, 401, 403, 404, 409, 422};
  K.RpcStatusTypes = {"grpc::Status"};
  K.RpcCodeMethods = {"grpc::Status::error_code"};
  K.RpcCodeTypes = {"grpc::StatusCode"};
  K.RetryableRpcCodes = {"UNAVAILABLE", "DEADLINE_EXCEEDED",
                         "RESOURCE_EXHAUSTED"};
  K.PermanentRpcCodes = {"INVALID_ARGUMENT", "NOT_FOUND", "PERMISSION_DENIED",
                         "ALREADY_EXISTS", "FAILED_PRECONDITION"};
  K.RpcOkCode = "OK";
  K.ClassifierNameHints = {"retryable", "retriable", "transient", "permanent",
                           "shouldretry", "should_retry", "canretry",
                           "can_retry", "clienterror", "client_error",
                           "servererror", "server_error", "temporary"};
  K.NonIdempotentMethods = {"POST", "PATCH"};
  return K;
}

const StatusKnowledge &statusKnowledge() {
  static const StatusKnowledge K = makeStatusKnowledge();
  return K;
}

} // namespace model
} // namespace resilience
