// RUN: %check_resilience %s resilience-missing-timeout %t
// The handle is tracked, not the call: fields configured by other methods,
// helpers and factories defined in this translation unit, and handles whose
// configuration is out of sight.
#include <curl/curl.h>
#include <string>

// ---- fields: the constructor configures, a method performs -----------------

class ConfiguredInConstructor {
public:
  ConfiguredInConstructor() : h_(curl_easy_init()) {
    curl_easy_setopt(h_, CURLOPT_TIMEOUT_MS, 3000L);
  }
  CURLcode fetch() { return curl_easy_perform(h_); }

private:
  CURL *h_;
};

class ConfiguredInAnotherMethod {
public:
  ConfiguredInAnotherMethod() { h_ = curl_easy_init(); }
  void set_deadline(long ms) { curl_easy_setopt(h_, CURLOPT_TIMEOUT_MS, ms); }
  CURLcode fetch() { return curl_easy_perform(h_); }

private:
  CURL *h_;
};

class NeverConfigured {
public:
  NeverConfigured() : h_(curl_easy_init()) {
    curl_easy_setopt(h_, CURLOPT_FOLLOWLOCATION, 1L);
  }
  CURLcode fetch() { return curl_easy_perform(h_); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'curl_easy_perform' performs a transfer on handle 'h_' that has no total timeout
  ~NeverConfigured() { curl_easy_cleanup(h_); }

private:
  CURL *h_;
};

class ConnectOnlyInConstructor {
public:
  ConnectOnlyInConstructor() : h_(curl_easy_init()) {
    curl_easy_setopt(h_, CURLOPT_CONNECTTIMEOUT, 2L);
  }
  CURLcode fetch() { return curl_easy_perform(this->h_); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'curl_easy_perform' performs a transfer on handle 'this->h_' that has only a connect timeout

private:
  CURL *h_;
};

class ResetDropsTheConstructorsTimeout {
public:
  ResetDropsTheConstructorsTimeout() : h_(curl_easy_init()) {
    curl_easy_setopt(h_, CURLOPT_TIMEOUT, 5L);
  }
  CURLcode fetch_fresh() {
    curl_easy_reset(h_);
    return curl_easy_perform(h_);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'curl_easy_perform' performs a transfer on handle 'h_' that has no total timeout
  }

private:
  CURL *h_;
};

// A method defined in another translation unit may configure the field.
class PartlyDefinedElsewhere {
public:
  PartlyDefinedElsewhere() : h_(curl_easy_init()) {}
  void configure();
  CURLcode fetch() { return curl_easy_perform(h_); }

private:
  CURL *h_;
};

// ---- helpers defined in this translation unit -------------------------------

static void apply_timeouts(CURL *h) {
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
}

void configured_by_a_helper() {
  CURL *h = curl_easy_init();
  apply_timeouts(h);
  curl_easy_perform(h);
}

static void apply_user_agent(CURL *h) {
  curl_easy_setopt(h, CURLOPT_USERAGENT, "svc/1.0");
}

void helper_sets_something_else() {
  CURL *h = curl_easy_init();
  apply_user_agent(h);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

static void helper_disables_the_timeout(CURL *h) {
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L);
}

void timeout_disabled_by_a_helper() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  helper_disables_the_timeout(h);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0
}

// Helpers that call helpers.
static void apply_defaults(CURL *h) { apply_timeouts(h); }
void configured_two_helpers_deep() {
  CURL *h = curl_easy_init();
  apply_defaults(h);
  curl_easy_perform(h);
}

// ---- factories defined in this translation unit ------------------------------

static CURL *make_client() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  return h;
}

static CURL *make_bare_client() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  return h;
}

void from_a_configured_factory() {
  CURL *h = make_client();
  curl_easy_perform(h);
}

void from_an_unconfigured_factory() {
  CURL *h = make_bare_client();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

void perform_on_a_factory_call() {
  curl_easy_perform(make_bare_client());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'make_bare_client()' that has no total timeout
  curl_easy_perform(make_client());
}

// ---- out of sight: silent by default (see curl-strict.cpp) -------------------

CURL *acquire_from_pool();     // defined in another translation unit
void configure_elsewhere(CURL *h);

void handle_from_unknown_function() {
  CURL *h = acquire_from_pool();
  curl_easy_perform(h);
}

void handle_passed_to_unknown_function() {
  CURL *h = curl_easy_init();
  configure_elsewhere(h);
  curl_easy_perform(h);
}

void handle_from_parameter(CURL *h) { curl_easy_perform(h); }

struct Connection {
  CURL *curl;
};
void handle_in_a_parameter_struct(Connection *c) { curl_easy_perform(c->curl); }

// ---- lambdas -----------------------------------------------------------------

void in_a_lambda() {
  auto go = [] {
    CURL *h = curl_easy_init();
    return curl_easy_perform(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
  };
  go();
}
