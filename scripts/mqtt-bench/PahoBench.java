import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho 1.2.5 with its own TLS module (ssl://). */
public class PahoBench {
  public static void main(String[] a) throws Exception {
    MqttClient c = new MqttClient("ssl://localhost:" + a[0], "kitchen", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setKeepAliveInterval(60);
    o.setSocketFactory(Tls.context().getSocketFactory());
    c.connect(o);
    System.out.println("connack " + Tls.sinceLaunch(a[1]));
    c.publish("esp8266temp/kitchen", "{\"temperature\": 21.5}".getBytes(), 1, false);
    c.disconnect();
    c.close();
  }
}
