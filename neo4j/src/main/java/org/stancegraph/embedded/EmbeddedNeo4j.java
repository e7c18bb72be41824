package org.stancegraph.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts a real Neo4j Community database in this JVM with the Bolt connector on, from a
 * neo4j.conf written by the stancegraph command line, and keeps it running until SIGTERM.
 * Usage: EmbeddedNeo4j <home-directory> <neo4j.conf> [--set-password-from <file>]
 * With --set-password-from, the neo4j user's password is first set to the file's content with Bolt
 * off (no client can connect before the password is in place), then the database starts as usual.
 */
public final class EmbeddedNeo4j {
  private EmbeddedNeo4j() {}

  public static void main(String[] args) throws Exception {
    boolean setPassword = args.length == 4 && "--set-password-from".equals(args[2]);
    if (args.length != 2 && !setPassword) {
      System.err.println(
          "EmbeddedNeo4j: expected <home-directory> <neo4j.conf> [--set-password-from <file>], got "
              + args.length + " arguments");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Path conf = Path.of(args[1]).toAbsolutePath();
    if (!Files.isRegularFile(conf)) {
      System.err.println("EmbeddedNeo4j: configuration file not found: " + conf);
      System.exit(2);
    }
    Files.createDirectories(home);
    if (setPassword) setInitialPassword(home, conf, Path.of(args[3]));

    log("starting Neo4j in " + home + " with " + conf);
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
    // Registered before anything else can take time, so that a SIGTERM during start-up still
    // shuts the database down cleanly.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log("shutting down");
      dbms.shutdown();
      log("stopped");
      stopped.countDown();
    }, "stancegraph-shutdown"));
    // Touch the default database so that start-up failures surface here, not on first use.
    dbms.database("neo4j").executeTransactionally("RETURN 1");
    log("STARTED pid=" + ProcessHandle.current().pid());
    stopped.await();
  }

  /**
   * Sets the neo4j user's password (creating the user if a data folder has none) in a first start
   * with Bolt off. Embedded transactions run with full rights whatever the auth setting, so this
   * also upgrades a data folder made with auth off, where neo4j still has its default password.
   */
  private static void setInitialPassword(Path home, Path conf, Path passwordFile) throws Exception {
    String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
    if (password.length() < 8) {
      System.err.println("EmbeddedNeo4j: the password in " + passwordFile + " is shorter than 8 characters");
      System.exit(2);
    }
    log("setting the neo4j user's password (Bolt off)");
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .loadPropertiesFromFile(conf)
        .setConfig(BoltConnector.enabled, false)
        .build();
    try {
      var system = dbms.database("system");
      Map<String, Object> params = Map.of("password", password);
      boolean exists = system.executeTransactionally(
          "SHOW USERS YIELD user WHERE user = 'neo4j' RETURN count(*) AS n", Map.of(),
          result -> ((Number) result.next().get("n")).longValue() > 0);
      if (!exists) {
        system.executeTransactionally("CREATE USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
      } else {
        try {
          system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
        } catch (RuntimeException e) {
          // Neo4j refuses to set the password it already has: then there is nothing to do.
          if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
          system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
      }
      log("password set");
    } finally {
      dbms.shutdown();
    }
  }

  private static void log(String message) {
    System.out.println(Instant.now() + " [stancegraph-embedded] " + message);
    System.out.flush();
  }
}
