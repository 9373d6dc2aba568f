// Two in-house clients; which one is a network client, and what bounds it,
// is up to the .clang-tidy of the directory this file is copied to.
namespace acme {
struct Client {
  void set_deadline(long ms) { (void)ms; }
  int send(const char *what) { (void)what; return 0; }
};
} // namespace acme
namespace beta {
struct Conn {
  void limit(long ms) { (void)ms; }
  int go(const char *what) { (void)what; return 0; }
};
} // namespace beta

int use_both() {
  acme::Client c;
  beta::Conn k;
  return c.send("a") + k.go("b");
}

int bounded_both() {
  acme::Client c;
  c.set_deadline(500);
  beta::Conn k;
  k.limit(500);
  return c.send("a") + k.go("b");
}
