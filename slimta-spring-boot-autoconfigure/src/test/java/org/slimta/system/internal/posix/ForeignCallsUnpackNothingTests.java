package org.slimta.system.internal.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.NativeImplementations;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starting, talking to and reaping a child, and a datagram, in a JVM of their own: through the
 * foreign function API nothing of jffi is unpacked or mapped; through jnr (the control) its stub
 * is, which shows that the check sees it.
 */
class ForeignCallsUnpackNothingTests {

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("the native calls are bound on Linux only");
	}

	@Test
	void theForeignImplementationLoadsNoJffi() throws Exception {
		assumeTrue(NativeImplementations.foreignAvailable(), "the foreign implementation runs on JDK 22 and later");
		Path tmp = Files.createDirectory(this.directory.resolve("tmp"));
		String said = run("ffm", tmp);
		assertThat(said).contains("spawned and exited with 0", "received READY=1", "implementation ffm")
			.doesNotContain("mapped ");
		try (var files = Files.list(tmp)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void theJnrImplementationMapsJffiWhichTheCheckSees() throws Exception {
		Path tmp = Files.createDirectory(this.directory.resolve("tmp"));
		String said = run("jnr", tmp);
		assertThat(said).contains("spawned and exited with 0", "received READY=1", "implementation jnr")
			.containsPattern("mapped .*jffi");
	}

	private String run(String implementation, Path tmp) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-D" + NativeImplementations.PROPERTY + "=" + implementation,
				"-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
				ForeignCallsProgram.class.getName(), this.directory.toString());
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(said).isTrue();
		assertThat(process.exitValue()).as(said).isZero();
		return said;
	}

}
