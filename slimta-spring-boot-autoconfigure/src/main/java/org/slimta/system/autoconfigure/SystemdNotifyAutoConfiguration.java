package org.slimta.system.autoconfigure;

import org.slimta.system.daemon.SystemdNotifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Sends {@code sd_notify} states when systemd started the application with {@code Type=notify}
 * ({@code NOTIFY_SOCKET} set) and {@code slimta.system.daemon.notify} is {@code auto}.
 */
@AutoConfiguration(after = { SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class })
@ConditionalOnBean(SlimtaSystemProperties.class)
@ConditionalOnProperty(prefix = "slimta.system.daemon", name = "notify", havingValue = "auto", matchIfMissing = true)
@ConditionalOnProperty(name = "NOTIFY_SOCKET")
public final class SystemdNotifyAutoConfiguration {

	@Bean
	SystemdNotifications slimtaSystemdNotifications(Environment environment) {
		return new SystemdNotifications(SystemdNotifier.forSocket(environment.getRequiredProperty("NOTIFY_SOCKET")));
	}

}
