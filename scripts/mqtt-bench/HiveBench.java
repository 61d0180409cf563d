import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import java.util.List;

/** HiveMQ MQTT Client 1.3.7 (Netty). */
public class HiveBench {
  public static void main(String[] a) throws Exception {
    Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("kitchen")
        .serverHost("localhost").serverPort(Integer.parseInt(a[0]))
        .sslConfig().keyManagerFactory(Tls.kmf()).trustManagerFactory(Tls.tmf())
        .protocols(List.of("TLSv1.2")).applySslConfig().buildBlocking();
    c.connectWith().keepAlive(60).cleanSession(true).send();
    System.out.println("connack " + Tls.sinceLaunch(a[1]));
    c.publishWith().topic("esp8266temp/kitchen").qos(MqttQos.AT_LEAST_ONCE)
        .payload("{\"temperature\": 21.5}".getBytes()).send();
    c.disconnect();
    System.exit(0);
  }
}
