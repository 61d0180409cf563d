package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.ContractConformance;

/** The ESP8266 firmware's contract and this type agree (see {@link ContractConformance}). */
class FirmwareContractTest extends ContractConformance {
  private static final Esp8266TempSensorType TYPE = new Esp8266TempSensorType();

  FirmwareContractTest() {
    super(TYPE, TYPE.contract(), Esp8266TempSensorType.FIRMWARE);
  }
}
