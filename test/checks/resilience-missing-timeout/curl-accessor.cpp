// RUN: %check_resilience %s resilience-missing-timeout %t
// RUN: %check_resilience %s resilience-missing-timeout %t.strict -- --config="{CheckOptions: {resilience-missing-timeout.Strict: true}}"
// Handles reached through an accessor of the object that owns them: a
// helper that receives the object configures `task.easy()`, and the caller
// then uses `task.easy()`. The accessor names the same handle in both.
#include <curl/curl.h>

class Task {
public:
  Task() : easy_(curl_easy_init()) {}
  ~Task() { curl_easy_cleanup(easy_); }
  CURL *easy() const { return easy_; }

private:
  CURL *easy_;
};

// An accessor whose body is elsewhere: the handle it returns is the same
// one each time, but what the constructor did to it is out of sight.
class RemoteTask {
public:
  RemoteTask();
  CURL *easy() const;
};

static void initEasy(Task &task) {
  curl_easy_setopt(task.easy(), CURLOPT_URL, "https://api.example.com/v1/jobs");
  curl_easy_setopt(task.easy(), CURLOPT_TIMEOUT_MS, 5000L);
}

static void initUrlOnly(Task *task) {
  curl_easy_setopt(task->easy(), CURLOPT_URL, "https://api.example.com/v1/jobs");
}

static void initRemote(RemoteTask &task) {
  curl_easy_setopt(task.easy(), CURLOPT_TIMEOUT_MS, 5000L);
}

// ---- traps: a helper that received the owner set the timeout ---------------

void add_configured(CURLM *multi) {
  Task task;
  initEasy(task);
  curl_multi_add_handle(multi, task.easy());
}

void perform_configured() {
  Task task;
  initEasy(task);
  curl_easy_perform(task.easy());
}

void perform_configured_through_a_pointer(Task *task) {
  initEasy(*task);
  curl_easy_perform(task->easy());
}

void perform_remote_configured() {
  RemoteTask task;
  initRemote(task);
  curl_easy_perform(task.easy());
}

// ---- positives ---------------------------------------------------------------

void perform_url_only() {
  Task task;
  initUrlOnly(&task);
  curl_easy_perform(task.easy());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'task.easy()' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
}

void configured_another_task(CURLM *multi) {
  Task a, b;
  initEasy(a);
  curl_multi_add_handle(multi, b.easy());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_multi_add_handle' adds a transfer on handle 'b.easy()' that has no total timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
  curl_multi_add_handle(multi, a.easy());
}
