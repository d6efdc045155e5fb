package org.slimta.system.internal.posix;

/**
 * A group from the group database.
 *
 * @param name the group name
 * @param gid the group id
 */
public record GroupEntry(String name, int gid) {
}
