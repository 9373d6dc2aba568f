//===--- QtNetwork.cpp - Qt Network (Qt 5.15) -----------------------------===//
//
// Facts (qtbase src/network/access/qnetworkaccessmanager.cpp,
// qnetworkrequest.cpp; Qt 5.15): QNetworkRequest::setTransferTimeout and
// QNetworkAccessManager::setTransferTimeout abort a transfer after that many
// milliseconds without data; "If this function is not called, the timeout is
// disabled and has the value zero"; called with no argument it uses
// DefaultTransferTimeoutConstant (30000). A request's non-zero timeout
// overrides the manager's. So a request is bounded when either the request or
// the manager carries a non-zero transfer timeout. It is an inactivity bound:
// a server trickling bytes is never cut off, which the docs page says.
//
// QAbstractSocket::waitForConnected/ReadyRead/BytesWritten/Disconnected wait
// msecs (30000 by default); -1 waits forever ("If msecs is -1, this function
// will not time out"). QSslSocket overrides them and adds waitForEncrypted.
// QLocalSocket (a local IPC channel) and QProcess take the same argument but
// are not network clients: left alone.
//
// Look-alikes: setAttribute(QNetworkRequest::HttpPipeliningAllowedAttribute),
// setMaximumRedirectsAllowed, setRawHeader("Keep-Alive", ...).
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum QtSlot : unsigned { Transfer, Wait };
} // namespace

LibraryModel makeQtNetworkModel() {
  LibraryModel M;
  M.Name = "Qt";
  for (llvm::StringRef F : {"QNetworkAccessManager::get",
                            "QNetworkAccessManager::post",
                            "QNetworkAccessManager::put",
                            "QNetworkAccessManager::deleteResource",
                            "QNetworkAccessManager::head",
                            "QNetworkAccessManager::sendCustomRequest"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = ObjectArg;
    R.AlsoHandleArg = 0;
    R.Verb = "starts an HTTP request";
    R.Groups = {0};
    M.Requests.push_back(R);
  }
  for (llvm::StringRef F : {"QAbstractSocket::waitForConnected",
                            "QAbstractSocket::waitForReadyRead",
                            "QAbstractSocket::waitForBytesWritten",
                            "QAbstractSocket::waitForDisconnected",
                            "QSslSocket::waitForConnected",
                            "QSslSocket::waitForEncrypted",
                            "QSslSocket::waitForReadyRead",
                            "QSslSocket::waitForBytesWritten",
                            "QSslSocket::waitForDisconnected"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = ObjectArg;
    R.Verb = "waits";
    R.BoundArg = 0;
    R.BoundArgSlot = Wait;
    R.Groups = {1};
    R.Noun = "socket";
    R.Advice = "pass a finite number of milliseconds to this wait on '%0'";
    M.Requests.push_back(R);
  }
  M.Slots = {{"transfer timeout", /*ZeroMeansNever=*/true},
             {"wait timeout", false, /*NegativeMeansNever=*/true}};
  M.BoundingGroups = {{Transfer}, {Wait}};
  M.SlotSetters = {
      {"QNetworkRequest::setTransferTimeout", ObjectArg, Transfer},
      {"QNetworkAccessManager::setTransferTimeout", ObjectArg, Transfer},
  };
  M.HandleTypes = {"QNetworkAccessManager", "QNetworkRequest"};
  M.HandleNoun = "manager";
  M.Consequence = "Qt disables the transfer timeout unless the request or the "
                  "manager sets one (no bound at all), so a stalled server "
                  "keeps this reply, and whoever waits for it, pending forever";
  M.DefaultBehaviour = "Qt network requests have no transfer timeout by "
                       "default";
  M.FixAdvice = "call setTransferTimeout on the request or on '%0' (Qt 5.15 "
                "and later) before this call";
  return M;
}

} // namespace model
} // namespace resilience
