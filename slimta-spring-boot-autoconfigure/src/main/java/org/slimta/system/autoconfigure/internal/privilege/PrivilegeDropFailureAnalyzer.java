package org.slimta.system.autoconfigure.internal.privilege;

import org.slimta.system.internal.privilege.PrivilegeDropException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why an application stopped right after it started: privileges could not be dropped to
 * {@code slimta.system.privileges.user}, and it must not go on as root.
 */
class PrivilegeDropFailureAnalyzer extends AbstractFailureAnalyzer<PrivilegeDropException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PrivilegeDropException cause) {
		String description = String.format(
				"Privileges could not be dropped to %s ('slimta.system.privileges.user'), so the application was stopped rather than run as root:%n%n    %s",
				cause.getTarget().describe(), String.join(String.format("%n    "), cause.getProblems()));
		String action = "Start the application as root with the capabilities CAP_SETUID and CAP_SETGID (check the "
				+ "service manager's or container's capability settings), or remove 'slimta.system.privileges.user'.";
		return new FailureAnalysis(description, action, cause);
	}

}
