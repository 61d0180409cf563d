package dev.iotsys.cli.dashboard;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The names a server bound to every address ({@code --bind 0.0.0.0}) may be called by: each
 * interface's addresses and the machine's name.
 */
final class LocalAddresses {
  private LocalAddresses() {}

  static List<String> names() {
    List<String> names = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          String text = a.getHostAddress();
          int zone = text.indexOf('%');
          names.add(zone < 0 ? text : text.substring(0, zone));
        }
      }
    } catch (SocketException e) {
      // none listed: only the names given stay allowed
    }
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // the machine has no name that resolves
    }
    return names;
  }
}
