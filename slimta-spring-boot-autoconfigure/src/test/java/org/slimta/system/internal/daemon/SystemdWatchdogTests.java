package org.slimta.system.internal.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.NotifySockets;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SystemdWatchdogTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@Test
	void hasAnIntervalWhenWatchdogUsecIsSetForThisProcessOrForNoneInParticular() {
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "2000000"), 42)).contains(Duration.ofSeconds(2));
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "500", "WATCHDOG_PID", "42"), 42))
			.contains(Duration.ofNanos(500_000));
	}

	@Test
	void hasNoIntervalWithoutWatchdogUsecOrWhenItIsMeantForAnotherProcess() {
		assertThat(SystemdWatchdog.interval(Map.of(), 42)).isEmpty();
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", ""), 42)).isEmpty();
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_PID", "42"), 42)).isEmpty();
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "1"), 42)).isEmpty();
	}

	@Test
	void refusesValuesThatAreNotPositiveNumbers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "2s"), 42))
			.withMessage("WATCHDOG_USEC must be a positive number, not \"2s\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "0"), 42));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "1000", "WATCHDOG_PID", "-1"), 42))
			.withMessageContaining("WATCHDOG_PID");
	}

	@Test
	void pingsWhileAliveAndStopsSayingWhyWhenNot() throws Exception {
		Linux.assumeLinux("Unix datagram sockets are tested on Linux");
		String path = this.directory.resolve("notify.sock").toString();
		Trouble trouble = new Trouble();
		try (DatagramInbox systemd = NotifySockets.bind(path)) {
			SystemdWatchdog watchdog = SystemdWatchdog.start(SystemdNotifier.forSocket(path), Duration.ofMillis(200),
					trouble::get);
			try {
				assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
				assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
				trouble.reason = "the liveness state is BROKEN";
				String message = systemd.next(TIMEOUT);
				while (message.equals("WATCHDOG=1")) {
					message = systemd.next(TIMEOUT);
				}
				assertThat(message).isEqualTo("STATUS=not alive: the liveness state is BROKEN");
				// Five periods of silence: a ping would come within one.
				assertThat(systemd.within(Duration.ofMillis(500))).isEmpty();
				trouble.reason = null;
				assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
			}
			finally {
				watchdog.stop();
			}
		}
	}

	@Test
	void aCheckThatThrowsCountsAsNotAlive() throws Exception {
		Linux.assumeLinux("Unix datagram sockets are tested on Linux");
		String path = this.directory.resolve("notify.sock").toString();
		try (DatagramInbox systemd = NotifySockets.bind(path)) {
			SystemdWatchdog watchdog = SystemdWatchdog.start(SystemdNotifier.forSocket(path), Duration.ofMillis(200),
					() -> {
						throw new IllegalStateException("no context");
					});
			try {
				assertThat(systemd.next(TIMEOUT)).startsWith("STATUS=not alive: the liveness check failed")
					.contains("no context");
			}
			finally {
				watchdog.stop();
			}
		}
	}

	private static final class Trouble {

		volatile String reason;

		Optional<String> get() {
			return Optional.ofNullable(this.reason);
		}

	}

}
