package org.slimta.system.autoconfigure.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Fails the start-up with a {@code slimta.system.*} property that the environment post-processors
 * found wrong, once Spring Boot's logging is set up: thrown where it was found, before logging, the
 * failure analysis would appear in Logback's bare default format instead of the application's own,
 * unlike every failure found later.
 */
final class PropertyFailureAfterLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	// Keyed by the environment: tests and Spring Cloud start several applications in one JVM.
	private static final Map<Environment, RuntimeException> failures = Collections
		.synchronizedMap(new WeakHashMap<>());

	/**
	 * Fail the start-up that prepares this environment as soon as its logging is set up. The first
	 * failure recorded for an environment is the one reported.
	 * @param environment the environment being prepared
	 * @param failure why its {@code slimta.system.*} properties cannot be used
	 */
	public static void fail(Environment environment, RuntimeException failure) {
		failures.putIfAbsent(environment, failure);
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		RuntimeException failure = failures.remove(event.getEnvironment());
		if (failure != null) {
			throw failure;
		}
	}

}
