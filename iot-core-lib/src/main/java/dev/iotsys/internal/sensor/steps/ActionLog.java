package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.StepResult;
import dev.iotsys.internal.engine.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one sensor name, in order: each entry becomes part of its result and is told to
 * the listener as a {@link IotsysEvent.Note} prefixed with the name; and the results of the steps
 * it took.
 */
public final class ActionLog implements Step.Log {
  private final String name;
  private final IotsysListener listener;
  private final List<String> actions = new ArrayList<>();
  private final List<StepResult> steps = new ArrayList<>();
  private boolean changed;

  public ActionLog(String name, IotsysListener listener) {
    this.name = name;
    this.listener = listener;
  }

  /** Something that changed, or in a dry run would change, the account or the local files. */
  @Override
  public void change(String action) {
    changed = true;
    record(action);
  }

  /** Something found, which changes nothing. */
  public void found(String finding) {
    record(finding);
  }

  private void record(String entry) {
    actions.add(entry);
    listener.onEvent(new IotsysEvent.Note(name + ": " + entry));
  }

  public boolean changed() {
    return changed;
  }

  @Override
  public int told() {
    return actions.size();
  }

  @Override
  public List<String> toldSince(int from) {
    return List.copyOf(actions.subList(from, actions.size()));
  }

  @Override
  public void stepped(StepResult result) {
    steps.add(result);
    listener.onEvent(new IotsysEvent.Stepped(name, result));
  }

  /** Forgets what was recorded so far: a run that must look again starts its record anew. */
  public void restart() {
    actions.clear();
    steps.clear();
    changed = false;
  }

  public List<String> actions() {
    return List.copyOf(actions);
  }

  public List<StepResult> steps() {
    return List.copyOf(steps);
  }
}
