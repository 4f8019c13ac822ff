package dev.keybridge.cli.serve;

import dev.keybridge.localvault.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --client ID:SECRET:ROLE} of {@code serve}: an extra service principal the local vault
 * accepts. ROLE is an Azure built-in role name ({@code "Key Vault Crypto User"}) or its short form
 * ({@code crypto-user}). The secret never appears in {@link #toString()}.
 */
record ClientSpec(String clientId, String secret, Role role) {

  @Override
  public String toString() {
    return "ClientSpec{" + clientId + ", ***, " + role.shortName() + "}";
  }

  /** Picocli converter for {@code ID:SECRET:ROLE}. */
  static final class Converter implements ITypeConverter<ClientSpec> {
    @Override
    public ClientSpec convert(String value) {
      int first = value.indexOf(':');
      int last = value.lastIndexOf(':');
      if (first <= 0 || last == first || last == value.length() - 1) {
        throw new TypeConversionException(
            "expected ID:SECRET:ROLE, e.g. app1:s3cret:crypto-user (got "
                + (first < 0 ? "'" + value + "'" : "a value without three parts")
                + ")");
      }
      String id = value.substring(0, first);
      String secret = value.substring(first + 1, last);
      if (secret.isEmpty()) {
        throw new TypeConversionException("client " + id + ": the secret is empty");
      }
      try {
        return new ClientSpec(id, secret, Role.fromName(value.substring(last + 1)));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("client " + id + ": " + e.getMessage());
      }
    }
  }
}
