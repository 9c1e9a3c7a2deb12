package trede.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Drives one engine through the step: a fresh H2 file database per durability, then levels of
 * concurrent callers (threads), each on process instances of its own, as Trede's benchmark drives
 * its cases (bench/suites/event-api.ts). Prints one JSON line per level on standard output.
 *
 * <p>Arguments: {@code --dir D --durability at-once|delayed --levels 1:2000,8:4000 --rounds 2
 * --instances 256 --warm-up 8000 --variables contact|none} ({@code none}: complete the task
 * without the contact's data). The levels are measured in turn, {@code rounds} times (1, 8, 1,
 * 8, …), so whatever drifts during a run (H2's background writer, the collector) falls on each.
 */
public final class Harness {
  /** H2 waits up to 500 ms by default before writing a commit; WRITE_DELAY=0 writes each at once. */
  public static String jdbcUrl(String dir, String durability) {
    String base = "jdbc:h2:file:" + dir + "/engine";
    return switch (durability) {
      case "at-once" -> base + ";WRITE_DELAY=0";
      case "delayed" -> base;
      default -> throw new IllegalArgumentException("--durability: at-once or delayed, not " + durability);
    };
  }

  private record Level(int threads, int events) {}

  private record Result(double seconds, double[] latenciesMs, int failed) {
    Result plus(Result other) {
      double[] both = Arrays.copyOf(latenciesMs, latenciesMs.length + other.latenciesMs.length);
      System.arraycopy(other.latenciesMs, 0, both, latenciesMs.length, other.latenciesMs.length);
      return new Result(seconds + other.seconds, both, failed + other.failed);
    }
  }

  public static void run(String engineName, String[] args, Function<String, Peer> open)
      throws Exception {
    Map<String, String> options = options(args);
    String dir = required(options, "dir");
    String durability = options.getOrDefault("durability", "at-once");
    int instances = Integer.parseInt(options.getOrDefault("instances", "256"));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "8000"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
    boolean withContact = !"none".equals(options.getOrDefault("variables", "contact"));
    List<Level> levels = new ArrayList<>();
    for (String level : options.getOrDefault("levels", "1:2000,8:4000").split(",")) {
      String[] parts = level.split(":");
      levels.add(new Level(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
    }
    int maxThreads = levels.stream().mapToInt(Level::threads).max().orElse(1);
    try (Peer peer = open.apply(jdbcUrl(dir, durability))) {
      peer.deploy(resource("ontwikkeltraject.bpmn"));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < Math.max(instances, maxThreads); i++)
        ids.add(peer.start(Map.of("clientNumber", "C-" + i, "goalReached", false)));
      // The JIT and the database's pages, on the same instances the levels use.
      drive(peer, ids, maxThreads, warmUp, withContact);
      Result[] results = new Result[levels.size()];
      for (int round = 0; round < rounds; round++)
        for (int i = 0; i < levels.size(); i++) {
          Result result = drive(peer, ids, levels.get(i).threads, levels.get(i).events, withContact);
          results[i] = results[i] == null ? result : results[i].plus(result);
        }
      for (int i = 0; i < levels.size(); i++) {
        Level level = levels.get(i);
        Result result = results[i];
        double[] sorted = result.latenciesMs.clone();
        Arrays.sort(sorted);
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"engine\":\"%s\",\"durability\":\"%s\",\"variables\":\"%s\",\"threads\":%d,"
                    + "\"events\":%d,"
                    + "\"perSecond\":%.1f,\"p50\":%.3f,\"p95\":%.3f,\"p99\":%.3f,\"failed\":%d}",
                engineName,
                durability,
                withContact ? "contact" : "none",
                level.threads,
                sorted.length,
                sorted.length / result.seconds,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                result.failed));
      }
    }
  }

  /** {@code threads} callers, each completing contacts on its own instances, {@code total} in all. */
  private static Result drive(
      Peer peer, List<String> ids, int threads, int total, boolean withContact)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    double[] latencies = new double[total];
    List<Thread> callers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      List<String> own = new ArrayList<>();
      for (int i = t; i < ids.size(); i += threads) own.add(ids.get(i));
      Thread caller =
          new Thread(
              () -> {
                int turn = 0;
                for (int slot; (slot = next.getAndIncrement()) < total; turn++) {
                  long begin = System.nanoTime();
                  try {
                    peer.recordContact(own.get(turn % own.size()), withContact ? contact() : Map.of());
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                  latencies[slot] = (System.nanoTime() - begin) / 1e6;
                }
              });
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) caller.join();
    return new Result((System.nanoTime() - started) / 1e9, latencies, failed.get());
  }

  /** The contact Trede's benchmark records: a note, minutes, when it took place. */
  private static Map<String, Object> contact() {
    Map<String, Object> contact = new HashMap<>();
    contact.put("note", "Gesprek (bench)");
    contact.put("minutes", 30);
    contact.put("occurredAt", new Date());
    return contact;
  }

  /** As bench/support.ts computes it, so both sides' percentiles mean the same. */
  private static double percentile(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p / 100.0 * sorted.length))];
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Harness.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IOException(name + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name, got " + args[i]);
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) throw new IllegalArgumentException("--" + name + " is required");
    return value;
  }

  private Harness() {}
}
