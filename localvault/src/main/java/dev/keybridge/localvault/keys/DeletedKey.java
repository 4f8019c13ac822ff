package dev.keybridge.localvault.keys;

/** A soft-deleted key: its latest version and the deletion dates (epoch seconds). */
public record DeletedKey(KeyVersion latest, long deletedDate, long scheduledPurgeDate) {}
