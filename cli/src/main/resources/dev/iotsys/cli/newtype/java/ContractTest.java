package {{package}};

import dev.iotsys.sensor.micropython.ContractConformance;

/** The Java side and the firmware agree: both are checked against firmware/{{id}}/contract.json. */
class {{Name}}ContractTest extends ContractConformance {
  private static final {{Name}}SensorType TYPE = new {{Name}}SensorType();

  {{Name}}ContractTest() {
    super(TYPE, TYPE.contract(), {{Name}}SensorType.FIRMWARE);
  }
}
