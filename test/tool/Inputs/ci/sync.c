#include <curl/curl.h>

int sync_inventory(void) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 0L);
  return (int)curl_easy_perform(c);
}
