package org.slimta.system.autoconfigure.internal.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.autoconfigure.DaemonProperties;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.testsupport.Linux;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonSpawnFailureTests {

	// ENOENT: what posix_spawn says for a missing directory, whichever it was.
	private static final PosixException SPAWN_FAILED = new PosixException("posix_spawn(/usr/bin/java)", 2);

	@TempDir
	Path directory;

	private final DaemonProperties daemon = new DaemonProperties();

	@Test
	void namesOnlyAMissingWorkingDirectory() {
		Path missing = this.directory.resolve("missing");
		this.daemon.setWorkingDirectory(missing);
		this.daemon.setStdout(this.directory.resolve("also-missing/out.log"));
		assertThat(explain()).isEqualTo("Cannot detach: 'slimta.system.daemon.working-directory' is '" + missing
				+ "', which does not exist.\nCreate it, or set 'slimta.system.daemon.working-directory' to an existing directory.");
	}

	@Test
	void namesAWorkingDirectoryThatIsAFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "");
		this.daemon.setWorkingDirectory(file);
		assertThat(explain()).startsWith("Cannot detach: 'slimta.system.daemon.working-directory' is '" + file
				+ "', which is not a directory.");
	}

	@Test
	void namesOnlyTheOutputFileWhoseDirectoryIsMissing() {
		Path missing = this.directory.resolve("missing");
		this.daemon.setStderr(missing.resolve("err.log"));
		String explanation = explain();
		assertThat(explanation).isEqualTo("Cannot detach: 'slimta.system.daemon.stderr' is '" + missing.resolve("err.log")
				+ "', in a directory that does not exist ('" + missing + "').\nCreate it, or set 'slimta.system.daemon.stderr' "
				+ "to a file in a directory the application can write when it starts.");
		assertThat(explanation).doesNotContain("working-directory", "daemon.stdout");
	}

	@Test
	void namesAnOutputFileUnderAFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "");
		this.daemon.setStdout(file.resolve("out.log"));
		assertThat(explain()).startsWith("Cannot detach: 'slimta.system.daemon.stdout' is '" + file.resolve("out.log")
				+ "', in '" + file + "', which is not a directory.");
	}

	@Test
	void namesAnOutputFileThatIsADirectory() {
		this.daemon.setStdout(this.directory);
		assertThat(explain()).isEqualTo("Cannot detach: 'slimta.system.daemon.stdout' is '" + this.directory
				+ "', which is a directory.\nSet 'slimta.system.daemon.stdout' to a file, for example '"
				+ this.directory.resolve("stdout.log") + "'.");
	}

	@Test
	void namesAnOutputDirectoryThisUserMayNotWrite() throws Exception {
		Linux.assumeNotRoot("root may write any directory");
		Path readOnly = Files.createDirectory(this.directory.resolve("read-only"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
		this.daemon.setStdout(readOnly.resolve("out.log"));
		assertThat(explain()).startsWith("Cannot detach: 'slimta.system.daemon.stdout' is '" + readOnly.resolve("out.log")
				+ "', in a directory this process may not write ('" + readOnly + "').");
	}

	@Test
	void cutsAVeryLongValue() {
		this.daemon.setWorkingDirectory(this.directory.resolve("x".repeat(250)).resolve("x".repeat(250)));
		assertThat(explain()).hasSizeLessThan(600).contains("…").doesNotContain("x".repeat(250));
	}

	@Test
	void fallsBackToTheErrnoWhenNothingExplainsIt() {
		assertThat(explain()).isEqualTo("Cannot detach: posix_spawn(/usr/bin/java): ENOENT (No such file or directory)");
	}

	@Test
	void readsAsTheLauncherPrintsEveryFailure() {
		Path missing = this.directory.resolve("missing");
		this.daemon.setWorkingDirectory(missing);
		assertThat(DaemonFailureAnalysisReporter.text(DaemonSpawnFailure.explain(this.daemon, SPAWN_FAILED)))
			.isEqualTo("APPLICATION FAILED TO START\n\nDescription:\n\nCannot detach: 'slimta.system.daemon.working-directory' is '"
					+ missing + "', which does not exist.\n\nAction:\n\nCreate it, or set "
					+ "'slimta.system.daemon.working-directory' to an existing directory.");
	}

	// The problem, then the fix on a line of its own.
	private String explain() {
		FailureAnalysis analysis = DaemonSpawnFailure.explain(this.daemon, SPAWN_FAILED);
		return analysis.getDescription() + ((analysis.getAction() != null) ? "\n" + analysis.getAction() : "");
	}

}
