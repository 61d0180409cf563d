package dev.iotsys.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SDK model objects as plain maps, keyed by the names the AWS API uses on the wire (e.g. {@code
 * dynamoDBv2}, {@code putItem}, {@code tableName}). This is how plugins describe rule actions with
 * JDK types only, and how an installed rule's actions are compared with the desired ones without
 * one comparison per action kind.
 */
public final class SdkMaps {
  private SdkMaps() {}

  /**
   * Builds a model object from a map.
   *
   * @param builder makes an empty builder of the model, e.g. {@code Action::builder}
   * @throws IllegalArgumentException for a key the model does not have, or a value of the wrong
   *     shape: a store's mistake, not the user's
   */
  public static <T> T build(Supplier<? extends SdkBuilder<?, T>> builder, Map<String, ?> values) {
    SdkBuilder<?, T> b = builder.get();
    fill((SdkPojo) b, values);
    return b.build();
  }

  /** The model object as a map: only the members that are set, nested objects as maps. */
  public static Map<String, Object> toMap(SdkPojo pojo) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = plain(field, field.getValueOrDefault(pojo));
      if (value != null) {
        map.put(field.locationName(), value);
      }
    }
    return map;
  }

  /**
   * Whether everything the desired value sets is in the actual one, equal: members AWS adds with
   * their defaults (a batch mode, an empty list) are not a difference.
   */
  public static boolean covers(Object actual, Object desired) {
    if (desired instanceof Map<?, ?> want) {
      if (!(actual instanceof Map<?, ?> have)) {
        return false;
      }
      return want.entrySet().stream().allMatch(e -> covers(have.get(e.getKey()), e.getValue()));
    }
    if (desired instanceof List<?> want) {
      if (!(actual instanceof List<?> have) || have.size() != want.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!covers(have.get(i), want.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof Number want && actual instanceof Number have) {
      return new java.math.BigDecimal(want.toString())
              .compareTo(new java.math.BigDecimal(have.toString()))
          == 0;
    }
    return Objects.equals(desired, actual);
  }

  /**
   * The first place where the actual value does not cover the desired one, as {@code path: current
   * → wanted}, e.g. {@code putItem.tableName: a → b}; empty when it covers it.
   */
  public static java.util.Optional<String> difference(Object actual, Object desired, String path) {
    if (desired instanceof Map<?, ?> want && actual instanceof Map<?, ?> have) {
      for (Map.Entry<?, ?> e : want.entrySet()) {
        String at = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        java.util.Optional<String> d = difference(have.get(e.getKey()), e.getValue(), at);
        if (d.isPresent()) {
          return d;
        }
      }
      return java.util.Optional.empty();
    }
    if (desired instanceof List<?> want
        && actual instanceof List<?> have
        && have.size() == want.size()) {
      for (int i = 0; i < want.size(); i++) {
        java.util.Optional<String> d = difference(have.get(i), want.get(i), path + "[" + i + "]");
        if (d.isPresent()) {
          return d;
        }
      }
      return java.util.Optional.empty();
    }
    return covers(actual, desired)
        ? java.util.Optional.empty()
        : java.util.Optional.of(path + ": " + shown(actual) + " \u2192 " + shown(desired));
  }

  private static String shown(Object value) {
    String text = value == null ? "none" : String.valueOf(value);
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  private static void fill(SdkPojo builder, Map<String, ?> values) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
    for (Map.Entry<String, ?> e : values.entrySet()) {
      SdkField<?> field = fields.get(e.getKey());
      if (field == null) {
        throw new IllegalArgumentException(
            "no member '"
                + e.getKey()
                + "' in "
                + builder.getClass().getName()
                + "; known: "
                + fields.keySet());
      }
      if (e.getValue() != null) {
        field.set(builder, model(field, e.getValue()));
      }
    }
  }

  private static Object model(SdkField<?> field, Object value) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      SdkPojo nested = field.constructor().get();
      fill(nested, map(field, value));
      return ((SdkBuilder<?, ?>) nested).build();
    }
    if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      for (Object element : (List<?>) value) {
        list.add(model(member, element));
      }
      return list;
    }
    if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      map(field, value).forEach((k, v) -> map.put(k, model(member, v)));
      return map;
    }
    if (type == MarshallingType.INTEGER) {
      return ((Number) value).intValue();
    }
    if (type == MarshallingType.LONG) {
      return ((Number) value).longValue();
    }
    if (type == MarshallingType.DOUBLE) {
      return ((Number) value).doubleValue();
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(SdkField<?> field, Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "member '" + field.locationName() + "' takes an object, not " + value);
    }
    return (Map<String, Object>) value;
  }

  private static Object plain(SdkField<?> field, Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    if (value instanceof SdkPojo pojo) {
      return toMap(pojo);
    }
    if (value instanceof List<?> list) {
      SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      return list.stream().map(v -> plain(member, v)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> plain = new LinkedHashMap<>();
      map.forEach((k, v) -> plain.put(String.valueOf(k), plain(member, v)));
      return plain;
    }
    return value;
  }
}
