package org.slimta.system.privilege;

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

	private volatile State state;

	private PrivilegeDrop(@Nullable PrivilegeTarget target, @Nullable PrivilegeDropper dropper, State state) {
		this.target = target;
		this.dropper = dropper;
		this.state = state;
	}

	/**
	 * No user configured: nothing to drop.
	 * @return the drop that does nothing
	 */
	public static PrivilegeDrop notConfigured() {
		return new PrivilegeDrop(null, null, State.NOT_CONFIGURED);
	}

	/**
	 * A drop to the given target, decided from what the process is now.
	 * @param target the identity to become
	 * @param dropper the dropper, its native calls already bound
	 * @param current the credentials of the process now
	 * @return the drop, {@link State#PENDING} or, if the process already is the target,
	 * {@link State#UNCHANGED}
	 * @throws IllegalStateException if the process is neither root nor the target
	 */
	public static PrivilegeDrop to(PrivilegeTarget target, PrivilegeDropper dropper, ThreadCredentials current) {
		if (target.isHeldBy(current)) {
			return new PrivilegeDrop(target, dropper, State.UNCHANGED);
		}
		if (current.effectiveUid() != 0) {
			throw new IllegalStateException("this process runs as uid " + current.effectiveUid() + " (gid "
					+ current.effectiveGid() + "), not as root, so it cannot become " + target.describe());
		}
		return new PrivilegeDrop(target, dropper, State.PENDING);
	}

	/**
	 * Hand a file to the target user and group before the drop (a pid file the process will still
	 * remove, for example). Does nothing when there is nothing to drop.
	 * @param path the file; changed itself, never a symbolic link's target
	 * @throws IllegalStateException if the drop already ran
	 */
	public synchronized void handOver(Path path) {
		if (this.state != State.PENDING) {
			if (this.state == State.NOT_CONFIGURED || this.state == State.UNCHANGED) {
				return;
			}
			throw new IllegalStateException("privileges were already dropped (" + this.state.value() + "): " + path
					+ " can no longer be handed over");
		}
		this.handOver.add(path);
	}

	/**
	 * Drop now: hand over the files, drop, verify every thread, then open the gate. On any failure
	 * the gate refuses every request and the state is {@link State#FAILED}.
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
			for (Path path : this.handOver) {
				Files.setAttribute(path, "unix:gid", target.gid(), LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(path, "unix:uid", target.uid(), LinkOption.NOFOLLOW_LINKS);
			}
			dropper.drop(target);
			problems.addAll(dropper.verify(target));
		}
		catch (IOException | RuntimeException ex) {
			problems.add(ex.toString());
			cause = ex;
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

		/** Dropped to the target and verified on every thread. */
		DROPPED("dropped"),

		/**
		 * Started as the target already: nothing was changed. Shown as {@code dropped}, the state
		 * the contract promises for a process that runs as the configured user.
		 */
		UNCHANGED("dropped"),

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
