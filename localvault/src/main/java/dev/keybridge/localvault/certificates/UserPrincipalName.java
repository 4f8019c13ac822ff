package dev.keybridge.localvault.certificates;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The Microsoft user principal name SAN: an otherName of type {@code 1.3.6.1.4.1.311.20.2.3} whose
 * value is {@code [0] EXPLICIT UTF8String}.
 */
final class UserPrincipalName {
  static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

  private UserPrincipalName() {}

  /** The general name carrying this UPN ({@link OtherName} adds the {@code [0]} wrapper). */
  static GeneralName generalName(String upn) {
    return new GeneralName(GeneralName.otherName, new OtherName(OID, new DERUTF8String(upn)));
  }

  /**
   * The UPN in an otherName as {@code X509Certificate.getSubjectAlternativeNames()} returns it (the
   * DER of the tagged general name), or null if it is another kind of otherName.
   */
  static String decode(byte[] der) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      ASN1Sequence sequence =
          primitive instanceof ASN1TaggedObject
              ? ASN1Sequence.getInstance((ASN1TaggedObject) primitive, false)
              : ASN1Sequence.getInstance(primitive);
      OtherName name = OtherName.getInstance(sequence);
      if (!OID.equals(name.getTypeID())) {
        return null;
      }
      // OtherName strips one [0] EXPLICIT wrapper; the JDK's re-encoding of the otherName adds a
      // second one around the value, so unwrap as many as there are.
      ASN1Encodable value = name.getValue();
      while (value instanceof ASN1TaggedObject) {
        value = ((ASN1TaggedObject) value).getExplicitBaseObject();
      }
      return value instanceof ASN1String ? ((ASN1String) value).getString() : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
