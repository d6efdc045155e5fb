package org.slimta.system.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JavaProcessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@BeforeEach
	void linux() {
		Linux.assumeLinux("processes are observed through /proc");
	}

	@Test
	void capturesEachStreamAndTheExitStatus() throws Exception {
		try (JavaProcess child = command("exit", "3").start()) {
			assertThat(child.awaitLine(Pattern.compile("^ready"), TIMEOUT)).isEqualTo("ready to exit");
			assertThat(child.awaitExit(TIMEOUT)).isEqualTo(3);
			assertThat(child.standardOutput()).isEqualTo("ready to exit\n");
			assertThat(child.standardError()).isEqualTo("on standard error\n");
		}
	}

	@Test
	void handsLinesToAConsumer() throws Exception {
		List<String> lines = new ArrayList<>();
		try (JavaProcess child = command("exit", "0").outputLines((line) -> {
			synchronized (lines) {
				lines.add(line);
			}
		}).start()) {
			assertThat(child.awaitExit(TIMEOUT)).isZero();
			child.awaitOutput("on standard error", TIMEOUT);
			synchronized (lines) {
				assertThat(lines).contains("ready to exit", "on standard error");
			}
		}
	}

	@Test
	void awaitingFailsWithTheOutputOnceTheProcessEnded() throws Exception {
		try (JavaProcess child = command("exit", "1").mergeErrors().start()) {
			assertThatIllegalStateException().isThrownBy(() -> child.awaitOutput("never written", TIMEOUT))
				.withMessageStartingWith("exited with 1 before 'never written'")
				.withMessageContaining("ready to exit");
		}
	}

	@Test
	void closeKillsTheProcessAndTheChildThatIgnoresSigterm() throws Exception {
		long shell;
		long java;
		try (JavaProcess child = command("parent").closeGrace(Duration.ofMillis(500)).start()) {
			java = child.pid();
			String line = child.awaitLine(Pattern.compile("^child \\d+$"), TIMEOUT);
			shell = Long.parseLong(line.substring("child ".length()));
			assertThat(ProcProcess.of(shell).exists()).isTrue();
		}
		assertThat(ProcProcess.of(java).awaitGone(Duration.ofSeconds(10))).isTrue();
		assertThat(ProcProcess.of(shell).awaitGone(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void signalsThroughKill() throws Exception {
		try (JavaProcess child = command("wait").start()) {
			child.awaitLine(Pattern.compile("^waiting$"), TIMEOUT);
			child.signal("KILL");
			assertThat(child.awaitExit(TIMEOUT)).isEqualTo(128 + 9);
		}
	}

	@Test
	void closeDeletesWhatAKilledJvmLeftInTmp() throws Exception {
		long pid;
		try (JavaProcess child = command("wait").start()) {
			pid = child.pid();
			child.awaitLine(Pattern.compile("^waiting$"), TIMEOUT);
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(pid), "VM.uptime")
				.redirectErrorStream(true)
				.start();
			String said = new String(jcmd.getInputStream().readAllBytes());
			assertThat(jcmd.waitFor()).as(said).isZero();
			assertThat(Path.of("/tmp/.java_pid" + pid)).exists();
			child.signal("KILL");
			assertThat(child.awaitExit(TIMEOUT)).isEqualTo(128 + 9);
			assertThat(Path.of("/tmp/.java_pid" + pid)).as("left by the killed JVM").exists();
		}
		assertThat(Path.of("/tmp/.java_pid" + pid)).doesNotExist();
		try (Stream<Path> perfData = Files.list(Path.of("/tmp"))) {
			assertThat(perfData.filter((path) -> path.getFileName().toString().startsWith("hsperfdata_"))
				.map((directory) -> directory.resolve(Long.toString(pid)))).noneMatch(Files::exists);
		}
	}

	private static JavaCommand command(String... arguments) {
		return JavaCommand.mainClass(System.getProperty("java.class.path"), ChildMain.class.getName())
			.named("java-process-tests")
			.arguments(arguments);
	}

}
