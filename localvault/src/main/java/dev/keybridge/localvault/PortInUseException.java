package dev.keybridge.localvault;

import java.net.InetAddress;

/**
 * The local vault cannot listen because its port is taken (by another vault or any other program).
 * Thrown by {@link LocalVault#start()} before the data folder is touched.
 */
public final class PortInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int port;

  PortInUseException(InetAddress address, int port, Throwable cause) {
    super("port " + port + " on " + address.getHostAddress() + " is already in use", cause);
    this.port = port;
  }

  /** The port that was asked for. */
  public int port() {
    return port;
  }
}
