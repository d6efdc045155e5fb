package org.slimta.system.autoconfigure.internal.daemon;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A training run for a CDS archive or an AOT cache ({@code -Dspring.context.exit=onRefresh}, as
 * Spring Boot's guide to efficient deployments makes them): Spring Framework halts the JVM once
 * the context is refreshed, before any lifecycle bean starts and without running a shutdown hook.
 * Such a run never detaches, never waits for readiness and writes no pid file, so that it ends
 * with status 0, the archive written and nothing left behind.
 */
public final class TrainingRun {

	private TrainingRun() {
	}

	/**
	 * Whether this JVM is a training run, as Spring Framework reads it (a system property, or
	 * {@code spring.properties}).
	 * @return whether the JVM halts once the context is refreshed
	 */
	static boolean isTrainingRun() {
		return DefaultLifecycleProcessor.ON_REFRESH_VALUE
			.equalsIgnoreCase(SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME));
	}

	/** Matches outside a training run. */
	public static final class NotTrainingRunCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isTrainingRun()
					? ConditionOutcome.noMatch(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME + "="
							+ DefaultLifecycleProcessor.ON_REFRESH_VALUE + ": a training run, which writes no pid file")
					: ConditionOutcome.match("not a training run");
		}

	}

}
