package dev.keybridge.localvault.certificates;

import java.math.BigInteger;
import java.security.spec.ECParameterSpec;
import java.util.Map;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/** The elliptic curves Key Vault supports, by their JWK names, recognised from key parameters. */
final class EcCurves {
  /** JWK curve name to the order of its base point, which identifies the curve. */
  private static final Map<String, BigInteger> ORDERS =
      Map.of(
          "P-256", order("secp256r1"),
          "P-256K", order("secp256k1"),
          "P-384", order("secp384r1"),
          "P-521", order("secp521r1"));

  private static final Map<String, Integer> SIZES =
      Map.of("P-256", 256, "P-256K", 256, "P-384", 384, "P-521", 521);

  private EcCurves() {}

  /** True if Key Vault knows this curve name (exact spelling). */
  static boolean isSupported(String crv) {
    return SIZES.containsKey(crv);
  }

  /** The key size in bits Key Vault reports for the curve: 256, 384 or 521. */
  static int size(String crv) {
    return SIZES.get(crv);
  }

  /** The curve with this key size when no curve is named: 256 is P-256, not P-256K. */
  static String forSize(int size) {
    switch (size) {
      case 256:
        return "P-256";
      case 384:
        return "P-384";
      case 521:
        return "P-521";
      default:
        return null;
    }
  }

  /** The JWK name of the curve of these parameters, or null if Key Vault does not support it. */
  static String nameOf(ECParameterSpec params) {
    for (Map.Entry<String, BigInteger> entry : ORDERS.entrySet()) {
      if (entry.getValue().equals(params.getOrder())
          && params.getCurve().getField().getFieldSize() == SIZES.get(entry.getKey())) {
        return entry.getKey();
      }
    }
    return null;
  }

  private static BigInteger order(String name) {
    return ECNamedCurveTable.getByName(name).getN();
  }
}
