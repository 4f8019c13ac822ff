package dev.keybridge.keystore.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every handle type against the key interfaces of the JDK it runs on. From JDK 22 on {@code
 * PrivateKey} extends {@code AsymmetricKey}, whose default {@code getParams()} collides with {@code
 * RSAKey}'s; a newer JDK may add more defaults. This test calls every public no-argument method of
 * every interface a handle implements on the running JDK, so a conflict fails here (on the second
 * JDK run, see the parent pom's second-jdk profile) and not in a user's jarsigner.
 */
class KeyHandleInterfacesTest {
  private static final String KID =
      "https://localhost:8443/keys/k1/0123456789abcdef0123456789abcdef";
  private static final UnreachableCrypto CRYPTO = new UnreachableCrypto();

  static Stream<Key> handles() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    return Stream.of(
        VaultRsaPrivateKey.of(
            KID,
            "RSA-HSM",
            List.of("sign"),
            (RSAPublicKey) rsa.generateKeyPair().getPublic(),
            CRYPTO),
        VaultEcPrivateKey.of(
            KID,
            "EC-HSM",
            "P-256",
            List.of("sign"),
            (ECPublicKey) ec.generateKeyPair().getPublic(),
            CRYPTO),
        VaultSecretKey.of(KID, "oct-HSM", 256, List.of("wrapKey"), CRYPTO));
  }

  @Test
  void rsaHandleParamsAreThoseOfItsPublicKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPublicKey publicKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
    RSAKey handle = VaultRsaPrivateKey.of(KID, "RSA", List.of("sign"), publicKey, CRYPTO);

    // a plain RSA key has no parameters (an RSASSA-PSS key would carry PSSParameterSpec)
    assertThat(handle.getParams()).isNull();
    assertThat(handle.getParams()).isEqualTo(publicKey.getParams());
  }

  @Test
  void ecHandleParamsAreTheCurve() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    ECPublicKey publicKey = (ECPublicKey) generator.generateKeyPair().getPublic();
    ECKey handle = VaultEcPrivateKey.of(KID, "EC", "P-384", List.of("sign"), publicKey, CRYPTO);

    assertThat(handle.getParams()).isSameAs(publicKey.getParams());
    assertThat(handle.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
  }

  @ParameterizedTest
  @MethodSource("handles")
  void everyInterfaceMethodOfTheRunningJdkResolves(Key handle) throws Exception {
    List<String> called = new ArrayList<>();
    for (Method method : interfaceMethods(handle.getClass())) {
      try {
        method.invoke(handle);
      } catch (InvocationTargetException e) {
        // an operation may refuse (destroy(), a vault call); a linkage error means the class
        // cannot serve that interface method on this JDK at all
        assertThat(e.getCause())
            .as("%s.%s on Java %s", handle.getClass().getSimpleName(), method, Runtime.version())
            .isNotInstanceOf(LinkageError.class);
      }
      called.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }
    assertThat(called).contains("Key.getAlgorithm", "Key.getEncoded", "Key.getFormat");
    if (handle instanceof RSAKey || handle instanceof ECKey) {
      assertThat(called).anyMatch(name -> name.endsWith(".getParams"));
    }
  }

  /** Public, non-static, no-argument methods of every interface the class implements. */
  private static Set<Method> interfaceMethods(Class<?> type) {
    Set<Method> methods = new LinkedHashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      pending.addAll(List.of(c.getInterfaces()));
    }
    Set<Class<?>> seen = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      Class<?> next = pending.pop();
      if (!seen.add(next)) {
        continue;
      }
      pending.addAll(List.of(next.getInterfaces()));
      for (Method method : next.getMethods()) {
        if (method.getParameterCount() == 0
            && !Modifier.isStatic(method.getModifiers())
            && method.getDeclaringClass() == next) {
          methods.add(method);
        }
      }
    }
    return methods;
  }
}
