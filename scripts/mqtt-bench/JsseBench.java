import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** No MQTT library: the JDK's TLS and a hand-written CONNECT, the floor for any JSSE client. */
public class JsseBench {
  public static void main(String[] a) throws Exception {
    SSLSocket s = (SSLSocket) Tls.context().getSocketFactory()
        .createSocket("localhost", Integer.parseInt(a[0]));
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.startHandshake();
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    byte[] id = "kitchen".getBytes();
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    v.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length});
    v.write(id);
    out.write(0x10);
    out.write(v.size());
    v.writeTo(out);
    out.flush();
    if (in.readNBytes(4)[3] != 0) {
      throw new IllegalStateException("CONNACK refused");
    }
    System.out.println("connack " + Tls.sinceLaunch(a[1]));
    s.close();
  }
}
