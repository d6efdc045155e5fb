package org.slimta.system.autoconfigure.internal;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.internal.ProcessWideState;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * An {@link EnvironmentPostProcessor} that decides for the whole process, once per JVM, on
 * {@code slimta.system.*} as {@link SlimtaSystemPropertiesBinder} binds it (the detach, the
 * relaunch for signalfd): an environment prepared again later (Spring Cloud's refresh on SIGHUP)
 * changes nothing. A start-up that failed on the properties leaves the next one its say; by
 * default it fails once logging is set up, not here.
 */
public abstract class OncePerJvmEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	// The kinds of post-processor that ran: a refresh prepares a new environment on the SIGHUP thread.
	private static final Set<Class<?>> ran = ProcessWideState.ENVIRONMENT_DECIDED_BY;

	/** Logs that appear once logging is set up. */
	protected final Log logger;

	private final int order;

	/**
	 * Create the post-processor.
	 * @param logFactory logs that appear once logging is set up
	 * @param loggerName the logger of the concern, for example {@code org.slimta.system.daemon}
	 * @param order the order among the environment post-processors
	 */
	protected OncePerJvmEnvironmentPostProcessor(DeferredLogFactory logFactory, String loggerName, int order) {
		// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
		this.logger = logFactory.getLog(() -> LogFactory.getLog(loggerName));
		this.order = order;
	}

	@Override
	public final int getOrder() {
		return this.order;
	}

	@Override
	public final void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ran.contains(getClass())) {
			return;
		}
		SlimtaSystemProperties properties;
		try {
			properties = SlimtaSystemPropertiesBinder.bind(environment);
		}
		catch (RuntimeException ex) {
			cannotBind(environment, ex);
			return;
		}
		// Claimed once the properties bound: a start-up that failed on them leaves the next one its say.
		if (!ran.add(getClass())) {
			return;
		}
		postProcessEnvironment(properties, environment, application);
	}

	/**
	 * Called instead of deciding when {@code slimta.system.*} cannot be bound: by default the
	 * start-up fails with it once logging is set up ({@link PropertyFailureAfterLogging}), so that
	 * its failure analysis reads like every later one.
	 * @param environment the environment
	 * @param failure why the properties cannot be bound
	 */
	protected void cannotBind(ConfigurableEnvironment environment, RuntimeException failure) {
		PropertyFailureAfterLogging.fail(environment, failure);
	}

	/**
	 * Decide, the first time in this JVM that {@code slimta.system.*} bound.
	 * @param properties {@code slimta.system.*}
	 * @param environment the environment
	 * @param application the application
	 */
	protected abstract void postProcessEnvironment(SlimtaSystemProperties properties,
			ConfigurableEnvironment environment, SpringApplication application);

	/**
	 * Forget that this JVM already ran a kind of post-processor, for tests that start several
	 * applications in one JVM.
	 * @param type the kind of post-processor
	 */
	protected static void forgetFirstRun(Class<? extends OncePerJvmEnvironmentPostProcessor> type) {
		ran.remove(type);
	}

}
