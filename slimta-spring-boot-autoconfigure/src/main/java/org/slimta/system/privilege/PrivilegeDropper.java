package org.slimta.system.privilege;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slimta.system.posix.Posix;
import org.slimta.system.posix.PosixException;
import org.slimta.system.posix.SupplementaryGroups;

/**
 * Drops every thread of this process to a {@link PrivilegeTarget} for good, in the only safe
 * order (supplementary groups, group, user), and checks from {@code /proc/self/task} that it
 * worked.
 */
public final class PrivilegeDropper {

	private static final Path TASKS = Path.of("/proc/self/task");

	private final Posix posix;

	private final SupplementaryGroups groups;

	/**
	 * Create a dropper on the given native calls, which must already be bound.
	 * @param posix the native calls
	 * @param groups the supplementary group calls
	 */
	public PrivilegeDropper(Posix posix, SupplementaryGroups groups) {
		this.posix = posix;
		this.groups = groups;
	}

	/**
	 * Set the supplementary groups ({@code initgroups}, or none), then the group, then the user.
	 * glibc applies each call to every thread of the process.
	 * @param target the identity to become
	 * @throws PosixException if a call fails
	 */
	public void drop(PrivilegeTarget target) {
		if (target.supplementaryGroups()) {
			this.groups.initgroups(target.user(), target.gid());
		}
		else {
			this.groups.clear();
		}
		this.posix.setgid(target.gid());
		this.posix.setuid(target.uid());
	}

	/**
	 * Check that every thread has the target's four uids and four gids, exactly its supplementary
	 * groups and no effective capability, and that {@code setuid(0)} fails.
	 * @param target the identity the process should now have
	 * @return what is wrong; empty when the drop is complete
	 */
	public List<String> verify(PrivilegeTarget target) {
		List<String> problems = new ArrayList<>();
		for (Path status : taskStatusFiles()) {
			ThreadCredentials thread;
			try {
				thread = ThreadCredentials.read(status);
			}
			catch (UncheckedIOException ex) {
				if (ex.getCause() instanceof NoSuchFileException) {
					continue; // the thread ended after it was listed
				}
				throw ex;
			}
			String who = "thread " + thread.tid() + " (" + thread.name() + ")";
			if (thread.uids().stream().anyMatch((id) -> id != target.uid())) {
				problems.add(who + " has uids " + thread.uids() + ", not " + target.uid());
			}
			if (thread.gids().stream().anyMatch((id) -> id != target.gid())) {
				problems.add(who + " has gids " + thread.gids() + ", not " + target.gid());
			}
			if (!thread.groups().equals(target.groups())) {
				problems.add(who + " has supplementary groups " + thread.groups() + ", not " + target.groups());
			}
			if (thread.effectiveCapabilities() != 0) {
				problems.add(who + " has effective capabilities " + Long.toHexString(thread.effectiveCapabilities()));
			}
		}
		try {
			this.posix.setuid(0);
			problems.add("setuid(0) succeeded: the process could become root again");
		}
		catch (PosixException expected) {
			// EPERM: root is out of reach, as it must be
		}
		return problems;
	}

	private List<Path> taskStatusFiles() {
		try (Stream<Path> tasks = Files.list(TASKS)) {
			return tasks.map((task) -> task.resolve("status")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
