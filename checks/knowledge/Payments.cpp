//===--- Payments.cpp - Payment endpoints, idempotency keys, HTTP shapes --===//
//
// Facts (provider API references; see docs/checks/
// resilience-missing-idempotency-key.md for the sources):
//  - Stripe and Adyen take an `Idempotency-Key` header on POST; PayPal takes
//    `PayPal-Request-Id`; Checkout.com `Cko-Idempotency-Key`; Mercado Pago
//    and others `X-Idempotency-Key`; Square wants an `idempotency_key` field
//    in the JSON body. The IETF httpapi draft standardises `Idempotency-Key`.
//  - Header names are case-insensitive (RFC 9110), so they are compared so.
//
// The endpoint patterns are POSIX extended regexes (llvm::Regex), matched
// case-insensitively against the URL as far as it is known; parts built from
// values the analysis cannot see are rendered as `{name}`. Provider-specific
// patterns come first so that the message can name the provider.
//
//===----------------------------------------------------------------------===//

#include "knowledge/PaymentKnowledge.h"

namespace resilience {
namespace model {

static PaymentKnowledge build() {
  PaymentKnowledge K;
  const llvm::StringRef Header = "the 'Idempotency-Key' header";
  // End of a path segment: POSIX regexes have no \b.
#define SEG "([/?#]|$)"
  K.Endpoints = {
      {"Stripe", "api\\.stripe\\.com", Header, true},
      {"Stripe",
       "/v1/(charges|payment_intents|setup_intents|refunds|transfers|"
       "payouts|checkout/sessions|subscriptions|invoices/[^/?]+/pay)" SEG,
       Header},
      {"PayPal", "api(-m)?(\\.sandbox)?\\.paypal\\.com",
       "the 'PayPal-Request-Id' header", true},
      {"PayPal", "/v1/payments/(payment|payouts|sale|authorization|capture)",
       "the 'PayPal-Request-Id' header"},
      {"PayPal", "/v2/checkout/orders" SEG, "the 'PayPal-Request-Id' header"},
      {"PayPal", "/v2/payments/(authorizations|captures)/",
       "the 'PayPal-Request-Id' header"},
      {"Square", "connect\\.squareup(sandbox)?\\.com",
       "the 'idempotency_key' body field", true},
      {"Square", "/v2/(payments|refunds)" SEG,
       "the 'idempotency_key' body field"},
      {"Square", "/v2/orders/[^/?]+/pay" SEG,
       "the 'idempotency_key' body field"},
      {"Adyen", "adyen(payments)?\\.com", Header, true},
      {"Checkout.com", "api(\\.sandbox)?\\.checkout\\.com",
       "the 'Cko-Idempotency-Key' header", true},
      {"", "/(charges|payments|refunds|transfers|payouts|captures)" SEG,
       Header},
  };
  // What a second copy of the request does (first match wins): refunds
  // before captures (PayPal refunds a capture at /captures/{id}/refund),
  // creations of non-money objects before the payment words.
  // An unknown part ({name}) may end the segment too.
#define OPEND "([/?#{]|$)"
  K.Operations = {
      {"/refunds?" OPEND, "refund the payment twice", true},
      {"/payouts?" OPEND, "pay out twice", true},
      {"/transfers?" OPEND, "transfer the money twice", true},
      {"/customers/?([?#]|$)", "create a duplicate customer", false},
      // A PayPal order with a payment source is paid when it is created.
      {"/checkout/orders/?([?#]|$)",
       "create a duplicate order, which can be paid twice", true},
      {"/checkout/sessions/?([?#]|$)", "create a duplicate checkout session",
       false},
      {"/setup_intents/?([?#]|$)", "create a duplicate setup intent", false},
      {"/subscriptions/?([?#]|$)",
       "subscribe the customer twice, and bill both subscriptions", true},
      {"/(charges|payment_intents|payments|captures?|confirm|"
       "authorizations?|authorize|sale|pay)" OPEND,
       "charge the customer twice", true},
  };
#undef OPEND
  K.DefaultOperation = {"", "charge the customer twice", true};
  K.HostOperation = {"", "apply the request twice", false};
#undef SEG
  // A project's own HTTP layer, undeclared: `http_open(c, HTTP_REQ_POST,
  // url)`, `client.post(url, body)`, `send_request(url, body)`.
  InHouseHints &H = K.InHouse;
  H.PostWords = {"post", "send"};
  H.PostWordsIfNoString = {"create"};
  H.PostVerbs = {"post"};
  H.OtherVerbs = {"get",  "head",  "put",   "patch", "delete",
                  "fetch", "read", "list",  "query", "options"};
  H.BodyParams = {"body", "json", "payload", "data", "form", "content"};
  H.HeaderParams = {"header", "headers", "hdr", "hdrs"};
  H.HeaderTypes = {"header", "headers", "slist", "map", "multimap", "vector",
                   "list"};
  K.IdempotencyHeaders = {"Idempotency-Key", "X-Idempotency-Key",
                          "PayPal-Request-Id", "Cko-Idempotency-Key"};
  K.IdempotencyBodyFields = {"idempotency_key"};
  K.KeyGenerators = {"uuid",  "guid",  "rand",     "time",    "now",
                     "clock", "nonce", "mersenne", "mt19937", "generate"};

  CurlShape &C = K.Curl;
  C.Setter = "curl_easy_setopt";
  C.Perform = "curl_easy_perform";
  // The last method-setting option wins (curl.se/libcurl/c/CURLOPT_POST,
  // CURLOPT_HTTPGET, CURLOPT_NOBODY, CURLOPT_UPLOAD); CURLOPT_CUSTOMREQUEST
  // replaces the method string whatever they say.
  C.PostOptions = {"CURLOPT_POST", "CURLOPT_POSTFIELDS",
                   "CURLOPT_COPYPOSTFIELDS", "CURLOPT_MIMEPOST",
                   "CURLOPT_HTTPPOST"};
  C.PostFlagOption = "CURLOPT_POST";
  C.OtherMethodOptions = {"CURLOPT_HTTPGET", "CURLOPT_NOBODY",
                          "CURLOPT_UPLOAD"};
  C.BodyOptions = {"CURLOPT_POSTFIELDS", "CURLOPT_COPYPOSTFIELDS"};
  C.MethodOption = "CURLOPT_CUSTOMREQUEST";
  C.UrlOption = "CURLOPT_URL";
  C.HeaderOption = "CURLOPT_HTTPHEADER";
  C.ListAppend = "curl_slist_append";

  // cpp-httplib: every Post overload names its parameters path, headers,
  // body and params in <httplib.h>.
  CallShape Httplib;
  Httplib.Library = "cpp-httplib";
  Httplib.Functions = {"httplib::Client::Post", "httplib::ClientImpl::Post",
                       "httplib::SSLClient::Post"};
  Httplib.ByParameterName = true;
  Httplib.Url = "path";
  Httplib.Headers = "headers";
  Httplib.Body = "body";
  Httplib.Fields = "params";
  Httplib.BaseUrlFromObject = true;
  Httplib.DefaultHeadersMethod = "set_default_headers";
  K.Calls.push_back(Httplib);

  // cpr: a variadic call whose arguments are told apart by type.
  CallShape Cpr;
  Cpr.Library = "cpr";
  Cpr.Functions = {"cpr::Post", "cpr::PostAsync", "cpr::PostCallback"};
  Cpr.ByParameterName = false;
  Cpr.Url = "cpr::Url";
  Cpr.Headers = "cpr::Header";
  Cpr.Body = "cpr::Body";
  Cpr.Fields = "cpr::Payload";
  Cpr.BaseUrlFromObject = false;
  K.Calls.push_back(Cpr);

  MessageShape Beast;
  Beast.Library = "Boost.Beast";
  Beast.RequestTypes = {"boost::beast::http::request"};
  Beast.PostVerb = "post"; // http::verb::post
  Beast.CtorVerbArg = 0;   // request{verb, target, version}
  Beast.CtorTargetArg = 1;
  Beast.MethodSetter = "method";
  Beast.TargetSetter = "target";
  Beast.BodyAccessor = "body";
  Beast.HeaderSetters = {"set", "insert"};
  Beast.Senders = {{"boost::beast::http::write", 1, false, -1},
                   {"boost::beast::http::async_write", 1, false, -1}};
  K.Messages.push_back(Beast);

  // POCO: HTTPRequest(method, uri[, version]); the method is one of the
  // HTTPRequest::HTTP_* string constants.
  MessageShape Poco;
  Poco.Library = "POCO";
  Poco.RequestTypes = {"Poco::Net::HTTPRequest"};
  Poco.PostVerb = "HTTP_POST";
  Poco.CtorVerbArg = 0;
  Poco.CtorTargetArg = 1;
  Poco.MethodSetter = "setMethod";
  Poco.TargetSetter = "setURI";
  Poco.HeaderSetters = {"set", "add"};
  Poco.Senders = {{"Poco::Net::HTTPClientSession::sendRequest", 0, false, -1}};
  K.Messages.push_back(Poco);

  // Qt: the request carries URL and headers; the manager's post() is the
  // POST.
  MessageShape Qt;
  Qt.Library = "Qt";
  Qt.RequestTypes = {"QNetworkRequest"};
  Qt.CtorVerbArg = -1;
  Qt.CtorTargetArg = 0; // QNetworkRequest(const QUrl &)
  Qt.TargetSetter = "setUrl";
  Qt.HeaderSetters = {"setRawHeader"};
  Qt.Senders = {{"QNetworkAccessManager::post", 0, true, 1}};
  K.Messages.push_back(Qt);

  // cpr's Session: options set one by one, then session.Post().
  MessageShape Session;
  Session.Library = "cpr";
  Session.RequestTypes = {"cpr::Session"};
  Session.CtorVerbArg = -1;
  Session.CtorTargetArg = -1;
  Session.TargetSetter = "SetUrl";
  Session.HeaderMapSetters = {"SetHeader", "UpdateHeader"};
  Session.BodySetter = "SetBody";
  Session.PostMethods = {"Post", "PostAsync", "PostCallback"};
  K.Messages.push_back(Session);
  return K;
}

const PaymentKnowledge &defaultPaymentKnowledge() {
  static const PaymentKnowledge K = build();
  return K;
}

} // namespace model
} // namespace resilience
