package org.slimta.system.boot.internal.reload;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one SIGHUP reloaded: each {@link HangupAction}, in its order, says what it reloaded, what
 * it skipped and why, or why it failed. Filled in on the SIGHUP thread only; read by others once
 * {@link #finish() finished}.
 */
public final class Reload {

	// A status line for systemd and a health detail, not a report: long reasons are cut.
	private static final int MAX_REASON_LENGTH = 300;

	private final int senderPid;

	private final Instant started;

	private final long startNanos;

	private final List<String> reloaded = new ArrayList<>();

	private final List<String> skipped = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private @Nullable Throwable firstFailure;

	private @Nullable Duration took;

	/**
	 * Begin recording a reload.
	 * @param senderPid the process that sent SIGHUP, {@code 0} where unknown
	 */
	public Reload(int senderPid) {
		this.senderPid = senderPid;
		this.started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.startNanos = System.nanoTime();
	}

	/**
	 * Record something reloaded.
	 * @param what for example {@code configuration (1 key changed: sample.greeting)}
	 */
	public void reloaded(String what) {
		this.reloaded.add(what);
	}

	/**
	 * Record something not reloaded, though nothing failed.
	 * @param what for example {@code configuration}
	 * @param why for example {@code the application is still starting}
	 */
	public void skipped(String what, String why) {
		this.skipped.add(what + " (" + why + ")");
	}

	/**
	 * Record something that could not be reloaded.
	 * @param what for example {@code configuration}
	 * @param consequence what the application does instead, for example {@code kept the previous one}
	 * @param failure why
	 */
	public void failed(String what, String consequence, Throwable failure) {
		this.failures.add(what + " (" + consequence + "): " + reason(failure));
		if (this.firstFailure == null) {
			this.firstFailure = failure;
		}
	}

	/**
	 * Record something that could not be reloaded, for a reason that says all of it (no stack
	 * trace is logged).
	 * @param what for example {@code configuration}
	 * @param consequence what the application does instead, for example {@code kept the previous one}
	 * @param reason why, on one line
	 */
	public void failed(String what, String consequence, String reason) {
		this.failures.add(what + " (" + consequence + "): " + reason);
	}

	Duration finish() {
		Duration took = Duration.ofNanos(System.nanoTime() - this.startNanos);
		this.took = took;
		return took;
	}

	int senderPid() {
		return this.senderPid;
	}

	/** When the SIGHUP was handled. */
	Instant started() {
		return this.started;
	}

	@Nullable Duration took() {
		return this.took;
	}

	public boolean succeeded() {
		return this.failures.isEmpty();
	}

	List<String> reloaded() {
		return Collections.unmodifiableList(this.reloaded);
	}

	List<String> skipped() {
		return Collections.unmodifiableList(this.skipped);
	}

	List<String> failures() {
		return Collections.unmodifiableList(this.failures);
	}

	@Nullable Throwable firstFailure() {
		return this.firstFailure;
	}

	/**
	 * One line that says how the reload went, for {@code systemctl status}.
	 * @return the line
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder();
		if (succeeded()) {
			summary.append("reloaded at ").append(this.started);
			if (!this.reloaded.isEmpty()) {
				summary.append(": ").append(String.join(", ", this.reloaded));
			}
		}
		else {
			summary.append("reload at ").append(this.started).append(" failed: ").append(String.join("; ", this.failures));
		}
		return summary.toString();
	}

	/**
	 * The message of a failure and of its root cause, on one line, cut to a readable length.
	 * @param failure the failure
	 * @return its reason
	 */
	static String reason(Throwable failure) {
		String reason = String.valueOf(failure.getMessage());
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != failure && root.getMessage() != null && !reason.contains(root.getMessage())) {
			reason = reason + ": " + root.getMessage();
		}
		reason = reason.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
		return (reason.length() > MAX_REASON_LENGTH) ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason;
	}

}
