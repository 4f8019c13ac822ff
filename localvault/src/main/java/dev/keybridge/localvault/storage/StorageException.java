package dev.keybridge.localvault.storage;

/** The vault's database or data directory failed; the request gets a 500 InternalError. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
