package dev.iotsys.api;

/**
 * How many AWS API calls a command made, counted by the SDK itself.
 *
 * @param read calls that only read (Describe*, Get*, List*)
 * @param write calls that may change the account
 */
public record ApiCalls(long read, long write) {}
