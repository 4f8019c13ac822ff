package dev.keybridge.localvault.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run by {@link VaultDatabase} on its connection. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
