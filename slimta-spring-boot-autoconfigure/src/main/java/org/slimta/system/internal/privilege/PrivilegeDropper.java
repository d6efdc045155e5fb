package org.slimta.system.internal.privilege;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slimta.system.internal.posix.Capabilities;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.internal.posix.SupplementaryGroups;

/**
 * Drops every thread of this process to a {@link PrivilegeTarget} for good, in the only safe
 * order (supplementary groups, group, user), clears the capabilities, sets {@code no_new_privs},
 * and checks from {@code /proc/self/task} that it worked.
 * <p>
 * Linux keeps capabilities, the bounding set and {@code no_new_privs} per thread. The C library
 * applies {@code setgroups}, {@code setgid} and {@code setuid} to every thread, and {@code setuid}
 * from root to another user empties the permitted, effective and ambient sets of each. The
 * inheritable and bounding sets change on the calling thread only (the threads it creates later
 * inherit them); {@code no_new_privs} reaches every thread through a seccomp filter that allows
 * every call ({@link Capabilities#setNoNewPrivilegesOnEveryThread()}). With {@code no_new_privs}
 * and no permitted capability, no program a thread starts gains a capability, whatever the
 * thread's bounding and inheritable sets.
 */
public final class PrivilegeDropper {

	private static final Path TASKS = Path.of("/proc/self/task");

	private static final Path THREAD_SELF = Path.of("/proc/thread-self/status");

	private final Posix posix;

	private final SupplementaryGroups groups;

	private final Capabilities capabilities;

	/**
	 * Create a dropper on the given native calls, which must already be bound.
	 * @param posix the native calls
	 * @param groups the supplementary group calls
	 * @param capabilities the capability calls
	 */
	public PrivilegeDropper(Posix posix, SupplementaryGroups groups, Capabilities capabilities) {
		this.posix = posix;
		this.groups = groups;
		this.capabilities = capabilities;
	}

	/**
	 * Set the supplementary groups ({@code initgroups}, or none), then the group; empty the calling
	 * thread's bounding set while it still has {@code CAP_SETPCAP}; set the user; clear the calling
	 * thread's remaining capability sets; set {@code no_new_privs} on every thread.
	 * @param target the identity to become
	 * @param changeIdentity whether to change the user and groups: {@code false} for a process
	 * that already runs as the target, whose capabilities alone are cleared
	 * @throws PosixException if a call fails
	 */
	public void drop(PrivilegeTarget target, boolean changeIdentity) {
		if (changeIdentity) {
			if (target.supplementaryGroups()) {
				this.groups.initgroups(target.user(), target.gid());
			}
			else {
				this.groups.clear();
			}
			this.posix.setgid(target.gid());
		}
		if (canClearBoundingSet()) {
			this.capabilities.clearBoundingSet();
		}
		if (changeIdentity) {
			this.posix.setuid(target.uid());
		}
		this.capabilities.clear();
		this.capabilities.setNoNewPrivilegesOnEveryThread();
	}

	/**
	 * Before the drop, as early as the drop is decided: empty the calling thread's inheritable and
	 * ambient sets, so that the threads it creates from then on (the web servers' among them) pass
	 * no capability to a program they start, while they keep what lets them bind their ports.
	 * @throws PosixException if a call fails
	 */
	public void clearInheritableCapabilities() {
		this.capabilities.clearInheritable();
	}

	/**
	 * Whether the calling thread can empty its bounding set: it has {@code CAP_SETPCAP} in its
	 * effective set (root has; a process started as the target with ambient capabilities
	 * normally not).
	 * @return whether it can
	 */
	public boolean canClearBoundingSet() {
		return this.capabilities.current().effective(Capabilities.CAP_SETPCAP);
	}

	/**
	 * Check that every thread has the target's four uids and four gids and {@code no_new_privs};
	 * after a change of identity also exactly the target's supplementary groups and no permitted,
	 * effective or ambient capability; that the calling thread has no capability left in any set
	 * (its bounding set only if it could be emptied); and that {@code setuid(0)} fails. What other
	 * threads keep beyond that, the kernel does not let this thread change:
	 * {@link CapabilityReport} shows it.
	 * @param target the identity the process should now have
	 * @param changedIdentity whether {@link #drop(PrivilegeTarget, boolean)} changed the identity
	 * @param boundingSetCleared whether the calling thread had {@code CAP_SETPCAP} to empty its
	 * bounding set
	 * @return what is wrong; empty when the drop is complete
	 */
	public List<String> verify(PrivilegeTarget target, boolean changedIdentity, boolean boundingSetCleared) {
		List<String> problems = new ArrayList<>();
		ThreadCapabilities self = ThreadCapabilities.read(THREAD_SELF);
		if (!self.holdsNone() || self.inheritable() != 0 || (boundingSetCleared && self.bounding() != 0)) {
			problems.add("the dropping thread " + self.tid() + " (" + self.name() + ") still has " + self.sets());
		}
		for (Path status : taskStatusFiles()) {
			String text;
			try {
				text = Files.readString(status);
			}
			catch (NoSuchFileException ex) {
				continue; // the thread ended after it was listed
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			ThreadCredentials thread = ThreadCredentials.parse(text);
			ThreadCapabilities capabilities = ThreadCapabilities.parse(text);
			String who = "thread " + thread.tid() + " (" + thread.name() + ")";
			if (!capabilities.noNewPrivileges()) {
				problems.add(who + " has no no_new_privs");
			}
			if (thread.uids().stream().anyMatch((id) -> id != target.uid())) {
				problems.add(who + " has uids " + thread.uids() + ", not " + target.uid());
			}
			if (thread.gids().stream().anyMatch((id) -> id != target.gid())) {
				problems.add(who + " has gids " + thread.gids() + ", not " + target.gid());
			}
			if (changedIdentity && !thread.groups().equals(target.groups())) {
				problems.add(who + " has supplementary groups " + thread.groups() + ", not " + target.groups());
			}
			if (changedIdentity && !capabilities.holdsNone()) {
				problems.add(who + " still holds capabilities " + capabilities.sets());
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
