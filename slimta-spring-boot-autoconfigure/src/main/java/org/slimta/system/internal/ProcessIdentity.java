package org.slimta.system.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.UserEntry;
import org.slimta.system.internal.privilege.ThreadCredentials;

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

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path PASSWD = Path.of("/etc/passwd");

	/**
	 * The identity of this process now. The ids come from {@code /proc/self/status} and the name
	 * from {@code /etc/passwd}, so that a health check loads no native binding (about 1 MiB of heap
	 * and 200 ms); the C library's lookup serves users the file does not list (LDAP, sssd). Without
	 * {@code /proc} or native calls: the pid and the {@code user.name} the JVM started with.
	 * @return the identity
	 */
	public static ProcessIdentity current() {
		ThreadCredentials credentials;
		try {
			credentials = ThreadCredentials.read(STATUS);
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			return read(Posix.availability().available() ? Posix.get() : null);
		}
		int uid = credentials.effectiveUid();
		String user = userName(uid, PASSWD).or(() -> nativeUserName(uid)).orElse(Integer.toString(uid));
		return new ProcessIdentity(ProcessHandle.current().pid(), user, uid, credentials.effectiveGid());
	}

	static ProcessIdentity read(@Nullable Posix posix) {
		if (posix == null) {
			return new ProcessIdentity(ProcessHandle.current().pid(), System.getProperty("user.name"), -1, -1);
		}
		int uid = posix.effectiveUid();
		String user = posix.user(uid).map(UserEntry::name).orElse(Integer.toString(uid));
		return new ProcessIdentity(posix.pid(), user, uid, posix.effectiveGid());
	}

	/**
	 * The name of a user id in a {@code passwd(5)} file.
	 * @param uid the user id
	 * @param passwd the file
	 * @return the first name listed with that id, empty if none is or the file cannot be read
	 */
	static Optional<String> userName(int uid, Path passwd) {
		List<String> lines;
		try {
			lines = Files.readAllLines(passwd);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		String id = Integer.toString(uid);
		for (String line : lines) {
			String[] fields = line.split(":", -1);
			if (fields.length >= 3 && fields[2].equals(id) && !fields[0].isEmpty() && !fields[0].startsWith("+")) {
				return Optional.of(fields[0]);
			}
		}
		return Optional.empty();
	}

	private static Optional<String> nativeUserName(int uid) {
		return Posix.availability().available() ? Posix.get().user(uid).map(UserEntry::name) : Optional.empty();
	}

}
