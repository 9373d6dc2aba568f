// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// A poll is not a retry: it repeats a request that worked because the
// response's content says "not yet" (a job state, `done`, a phase). Each
// poll below is silent under all three retry checks; next to them, retry
// loops of the same shape that leave on the outcome alone are reported.
#include <curl/curl.h>
#include <cpprest/json.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <chrono>
#include <string>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

bool job_done(const std::string &body);

// A hand-written stub in the shape protoc generates for
// google.longrunning.Operations.
struct GetOperationRequest { std::string name; };
class Operation {
public:
  bool done() const;
  const std::string &name() const;
};
class OperationsStub {
public:
  grpc::Status GetOperation(grpc::ClientContext *ctx,
                            const GetOperationRequest &req, Operation *op);
};

static size_t collect(char *data, size_t size, size_t n, void *user) {
  static_cast<std::string *>(user)->append(data, size * n);
  return size * n;
}

// ---- polls: silent --------------------------------------------------------

// cpp-httplib: the exit needs a 200 and a body that says the job is done.
void poll_until_done(httplib::Client &cli) {
  while (true) {
    auto r = cli.Get("/jobs/42");
    if (r && r->status == 200 && job_done(r->body))
      break;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// A transport failure goes round again too, but a successful answer that
// is not "done" is what the loop waits for: still a poll.
std::string wait_for_ready(httplib::Client &cli) {
  for (int i = 0; i < 100; ++i) {
    auto res = cli.Get("/v1/operations/7");
    if (!res) continue;
    if (res->body.find("\"done\": true") != std::string::npos)
      return res->body;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return {};
}

// libcurl: the write callback fills `buf`; the loop waits for a state in it.
bool wait_export_finished(CURL *h) {
  std::string buf;
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &buf);
  for (;;) {
    buf.clear();
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK && buf.find("\"state\":\"finished\"") != std::string::npos)
      return true;
    sleep(2);
  }
}

// libcurl, mixed: a failed transfer waits and goes round, a finished
// transfer whose body is not "ready" waits and goes round.
bool wait_ready_or_transport_error(CURL *h) {
  std::string buf;
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &buf);
  while (true) {
    buf.clear();
    if (curl_easy_perform(h) != CURLE_OK) {
      sleep(5);
      continue;
    }
    if (buf == "ready")
      break;
    sleep(1);
  }
  return true;
}

// gRPC long-running operation: GetOperation until `done()`.
bool wait_operation(OperationsStub &stub, const GetOperationRequest &req) {
  Operation op;
  while (true) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    grpc::Status s = stub.GetOperation(&ctx, req, &op);
    if (s.ok() && op.done())
      return true;
    std::this_thread::sleep_for(2s);
  }
}

// The same through an in-house wrapper, with the state in the loop's
// condition.
static Operation get_operation(OperationsStub &stub,
                               const GetOperationRequest &req) {
  Operation op;
  grpc::ClientContext ctx;
  stub.GetOperation(&ctx, req, &op);
  return op;
}

Operation wait_operation_do(OperationsStub &stub,
                            const GetOperationRequest &req) {
  Operation op;
  do {
    std::this_thread::sleep_for(1s);
    op = get_operation(stub, req);
  } while (!op.done());
  return op;
}

// A job-status field in a JSON document parsed from the body.
bool wait_job_json(httplib::Client &cli) {
  for (int attempt = 0; attempt < 60; ++attempt) {
    auto res = cli.Get("/v2/jobs/9");
    if (res && res->status == 200) {
      web::json::value j = web::json::value::parse(res->body);
      if (j.at("status").as_string() == "SUCCEEDED")
        return true;
    }
    std::this_thread::sleep_for(5s);
  }
  return false;
}

// Kubernetes style: an in-house wrapper returns the pod; wait for its phase.
struct PodStatus { std::string phase; };
struct Pod { bool ok; PodStatus status; };
static Pod get_pod(httplib::Client &cli, const std::string &name) {
  Pod p{false, {}};
  if (auto r = cli.Get("/api/v1/namespaces/default/pods/" + name)) {
    p.ok = r->status == 200;
    p.status.phase = r->body;
  }
  return p;
}

bool wait_pod_running(httplib::Client &cli, const std::string &name) {
  while (true) {
    Pod p = get_pod(cli, name);
    if (p.ok && p.status.phase == "Running")
      return true;
    sleep(3);
  }
}

// Bounded by a deadline, waiting for the body to say "ready".
bool wait_until_deadline(httplib::Client &cli) {
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = cli.Get("/readyz");
    if (r && r->status == 200 && r->body == "ready")
      return true;
    std::this_thread::sleep_for(1s);
  }
  return false;
}

// An in-house wrapper returning a struct whose state is an enumerator: wait
// while the job runs.
enum class JobState { kQueued, kRunning, kSucceeded, kFailed };
struct JobStatus { bool ok; JobState state; };
static JobStatus fetch_status(CURL *h) {
  JobStatus st{false, JobState::kQueued};
  st.ok = curl_easy_perform(h) == CURLE_OK;
  return st;
}

bool wait_job_enum(CURL *h) {
  for (;;) {
    JobStatus st = fetch_status(h);
    if (st.ok && st.state != JobState::kRunning)
      return true;
    std::this_thread::sleep_for(10s);
  }
}

// A flag set when the body says done.
void poll_with_flag(httplib::Client &cli) {
  bool done = false;
  while (!done) {
    auto r = cli.Get("/jobs/7");
    if (r && job_done(r->body))
      done = true;
    else
      sleep(1);
  }
}

// The state comes out of the body into a variable of the loop.
std::string parse_state(const std::string &body);
bool wait_state_variable(httplib::Client &cli) {
  for (int attempt = 0; attempt < 30; ++attempt) {
    auto res = cli.Get("/v1/exports/3");
    if (!res || res->status != 200)
      continue;
    std::string state = parse_state(res->body);
    if (state == "finished")
      return true;
    sleep(1);
  }
  return false;
}

// ---- retries next to them: reported ---------------------------------------

void retry_until_ok(httplib::Client &cli) {
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'Client::Get' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    auto r = cli.Get("/jobs/42");
    if (r && r->status == 200)
      break;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// A write buffer is registered, but the exit tests only the transfer.
bool retry_transfer(CURL *h) {
  std::string buf;
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &buf);
  for (int attempt = 0; attempt < 5; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' retries with no delay {{.*}} [resilience-retry-without-jitter]
    buf.clear();
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      return true;
  }
  return false;
}

// The operation is an output, but the exit tests only the status.
bool retry_get_operation(OperationsStub &stub, const GetOperationRequest &req) {
  Operation op;
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'OperationsStub::GetOperation' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'OperationsStub::GetOperation' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    grpc::ClientContext ctx;
    grpc::Status s = stub.GetOperation(&ctx, req, &op);
    if (s.ok())
      break;
    std::this_thread::sleep_for(2s);
  }
  return op.done();
}

int retry_below_500(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' retries with no delay {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/items");
    if (res && res->status < 500)
      return res->status;
  }
  return -1;
}

// A flag set from the outcome, not from the content.
void retry_with_flag(CURL *h) {
  bool ok = false;
  while (!ok) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    CURLcode rc = curl_easy_perform(h);
    ok = rc == CURLE_OK;
    if (!ok)
      sleep(1);
  }
}

// The body is read, but for an error: an application-level failure is
// retried like a transport failure.
bool has_error(const std::string &body);

std::string retry_on_error_body(httplib::Client &cli) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' retries with no delay {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/quote");
    if (res && res->status == 200 && !has_error(res->body))
      return res->body;
  }
  return {};
}

// An empty body counts as a failure: whether there is content at all is a
// test of the outcome.
std::string retry_until_nonempty(httplib::Client &cli) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' retries with no delay {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/config");
    if (res && res->status == 200 && res->body.size() > 0)
      return res->body;
  }
  return {};
}

// One exit waits for the content, another leaves on any 204: a failure
// still goes round for the 204 exit's sake, so this retries.
bool retry_or_no_content(httplib::Client &cli) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    auto r = cli.Get("/jobs/1");
    if (r && r->status == 204)
      return true;
    if (r && r->status == 200 && job_done(r->body))
      return true;
    sleep(1);
  }
  return false;
}

// `body != ""` asks whether there is a body, like `!body.empty()`.
std::string retry_until_body(httplib::Client &cli) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' retries with no delay {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/profile");
    if (res && res->status == 200 && res->body != "")
      return res->body;
  }
  return {};
}
