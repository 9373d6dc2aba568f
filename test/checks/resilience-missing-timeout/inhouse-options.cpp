// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.RequestFunctions: 'corp::HttpClient::Send:this;corp::call_service:1', resilience-missing-timeout.TimeoutSetters: 'corp::HttpClient::SetDeadlineMs:this;corp::set_rpc_timeout:0', resilience-missing-timeout.ConfiguredFactories: 'corp::default_client'}}" --
// An in-house client declared through the check's options.
namespace corp {
struct Request {};
struct Channel {};
class HttpClient {
public:
  void SetDeadlineMs(long ms) { deadline_ = ms; }
  void SetUserAgent(const char *) {}
  int Send(const Request &) { return 0; }

private:
  long deadline_ = 0;
};
HttpClient *default_client();
HttpClient *raw_client();
void set_rpc_timeout(Channel *ch, long ms);
inline void set_rpc_label(Channel *ch, const char *label) { (void)ch; (void)label; }
int call_service(const char *method, Channel *ch);
} // namespace corp

// ---- positives ------------------------------------------------------------

void no_deadline() {
  corp::HttpClient cli;
  cli.Send(corp::Request{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Send' sends a request on handle 'cli' that has no timeout; no function listed in TimeoutSetters is called on it first, so a stalled peer can block this call forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call one of the TimeoutSetters on 'cli' before this call, or obtain it from one of the ConfiguredFactories
}

void look_alike_setter() {
  corp::HttpClient cli;
  cli.SetUserAgent("svc/1.0");
  cli.Send(corp::Request{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Send' sends a request on handle 'cli' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call one of the TimeoutSetters
}

void handle_at_index_one() {
  corp::Channel ch;
  corp::set_rpc_label(&ch, "billing");
  corp::call_service("Charge", &ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'call_service' sends a request on handle 'ch' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call one of the TimeoutSetters on 'ch'
}

void deadline_on_another_client() {
  corp::HttpClient a, b;
  a.SetDeadlineMs(500);
  a.Send(corp::Request{});
  b.Send(corp::Request{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Send' sends a request on handle 'b' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call one of the TimeoutSetters on 'b'
}

class Uploader {
public:
  int upload() {
    return cli_.Send(corp::Request{});
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Send' sends a request on handle 'cli_' that has no timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: call one of the TimeoutSetters on 'cli_'
  }

private:
  corp::HttpClient cli_;
};

// ---- negatives ----------------------------------------------------------------

void with_deadline() {
  corp::HttpClient cli;
  cli.SetDeadlineMs(800);
  cli.Send(corp::Request{});
}

void free_setter_at_index_zero() {
  corp::Channel ch;
  corp::set_rpc_timeout(&ch, 250);
  corp::call_service("Refund", &ch);
}

void from_a_configured_factory() {
  corp::HttpClient *cli = corp::default_client();
  cli->Send(corp::Request{});
}

static void harden(corp::HttpClient &c) { c.SetDeadlineMs(1000); }

void from_a_helper() {
  corp::HttpClient cli;
  harden(cli);
  cli.Send(corp::Request{});
}

class Reporter {
public:
  Reporter() { cli_.SetDeadlineMs(300); }
  int report() { return cli_.Send(corp::Request{}); }

private:
  corp::HttpClient cli_;
};

// Out of sight: an unlisted factory and a parameter.
void from_an_unknown_factory(corp::HttpClient &given) {
  corp::raw_client()->Send(corp::Request{});
  given.Send(corp::Request{});
}
