package dev.keybridge.localvault.certificates.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyInput;
import dev.keybridge.localvault.storage.Columns;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Certificate issuers: {@code PUT/GET/PATCH/DELETE /certificates/issuers/{name}} and {@code GET
 * /certificates/issuers} (IssuerBundle: {@code provider}, {@code credentials.account_id}, {@code
 * org_details}, {@code attributes}). The issuer's password ({@code credentials.pwd}) is stored
 * sealed with the master key and never returned, as Key Vault never returns it. The local vault
 * records issuers for certificate policies to name; it issues only {@code Self} certificates and
 * CSRs ({@code Unknown}) itself. An unknown issuer is 404 {@code CertificateIssuerNotFound}.
 */
public final class CertificateIssuerRoutes {
  private final VaultDatabase db;
  private final MasterKey masterKey;

  public CertificateIssuerRoutes(VaultDatabase db, MasterKey masterKey) {
    this.db = db;
    this.masterKey = masterKey;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS certificate_issuers (name_lc TEXT PRIMARY KEY, name TEXT NOT"
            + " NULL, bundle TEXT NOT NULL, pwd BLOB)");
  }

  public void register(Router router) {
    String p = "/certificates/issuers/{name}";
    router.add("PUT", p, DataActions.CERTIFICATE_ISSUERS_WRITE, r -> set(r, false));
    router.add("PATCH", p, DataActions.CERTIFICATE_ISSUERS_WRITE, r -> set(r, true));
    router.add("GET", p, DataActions.CERTIFICATE_ISSUERS_READ, this::get);
    router.add("DELETE", p, DataActions.CERTIFICATE_ISSUERS_WRITE, this::delete);
    router.add("GET", "/certificates/issuers", DataActions.CERTIFICATE_ISSUERS_READ, this::list);
  }

  private VaultResponse set(VaultRequest r, boolean patch) {
    String name = KeyInput.name(r.pathParam("name"), "issuer");
    RequestBody b = r.json();
    long now = r.receivedAt().getEpochSecond();
    ObjectNode saved =
        db.transaction(
            c -> {
              Optional<ObjectNode> existing = load(name);
              if (patch && existing.isEmpty()) {
                throw notFound(name);
              }
              ObjectNode bundle = existing.map(ObjectNode::deepCopy).orElseGet(Json::object);
              String provider = b.string("provider");
              if (provider != null) {
                bundle.put("provider", provider);
              } else if (!bundle.has("provider")) {
                throw VaultError.badParameter("Property 'provider' is required.");
              }
              byte[] pwd = null;
              RequestBody credentials = b.object("credentials");
              if (credentials != null) {
                String account = credentials.string("account_id");
                ObjectNode out = bundle.putObject("credentials");
                if (account != null) {
                  out.put("account_id", account);
                }
                String password = credentials.string("pwd");
                if (password != null) {
                  pwd = masterKey.seal(password.getBytes(StandardCharsets.UTF_8), context(name));
                }
              }
              RequestBody org = b.object("org_details");
              if (org != null) {
                ObjectNode details = (ObjectNode) org.node().deepCopy();
                if (!details.has("zip")) {
                  details.put("zip", 0); // as Azure answers an org_details sent without it
                }
                bundle.set("org_details", details);
              }
              RequestBody attrs = b.object("attributes");
              Boolean enabled = attrs == null ? null : attrs.bool("enabled");
              ObjectNode outAttrs =
                  bundle.has("attributes")
                      ? (ObjectNode) bundle.get("attributes")
                      : bundle.putObject("attributes");
              outAttrs.put(
                  "enabled",
                  enabled != null
                      ? enabled
                      : !outAttrs.has("enabled") || outAttrs.get("enabled").asBoolean());
              if (!outAttrs.has("created")) {
                outAttrs.put("created", now);
              }
              outAttrs.put("updated", now);
              bundle.remove("id");
              store(c, name, bundle, pwd, existing.isPresent());
              return bundle;
            });
    return VaultResponse.ok(withId(saved, r, name));
  }

  private VaultResponse get(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "issuer");
    return VaultResponse.ok(withId(load(name).orElseThrow(() -> notFound(name)), r, name));
  }

  private VaultResponse delete(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "issuer");
    ObjectNode deleted =
        db.transaction(
            c -> {
              ObjectNode bundle = load(name).orElseThrow(() -> notFound(name));
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM certificate_issuers WHERE name_lc=?")) {
                ps.setString(1, lc(name));
                ps.executeUpdate();
              }
              return bundle;
            });
    return VaultResponse.ok(withId(deleted, r, name));
  }

  private VaultResponse list(VaultRequest r) {
    ListPages paging = ListPages.of(r);
    List<String> names =
        db.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name_lc FROM certificate_issuers WHERE name_lc > ? ORDER BY name_lc"
                          + " LIMIT ?")) {
                ps.setString(1, paging.after() == null ? "" : paging.after());
                ps.setInt(2, paging.size() + 1);
                return Columns.strings(ps);
              }
            });
    return VaultResponse.ok(
        paging.pageOfNames(
            r,
            names,
            lc ->
                stored(lc)
                    .map(
                        s -> {
                          ObjectNode item = Json.object();
                          item.put("id", r.baseUrl() + "/certificates/issuers/" + s.name());
                          item.set("provider", s.bundle().get("provider"));
                          return item;
                        })));
  }

  private record Stored(String name, ObjectNode bundle) {}

  private Optional<ObjectNode> load(String name) {
    return stored(lc(name)).map(Stored::bundle);
  }

  private Optional<Stored> stored(String lc) {
    return Optional.ofNullable(
        db.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, bundle FROM certificate_issuers WHERE name_lc=?")) {
                ps.setString(1, lc);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return null;
                  }
                  try {
                    JsonNode bundle = Json.parse(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                    return new Stored(rs.getString(1), (ObjectNode) bundle);
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException("corrupt issuer " + lc, e);
                  }
                }
              }
            }));
  }

  private static void store(
      java.sql.Connection c, String name, ObjectNode bundle, byte[] pwd, boolean exists)
      throws java.sql.SQLException {
    String json = new String(Json.bytes(bundle), StandardCharsets.UTF_8);
    if (exists) {
      try (PreparedStatement ps =
          c.prepareStatement(
              pwd == null
                  ? "UPDATE certificate_issuers SET bundle=? WHERE name_lc=?"
                  : "UPDATE certificate_issuers SET bundle=?, pwd=? WHERE name_lc=?")) {
        ps.setString(1, json);
        if (pwd == null) {
          ps.setString(2, lc(name));
        } else {
          ps.setBytes(2, pwd);
          ps.setString(3, lc(name));
        }
        ps.executeUpdate();
      }
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO certificate_issuers(name_lc, name, bundle, pwd) VALUES(?,?,?,?)")) {
        ps.setString(1, lc(name));
        ps.setString(2, name);
        ps.setString(3, json);
        ps.setBytes(4, pwd);
        ps.executeUpdate();
      }
    }
  }

  private static ObjectNode withId(ObjectNode bundle, VaultRequest r, String name) {
    ObjectNode out = Json.object();
    out.put("id", r.baseUrl() + "/certificates/issuers/" + name);
    out.setAll(bundle);
    return out;
  }

  private static VaultError notFound(String name) {
    return VaultError.notFound(
        "CertificateIssuerNotFound", "Issuer not found: " + KeyInput.printable(name));
  }

  private static String lc(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String context(String name) {
    return "issuer:" + lc(name);
  }
}
