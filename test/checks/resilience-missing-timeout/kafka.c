// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c11
// librdkafka's C API: waits that take their bound as an argument (-1 is
// forever) and message.timeout.ms = 0. Defaults are finite: only an explicit
// "never" is reported.
#include <librdkafka/rdkafka.h>
#include <stddef.h>

void shutdown_producer(rd_kafka_t *rk) {
  rd_kafka_flush(rk, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rd_kafka_flush' waits for delivery with a timeout that librdkafka reads as 'never'; while a broker is unreachable, undelivered messages never leave the queue and this thread (often a shutdown path) never returns [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite timeout in milliseconds and handle its expiry
  rd_kafka_destroy(rk);
}

rd_kafka_message_t *next_message(rd_kafka_t *rk) {
  return rd_kafka_consumer_poll(rk, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'rd_kafka_consumer_poll' polls for a message with a timeout that librdkafka reads as 'never'; this thread returns only when an event or a message arrives, and cannot notice shutdown or a stalled cluster
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

enum { kForever = -1 };

int serve_events(rd_kafka_t *rk) {
  return rd_kafka_poll(rk, kForever);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'rd_kafka_poll' polls with a timeout that librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

rd_kafka_event_t *queue_wait(rd_kafka_queue_t *q) {
  return rd_kafka_queue_poll(q, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'rd_kafka_queue_poll' polls a queue with a timeout that librdkafka reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: the timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: pass a finite timeout
}

rd_kafka_conf_t *config(void) {
  char err[256];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", "kafka:9092", err, sizeof err);
  rd_kafka_conf_set(conf, "message.timeout.ms", "0", err, sizeof err);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rd_kafka_conf_set' configures message delivery with a message timeout of 0, which librdkafka reads as 'never'; a message that cannot be delivered is retried forever, and every flush waits for it
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leave message.timeout.ms at its default (300000) or set a finite delivery deadline
  return conf;
}

void topic_config(rd_kafka_topic_conf_t *tconf) {
  char err[256];
  rd_kafka_topic_conf_set(tconf, "message.timeout.ms", "0", err, sizeof err);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rd_kafka_topic_conf_set' configures message delivery with a message timeout of 0
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leave message.timeout.ms at its default
}

// Negatives.

void bounded_shutdown(rd_kafka_t *rk) {
  if (rd_kafka_flush(rk, 10 * 1000) != RD_KAFKA_RESP_ERR_NO_ERROR)
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE);
  rd_kafka_destroy(rk);
}

void poll_loop(rd_kafka_t *rk, volatile int *running) {
  while (*running) {
    rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
    if (m)
      rd_kafka_message_destroy(m);
  }
}

int non_blocking_poll(rd_kafka_t *rk) { return rd_kafka_poll(rk, 0); }

rd_kafka_conf_t *finite_config(void) {
  char err[256];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "message.timeout.ms", "30000", err, sizeof err);
  rd_kafka_conf_set(conf, "socket.timeout.ms", "10000", err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "0", err, sizeof err);
  return conf;
}

// A name out of sight: not judged.
void from_settings(rd_kafka_conf_t *conf, const char *name, const char *value) {
  char err[256];
  rd_kafka_conf_set(conf, name, value, err, sizeof err);
}

// A timeout handed in.
int poll_for(rd_kafka_t *rk, int timeout_ms) {
  return rd_kafka_poll(rk, timeout_ms);
}
