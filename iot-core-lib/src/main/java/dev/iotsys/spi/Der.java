package dev.iotsys.spi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ASN.1 DER building blocks that key and certificate encodings are made of ({@link KeyFormats}
 * uses them, and so does the core for its certificate requests), for a plugin whose board needs
 * another structure. Written out here rather than taken from a library: the signed BouncyCastle
 * jars cost about a third of a second of signature checks at every start of the command line, for
 * about a hundred lines of encoding. The tests check every structure with BouncyCastle.
 */
public final class Der {
  /** The tag of an INTEGER. */
  public static final int INTEGER = 0x02;

  /** The tag of a BIT STRING. */
  public static final int BIT_STRING = 0x03;

  /** The tag of an OCTET STRING. */
  public static final int OCTET_STRING = 0x04;

  /** The tag of NULL. */
  public static final int NULL = 0x05;

  /** The tag of an OBJECT IDENTIFIER. */
  public static final int OBJECT_IDENTIFIER = 0x06;

  /** The tag of a UTF8String. */
  public static final int UTF8_STRING = 0x0c;

  /** The tag of a PrintableString. */
  public static final int PRINTABLE_STRING = 0x13;

  /** The tag of a T61String (TeletexString). */
  public static final int T61_STRING = 0x14;

  /** The tag of an IA5String. */
  public static final int IA5_STRING = 0x16;

  /** The tag of a UniversalString. */
  public static final int UNIVERSAL_STRING = 0x1c;

  /** The tag of a BMPString. */
  public static final int BMP_STRING = 0x1e;

  /** The tag of a SEQUENCE (constructed). */
  public static final int SEQUENCE = 0x30;

  /** The tag of a SET (constructed). */
  public static final int SET = 0x31;

  /** The tag of the constructed, context-specific {@code [0]}; {@code [n]} is this plus n. */
  public static final int CONTEXT_0 = 0xa0;

  /** 2.5.4.3, the X.520 common name. */
  public static final String COMMON_NAME = "2.5.4.3";

  /** 1.2.840.113549.1.1.1, rsaEncryption. */
  public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

  /** 1.2.840.113549.1.1.11, sha256WithRSAEncryption. */
  public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

  /** 1.2.840.10045.2.1, id-ecPublicKey. */
  public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

  /** 1.2.840.10045.4.3.2, ecdsa-with-SHA256. */
  public static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

  private Der() {}

  // ------------------------------------------------------------------ writing

  /**
   * A SEQUENCE of the given elements, in order.
   *
   * @param parts the encoded elements
   * @return the encoded SEQUENCE
   */
  public static byte[] sequence(byte[]... parts) {
    return element(SEQUENCE, concat(parts));
  }

  /**
   * A SET of the given elements, in the order given (DER's sort is the caller's business).
   *
   * @param parts the encoded elements
   * @return the encoded SET
   */
  public static byte[] set(byte[]... parts) {
    return element(SET, concat(parts));
  }

  /**
   * An INTEGER.
   *
   * @param value the value
   * @return the encoded INTEGER, minimal as DER requires
   */
  public static byte[] integer(BigInteger value) {
    // BigInteger's two's-complement bytes are DER's INTEGER contents, minimal as DER requires.
    return element(INTEGER, value.toByteArray());
  }

  /**
   * A UTF8String.
   *
   * @param value the text
   * @return the encoded string
   */
  public static byte[] utf8String(String value) {
    return element(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An OCTET STRING.
   *
   * @param bytes the contents
   * @return the encoded string
   */
  public static byte[] octetString(byte[] bytes) {
    return element(OCTET_STRING, bytes);
  }

  /**
   * NULL.
   *
   * @return the encoded NULL
   */
  public static byte[] nullValue() {
    return element(NULL, new byte[0]);
  }

  /**
   * A BIT STRING of whole bytes (no unused bits).
   *
   * @param bytes the bits, eight to a byte
   * @return the encoded BIT STRING
   */
  public static byte[] bitString(byte[] bytes) {
    byte[] contents = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, contents, 1, bytes.length);
    return element(BIT_STRING, contents);
  }

  /**
   * An OBJECT IDENTIFIER.
   *
   * @param dotted the identifier in dotted form, e.g. {@code 2.5.4.3}
   * @return the encoded identifier
   */
  public static byte[] objectIdentifier(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return element(OBJECT_IDENTIFIER, out.toByteArray());
  }

  /**
   * An explicitly tagged, context-specific element {@code [n]} around one encoded element.
   *
   * @param n the tag number, 0 to 30
   * @param inner the encoded element it holds
   * @return the encoded element
   */
  public static byte[] explicit(int n, byte[] inner) {
    if (n < 0 || n > 30) {
      throw new IllegalArgumentException("context tag " + n + " needs more than one byte");
    }
    return element(CONTEXT_0 + n, inner);
  }

  /**
   * Any element: its tag, its length in the shortest form, its contents.
   *
   * @param tag the identifier octet
   * @param contents the contents octets
   * @return the encoded element
   */
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
    /**
     * An element; the contents are copied.
     *
     * @param tag the identifier octet
     * @param contents the contents octets
     */
    public Element {
      contents = contents.clone();
    }

    /**
     * The contents octets (a copy).
     *
     * @return a copy of the contents
     */
    @Override
    public byte[] contents() {
      return contents.clone();
    }

    /**
     * The elements inside a constructed element (a SEQUENCE, a SET, a context tag).
     *
     * @return the elements, in order
     * @throws IllegalArgumentException when the contents are not DER elements
     */
    public List<Element> children() {
      return Der.readAll(contents);
    }

    /**
     * The value of an INTEGER.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not an INTEGER
     */
    public BigInteger integer() {
      expect(INTEGER);
      if (contents.length == 0) {
        throw new IllegalArgumentException("empty INTEGER");
      }
      return new BigInteger(contents);
    }

    /**
     * The dotted form of an OBJECT IDENTIFIER.
     *
     * @return the identifier, e.g. {@code 2.5.4.3}
     * @throws IllegalArgumentException when this is not an OBJECT IDENTIFIER
     */
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

    /**
     * The text of one of the X.520 directory string types.
     *
     * @return the text
     * @throws IllegalArgumentException when this is not a directory string
     */
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

    /**
     * Checks the tag.
     *
     * @param expected the tag this element must have
     * @throws IllegalArgumentException when it has another
     */
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

  /**
   * The single element that {@code der} holds, nothing before or after it.
   *
   * @param der the encoded element
   * @return the element
   * @throws IllegalArgumentException when the bytes are not exactly one DER element
   */
  public static Element read(byte[] der) {
    List<Element> all = readAll(der);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one DER element, found " + all.size());
    }
    return all.get(0);
  }

  /**
   * The elements that follow one another in {@code der}.
   *
   * @param der the encoded elements
   * @return the elements, in order
   * @throws IllegalArgumentException when the bytes are not DER elements
   */
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
