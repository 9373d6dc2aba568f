// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17 -fPIC $(pkg-config --cflags Qt5Network)
// QAbstractSocket/QSslSocket waitFor*(msecs): -1 (any negative value) waits
// forever; the default (30000) and other values are bounds.
#include <QtCore/QProcess>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>

static const int kForever = -1;

// ---- positives ------------------------------------------------------------

void tls_handshake_forever(QSslSocket &tls) {
  tls.connectToHostEncrypted("api.example.com", 443);
  tls.waitForEncrypted(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForEncrypted' waits on socket 'tls' whose wait timeout is set to a value that Qt reads as 'never'; nothing else bounds this call, so a stalled peer can hold it forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds to this wait on 'tls'
  tls.waitForReadyRead(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForReadyRead' waits on socket 'tls' whose wait timeout is set to a value that Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds
}

void named_forever(QTcpSocket &sock) {
  sock.write("PING\r\n");
  sock.waitForBytesWritten(kForever);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForBytesWritten' waits on socket 'sock' whose wait timeout is set to a value that Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds
}

void disconnect_forever() {
  auto *sock = new QTcpSocket;
  sock->disconnectFromHost();
  sock->waitForDisconnected(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForDisconnected' waits on socket 'sock' whose wait timeout is set to a value that Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds
  delete sock;
}

class Listener {
public:
  void receive() {
    udp_->waitForReadyRead(-2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'waitForReadyRead' waits on socket 'udp_' whose wait timeout is set to a value that Qt reads as 'never'
    // CHECK-MESSAGES: :[[@LINE-2]]:28: note: the wait timeout is set to 'never' here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: pass a finite number of milliseconds
  }

private:
  QUdpSocket *udp_ = nullptr;
};

void tls_connect_forever(QSslSocket *tls) {
  tls->connectToHost("db.internal", 5432);
  tls->waitForConnected(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitForConnected' waits on socket 'tls' whose wait timeout is set to a value that Qt reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: the wait timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite number of milliseconds
}

// ---- negatives ----------------------------------------------------------------

void defaults_and_finite(QSslSocket &tls, QTcpSocket &tcp) {
  tls.waitForEncrypted();
  tls.waitForReadyRead(5000);
  tcp.waitForBytesWritten();
  tcp.waitForDisconnected(1000);
}

// 0 returns at once: a poll, not a wait forever.
void zero_polls(QTcpSocket &sock) { sock.waitForReadyRead(0); }

// A value from the caller is not known to be -1.
void given_timeout(QTcpSocket &sock, int msecs) { sock.waitForConnected(msecs); }

// Look-alikes with the same argument that are not network sockets.
void not_network_sockets(QProcess &proc, QLocalSocket &local) {
  proc.waitForReadyRead(-1);
  proc.waitForFinished(-1);
  local.waitForReadyRead(-1);
}

void positive_named_constant(QUdpSocket &udp) {
  const int kTwoSeconds = 2000;
  udp.waitForReadyRead(kTwoSeconds);
}
