package org.slimta.system.autoconfigure.internal;

import org.slimta.system.internal.posix.NativeAccess;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells {@link NativeAccess} that Spring Boot's logging is set up, so that its one line about
 * native access (JDK 22+) appears in the application's own log format, in the JVM that serves:
 * a JVM relaunched for signalfd bound its native calls long before.
 */
final class NativeAccessNotice implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		NativeAccess.loggingReady();
	}

}
