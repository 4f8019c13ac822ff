package dev.keybridge.localvault.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local vault's state: one SQLite database ({@code DIR/vault.db}) in WAL mode with {@code
 * synchronous=FULL}, so a committed transaction is on disk before the request is acknowledged.
 *
 * <p>One connection serves every thread, guarded by a lock: the vault's hot paths (crypto
 * operations) run from in-memory caches, so the database is never the bottleneck, and a single
 * writer makes transactions trivially serializable. {@link #transaction} joins an enclosing
 * transaction of the same thread, so repositories of different resources (keys, certificates,
 * secrets) can be combined atomically. {@link #afterCommit} registers work (cache invalidation)
 * that runs after the outermost commit, still under the lock, so readers never cache a stale row.
 */
public final class VaultDatabase implements AutoCloseable {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private int depth;

  private VaultDatabase(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the database file and applies the durability pragmas. */
  public static VaultDatabase open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
      }
      return new VaultDatabase(c);
    } catch (SQLException e) {
      throw new StorageException("Cannot open the vault database " + file, e);
    }
  }

  /**
   * Runs DDL statements (each idempotent, e.g. {@code CREATE TABLE IF NOT EXISTS}) in one
   * transaction.
   */
  public void ensureSchema(String... ddl) {
    transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
              s.execute(statement);
            }
          }
          return null;
        });
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws (the
   * exception propagates unchanged, {@link SQLException}s wrapped in {@link StorageException}).
   * Nested calls on the same thread join the outer transaction.
   */
  public <T> T transaction(SqlWork<T> work) {
    lock.lock();
    try {
      if (depth > 0) {
        depth++;
        try {
          return work.run(connection);
        } finally {
          depth--;
        }
      }
      depth = 1;
      boolean done = false;
      try {
        connection.setAutoCommit(false);
        T result = work.run(connection);
        connection.commit();
        done = true;
        runAfterCommit();
        return result;
      } finally {
        depth = 0;
        if (!done) {
          afterCommit.clear();
          rollbackQuietly();
        }
        restoreAutoCommit();
      }
    } catch (SQLException e) {
      throw new StorageException("Database operation failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the calling thread is inside {@link #transaction} (uncommitted data must not be
   * cached).
   */
  public boolean inTransaction() {
    return lock.isHeldByCurrentThread() && depth > 0;
  }

  /**
   * Runs read-only {@code work} under the database lock (inside the current transaction if any).
   */
  public <T> T read(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers {@code action} to run right after the current transaction commits (dropped on
   * rollback); outside a transaction it runs at once. Runs under the database lock.
   */
  public void afterCommit(Runnable action) {
    lock.lock();
    try {
      if (depth == 0) {
        action.run();
      } else {
        afterCommit.add(action);
      }
    } finally {
      lock.unlock();
    }
  }

  private void runAfterCommit() {
    List<Runnable> actions = new ArrayList<>(afterCommit);
    afterCommit.clear();
    for (Runnable r : actions) {
      r.run();
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }

  private void restoreAutoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // next transaction will report a broken connection
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StorageException("Closing the vault database failed", e);
    } finally {
      lock.unlock();
    }
  }
}
