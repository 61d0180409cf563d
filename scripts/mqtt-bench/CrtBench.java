import java.nio.file.Path;
import software.amazon.awssdk.crt.CrtResource;
import software.amazon.awssdk.crt.io.ClientBootstrap;
import software.amazon.awssdk.crt.io.EventLoopGroup;
import software.amazon.awssdk.crt.io.HostResolver;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/** AWS IoT Device SDK for Java v2 1.21.0 (aws-crt, native TLS). */
public class CrtBench {
  public static void main(String[] a) throws Exception {
    AwsIotMqttConnectionBuilder b = AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(
        Path.of(Tls.CA, "subscriber.pem").toString(), Path.of(Tls.CA, "subscriber.key").toString());
    b.withCertificateAuthorityFromPath(null, Path.of(Tls.CA, "ca.pem").toString())
        .withEndpoint("localhost").withPort(Integer.parseInt(a[0])).withClientId("kitchen")
        .withCleanSession(true).withKeepAliveSecs(60);
    MqttClientConnection c = b.build();
    b.close();
    c.connect().get();
    System.out.println("connack " + Tls.sinceLaunch(a[1]));
    c.publish(new MqttMessage("esp8266temp/kitchen", "{\"temperature\": 21.5}".getBytes(),
        QualityOfService.AT_LEAST_ONCE, false)).get();
    c.disconnect().get();
    c.close();
    if (a.length < 3) {
      // Without this the JVM's exit waits about 1.3 s for CRT's default event loop to end.
      ClientBootstrap.closeStaticDefault();
      EventLoopGroup.closeStaticDefault();
      HostResolver.closeStaticDefault();
      CrtResource.waitForNoResources();
    }
  }
}
