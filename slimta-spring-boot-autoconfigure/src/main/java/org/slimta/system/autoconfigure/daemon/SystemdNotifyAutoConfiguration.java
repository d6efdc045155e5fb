package org.slimta.system.autoconfigure.daemon;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.boot.internal.daemon.SystemdStateReporter;
import org.slimta.system.boot.internal.daemon.SystemdWatchdogLifecycle;
import org.slimta.system.internal.daemon.SystemdNotifier;
import org.slimta.system.internal.daemon.SystemdWatchdog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Sends {@code sd_notify} states, with {@code STATUS=} lines, when systemd started the application
 * with {@code Type=notify} ({@code NOTIFY_SOCKET} set) and {@code slimta.system.daemon.notify} is
 * {@code auto}; and feeds systemd's watchdog when the unit has {@code WatchdogSec=}
 * ({@code WATCHDOG_USEC} set for this process).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class })
@ConditionalOnSlimtaSystemEnabled
@ConditionalOnProperty(prefix = "slimta.system.daemon", name = "notify", havingValue = "auto", matchIfMissing = true)
@ConditionalOnProperty(name = "NOTIFY_SOCKET")
public final class SystemdNotifyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier slimtaSystemdNotifier(Environment environment) {
		return SystemdNotifier.forSocket(environment.getRequiredProperty("NOTIFY_SOCKET"));
	}

	@Bean
	SystemdStateReporter slimtaSystemdStateReporter(SystemdNotifier notifier, SlimtaSystemProperties properties,
			Environment environment) {
		SignalsProperties signals = properties.getSignals();
		return new SystemdStateReporter(notifier, signals.getShutdownOn(), signals.getShutdownDelay(), environment);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnSystemdWatchdogCondition.class)
	static class WatchdogConfiguration {

		@Bean
		SystemdWatchdogLifecycle slimtaSystemdWatchdog(SystemdNotifier notifier, Environment environment,
				ObjectProvider<ApplicationAvailability> availability, ObjectProvider<FeatureStatus> features) {
			Duration interval = OnSystemdWatchdogCondition.interval(environment).orElseThrow();
			return new SystemdWatchdogLifecycle(notifier, interval, availability, features);
		}

	}

	/**
	 * Matches when systemd asked this very process for watchdog pings: {@code WATCHDOG_USEC} set,
	 * {@code WATCHDOG_PID} unset or this process's pid.
	 */
	static class OnSystemdWatchdogCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			try {
				Optional<Duration> interval = interval(environment);
				if (interval.isPresent()) {
					return ConditionOutcome.match("systemd's watchdog expects a ping within " + interval.get());
				}
				String usec = environment.getProperty(SystemdWatchdog.WATCHDOG_USEC);
				return ConditionOutcome.noMatch((usec == null || usec.isEmpty())
						? "WATCHDOG_USEC is not set"
						: "WATCHDOG_PID " + environment.getProperty(SystemdWatchdog.WATCHDOG_PID)
								+ " is another process");
			}
			catch (IllegalArgumentException ex) {
				return ConditionOutcome.noMatch(Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
			}
		}

		static Optional<Duration> interval(Environment environment) {
			Map<String, String> variables = new HashMap<>();
			for (String name : new String[] { SystemdWatchdog.WATCHDOG_USEC, SystemdWatchdog.WATCHDOG_PID }) {
				String value = environment.getProperty(name);
				if (value != null) {
					variables.put(name, value);
				}
			}
			return SystemdWatchdog.interval(variables, ProcessHandle.current().pid());
		}

	}

}
