package dev.iotsys.api;

/**
 * A store readings can be kept in, as {@code install --store} names it.
 *
 * @param id the store's id, e.g. {@code dynamodb}
 * @param description one line on what it is and who can use it
 * @param isDefault whether {@code install} takes it when no store is named and none is installed
 */
public record StoreInfo(String id, String description, boolean isDefault) {}
