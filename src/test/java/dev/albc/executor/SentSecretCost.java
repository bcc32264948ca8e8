package dev.albc.executor;

/**
 * What keeping a sent client secret costs (docs/benchmarks.md "Client secrets kept across runs"):
 * the time to make one {@link SentSecret} (at each send) and to check one against a value (once
 * per rule and process, docs/apply.md#client-secrets), after a warm-up. A measurement, not a test:
 * {@code java -cp target/classes:target/test-classes dev.albc.executor.SentSecretCost [rounds]}.
 */
public final class SentSecretCost {
  private SentSecretCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String value = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0";
    for (int i = 0; i < 5; i++) {
      SentSecret.of("demo/oidc", "clientSecret", value).matches(value); // warm-up
    }
    long[] make = new long[rounds];
    long[] check = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      SentSecret s = SentSecret.of("demo/oidc", "clientSecret", value);
      make[i] = System.nanoTime() - t;
      t = System.nanoTime();
      if (!s.matches(value)) {
        throw new IllegalStateException("a kept hash does not match its own value");
      }
      check[i] = System.nanoTime() - t;
    }
    java.util.Arrays.sort(make);
    java.util.Arrays.sort(check);
    System.out.printf("SentSecret (%d iterations), %d rounds: make median %.1f ms (min %.1f, max %.1f);"
        + " check median %.1f ms (min %.1f, max %.1f)%n", SentSecret.ITERATIONS, rounds,
        make[rounds / 2] / 1e6, make[0] / 1e6, make[rounds - 1] / 1e6,
        check[rounds / 2] / 1e6, check[0] / 1e6, check[rounds - 1] / 1e6);
  }
}
