package org.slimta.system.autoconfigure.internal.socket;

import org.slimta.system.internal.socket.InheritedSocketUnusableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why an application started by socket activation did not start: a web server cannot
 * serve on a socket systemd passed, or none was passed for it; it binds no port of its own instead.
 */
class InheritedSocketUnusableFailureAnalyzer extends AbstractFailureAnalyzer<InheritedSocketUnusableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InheritedSocketUnusableException cause) {
		String description = String.format(
				"The web server cannot serve on the sockets systemd passed (socket activation, LISTEN_FDS), and binds no port of its own instead:%n%n    %s",
				cause.getMessage());
		return new FailureAnalysis(description, cause.getFix(), cause);
	}

}
