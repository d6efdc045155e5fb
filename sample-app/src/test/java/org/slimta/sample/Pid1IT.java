package org.slimta.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar as PID 1 of a new PID namespace, as {@code docker run} or a Kubernetes pod starts
 * {@code ENTRYPOINT ["java","-jar","app.jar"]}: Linux drops a signal to a namespace's init only
 * when it is neither handled nor blocked, so the signals must still arrive; one sent from outside
 * the namespace reads sender pid 0 there.
 */
class Pid1IT {

	private static final List<String> UNSHARE = List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc");

	@BeforeEach
	void asRootWithUnshare() throws Exception {
		Linux.assumeLinux("PID namespaces exist only on Linux");
		Linux.assumeRoot("a new PID namespace");
		assumeTrue(unshareWorks(), "unshare --pid --fork --mount-proc is unavailable (util-linux missing, or"
				+ " the container forbids new namespaces)");
	}

	@EachSignalBackend
	void takesSignalsAsPid1AndExitsGracefullyOnSigterm(String backend) throws Exception {
		try (SampleAppProcess unshare = SampleAppProcess.startThrough(UNSHARE,
				"--slimta.system.signals.backend=" + backend)) {
			unshare.awaitHttp();
			long java = javaPid(unshare);
			assertThat(ProcProcess.of(java).statusField("NSpid")).isEqualTo(java + "\t1");
			String health = unshare.get("/actuator/health").body();
			assertThat(JsonPath.<Integer>read(health, "$.components.slimta.details.pid")).isEqualTo(1);
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals"))
				.isEqualTo(backend.equals("jdk") ? "jdk" : "signalfd");
			Posix.get().kill((int) java, Signal.SIGHUP.number());
			String signals = awaitHangup(unshare);
			// From outside the namespace the sender has no pid there; signalfd still tells the user.
			assertThat(JsonPath.<Integer>read(signals, "$.last.senderPid")).isZero();
			assertThat(JsonPath.<Integer>read(signals, "$.last.senderUid")).isEqualTo(backend.equals("jdk") ? -1 : 0);
			Posix.get().kill((int) java, Signal.SIGTERM.number());
			// unshare exits with its child's status.
			assertThat(unshare.awaitExit()).as(unshare.output()).isEqualTo(143);
			assertThat(unshare.output()).contains("Received SIGTERM: closing the application")
				.contains("Graceful shutdown complete");
		}
	}

	private static String awaitHangup(SampleAppProcess app) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String signals = app.get("/signals").body();
		while (!signals.contains("SIGHUP") && System.nanoTime() < deadline) {
			Thread.sleep(20);
			signals = app.get("/signals").body();
		}
		assertThat(signals).contains("SIGHUP");
		return signals;
	}

	// The java process is unshare's only child; its pid out here is not 1.
	private static long javaPid(SampleAppProcess unshare) throws IOException {
		List<ProcessHandle> children = ProcessHandle.of(unshare.pid()).orElseThrow().children().toList();
		assertThat(children).hasSize(1);
		long pid = children.get(0).pid();
		assertThat(ProcProcess.of(pid).name()).isEqualTo("java");
		return pid;
	}

	private static boolean unshareWorks() throws InterruptedException {
		try {
			List<String> command = new java.util.ArrayList<>(UNSHARE);
			command.add("true");
			Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
			probe.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
			return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
