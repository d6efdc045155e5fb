package org.slimta.sample;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application started as systemd starts a {@code Type=notify} service: with
 * {@code NOTIFY_SOCKET} naming a real datagram socket (a path or an abstract name), which receives
 * its states, its status lines and, with {@code WATCHDOG_USEC}, its watchdog pings.
 */
class SystemdNotifyIT {

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("sd_notify exists only on Linux");
	}

	@EachSignalBackend
	void tellsSystemdEachStateWithAStatusLine(String backend) throws Exception {
		// signalfd names the sender; the JVM's handlers cannot.
		String sender = backend.equals("jdk") ? "" : " from pid " + ProcessHandle.current().pid();
		ProcessIdentity identity = ProcessIdentity.current();
		try (NotifySocket systemd = NotifySocket.bind(socketPath());
				SampleAppProcess app = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path()),
						"--slimta.system.signals.backend=" + backend)) {
			String serving = "STATUS=serving on port " + app.port() + " as " + identity.user() + " (uid "
					+ identity.uid() + ")";
			assertThat(systemd.receive()).isEqualTo("STATUS=starting");
			assertThat(systemd.receive()).isEqualTo("READY=1\n" + serving);
			// Ready means serving: no waiting for HTTP.
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			app.signal(Signal.SIGHUP);
			assertThat(systemd.receive())
				.matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+\nSTATUS=reloading on SIGHUP" + sender);
			assertThat(systemd.receive()).matches(
					"READY=1\n" + Pattern.quote(serving) + "; reloaded at [0-9T:.Z-]+: configuration \\(unchanged\\)");
			app.signal(Signal.SIGTERM);
			assertThat(systemd.receive()).isEqualTo("STOPPING=1\nSTATUS=stopping on SIGTERM" + sender);
			assertThat(app.awaitExit()).isEqualTo(143);
			assertThat(systemd.within(Duration.ofMillis(100))).isEmpty();
		}
	}

	@EachSignalBackend
	void saysNoReadyAfterStoppingWhenTerminateArrivesDuringASlowReload(String backend) throws Exception {
		try (NotifySocket systemd = NotifySocket.bind(socketPath());
				SampleAppProcess app = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path()),
						"--slimta.system.signals.backend=" + backend, "--sample.reload-delay=1s",
						"--slimta.system.signals.shutdown-delay=60s")) {
			systemd.receive((message) -> message.startsWith("READY=1"));
			app.signal(Signal.SIGHUP);
			assertThat(systemd.receive()).startsWith("RELOADING=1\n");
			app.signal(Signal.SIGTERM);
			assertThat(systemd.receive()).startsWith("STOPPING=1\nSTATUS=stopping on SIGTERM");
			// The reload ends while the application still serves out its shutdown delay.
			app.await("the reload's end", Duration.ofSeconds(60), () -> app.output().contains("Reloaded after SIGHUP"));
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).as(app.output()).isEqualTo(143);
			assertAllReceivedSaysNothingReady(systemd);
		}
	}

	/**
	 * What systemd received after {@code STOPPING=1}, up to now, says nothing that a service that
	 * is stopping must not say.
	 */
	static void assertAllReceivedSaysNothingReady(NotifySocket systemd) throws InterruptedException {
		List<String> after = new ArrayList<>();
		for (var message = systemd.within(Duration.ofMillis(200)); message.isPresent();
				message = systemd.within(Duration.ofMillis(200))) {
			after.add(message.get().text());
		}
		assertThat(after).as("after STOPPING=1").noneMatch((message) -> message.contains("READY=1")
				|| message.contains("RELOADING=1") || message.contains("STATUS=serving"));
	}

	@Test
	void tellsSystemdWhyTheStartFailed() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				NotifySocket systemd = NotifySocket.bind(socketPath());
				SampleAppProcess app = SampleAppProcess.startOnPort(taken.getLocalPort(),
						Map.of("NOTIFY_SOCKET", systemd.path()))) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(systemd.receive()).isEqualTo("STATUS=starting");
			assertThat(systemd.receive()).startsWith("STATUS=failed to start: ").contains(Integer.toString(taken.getLocalPort()));
		}
	}

	@Test
	void pingsTheWatchdogEveryHalfIntervalThroughASocketPathAndStopsWhenTheLivenessIsBroken() throws Exception {
		try (NotifySocket systemd = NotifySocket.bind(socketPath());
				SampleAppProcess app = startWithWatchdog(systemd)) {
			assertPingsEveryHalfInterval(systemd, app);
			assertThat(ProcProcess.of(app.pid()).threadNames()).contains("slimta-watchdog");
			assertThat(app.post("/liveness/broken").statusCode()).isEqualTo(200);
			assertThat(systemd.receive((message) -> !message.equals("WATCHDOG=1")))
				.isEqualTo("STATUS=not alive: the liveness state is BROKEN (published by LivenessController)");
			// One interval, two pings: systemd would have ended the service by now.
			assertThat(systemd.within(Duration.ofSeconds(2))).isEmpty();
			assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(503);
			assertThat(app.output()).contains("ERROR").contains("Not alive: the liveness state is BROKEN");
			assertThat(app.terminate()).isEqualTo(143);
		}
	}

	@Test
	void pingsTheWatchdogEveryHalfIntervalThroughAnAbstractName() throws Exception {
		try (NotifySocket systemd = NotifySocket.bind("@sample-notify-" + UUID.randomUUID());
				SampleAppProcess app = startWithWatchdog(systemd)) {
			assertPingsEveryHalfInterval(systemd, app);
			assertThat(app.terminate()).isEqualTo(143);
		}
	}

	// WatchdogSec=2s.
	private static SampleAppProcess startWithWatchdog(NotifySocket systemd) throws Exception {
		return SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path(), "WATCHDOG_USEC", "2000000"));
	}

	private static void assertPingsEveryHalfInterval(NotifySocket systemd, SampleAppProcess app) throws Exception {
		systemd.receive((message) -> message.startsWith("READY=1"));
		List<Long> pings = new ArrayList<>();
		while (pings.size() < 5) {
			DatagramInbox.Message message = systemd.next();
			if (message.text().equals("WATCHDOG=1")) {
				pings.add(message.nanoTime());
			}
		}
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < pings.size(); i++) {
			gaps.add(Duration.ofNanos(pings.get(i) - pings.get(i - 1)));
		}
		// About half of WatchdogSec=2s, and never as late as systemd would give up.
		Duration average = gaps.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(gaps.size());
		assertThat(average).as("%s", gaps).isBetween(Duration.ofMillis(700), Duration.ofMillis(1500));
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isLessThan(Duration.ofMillis(1900)));
		assertThat(app.output()).contains("pinging systemd's watchdog every 1000 ms");
	}

	@Test
	void sendsNoPingWhenWatchdogPidNamesAnotherProcess() throws Exception {
		String other = Long.toString(ProcessHandle.current().pid());
		try (NotifySocket systemd = NotifySocket.bind(socketPath());
				SampleAppProcess app = SampleAppProcess.startWithEnvironment(
						Map.of("NOTIFY_SOCKET", systemd.path(), "WATCHDOG_USEC", "500000", "WATCHDOG_PID", other))) {
			assertThat(systemd.receive()).isEqualTo("STATUS=starting");
			assertThat(systemd.receive()).startsWith("READY=1\n");
			// Two intervals, in which a watchdog for this process would have pinged four times.
			assertThat(systemd.within(Duration.ofSeconds(1))).isEmpty();
			assertThat(ProcProcess.of(app.pid()).threadNames()).doesNotContain("slimta-watchdog");
			assertThat(app.output()).doesNotContain("pinging systemd's watchdog");
		}
	}

	private static String socketPath() {
		return Path.of("/tmp", "sample-notify-" + UUID.randomUUID() + ".sock").toString();
	}

}
