//===--- Kafka.cpp - librdkafka (C and C++) --------------------------------===//
//
// Facts (rdkafka.h, rdkafkacpp.h and CONFIGURATION.md of Debian 12's
// librdkafka-dev 2.0): rd_kafka_flush(rk, ms), rd_kafka_poll(rk, ms),
// rd_kafka_consumer_poll(rk, ms), rd_kafka_queue_poll(q, ms) and the C++
// Producer::flush, Handle::poll, KafkaConsumer::consume and Consumer /
// Queue consume take their bound as an argument; -1 waits forever. Every
// configured timeout has a finite default (message.timeout.ms 300000,
// socket.timeout.ms 60000), and "message.timeout.ms" = 0 means infinite:
// a message that cannot be delivered then stays queued, and a flush waits
// for it, forever. socket.timeout.ms has a range of 10..300000, so "0" is
// rejected by conf_set rather than meaning "never": not reported.
//
// Only an explicit "never" is reported (the defaults are sane bounds).
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum KafkaSlot : unsigned { Wait, MessageTimeout };
enum KafkaGroup : unsigned { ByWait, ByMessageTimeout };
} // namespace

LibraryModel makeKafkaModel() {
  LibraryModel M;
  M.Name = "librdkafka";
  auto Waiting = [&](llvm::StringRef F, unsigned TimeoutArg,
                     llvm::StringRef Verb, llvm::StringRef Consequence) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = NoArg;
    R.Verb = Verb;
    R.BoundArg = TimeoutArg;
    R.BoundArgSlot = Wait;
    R.Groups = {ByWait};
    R.NeverConsequence = Consequence;
    M.Requests.push_back(R);
  };
  llvm::StringRef FlushWhy =
      "while a broker is unreachable, undelivered messages never leave the "
      "queue and this thread (often a shutdown path) never returns";
  llvm::StringRef PollWhy =
      "this thread returns only when an event or a message arrives, and "
      "cannot notice shutdown or a stalled cluster";
  Waiting("rd_kafka_flush", 1, "waits for delivery", FlushWhy);
  Waiting("RdKafka::Producer::flush", 0, "waits for delivery", FlushWhy);
  Waiting("rd_kafka_poll", 1, "polls", PollWhy);
  Waiting("rd_kafka_consumer_poll", 1, "polls for a message", PollWhy);
  Waiting("rd_kafka_queue_poll", 1, "polls a queue", PollWhy);
  Waiting("RdKafka::Handle::poll", 0, "polls", PollWhy);
  Waiting("RdKafka::KafkaConsumer::consume", 0, "waits for a message",
          PollWhy);
  // consume(topic, partition, timeout_ms); the (queue, timeout_ms) overload
  // has no third argument and is not judged.
  Waiting("RdKafka::Consumer::consume", 2, "waits for a message", PollWhy);
  Waiting("RdKafka::Queue::consume", 0, "waits for a message", PollWhy);
  // Configuration: "message.timeout.ms" = "0" never expires a message.
  auto Setting = [&](llvm::StringRef F, unsigned NameArg) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = NoArg;
    R.Verb = "configures message delivery";
    R.Groups = {ByMessageTimeout};
    R.Keywords = {{NameArg, "message.timeout.ms", MessageTimeout,
                   NameArg + 1}};
    R.NeverConsequence = "a message that cannot be delivered is retried "
                         "forever, and every flush waits for it";
    R.Advice = "leave message.timeout.ms at its default (300000) or set a "
               "finite delivery deadline";
    M.Requests.push_back(R);
  };
  Setting("rd_kafka_conf_set", 1);
  Setting("rd_kafka_topic_conf_set", 1);
  Setting("RdKafka::Conf::set", 0);
  BoundSlot W{"timeout", /*ZeroMeansNever=*/false,
              /*NegativeMeansNever=*/true};
  M.Slots = {W, {"message timeout", /*ZeroMeansNever=*/true}};
  M.BoundingGroups = {BoundingGroup{Wait}, BoundingGroup{MessageTimeout}};
  M.Unbounded = Severity::Finite;
  M.HandleNoun = "client";
  M.DefaultBehaviour = "librdkafka's own timeouts are finite by default";
  M.FixAdvice = "pass a finite timeout in milliseconds and handle its expiry";
  return M;
}

} // namespace model
} // namespace resilience
