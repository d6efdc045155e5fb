package org.slimta.system.internal.privilege;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who one thread is, as the kernel reports it in {@code /proc/.../status}: its four user ids and
 * four group ids (real, effective, saved, filesystem), its supplementary groups and its effective
 * capabilities. The independent check of what a privilege drop did.
 *
 * @param name the thread's name ({@code Name:})
 * @param tid the thread's id ({@code Pid:} of a task)
 * @param uids real, effective, saved and filesystem user id
 * @param gids real, effective, saved and filesystem group id
 * @param groups the supplementary group ids
 * @param effectiveCapabilities the effective capability bits ({@code CapEff:})
 */
public record ThreadCredentials(String name, int tid, List<Integer> uids, List<Integer> gids, Set<Integer> groups,
		long effectiveCapabilities) {

	private static final Path THREAD_SELF = Path.of("/proc/thread-self/status");

	/**
	 * The credentials of the calling thread.
	 * @return the credentials
	 */
	public static ThreadCredentials ofCurrentThread() {
		return read(THREAD_SELF);
	}

	/**
	 * Read a {@code status} file.
	 * @param status for example {@code /proc/self/task/42/status}
	 * @return the credentials it shows
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static ThreadCredentials read(Path status) {
		return parse(ProcStatus.read(status));
	}

	/**
	 * Parse the text of a {@code status} file.
	 * @param status the text
	 * @return the credentials it shows
	 * @throws IllegalArgumentException if a field is missing
	 */
	public static ThreadCredentials parse(String status) {
		List<String> lines = status.lines().toList();
		return new ThreadCredentials(ProcStatus.field(lines, "Name:"), Integer.parseInt(ProcStatus.field(lines, "Pid:")),
				ids(ProcStatus.field(lines, "Uid:")), ids(ProcStatus.field(lines, "Gid:")), new TreeSet<>(ids(ProcStatus.field(lines, "Groups:"))),
				Long.parseUnsignedLong(ProcStatus.field(lines, "CapEff:"), 16));
	}

	/**
	 * The effective user id.
	 * @return the effective user id
	 */
	public int effectiveUid() {
		return this.uids.get(1);
	}

	/**
	 * The effective group id.
	 * @return the effective group id
	 */
	public int effectiveGid() {
		return this.gids.get(1);
	}


	private static List<Integer> ids(String value) {
		return value.isEmpty() ? List.of() : Arrays.stream(value.split("\\s+")).map(Integer::valueOf).toList();
	}

}
