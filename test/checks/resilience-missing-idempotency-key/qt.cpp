// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- -- -fPIC -I/usr/include/x86_64-linux-gnu/qt5 -I/usr/include/x86_64-linux-gnu/qt5/QtCore -I/usr/include/x86_64-linux-gnu/qt5/QtNetwork
// Qt: QNetworkAccessManager::post with a QNetworkRequest; the key travels
// through setRawHeader (real Qt 5 headers).
#include <QtCore/QByteArray>
#include <QtCore/QUrl>
#include <QtCore/QUuid>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

QNetworkReply *charge(QNetworkAccessManager &nam, const QByteArray &body) {
  QNetworkRequest req(QUrl("https://api.stripe.com/v1/charges"));
  req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
  return nam.post(req, body);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via Qt without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
}

void constant_request_id(QNetworkAccessManager &nam, const QByteArray &body) {
  QNetworkRequest req;
  req.setUrl(QUrl("https://api-m.paypal.com/v2/checkout/orders"));
  req.setRawHeader("PayPal-Request-Id", "order-request");
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: idempotency key for POST to payment endpoint 'https://api-m.paypal.com/v2/checkout/orders' (PayPal) via Qt is a constant
  nam.post(req, body);
}

// ---- negatives --------------------------------------------------------------

QNetworkReply *charge_with_key(QNetworkAccessManager &nam, const QByteArray &key,
                               const QByteArray &body) {
  QNetworkRequest req(QUrl("https://api.stripe.com/v1/charges"));
  req.setRawHeader("Idempotency-Key", key);
  return nam.post(req, body);
}

QNetworkReply *key_made_once(QNetworkAccessManager &nam, const QByteArray &body) {
  const QByteArray key = QUuid::createUuid().toByteArray();
  QNetworkRequest req(QUrl("https://api.stripe.com/v1/charges"));
  req.setRawHeader("Idempotency-Key", key);
  return nam.post(req, body);
}

QNetworkReply *a_get(QNetworkAccessManager &nam) {
  QNetworkRequest req(QUrl("https://api.stripe.com/v1/charges"));
  return nam.get(req);
}
