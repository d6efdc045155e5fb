package org.slimta.system;

import org.slimta.system.posix.Posix;
import org.slimta.system.posix.UserEntry;

/**
 * Who this process is right now: its pid and its effective user and group. Read afresh on every
 * call, so that it shows the identity after privileges were dropped.
 *
 * @param pid the process id
 * @param user the effective user's name, or the uid as text if it has no name
 * @param uid the effective user id, {@code -1} where it cannot be read
 * @param gid the effective group id, {@code -1} where it cannot be read
 */
public record ProcessIdentity(long pid, String user, int uid, int gid) {

	/**
	 * The identity of this process now: from the native calls where they are available, otherwise
	 * the pid and the {@code user.name} the JVM started with.
	 * @return the identity
	 */
	public static ProcessIdentity current() {
		return read(Posix.availability().available() ? Posix.get() : null);
	}

	static ProcessIdentity read(Posix posix) {
		if (posix == null) {
			return new ProcessIdentity(ProcessHandle.current().pid(), System.getProperty("user.name"), -1, -1);
		}
		int uid = posix.effectiveUid();
		String user = posix.user(uid).map(UserEntry::name).orElse(Integer.toString(uid));
		return new ProcessIdentity(posix.pid(), user, uid, posix.effectiveGid());
	}

}
