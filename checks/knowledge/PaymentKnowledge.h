//===--- PaymentKnowledge.h - What payment APIs and HTTP clients look like -===//
//
// Knowledge is data, matching is code. This header describes the shape of
// the data; knowledge/Payments.cpp fills it in: which URLs are payment
// endpoints (per provider), which headers and body fields carry an
// idempotency key, which calls mint a fresh key, and for each HTTP library
// how a POST, its URL, its headers and its body are written.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_PAYMENTKNOWLEDGE_H
#define RESILIENCE_TIDY_MODEL_PAYMENTKNOWLEDGE_H

#include "llvm/ADT/StringRef.h"
#include <vector>

namespace resilience {
namespace model {

/// A URL pattern that identifies a payment endpoint (POSIX extended regex,
/// matched case-insensitively anywhere in the URL).
struct PaymentEndpoint {
  llvm::StringRef Provider; ///< "Stripe"; empty for the generic patterns
  llvm::StringRef Pattern;
  /// How this provider takes the key, for the note ("the 'Idempotency-Key'
  /// header").
  llvm::StringRef KeyCarrier;
  /// The pattern names the provider's host only: any POST there counts,
  /// and what it does is decided by the operations (none matching: it
  /// creates or changes an object, it moves no money).
  bool HostOnly = false;
};

/// What a duplicate of a POST does, by the operation its URL names (POSIX
/// extended regex, case-insensitive, first match wins). A payment endpoint
/// no operation matches is taken as a charge.
struct PaymentOperation {
  llvm::StringRef Pattern;
  llvm::StringRef Duplicate; ///< "charge the customer twice"
  bool MovesMoney;           ///< money-moving: the higher severity
};

/// How a POST through a project's own HTTP layer shows itself when nothing
/// declares it (words of identifiers, split at '_' and case changes).
struct InHouseHints {
  std::vector<llvm::StringRef> PostWords;  ///< in the function's name
  /// Say POST only when the function returns no string (a `create_url`
  /// builds a URL, it sends nothing).
  std::vector<llvm::StringRef> PostWordsIfNoString;
  std::vector<llvm::StringRef> PostVerbs;  ///< in a method argument
  /// Another method: in an argument or the name, it is not a POST.
  std::vector<llvm::StringRef> OtherVerbs;
  std::vector<llvm::StringRef> BodyParams;   ///< parameter names of a body
  std::vector<llvm::StringRef> HeaderParams; ///< ... of headers
  /// Type-name words of a header container argument.
  std::vector<llvm::StringRef> HeaderTypes;
};

/// libcurl: options on a handle (curl_easy_setopt).
struct CurlShape {
  llvm::StringRef Setter;          ///< curl_easy_setopt(handle, option, value)
  llvm::StringRef Perform;         ///< curl_easy_perform(handle)
  std::vector<llvm::StringRef> PostOptions;  ///< make the request a POST
  llvm::StringRef PostFlagOption;  ///< the one of them where 0 means "not"
  /// Make it something else again when nonzero (GET, HEAD, PUT).
  std::vector<llvm::StringRef> OtherMethodOptions;
  std::vector<llvm::StringRef> BodyOptions;  ///< carry the body
  llvm::StringRef MethodOption;    ///< CURLOPT_CUSTOMREQUEST
  llvm::StringRef UrlOption;       ///< CURLOPT_URL
  llvm::StringRef HeaderOption;    ///< CURLOPT_HTTPHEADER
  llvm::StringRef ListAppend;      ///< curl_slist_append(list, "Name: value")
};

/// A library whose POST is one call taking the URL, headers and body as
/// arguments: cpp-httplib's `Client::Post(path, headers, body, type)`
/// (arguments found by parameter name) and cpr's `cpr::Post(cpr::Url{..},
/// cpr::Header{..}, cpr::Body{..})` (arguments found by type).
struct CallShape {
  llvm::StringRef Library;                 ///< "cpp-httplib"
  std::vector<llvm::StringRef> Functions;  ///< qualified names of the POSTs
  bool ByParameterName;                    ///< else by argument type
  llvm::StringRef Url, Headers, Body, Fields; ///< names (params or types)
  /// The client object's constructor argument is the base URL (httplib's
  /// `Client cli("https://api.stripe.com")`).
  bool BaseUrlFromObject;
  /// A method of the client object that sets headers for every request.
  llvm::StringRef DefaultHeadersMethod;
};

/// A request object built, then handed to a sender: Boost.Beast's
/// `http::request` + `http::write`, POCO's `HTTPRequest` +
/// `HTTPClientSession::sendRequest`, Qt's `QNetworkRequest` +
/// `QNetworkAccessManager::post`.
struct MessageSender {
  llvm::StringRef Function; ///< qualified name
  unsigned MessageArg;      ///< which argument is the request object
  bool SendsPost;           ///< the call itself is a POST (Qt's post)
  int BodyArg;              ///< the body argument, or -1
};
struct MessageShape {
  llvm::StringRef Library;                  ///< "Boost.Beast"
  std::vector<llvm::StringRef> RequestTypes;///< typedef or class names
  /// The enumerator or constant naming POST ("post", "HTTP_POST"); a string
  /// literal "POST" counts too.
  llvm::StringRef PostVerb;
  int CtorVerbArg, CtorTargetArg;           ///< -1 when absent
  llvm::StringRef MethodSetter, TargetSetter, BodyAccessor;
  std::vector<llvm::StringRef> HeaderSetters; ///< req.set(name, value)
  /// Methods taking a whole header map (cpr's Session::SetHeader).
  std::vector<llvm::StringRef> HeaderMapSetters;
  llvm::StringRef BodySetter;               ///< session.SetBody(body)
  std::vector<MessageSender> Senders;
  /// Methods of the object itself that send it as a POST (cpr's
  /// Session::Post()).
  std::vector<llvm::StringRef> PostMethods;
};

/// Everything the idempotency check knows; options replace the lists.
struct PaymentKnowledge {
  std::vector<PaymentEndpoint> Endpoints;
  std::vector<PaymentOperation> Operations;
  /// For a payment endpoint no operation matches.
  PaymentOperation DefaultOperation, HostOperation;
  InHouseHints InHouse;
  std::vector<llvm::StringRef> IdempotencyHeaders;
  std::vector<llvm::StringRef> IdempotencyBodyFields;
  /// Substrings of (lower-case, qualified) callee names that mint a new
  /// value on every call: a key made by one of them is fresh per attempt.
  std::vector<llvm::StringRef> KeyGenerators;
  CurlShape Curl;
  std::vector<CallShape> Calls;
  std::vector<MessageShape> Messages;
};

/// The built-in knowledge (knowledge/Payments.cpp).
const PaymentKnowledge &defaultPaymentKnowledge();

} // namespace model
} // namespace resilience

#endif
