// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17 -fPIC $(pkg-config --cflags Qt5Network)
// Qt Network: a transfer timeout on the request or on the manager.
#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QTcpSocket>

// ---- positives ------------------------------------------------------------

void no_timeout_anywhere(QNetworkAccessManager &given) {
  QNetworkAccessManager nam;
  QNetworkRequest req(QUrl("https://api.example.com/v1/items"));
  nam.get(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'get' starts an HTTP request on manager 'nam' that has no transfer timeout; Qt disables the transfer timeout unless the request or the manager sets one (no bound at all), so a stalled server keeps this reply, and whoever waits for it, pending forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setTransferTimeout on the request or on 'nam' (Qt 5.15 and later) before this call
}

void zero_disables_it() {
  QNetworkAccessManager nam;
  nam.setTransferTimeout(0);
  nam.post(QNetworkRequest(QUrl("https://api.example.com/v1/orders")), QByteArray("{}"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'post' starts an HTTP request on manager 'nam' whose transfer timeout is set to 0, which Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the transfer timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call setTransferTimeout
}

// Look-alikes: redirects, pipelining and a keep-alive header bound nothing.
void look_alike_settings() {
  QNetworkAccessManager nam;
  QNetworkRequest req(QUrl("https://api.example.com/v1/items/1"));
  req.setMaximumRedirectsAllowed(3);
  req.setAttribute(QNetworkRequest::HttpPipeliningAllowedAttribute, true);
  req.setRawHeader("Keep-Alive", "timeout=5");
  nam.deleteResource(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'deleteResource' starts an HTTP request on manager 'nam' that has no transfer timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setTransferTimeout
}

void timeout_on_another_request() {
  QNetworkAccessManager nam;
  QNetworkRequest a(QUrl("https://a.example.com")), b(QUrl("https://b.example.com"));
  a.setTransferTimeout(5000);
  nam.get(a);
  nam.head(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'head' starts an HTTP request on manager 'nam' that has no transfer timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setTransferTimeout
}

class Poller : public QObject {
  Q_OBJECT
public:
  explicit Poller(QObject *parent) : QObject(parent), nam_(new QNetworkAccessManager(this)) {}
  void poll() {
    nam_->get(QNetworkRequest(QUrl("https://status.internal/health")));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'get' starts an HTTP request on manager 'nam_' that has no transfer timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: call setTransferTimeout
  }

private:
  QNetworkAccessManager *nam_;
};

void wait_forever(QTcpSocket &sock) {
  sock.connectToHost("db.internal", 5432);
  sock.waitForConnected(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForConnected' waits on socket 'sock' whose wait timeout is set to a value that Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds to this wait on 'sock'
}

// ---- negatives ----------------------------------------------------------------

void request_timeout() {
  QNetworkAccessManager nam;
  QNetworkRequest req(QUrl("https://api.example.com"));
  req.setTransferTimeout(10000);
  nam.get(req);
}

void manager_timeout_default_value() {
  QNetworkAccessManager nam;
  nam.setTransferTimeout();
  nam.put(QNetworkRequest(QUrl("https://api.example.com/v1/items/1")), QByteArray("{}"));
}

static void harden(QNetworkRequest &r) { r.setTransferTimeout(3000); }

void request_timeout_from_a_helper() {
  QNetworkAccessManager nam;
  QNetworkRequest req(QUrl("https://api.example.com"));
  harden(req);
  nam.sendCustomRequest(req, "PURGE");
}

class Client : public QObject {
  Q_OBJECT
public:
  explicit Client(QObject *parent) : QObject(parent), nam_(new QNetworkAccessManager(this)) {
    nam_->setTransferTimeout(15000);
  }
  void fetch() { nam_->get(QNetworkRequest(QUrl("https://api.example.com"))); }

private:
  QNetworkAccessManager *nam_;
};

void finite_waits(QTcpSocket &sock) {
  sock.waitForConnected(3000);
  sock.waitForReadyRead();
}

// A manager handed in by the caller is configured out of sight.
void given_manager(QNetworkAccessManager &nam) {
  nam.get(QNetworkRequest(QUrl("https://api.example.com")));
}

static QNetworkRequest make_request(const QUrl &url) {
  QNetworkRequest r(url);
  r.setTransferTimeout(5000);
  return r;
}

void request_from_a_factory() {
  QNetworkAccessManager nam;
  nam.get(make_request(QUrl("https://api.example.com")));
}
