package org.slimta.system.internal.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The privilege drop of this process, from the decision to its outcome: what it drops to, the
 * files to hand to the target user first, the gate that holds requests until it is done, and its
 * state. Run once, after every port is bound.
 */
public final class PrivilegeDrop {

	private final @Nullable PrivilegeTarget target;

	private final @Nullable PrivilegeDropper dropper;

	private final RequestGate gate = new RequestGate();

	private final Set<Path> handOver = new LinkedHashSet<>();

	private final boolean changesIdentity;

	private volatile State state;

	private volatile @Nullable CapabilityReport report;

	private PrivilegeDrop(@Nullable PrivilegeTarget target, @Nullable PrivilegeDropper dropper, boolean changesIdentity,
			State state) {
		this.target = target;
		this.dropper = dropper;
		this.changesIdentity = changesIdentity;
		this.state = state;
	}

	/**
	 * No user configured: nothing to drop.
	 * @return the drop that does nothing
	 */
	public static PrivilegeDrop notConfigured() {
		return new PrivilegeDrop(null, null, false, State.NOT_CONFIGURED);
	}

	/**
	 * A drop to the given target, decided from what the process is now: from root it changes the
	 * identity and clears the capabilities; a process that already runs as the target (started
	 * with capabilities in its ambient set, for example) only clears its capabilities.
	 * @param target the identity to become
	 * @param dropper the dropper, its native calls already bound
	 * @param current the credentials of the process now
	 * @return the drop, {@link State#PENDING}
	 * @throws IllegalStateException if the process is neither root nor the target
	 */
	public static PrivilegeDrop to(PrivilegeTarget target, PrivilegeDropper dropper, ThreadCredentials current) {
		if (target.isHeldBy(current)) {
			return new PrivilegeDrop(target, dropper, false, State.PENDING);
		}
		if (current.effectiveUid() != 0) {
			throw new IllegalStateException("this process runs as uid " + current.effectiveUid() + " (gid "
					+ current.effectiveGid() + "), not as root, so it cannot become " + target.describe());
		}
		return new PrivilegeDrop(target, dropper, true, State.PENDING);
	}

	/**
	 * Whether the drop changes the user and groups, or (started as the target) clears the
	 * capabilities only.
	 * @return whether it changes the identity
	 */
	public boolean changesIdentity() {
		return this.changesIdentity;
	}

	/**
	 * Hand a file to the target user and group before the drop (a pid file the process will still
	 * remove, for example). Does nothing when the identity does not change.
	 * @param path the file; changed itself, never a symbolic link's target
	 * @throws IllegalStateException if the drop already ran
	 */
	public synchronized void handOver(Path path) {
		if (!this.changesIdentity) {
			return;
		}
		if (this.state != State.PENDING) {
			throw new IllegalStateException("privileges were already dropped (" + this.state.value() + "): " + path
					+ " can no longer be handed over");
		}
		this.handOver.add(path);
	}

	/**
	 * Drop now: hand over the files, drop, verify every thread, then open the gate. On any failure
	 * the gate refuses every request and the state is {@link State#FAILED}. Afterwards
	 * {@link #report()} tells what the kernel reports for every thread.
	 * @throws PrivilegeDropException if the drop or its verification failed
	 */
	public synchronized void run() {
		if (this.state != State.PENDING) {
			this.gate.open();
			return;
		}
		// Pending: a drop to a target, with its dropper.
		PrivilegeTarget target = Objects.requireNonNull(this.target);
		PrivilegeDropper dropper = Objects.requireNonNull(this.dropper);
		List<String> problems = new ArrayList<>();
		Throwable cause = null;
		try {
			for (Path path : filesToHandOver()) {
				Files.setAttribute(path, "unix:gid", target.gid(), LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(path, "unix:uid", target.uid(), LinkOption.NOFOLLOW_LINKS);
			}
			boolean clearBoundingSet = dropper.canClearBoundingSet();
			dropper.drop(target, this.changesIdentity);
			problems.addAll(dropper.verify(target, this.changesIdentity, clearBoundingSet));
		}
		catch (IOException | RuntimeException ex) {
			problems.add(ex.toString());
			cause = ex;
		}
		try {
			this.report = CapabilityReport.ofThisProcess();
		}
		catch (RuntimeException ex) {
			problems.add(ex.toString());
		}
		if (!problems.isEmpty()) {
			this.state = State.FAILED;
			this.gate.refuse();
			throw new PrivilegeDropException(target, problems, cause);
		}
		this.state = State.DROPPED;
		this.gate.open();
	}

	/**
	 * What this process drops to.
	 * @return the target, {@code null} when not configured
	 */
	public @Nullable PrivilegeTarget target() {
		return this.target;
	}

	/**
	 * The gate that holds requests until {@link #run()} decided.
	 * @return the gate
	 */
	public RequestGate gate() {
		return this.gate;
	}

	// The JVM's attach socket too: a JVM whose signals are reduced (-Xrs, which the relaunch for
	// signalfd adds) opens it at start-up, in /tmp whatever java.io.tmpdir says, and removes it at
	// exit, which it can no longer do in the sticky /tmp once the file belongs to another user.
	private Set<Path> filesToHandOver() {
		Set<Path> files = new LinkedHashSet<>(this.handOver);
		Path attachSocket = Path.of("/tmp", ".java_pid" + ProcessHandle.current().pid());
		if (this.changesIdentity && Files.exists(attachSocket, LinkOption.NOFOLLOW_LINKS)) {
			files.add(attachSocket);
		}
		return files;
	}

	/**
	 * What the kernel reported for every thread right after the drop.
	 * @return the report, {@code null} before the drop ran or when there was nothing to drop
	 */
	public @Nullable CapabilityReport report() {
		return this.report;
	}

	/**
	 * The state now.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Where a privilege drop stands, as the health detail {@code privileges} shows it.
	 */
	public enum State {

		/** No user configured. */
		NOT_CONFIGURED("not-configured"),

		/** Configured; waits for every port to be bound. */
		PENDING("pending"),

		/**
		 * Dropped to the target (or started as it) and verified on every thread: no permitted,
		 * effective or ambient capability where the kernel lets this process clear them, and
		 * {@code no_new_privs} everywhere.
		 */
		DROPPED("dropped"),

		/** The drop or its verification failed; the application is being stopped. */
		FAILED("failed");

		private final String value;

		State(String value) {
			this.value = value;
		}

		/**
		 * The value as the health detail shows it.
		 * @return for example {@code dropped}
		 */
		public String value() {
			return this.value;
		}

	}

}
