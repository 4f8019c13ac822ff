package dev.keybridge.localvault.certificates.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.storage.VaultSettings;
import java.io.IOException;
import java.util.Optional;

/**
 * The vault's certificate contacts: {@code PUT/GET/DELETE /certificates/contacts} ({@code
 * {"id","contacts":[{"email","name","phone"}]}}); {@code DELETE} answers with the deleted contacts.
 * Without contacts, GET and DELETE are 404 {@code ContactsNotFound}. Lifetime actions {@code
 * EmailContacts} notify them (as events).
 */
public final class CertificateContactsRoutes {
  private static final String SETTING = "certificates.contacts";

  private final VaultSettings settings;

  public CertificateContactsRoutes(VaultSettings settings) {
    this.settings = settings;
  }

  public void register(Router router) {
    String p = "/certificates/contacts";
    router.add("PUT", p, DataActions.CERTIFICATE_CONTACTS_WRITE, this::set);
    router.add("GET", p, DataActions.CERTIFICATE_CONTACTS_READ, this::get);
    router.add("DELETE", p, DataActions.CERTIFICATE_CONTACTS_WRITE, this::delete);
  }

  private VaultResponse set(VaultRequest r) {
    RequestBody b = r.json();
    ArrayNode contacts = Json.MAPPER.createArrayNode();
    java.util.List<RequestBody> given = b.objects("contacts");
    for (RequestBody c : given == null ? java.util.List.<RequestBody>of() : given) {
      ObjectNode out = contacts.addObject();
      for (String member : new String[] {"email", "name", "phone"}) {
        String v = c.string(member);
        if (v != null) {
          out.put(member, v);
        }
      }
      if (!out.has("email")) {
        throw VaultError.badParameter("Every contact needs an 'email'.");
      }
    }
    settings.put(SETTING, Json.bytes(contacts), false);
    return VaultResponse.ok(body(r, contacts));
  }

  private VaultResponse get(VaultRequest r) {
    return VaultResponse.ok(body(r, stored().orElseThrow(CertificateContactsRoutes::notFound)));
  }

  private VaultResponse delete(VaultRequest r) {
    // idempotent by choice (Azure's answer without contacts is not documented)
    ArrayNode contacts = stored().orElseGet(Json.MAPPER::createArrayNode);
    settings.put(SETTING, Json.bytes(Json.MAPPER.createArrayNode()), false);
    return VaultResponse.ok(body(r, contacts));
  }

  /** The stored contacts, empty when none are set. */
  public Optional<ArrayNode> stored() {
    return settings
        .get(SETTING, false)
        .map(
            bytes -> {
              try {
                JsonNode n = Json.parse(bytes);
                return n instanceof ArrayNode a && !a.isEmpty() ? a : null;
              } catch (IOException e) {
                throw new IllegalStateException("corrupt certificate contacts", e);
              }
            });
  }

  private static ObjectNode body(VaultRequest r, ArrayNode contacts) {
    ObjectNode b = Json.object();
    b.put("id", r.baseUrl() + "/certificates/contacts");
    b.set("contacts", contacts);
    return b;
  }

  private static VaultError notFound() {
    return VaultError.notFound(
        "ContactsNotFound", "No certificate contacts are set for this vault.");
  }
}
