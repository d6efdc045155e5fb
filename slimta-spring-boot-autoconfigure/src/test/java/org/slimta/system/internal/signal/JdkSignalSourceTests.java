package org.slimta.system.internal.signal;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;

class JdkSignalSourceTests {

	@Test
	void takesASignalThroughTheJvmsHandlerAndHandsItOnWithAnUnknownSender() throws Exception {
		Linux.assumeLinux("sends a signal with kill(1)");
		BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
		JdkSignalSource source = new JdkSignalSource(Set.of(Signal.SIGUSR1));
		assertThat(source.name()).isEqualTo("jdk");
		assertThat(source.start((signal, pid, uid) -> received.add(signal + " " + pid + " " + uid)))
			.containsExactly(Signal.SIGUSR1);
		try {
			Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(ProcessHandle.current().pid())).start();
			assertThat(kill.waitFor()).isZero();
			assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("SIGUSR1 0 -1");
			assertThat(source.failed()).isFalse();
		}
		finally {
			source.stop();
		}
	}

}
