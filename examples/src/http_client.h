// A thin libcurl client shared by the sample service.
#pragma once
#include <curl/curl.h>
#include <string>

class HttpClient {
public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  // POSTs a JSON body; returns the libcurl result.
  CURLcode post_json(const std::string &path, const std::string &body);

private:
  std::string base_url_;
  CURL *curl_;
};
