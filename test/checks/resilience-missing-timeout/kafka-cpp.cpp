// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c++17
// librdkafka's C++ API (rdkafkacpp.h): the same waits and setting.
#include <librdkafka/rdkafkacpp.h>
#include <memory>
#include <string>

void shutdown(RdKafka::Producer *producer) {
  producer->flush(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush' waits for delivery with a timeout that librdkafka reads as 'never'; while a broker is unreachable
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite timeout
}

RdKafka::Message *next(RdKafka::KafkaConsumer &consumer) {
  return consumer.consume(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'consume' waits for a message with a timeout that librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

int events(RdKafka::Producer &p) {
  return p.poll(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'poll' polls with a timeout that librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

std::unique_ptr<RdKafka::Conf> config() {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("message.timeout.ms", "0", err);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'set' configures message delivery with a message timeout of 0, which librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leave message.timeout.ms at its default
  return conf;
}

RdKafka::Message *legacy(RdKafka::Consumer *c, RdKafka::Topic *t) {
  return c->consume(t, 0, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'consume' waits for a message with a timeout that librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

// Negatives.

void bounded(RdKafka::Producer *producer) {
  if (producer->flush(10000) != RdKafka::ERR_NO_ERROR)
    producer->purge(RdKafka::Producer::PURGE_QUEUE);
}

RdKafka::Message *bounded_consume(RdKafka::KafkaConsumer &consumer) {
  return consumer.consume(1000);
}

int drain(RdKafka::Producer &p) { return p.poll(0); }

std::unique_ptr<RdKafka::Conf> finite_config() {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("message.timeout.ms", "60000", err);
  conf->set("queue.buffering.max.ms", "0", err);
  conf->set("bootstrap.servers", "kafka:9092", err);
  return conf;
}

void configured(RdKafka::Conf *conf, const std::string &k, const std::string &v) {
  std::string err;
  conf->set(k, v, err);
}
