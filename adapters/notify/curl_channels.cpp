#include "adapters/notify/curl_channels.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

#include "engine/audit/sha256.hpp"

namespace tdkt::adapters::notify {
namespace {

void CurlGlobal() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

Slist Append(Slist list, const std::string& value) {
  curl_slist* raw = curl_slist_append(list.get(), value.c_str());
  if (raw == nullptr) return list;
  (void)list.release();
  return Slist(raw);
}

std::string Base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// RFC 2047 encoded-words of at most 75 characters each, split between UTF-8 characters.
std::string EncodedWords(std::string_view text) {
  if (IsAscii(text)) return std::string(text);
  std::string out;
  std::size_t start = 0;
  constexpr std::size_t kChunk = 42;  // 42 bytes -> 56 base64 characters + 12 of framing
  while (start < text.size()) {
    std::size_t end = std::min(start + kChunk, text.size());
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

// RFC 5322 date in UTC; the names are English by definition, whatever the process locale.
std::string RfcDate(engine::Timestamp at) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = at.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::size_t DiscardBody(char*, std::size_t size, std::size_t count, void*) { return size * count; }

engine::Status CurlFailure(const std::string& what, CURLcode code, const char* detail) {
  std::string message = what + ": " + curl_easy_strerror(code);
  if (detail != nullptr && *detail != '\0') message += std::string(" (") + detail + ")";
  return engine::Status::Unavailable(message);
}

}  // namespace

std::string WebhookSignature(const std::string& secret, const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  return "sha256=" +
         engine::audit::HexLower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

WebhookChannel::WebhookChannel(WebhookSettings settings) : settings_(std::move(settings)) {
  CurlGlobal();
}

engine::Status WebhookChannel::Deliver(const Message& message, const std::string& target) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return engine::Status::Unavailable("webhook: cannot create a curl handle");
  Slist headers;
  headers = Append(std::move(headers), "Content-Type: application/json; charset=utf-8");
  headers = Append(std::move(headers),
                   "X-Tdkt-Signature: " + WebhookSignature(settings_.secret, message.json));
  headers = Append(std::move(headers), "X-Tdkt-Delivery: " + std::to_string(message.outbox_id));
  headers = Append(std::move(headers), "Expect:");
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, target.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, message.json.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(message.json.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, DiscardBody);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) return CurlFailure("webhook " + target, code, error);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return engine::Status::Unavailable("webhook " + target + " answered HTTP " +
                                       std::to_string(status));
  }
  return engine::Status::Ok();
}

std::string FormatMailMessage(const SmtpSettings& settings, const Message& message,
                              const std::string& to) {
  std::string from = settings.from_name.empty()
                         ? settings.from
                         : EncodedWords(settings.from_name) + " <" + settings.from + ">";
  std::string domain = settings.from.substr(settings.from.find('@') + 1);
  std::string text;
  text += "Date: " + RfcDate(message.created_at) + "\r\n";
  text += "From: " + from + "\r\n";
  text += "To: <" + to + ">\r\n";
  text += "Subject: " + EncodedWords(message.subject) + "\r\n";
  text += "Message-ID: <outbox-" + std::to_string(message.outbox_id) + "." + to + "@" + domain +
          ">\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Content-Type: text/plain; charset=UTF-8\r\n";
  text += "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string body = Base64(message.body);
  for (std::size_t i = 0; i < body.size(); i += 76) text += body.substr(i, 76) + "\r\n";
  return text;
}

SmtpChannel::SmtpChannel(SmtpSettings settings) : settings_(std::move(settings)) { CurlGlobal(); }

engine::Status SmtpChannel::Deliver(const Message& message, const std::string& target) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return engine::Status::Unavailable("smtp: cannot create a curl handle");
  std::string text = FormatMailMessage(settings_, message, target);
  Upload upload{text};
  Slist recipients = Append(Slist(), "<" + target + ">");
  std::string from = "<" + settings_.from + ">";
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  if (settings_.require_tls)
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) return CurlFailure("smtp " + settings_.url + " to " + target, code, error);
  return engine::Status::Ok();
}

}  // namespace tdkt::adapters::notify
