package org.slimta.system.autoconfigure.daemon;

import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.FeatureStatus;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.privilege.PrivilegesAutoConfiguration;
import org.slimta.system.autoconfigure.reload.HangupAction;
import org.slimta.system.autoconfigure.reload.Reload;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.daemon.ReadinessPipe;
import org.slimta.system.posix.Posix;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The detached side of daemon mode: reports readiness to the launching process once every web
 * server listens, privileges were dropped and the pid file was written; reopens redirected
 * standard output and error on SIGHUP (logrotate's move-then-HUP); shows {@code daemon: true}.
 */
@AutoConfiguration(after = { SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class,
		PrivilegesAutoConfiguration.class, PidFileAutoConfiguration.class })
@ConditionalOnBean(SlimtaSystemProperties.class)
public final class DaemonAutoConfiguration {

	@Bean
	FeatureStatus slimtaDaemonStatus() {
		boolean daemon = ReadinessPipe.isDaemon();
		return new FeatureStatus() {

			@Override
			public String detail() {
				return "daemon";
			}

			@Override
			public Object value() {
				return daemon;
			}

			@Override
			public boolean failed() {
				return false;
			}

		};
	}

	@Bean
	DaemonReadiness slimtaDaemonReadiness(SlimtaSystemProperties properties) {
		return new DaemonReadiness(properties.getDaemon());
	}

	/** Readiness and standard streams of a detached process; does nothing in any other. */
	static class DaemonReadiness implements HangupAction {

		private static final Log logger = LogFactory.getLog(DaemonReadiness.class);

		private static final Path DEV_NULL = Path.of("/dev/null");

		private final SlimtaSystemProperties.Daemon daemon;

		DaemonReadiness(SlimtaSystemProperties.Daemon daemon) {
			this.daemon = daemon;
		}

		// Last: after the privilege drop, which is first.
		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void started(ApplicationStartedEvent event) {
			ReadinessPipe pipe = ReadinessPipe.current();
			if (pipe != null) {
				pipe.ready();
				logger.info("detached as pid " + ProcessHandle.current().pid() + " and ready");
			}
		}

		@Override
		public int getOrder() {
			return STANDARD_STREAMS;
		}

		@Override
		public void afterHangup(Reload reload) {
			if (!ReadinessPipe.isDaemon()) {
				return;
			}
			reopen(1, this.daemon.getStdout(), reload);
			reopen(2, this.daemon.getStderr(), reload);
		}

		private void reopen(int fd, Path path, Reload reload) {
			if (path.toAbsolutePath().equals(DEV_NULL)) {
				return;
			}
			System.out.flush();
			System.err.flush();
			String name = ((fd == 1) ? "stdout " : "stderr ") + path;
			try {
				Posix.get().reopenForAppend(fd, path.toAbsolutePath().toString());
				reload.reloaded(name);
			}
			catch (RuntimeException ex) {
				reload.failed(name, "slimta.system.daemon." + ((fd == 1) ? "stdout" : "stderr")
						+ " still goes to the file it had", ex);
			}
		}

	}

}
