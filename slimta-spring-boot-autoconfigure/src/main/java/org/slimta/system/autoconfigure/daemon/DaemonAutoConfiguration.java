package org.slimta.system.autoconfigure.daemon;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.DaemonProperties;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.privilege.PrivilegeDropAutoConfiguration;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.boot.internal.daemon.DaemonReadiness;
import org.slimta.system.boot.internal.daemon.DaemonStatus;
import org.slimta.system.internal.daemon.ReadinessPipe;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The detached side of daemon mode: reports readiness to the launching process once every web
 * server listens, privileges were dropped and the pid file was written; reopens redirected
 * standard output and error on SIGHUP (logrotate's move-then-HUP); shows {@code daemon: true}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class,
		PrivilegeDropAutoConfiguration.class, PidFileAutoConfiguration.class })
@ConditionalOnSlimtaSystemEnabled
public final class DaemonAutoConfiguration {

	@Bean
	FeatureStatus slimtaDaemonStatus() {
		return new DaemonStatus(ReadinessPipe.isDaemon());
	}

	@Bean
	DaemonReadiness slimtaDaemonReadiness(SlimtaSystemProperties properties) {
		DaemonProperties daemon = properties.getDaemon();
		return new DaemonReadiness(daemon.getStdout(), daemon.getStderr());
	}

}
