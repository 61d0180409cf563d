package dev.iotsys.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2.5.4.3",
        "1.2.840.113549.1.1.11",
        "1.3.6.1.4.1.311.60.2.1.3",
        "2.999.1",
        "0.9.2342.19200300.100.1.25"
      })
  void objectIdentifier_encodesAsBouncyCastleDoes_andReadsBack(String oid) throws Exception {
    byte[] ours = Der.objectIdentifier(oid);
    assertArrayEquals(new ASN1ObjectIdentifier(oid).getEncoded(), ours);
    assertEquals(oid, Der.read(ours).objectIdentifier());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 127, 128, 255, 256, -1, -128, -129, 65537, Long.MAX_VALUE})
  void integer_encodesAsBouncyCastleDoes_andReadsBack(long value) throws Exception {
    byte[] ours = Der.integer(BigInteger.valueOf(value));
    assertArrayEquals(new ASN1Integer(value).getEncoded(), ours);
    assertEquals(BigInteger.valueOf(value), Der.read(ours).integer());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 65536, 300_000})
  void lengths_useTheShortAndTheLongForm_asBouncyCastleDoes(int length) throws Exception {
    byte[] contents = new byte[length];
    if (length > 0) {
      contents[length - 1] = 7;
    }
    byte[] ours = Der.element(0x04, contents);
    assertArrayEquals(new DEROctetString(contents).getEncoded(), ours);
    Der.Element read = Der.read(ours);
    assertEquals(0x04, read.tag());
    assertArrayEquals(contents, read.contents());
  }

  @Test
  void sequence_readsBackItsChildrenInOrder() {
    byte[] der =
        Der.sequence(
            Der.integer(BigInteger.TWO),
            Der.utf8String("küche"),
            Der.nullValue(),
            Der.bitString(new byte[] {1, 2}));
    List<Der.Element> children = Der.read(der).children();
    assertEquals(4, children.size());
    assertEquals(BigInteger.TWO, children.get(0).integer());
    assertEquals("küche", children.get(1).string());
    assertEquals(Der.NULL, children.get(2).tag());
    assertArrayEquals(new byte[] {0, 1, 2}, children.get(3).contents());
  }

  @Test
  void bitString_isReadAsBouncyCastleWritesIt() throws Exception {
    byte[] ours = Der.bitString(new byte[] {5, 6, 7});
    assertArrayEquals(
        new org.bouncycastle.asn1.DERBitString(new byte[] {5, 6, 7}).getEncoded(), ours);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30", // no length
        "3004020101", // contents cut short
        "02010102", // a second element without its length
        "02010100", // trailing bytes after the one element
        "1f0100", // a multi-byte tag
        "3080", // indefinite length: BER, not DER
        "30850000000001" // a length of five bytes
      })
  void read_refusesMalformedInput(String hex) {
    byte[] der = HexFormat.of().parseHex(hex);
    assertThrows(IllegalArgumentException.class, () -> Der.read(der));
  }

  @Test
  void integer_refusesAnEmptyOneAndAnotherTag() {
    assertThrows(
        IllegalArgumentException.class, () -> Der.read(HexFormat.of().parseHex("0200")).integer());
    assertThrows(IllegalArgumentException.class, () -> Der.read(Der.utf8String("1")).integer());
  }

  @Test
  void string_refusesWhatIsNotADirectoryString() throws Exception {
    Der.Element octets =
        Der.read(
            ASN1Primitive.fromByteArray(new DEROctetString(new byte[] {65}).getEncoded())
                .getEncoded());
    assertThrows(IllegalArgumentException.class, octets::string);
  }
}
