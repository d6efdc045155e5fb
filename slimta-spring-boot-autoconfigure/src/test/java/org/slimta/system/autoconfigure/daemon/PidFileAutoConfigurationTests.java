package org.slimta.system.autoconfigure.daemon;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.autoconfigure.internal.daemon.PidFileApplications;
import org.slimta.system.autoconfigure.internal.daemon.PidFileLockedFailureAnalyzer;
import org.slimta.system.autoconfigure.internal.daemon.PidFileNotWritableFailureAnalyzer;
import org.slimta.system.internal.daemon.PidFile;
import org.slimta.system.internal.daemon.PidFileLockedException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = PidFileApplications.contextRunner();

	@TempDir
	Path directory;

	@Test
	void writesNoPidFileUnlessOneIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PidFile.class));
	}

	@Test
	void writesThePidWhileRunningAndRemovesTheFileAtClose() {
		Path pidFile = this.directory.resolve("app.pid");
		this.contextRunner.withPropertyValues("slimta.system.daemon.pid-file=" + pidFile).run((context) -> {
			assertThat(context).hasSingleBean(PidFile.class);
			assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
		});
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void refusesASecondInstanceAndSaysHow() {
		Path pidFile = this.directory.resolve("app.pid");
		this.contextRunner.withPropertyValues("slimta.system.daemon.pid-file=" + pidFile)
			.run((first) -> this.contextRunner.withPropertyValues("slimta.system.daemon.pid-file=" + pidFile)
				.run((second) -> {
					assertThat(second).hasFailed();
					assertThat(second.getStartupFailure()).rootCause().isInstanceOf(PidFileLockedException.class);
					FailureAnalysis analysis = new PidFileLockedFailureAnalyzer().analyze(second.getStartupFailure());
					assertThat(analysis.getDescription()).contains(pidFile.toString())
						.contains("'slimta.system.daemon.pid-file'")
						.contains("another instance");
					assertThat(analysis.getAction()).contains("set 'slimta.system.daemon.pid-file' to another file");
					assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
				}));
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void namesThePropertyWhenTheFileCannotBeWritten() {
		Path pidFile = this.directory.resolve("missing/app.pid");
		this.contextRunner.withPropertyValues("slimta.system.daemon.pid-file=" + pidFile).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new PidFileNotWritableFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("'slimta.system.daemon.pid-file'");
		});
	}

}
