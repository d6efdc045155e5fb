package org.slimta.system.internal.posix;

/**
 * A user from the password database.
 *
 * @param name the login name
 * @param uid the user id
 * @param gid the primary group id
 * @param home the home directory
 */
public record UserEntry(String name, int uid, int gid, String home) {
}
