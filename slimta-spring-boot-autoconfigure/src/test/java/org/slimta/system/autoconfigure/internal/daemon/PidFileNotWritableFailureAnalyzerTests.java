package org.slimta.system.autoconfigure.internal.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.daemon.PidFileNotWritableException;

import org.slimta.system.testsupport.Linux;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PidFileNotWritableFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = PidFileApplications.contextRunner();

	@TempDir
	Path directory;

	@Test
	void namesTheMissingDirectoryAndSaysToCreateIt() {
		Path pidFile = this.directory.resolve("missing/app.pid");
		FailureAnalysis analysis = analyzeStartWith(pidFile);
		assertThat(analysis.getDescription()).isEqualTo("The pid file '" + pidFile
				+ "' (property 'slimta.system.daemon.pid-file') cannot be written: the directory '"
				+ this.directory.resolve("missing") + "' does not exist.");
		assertThat(analysis.getAction()).startsWith("Create the directory '" + this.directory.resolve("missing") + "'")
			.contains("or set 'slimta.system.daemon.pid-file' to a file in a directory the application can write");
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void namesTheFileInTheWay() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "");
		FailureAnalysis analysis = analyzeStartWith(file.resolve("app.pid"));
		assertThat(analysis.getDescription()).endsWith("cannot be written: '" + file + "' is a file, not a directory.");
		assertThat(analysis.getAction()).startsWith("Set 'slimta.system.daemon.pid-file' to a file in a directory");
	}

	@Test
	void namesADirectoryGivenAsThePidFile() {
		FailureAnalysis analysis = analyzeStartWith(this.directory);
		assertThat(analysis.getDescription()).endsWith("cannot be written: it is a directory.");
		assertThat(analysis.getAction())
			.isEqualTo("Set 'slimta.system.daemon.pid-file' to a file name, for example '"
					+ this.directory.resolve("application.pid") + "'.");
	}

	@Test
	void namesTheDirectoryThatTakesNoFile() {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
		FailureAnalysis analysis = analyzeStartWith(Path.of("/proc/app-" + ProcessHandle.current().pid() + ".pid"));
		assertThat(analysis.getDescription()).contains("may not create a file in the directory '/proc'");
		assertThat(analysis.getAction()).isEqualTo("Set 'slimta.system.daemon.pid-file' to a file in a directory user '"
				+ System.getProperty("user.name") + "' can write, or let that user write '/proc'.");
	}

	@Test
	void namesTheDirectoryThisUserMayNotWrite() throws Exception {
		Linux.assumeNotRoot("root may write any directory");
		Path readOnly = Files.createDirectory(this.directory.resolve("read-only"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
		FailureAnalysis analysis = analyzeStartWith(readOnly.resolve("app.pid"));
		assertThat(analysis.getDescription()).endsWith("may not create a file in the directory '" + readOnly
				+ "' (Permission denied).");
		assertThat(analysis.getAction()).endsWith("or let that user write '" + readOnly + "'.");
		assertThat(readOnly).isEmptyDirectory();
	}

	@Test
	void cutsAVeryLongPath() {
		Path pidFile = this.directory.resolve("x".repeat(250)).resolve("x".repeat(250)).resolve("app.pid");
		FailureAnalysis analysis = analyzeStartWith(pidFile);
		assertThat(analysis.getDescription()).hasSizeLessThan(600).contains("…").doesNotContain("x".repeat(250));
		assertThat(analysis.getAction()).hasSizeLessThan(600).doesNotContain("x".repeat(250));
	}

	private FailureAnalysis analyzeStartWith(Path pidFile) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues("slimta.system.daemon.pid-file=" + pidFile)
			.run((context) -> analysis[0] = analyze(context));
		return analysis[0];
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasStackTraceContaining(PidFileNotWritableException.class.getName());
		FailureAnalysis analysis = new PidFileNotWritableFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
