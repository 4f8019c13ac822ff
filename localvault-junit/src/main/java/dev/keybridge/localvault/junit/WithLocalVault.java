package dev.keybridge.localvault.junit;

import dev.keybridge.localvault.Flavor;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a keybridge local vault for the test class and stops it afterwards; test methods,
 * constructors and {@code @BeforeAll} methods receive it as a {@link RunningVault} parameter:
 *
 * <pre>{@code
 * @WithLocalVault
 * class SigningTest {
 *   @Test
 *   void signs(RunningVault vault) throws Exception {
 *     vault.manager().createKey("k1", KeyType.EC);
 *     KeyStore store = vault.keyStore();
 *     Signature signer = Signature.getInstance("SHA256withECDSA", vault.provider());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * The vault keeps its state in a temporary folder that is deleted when the class is done; it
 * listens on a free loopback port with its own CA, and has one client for every {@link
 * dev.keybridge.localvault.Role}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LocalVaultJUnitExtension.class)
public @interface WithLocalVault {
  /** A Key Vault (default) or a Managed HSM. */
  Flavor flavor() default Flavor.VAULT;
}
