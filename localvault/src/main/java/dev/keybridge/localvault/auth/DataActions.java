package dev.keybridge.localvault.auth;

/**
 * The Azure RBAC data actions that routes of the local vault declare. Names follow Azure's {@code
 * Microsoft.KeyVault/vaults/...} data actions; a {@link dev.keybridge.localvault.Role} grants them
 * with Azure-style wildcards. Routes of other resources (certificates, secrets) use the constants
 * below so the built-in roles cover them.
 */
public final class DataActions {
  private DataActions() {}

  private static final String V = "Microsoft.KeyVault/vaults/";

  public static final String KEYS_READ = V + "keys/read";
  public static final String KEYS_CREATE = V + "keys/create/action";
  public static final String KEYS_IMPORT = V + "keys/import/action";
  public static final String KEYS_UPDATE = V + "keys/update/action";
  public static final String KEYS_DELETE = V + "keys/delete";
  public static final String KEYS_BACKUP = V + "keys/backup/action";
  public static final String KEYS_RESTORE = V + "keys/restore/action";
  public static final String KEYS_ROTATE = V + "keys/rotate/action";
  public static final String KEYS_ENCRYPT = V + "keys/encrypt/action";
  public static final String KEYS_DECRYPT = V + "keys/decrypt/action";
  public static final String KEYS_WRAP = V + "keys/wrap/action";
  public static final String KEYS_UNWRAP = V + "keys/unwrap/action";
  public static final String KEYS_SIGN = V + "keys/sign/action";
  public static final String KEYS_VERIFY = V + "keys/verify/action";
  public static final String KEYS_RELEASE = V + "keys/release/action";
  public static final String ROTATION_POLICY_READ = V + "keyrotationpolicies/read";
  public static final String ROTATION_POLICY_WRITE = V + "keyrotationpolicies/write";
  public static final String DELETED_KEYS_READ = V + "deletedKeys/read";
  public static final String DELETED_KEYS_RECOVER = V + "deletedKeys/recover/action";
  public static final String DELETED_KEYS_PURGE = V + "deletedKeys/delete";

  public static final String CERTIFICATES_READ = V + "certificates/read";
  public static final String CERTIFICATES_CREATE = V + "certificates/create/action";
  public static final String CERTIFICATES_IMPORT = V + "certificates/import/action";
  public static final String CERTIFICATES_UPDATE = V + "certificates/update/action";
  public static final String CERTIFICATES_DELETE = V + "certificates/delete";
  public static final String CERTIFICATES_BACKUP = V + "certificates/backup/action";
  public static final String CERTIFICATES_RESTORE = V + "certificates/restore/action";
  public static final String CERTIFICATE_ISSUERS_READ = V + "certificatecas/read";
  public static final String CERTIFICATE_ISSUERS_WRITE = V + "certificatecas/write";
  public static final String CERTIFICATE_CONTACTS_READ = V + "certificatecontacts/read";
  public static final String CERTIFICATE_CONTACTS_WRITE = V + "certificatecontacts/write";
  public static final String DELETED_CERTIFICATES_READ = V + "deletedCertificates/read";
  public static final String DELETED_CERTIFICATES_RECOVER =
      V + "deletedCertificates/recover/action";
  public static final String DELETED_CERTIFICATES_PURGE = V + "deletedCertificates/delete";

  /** Reading a secret's value (Azure: {@code secrets/getSecret/action}). */
  public static final String SECRETS_GET = V + "secrets/getSecret/action";

  /** Reading secret metadata and lists, without values. */
  public static final String SECRETS_READ_METADATA = V + "secrets/readMetadata/action";

  public static final String SECRETS_SET = V + "secrets/setSecret/action";
  public static final String SECRETS_UPDATE = V + "secrets/update/action";
  public static final String SECRETS_DELETE = V + "secrets/delete";
  public static final String SECRETS_BACKUP = V + "secrets/backup/action";
  public static final String SECRETS_RESTORE = V + "secrets/restore/action";
  public static final String DELETED_SECRETS_READ = V + "deletedSecrets/read";
  public static final String DELETED_SECRETS_RECOVER = V + "deletedSecrets/recover/action";
  public static final String DELETED_SECRETS_PURGE = V + "deletedSecrets/delete";

  /** Random bytes ({@code POST /rng}); a Managed HSM data action. */
  public static final String RNG = "Microsoft.KeyVault/managedHsm/rng/action";
}
