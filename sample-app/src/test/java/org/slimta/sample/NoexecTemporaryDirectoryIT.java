package org.slimta.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar on a hardened host: {@code java.io.tmpdir} on a {@code noexec} tmpfs and a
 * read-only working directory, made in a mount namespace of the child's own ({@code unshare
 * --mount}, whose mounts end with it). jffi cannot unpack its stub there; the JDK's foreign
 * function API needs no file. Runs on the JDK of the build: on JDK 22+ the default must serve fully
 * (signalfd, privileges dropped), and jnr (the only choice on 17 to 21, or
 * {@code -Dorg.slimta.system.native=jnr}) must say in one line why not and what to do.
 */
class NoexecTemporaryDirectoryIT {

	// $1: the directory mounted noexec; $2: the working directory made read-only; then the java command.
	private static final String HARDEN = "mount -t tmpfs -o noexec,size=64m tmpfs \"$1\""
			+ " && mount --bind -o ro \"$2\" \"$2\" && cd \"$2\" && shift 2 && exec \"$@\"";

	private static final Set<Integer> BLOCKED = Set.of(Signal.SIGHUP.number(), Signal.SIGINT.number(),
			Signal.SIGQUIT.number(), Signal.SIGTERM.number());

	@TempDir
	Path directory;

	private Path tmp;

	private Path working;

	@BeforeEach
	void asRootWithUnshare() throws Exception {
		Linux.assumeLinux("mount namespaces exist only on Linux");
		Linux.assumeRoot("mounting a noexec tmpfs in a new mount namespace");
		assumeTrue(unshareMountWorks(), "unshare --mount is unavailable (util-linux missing, or the container"
				+ " forbids new mount namespaces)");
		this.tmp = Files.createDirectory(this.directory.resolve("tmp"));
		this.working = Files.createDirectory(this.directory.resolve("working"));
	}

	@Test
	void foreignCallsServeWithSignalfdAndDropPrivileges() throws Exception {
		assumeTrue(Runtime.version().feature() >= 22,
				"the foreign function API needs JDK 22+; on " + Runtime.version() + " the jnr test below runs");
		try (SampleAppProcess app = start(List.of(), "--slimta.system.privileges.user=nobody")) {
			app.awaitHttp();
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("signalfd");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.native")).isEqualTo("ffm");
			assertThat(JsonPath.<Integer>read(health, "$.components.slimta.details.uid")).isEqualTo(65534);
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			Map<Long, Set<Integer>> blocked = app.blockedSignalsByThread();
			assertThat(blocked).isNotEmpty();
			assertThat(blocked.values()).allSatisfy((signals) -> assertThat(signals).containsAll(BLOCKED));
			app.signal(Signal.SIGHUP);
			String signals = awaitHangup(app);
			assertThat(JsonPath.<Integer>read(signals, "$.last.senderPid")).isEqualTo((int) ProcessHandle.current().pid());
			assertThat(app.terminate()).as(app.output()).isEqualTo(143);
			assertThat(app.output()).doesNotContain("jffi").doesNotContain("Native access is not enabled");
		}
	}

	@Test
	void jnrFallsBackWithOneLineThatNamesTheDirectoriesAndTheFix() throws Exception {
		try (SampleAppProcess app = start(List.of("-Dorg.slimta.system.native=jnr"))) {
			app.awaitHttp();
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("jdk");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.native")).isEqualTo("unavailable");
			assertThat(app.terminate()).as(app.output()).isEqualTo(143);
			List<String> lines = app.output().lines().toList();
			assertThat(lines.stream().filter((line) -> line.contains("jffi"))).singleElement()
				.asString()
				.contains(" WARN ")
				.contains("jffi cannot unpack its native stub: java.io.tmpdir " + this.tmp
						+ " is on a noexec mount and the working directory " + this.working + " is read-only")
				.contains("; for signalfd, start the JVM with -Djffi.extract.dir=")
				.doesNotContain("relaunch=false");
			assertThat(lines).noneMatch((line) -> line.startsWith("\tat "));
		}
	}

	@Test
	void jnrRefusesThePrivilegeDropWithTheSameCause() throws Exception {
		try (SampleAppProcess app = start(List.of("-Dorg.slimta.system.native=jnr"),
				"--slimta.system.privileges.user=nobody")) {
			assertThat(app.awaitExit()).as(app.output()).isNotZero();
			assertThat(app.output()).contains("privileges cannot be dropped here: native system calls are unavailable:"
					+ " jffi cannot unpack its native stub: java.io.tmpdir " + this.tmp + " is on a noexec mount")
				.contains("-Djffi.extract.dir=")
				.doesNotContain("needs Linux");
		}
	}

	private SampleAppProcess start(List<String> jvmOptions, String... args) throws IOException {
		List<String> wrapper = List.of("unshare", "--mount", "sh", "-c", HARDEN, "sh", this.tmp.toString(),
				this.working.toString());
		List<String> options = new java.util.ArrayList<>(jvmOptions);
		options.add("-Djava.io.tmpdir=" + this.tmp);
		return SampleAppProcess.startThrough(wrapper, options, args);
	}

	private static String awaitHangup(SampleAppProcess app) throws Exception {
		String[] signals = new String[1];
		app.await("SIGHUP counted", Duration.ofSeconds(10), () -> {
			signals[0] = app.get("/signals").body();
			return signals[0].contains("SIGHUP");
		});
		return signals[0];
	}

	private static boolean unshareMountWorks() throws InterruptedException {
		try {
			Process probe = new ProcessBuilder("unshare", "--mount", "true").redirectErrorStream(true).start();
			probe.getInputStream().transferTo(OutputStream.nullOutputStream());
			return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
