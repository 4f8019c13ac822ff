package dev.keybridge.localvault.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.localvault.http.Json;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Column conversions the repositories share: nullable epoch-second columns, JSON text columns and
 * single-column queries.
 */
public final class Columns {
  /** The type of a tags column: a JSON object of strings, in stored order. */
  public static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {};

  private Columns() {}

  /** Binds {@code value} to parameter {@code i}, SQL NULL when null. */
  public static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, value);
    }
  }

  /** Column {@code i} of the current row, null for SQL NULL. */
  public static Long getLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  /** The first column of every row the query returns, in order. */
  public static List<String> strings(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** {@code value} as JSON text for a column. */
  public static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a JSON text column.
   *
   * @param resource names the row in the error, e.g. "key"
   * @throws StorageException "corrupt RESOURCE row: ..." when the text does not parse
   */
  public static <T> T parse(String text, TypeReference<T> type, String resource) {
    try {
      return Json.MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new StorageException("corrupt " + resource + " row: " + e.getMessage());
    }
  }
}
