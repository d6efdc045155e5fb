package org.slimta.system.internal.privilege;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Privileges could not be dropped, or the drop did not take on every thread: the process must not
 * go on. Says which target and what went wrong.
 */
public class PrivilegeDropException extends RuntimeException {

	private final PrivilegeTarget target;

	private final List<String> problems;

	PrivilegeDropException(PrivilegeTarget target, List<String> problems, @Nullable Throwable cause) {
		super("could not drop privileges to " + target.describe() + ": " + String.join("; ", problems), cause);
		this.target = target;
		this.problems = List.copyOf(problems);
	}

	/** The identity the process should have become. */
	public PrivilegeTarget getTarget() {
		return this.target;
	}

	/** What went wrong, one entry per failed call or per thread and field that is off. */
	public List<String> getProblems() {
		return this.problems;
	}

}
