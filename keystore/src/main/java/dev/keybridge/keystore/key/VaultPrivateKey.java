package dev.keybridge.keystore.key;

import java.security.PrivateKey;
import java.security.PublicKey;

/** A vault-held asymmetric private key (RSA or EC) with its cached public key. */
public interface VaultPrivateKey extends VaultKey, PrivateKey {

  /** The public half, used for every public-key operation locally (no vault request). */
  PublicKey publicKey();
}
