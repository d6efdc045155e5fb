package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.posix.Posix;
import org.slimta.system.signal.BlockedSignals;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Children of the packaged sample application, prepared for signalfd: started through the
 * starter's launcher they have a clean signal mask; started with a plain ProcessBuilder they do not.
 */
class ChildProcessesIT {

	@BeforeEach
	void onLinux() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "signalfd and /proc exist only on Linux");
	}

	@Test
	void aChildStartedThroughTheLauncherHasACleanMaskAndDiesOnTerminate() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start()) {
			app.awaitHttp();
			int child = JsonPath.read(app.post("/children").body(), "$.pid");
			Path status = Path.of("/proc", Integer.toString(child), "status");
			assertThat(BlockedSignals.of(status)).isEmpty();
			assertThat(ProcFiles.field(status, "SigIgn:")).isEqualTo("0000000000000000");
			assertThat(ProcessHandle.of(child).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)).contains(app.pid());
			Posix.get().kill(child, Signal.SIGTERM.number());
			ProcFiles.awaitGone(child);
		}
	}

	@Test
	void aPlainProcessBuilderChildInheritsTheBlockedSignals() throws Exception {
		assumeTrue(Runtime.version().feature() < 25,
				"measured: JDK 25's ProcessBuilder starts children with an empty signal mask; JDK 17's passes it on");
		try (SampleAppProcess app = SampleAppProcess.start()) {
			app.awaitHttp();
			int child = JsonPath.read(app.post("/children?plain=true").body(), "$.pid");
			Path status = Path.of("/proc", Integer.toString(child), "status");
			assertThat(BlockedSignals.of(status)).containsAll(Set.of(1, 2, 15));
			Posix.get().kill(child, Signal.SIGTERM.number());
			// Blocked, so it stays pending instead of ending the child.
			assertThat(BlockedSignals.decode(ProcFiles.field(status, "ShdPnd:"))).contains(15);
			assertThat(Files.exists(status)).isTrue();
		}
	}



}
