package dev.iotsys.spi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few ASN.1 DER structures device keys need: PKCS#1 private keys, PKCS#10 requests and the
 * common name of a certificate's subject. Written out here rather than taken from a library: the
 * signed BouncyCastle jars cost about a third of a second of signature checks at every start of the
 * command line, for about a hundred lines of encoding. The tests check every structure with
 * BouncyCastle.
 */
public final class Der {
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int NULL = 0x05;
  public static final int OBJECT_IDENTIFIER = 0x06;
  public static final int UTF8_STRING = 0x0c;
  public static final int PRINTABLE_STRING = 0x13;
  public static final int T61_STRING = 0x14;
  public static final int IA5_STRING = 0x16;
  public static final int UNIVERSAL_STRING = 0x1c;
  public static final int BMP_STRING = 0x1e;
  public static final int SEQUENCE = 0x30;
  public static final int SET = 0x31;
  public static final int CONTEXT_0 = 0xa0;

  /** 2.5.4.3, the X.520 common name. */
  public static final String COMMON_NAME = "2.5.4.3";

  /** 1.2.840.113549.1.1.11, sha256WithRSAEncryption. */
  public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

  private Der() {}

  // ------------------------------------------------------------------ writing

  public static byte[] sequence(byte[]... parts) {
    return element(SEQUENCE, concat(parts));
  }

  public static byte[] set(byte[]... parts) {
    return element(SET, concat(parts));
  }

  public static byte[] integer(BigInteger value) {
    // BigInteger's two's-complement bytes are DER's INTEGER contents, minimal as DER requires.
    return element(INTEGER, value.toByteArray());
  }

  public static byte[] utf8String(String value) {
    return element(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] nullValue() {
    return element(NULL, new byte[0]);
  }

  /** A BIT STRING of whole bytes (no unused bits). */
  public static byte[] bitString(byte[] bytes) {
    byte[] contents = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, contents, 1, bytes.length);
    return element(BIT_STRING, contents);
  }

  public static byte[] objectIdentifier(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return element(OBJECT_IDENTIFIER, out.toByteArray());
  }

  public static byte[] element(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int length = contents.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int b = (int) (value >>> (7 * i)) & 0x7f;
      out.write(i == 0 ? b : b | 0x80);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ reading

  /**
   * One element of DER input: its tag and contents.
   *
   * @param tag the identifier octet (single-byte tags only, all these structures need)
   * @param contents the contents octets
   */
  public record Element(int tag, byte[] contents) {
    /** The elements inside a constructed element (a SEQUENCE, a SET). */
    public List<Element> children() {
      return Der.readAll(contents);
    }

    /** The value of an INTEGER. */
    public BigInteger integer() {
      expect(INTEGER);
      if (contents.length == 0) {
        throw new IllegalArgumentException("empty INTEGER");
      }
      return new BigInteger(contents);
    }

    /** The dotted form of an OBJECT IDENTIFIER. */
    public String objectIdentifier() {
      expect(OBJECT_IDENTIFIER);
      StringBuilder dotted = new StringBuilder();
      long value = 0;
      boolean first = true;
      for (int i = 0; i < contents.length; i++) {
        if (value > (Long.MAX_VALUE >>> 7)) {
          throw new IllegalArgumentException("OBJECT IDENTIFIER arc too large");
        }
        value = (value << 7) | (contents[i] & 0x7f);
        if ((contents[i] & 0x80) == 0) {
          if (first) {
            long top = Math.min(value / 40, 2);
            dotted.append(top).append('.').append(value - top * 40);
            first = false;
          } else {
            dotted.append('.').append(value);
          }
          value = 0;
        } else if (i == contents.length - 1) {
          throw new IllegalArgumentException("OBJECT IDENTIFIER cut short");
        }
      }
      if (first) {
        throw new IllegalArgumentException("empty OBJECT IDENTIFIER");
      }
      return dotted.toString();
    }

    /** The text of one of the X.520 directory string types. */
    public String string() {
      Charset charset =
          switch (tag) {
            case UTF8_STRING -> StandardCharsets.UTF_8;
            case PRINTABLE_STRING, IA5_STRING -> StandardCharsets.US_ASCII;
            case T61_STRING -> StandardCharsets.ISO_8859_1;
            case BMP_STRING -> StandardCharsets.UTF_16BE;
            case UNIVERSAL_STRING -> Charset.forName("UTF-32BE");
            default ->
                throw new IllegalArgumentException(
                    "not a directory string (tag 0x" + Integer.toHexString(tag) + ")");
          };
      return new String(contents, charset);
    }

    public void expect(int expected) {
      if (tag != expected) {
        throw new IllegalArgumentException(
            "expected tag 0x"
                + Integer.toHexString(expected)
                + ", found 0x"
                + Integer.toHexString(tag));
      }
    }
  }

  /** The single element that {@code der} holds, nothing before or after it. */
  public static Element read(byte[] der) {
    List<Element> all = readAll(der);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one DER element, found " + all.size());
    }
    return all.get(0);
  }

  /** The elements that follow one another in {@code der}. */
  public static List<Element> readAll(byte[] der) {
    List<Element> elements = new ArrayList<>();
    int pos = 0;
    while (pos < der.length) {
      int tag = der[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new IllegalArgumentException("multi-byte tags are not supported");
      }
      if (pos >= der.length) {
        throw new IllegalArgumentException("DER cut short");
      }
      int first = der[pos++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3 || pos + bytes > der.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[pos++] & 0xff);
        }
      }
      if (length > der.length - pos) {
        throw new IllegalArgumentException("DER cut short");
      }
      elements.add(new Element(tag, Arrays.copyOfRange(der, pos, pos + length)));
      pos += length;
    }
    return elements;
  }
}
