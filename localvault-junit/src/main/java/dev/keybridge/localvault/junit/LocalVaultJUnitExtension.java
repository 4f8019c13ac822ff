package dev.keybridge.localvault.junit;

import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link WithLocalVault}: one vault per test class, in a temporary folder,
 * closed and deleted by JUnit when the class is done; {@link RunningVault} parameters resolve to
 * it.
 */
public final class LocalVaultJUnitExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalVaultJUnitExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningVault.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context);
  }

  private static RunningVault running(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, type -> new Started(start(testClass)), Started.class)
        .vault;
  }

  private static RunningVault start(Class<?> testClass) {
    WithLocalVault settings =
        AnnotationSupport.findAnnotation(testClass, WithLocalVault.class)
            .orElseThrow(
                () -> new IllegalStateException(testClass + " is not annotated @WithLocalVault"));
    Path folder;
    try {
      folder = Files.createTempDirectory("keybridge-localvault-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalVault.Builder builder = LocalVault.builder().dataDir(folder).flavor(settings.flavor());
    Map<Role, String[]> clients = new EnumMap<>(Role.class);
    SecureRandom random = new SecureRandom();
    for (Role role : Role.values()) {
      byte[] secret = new byte[24];
      random.nextBytes(secret);
      String id = role.name().toLowerCase(Locale.ROOT).replace('_', '-');
      String[] client = {id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret)};
      clients.put(role, client);
      builder.client(client[0], client[1], role);
    }
    LocalVault vault = builder.build().start();
    return new RunningVault(vault, clients);
  }

  /** Closes the vault and deletes its folder when JUnit drops the class's store. */
  private static final class Started implements ExtensionContext.Store.CloseableResource {
    private final RunningVault vault;

    Started(RunningVault vault) {
      this.vault = vault;
    }

    @Override
    public void close() throws IOException {
      Path folder = vault.localVault().dataDir();
      vault.localVault().close();
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
