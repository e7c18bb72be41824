package org.stancegraph.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts a real Neo4j Community database in this JVM with the Bolt connector on, from a
 * neo4j.conf written by the stancegraph command line, and keeps it running until SIGTERM.
 * Usage: EmbeddedNeo4j <home-directory> <neo4j.conf>
 */
public final class EmbeddedNeo4j {
  private EmbeddedNeo4j() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("EmbeddedNeo4j: expected <home-directory> <neo4j.conf>, got " + args.length + " arguments");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Path conf = Path.of(args[1]).toAbsolutePath();
    if (!Files.isRegularFile(conf)) {
      System.err.println("EmbeddedNeo4j: configuration file not found: " + conf);
      System.exit(2);
    }
    Files.createDirectories(home);

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

  private static void log(String message) {
    System.out.println(Instant.now() + " [stancegraph-embedded] " + message);
    System.out.flush();
  }
}
