package org.slimta.system.boot.internal.privilege;

import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.internal.privilege.CapabilityReport;
import org.slimta.system.internal.privilege.PrivilegeDrop;
import org.slimta.system.internal.privilege.PrivilegeDropException;
import org.slimta.system.internal.privilege.PrivilegeTarget;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Drops privileges once the application has started, which is after every web server (a separate
 * management server included) listens. First of all {@link ApplicationStartedEvent} listeners, so
 * that a listener of lower precedence (readiness reporting) runs without privileges. A failed drop
 * fails the application closed: Spring Boot closes the context and the process exits with
 * {@value PrivilegeDropFailedException#EXIT_CODE}.
 */
public final class PrivilegeDropListener implements ApplicationListener<ApplicationStartedEvent>, Ordered {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.privilege");

	private final PrivilegeDrop drop;

	/**
	 * Create the listener.
	 * @param drop the drop to run
	 */
	public PrivilegeDropListener(PrivilegeDrop drop) {
		this.drop = drop;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		PrivilegeDrop.State before = this.drop.state();
		if (before != PrivilegeDrop.State.PENDING) {
			this.drop.run();
			return;
		}
		try {
			this.drop.run();
		}
		catch (PrivilegeDropException ex) {
			logger.error("stopping the application: " + ex.getMessage());
			throw new PrivilegeDropFailedException(ex);
		}
		// Pending means a target was configured.
		PrivilegeTarget target = Objects.requireNonNull(this.drop.target());
		if (this.drop.changesIdentity()) {
			logger.info("dropped privileges to " + target.describe());
		}
		else {
			logger.info("already running as " + target.describe() + ": cleared its capabilities");
		}
		CapabilityReport report = this.drop.report();
		if (report != null && !report.notCleared().isEmpty()) {
			logger.info(report.notCleared().size() + " of " + report.threads().size() + " threads keep capability"
					+ " sets only a thread can empty for itself (the health detail 'capabilities' shows them);"
					+ " no_new_privs is set on every thread: " + report.details().get("remaining"));
		}
	}

}
