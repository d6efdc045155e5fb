package org.slimta.system.autoconfigure.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.internal.daemon.TrainingRun;
import org.slimta.system.autoconfigure.privilege.PrivilegeDropAutoConfiguration;
import org.slimta.system.internal.ShortenedValue;
import org.slimta.system.internal.daemon.PidFile;
import org.slimta.system.internal.daemon.PidFileLockedException;
import org.slimta.system.internal.daemon.PidFileNotWritableException;
import org.slimta.system.internal.privilege.PrivilegeDrop;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Writes and locks {@code slimta.system.daemon.pid-file} while the application runs, in the
 * foreground as well as detached: before any port is bound, handed to the user privileges are
 * dropped to, and removed when the application context closes. A second instance with the same
 * file fails to start. A training run for a CDS archive or an AOT cache writes none: it halts
 * without closing the context.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SlimtaSystemAutoConfiguration.class, PrivilegeDropAutoConfiguration.class })
@ConditionalOnSlimtaSystemEnabled
@ConditionalOnProperty(prefix = "slimta.system.daemon", name = "pid-file")
@Conditional(TrainingRun.NotTrainingRunCondition.class)
public final class PidFileAutoConfiguration {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

	@Bean(destroyMethod = "close")
	PidFile slimtaPidFile(SlimtaSystemProperties properties, ObjectProvider<PrivilegeDrop> privilegeDrop) {
		// Set: the condition above asks for it.
		Path path = Objects.requireNonNull(properties.getDaemon().getPidFile()).toAbsolutePath();
		PidFile pidFile;
		try {
			pidFile = PidFile.create(path);
		}
		catch (PidFileLockedException | PidFileNotWritableException ex) {
			// Explained by their failure analyzers.
			throw new UncheckedIOException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the pid file " + ShortenedValue.of(path)
					+ " set in 'slimta.system.daemon.pid-file': set it to a file in a directory this process can write", ex);
		}
		pidFile.stalePid()
			.ifPresent((stale) -> logger.info("took over the pid file " + path + " of pid " + stale + ", which is gone"));
		logger.info("pid file " + path + " written (pid " + pidFile.pid() + ")");
		privilegeDrop.ifAvailable((drop) -> drop.handOver(path));
		return pidFile;
	}

}
