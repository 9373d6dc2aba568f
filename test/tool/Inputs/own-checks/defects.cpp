#include <curl/curl.h>

// A null dereference the Clang Static Analyzer reports
// (clang-analyzer-core.NullDereference), and an unused variable a compiler
// warning reports (clang-diagnostic-unused-variable): neither is ours.
int deref(bool Flag) {
  int Unused = 0;
  int *P = nullptr;
  if (Flag)
    return *P;
  return 0;
}

void fetch() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
}

// Reported only with the .clang-tidy option Strict: true.
void perform_param(CURL *h) { curl_easy_perform(h); }
