/* Pulls stock levels from the warehouse service every few minutes.
 *
 * The anti-pattern: the transfer timeout is explicitly set to 0, which
 * libcurl reads as "never time out"; the nightly sync hangs whenever the
 * warehouse's load balancer drops a connection mid-response. */
#include <curl/curl.h>
#include <stddef.h>

struct sync_job {
  CURL *curl;
  const char *url;
};

static void sync_job_init(struct sync_job *job, const char *url) {
  job->curl = curl_easy_init();
  job->url = url;
  curl_easy_setopt(job->curl, CURLOPT_URL, url);
  curl_easy_setopt(job->curl, CURLOPT_TIMEOUT, 0L); /* "no limit" */
}

int sync_inventory(const char *url) {
  struct sync_job job;
  sync_job_init(&job, url);
  CURLcode rc = curl_easy_perform(job.curl);
  curl_easy_cleanup(job.curl);
  return rc == CURLE_OK ? 0 : -1;
}
