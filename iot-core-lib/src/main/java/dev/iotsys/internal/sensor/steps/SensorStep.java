package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.engine.Step;

/** What the sensor commands' steps share: their kind, what they act on, what running does. */
public abstract class SensorStep<T> implements Step<T> {
  private final String kind;
  private final String name;
  private final Outcome change;

  public SensorStep(String kind, String name, Outcome change) {
    this.kind = kind;
    this.name = name;
    this.change = change;
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Outcome change() {
    return change;
  }
}
