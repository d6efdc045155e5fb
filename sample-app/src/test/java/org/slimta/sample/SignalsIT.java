package org.slimta.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals sent to the packaged sample application, a real child JVM started plainly with
 * {@code java -jar}, checked from outside: {@code /proc}, exit statuses and HTTP. The tests of the
 * application as it is configured share one process, which the tests that end it start anew.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignalsIT {

	private static final Set<Integer> HUP_INT_TERM = Set.of(1, 2, 15);

	@TempDir
	static Path directory;

	// It serves a message file, which only hangupReloadsTheMessage changes.
	private static final SharedSampleApp APP = new SharedSampleApp(() -> {
		Path message = directory.resolve("message.txt");
		Files.writeString(message, "before\n");
		return SampleAppProcess.start("--sample.message-file=" + message);
	});

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signalfd and /proc exist only on Linux");
	}

	@AfterAll
	static void closeApp() throws Exception {
		APP.close();
	}

	@Test
	void relaunchesInPlaceWithTheSignalsBlockedInEveryThread() throws Exception {
		SampleAppProcess app = APP.get();
		String health = app.get("/actuator/health").body();
		assertThat(JsonPath.<Number>read(health, "$.components.slimta.details.pid").longValue()).isEqualTo(app.pid());
		assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("signalfd");
		Map<Long, Set<Integer>> blocked = app.blockedSignalsByThread();
		assertThat(blocked).hasSizeGreaterThan(10);
		assertThat(blocked.values()).allSatisfy((signals) -> assertThat(signals).containsAll(HUP_INT_TERM));
		assertThat(app.commandLine()).contains("-Xrs");
		assertThat(ProcProcess.of(app.pid()).name()).isEqualTo("java");
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(app.pid()), "Thread.print").redirectErrorStream(true).start();
		String dump = new String(jcmd.getInputStream().readAllBytes());
		assertThat(jcmd.waitFor()).as(dump).isZero();
		assertThat(dump).contains("Full thread dump").contains("\"slimta-signals\"");
	}

	@Test
	void relaunchesFromTheFirstLineOfMainWithTheEarlyPreparation() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.startMain("org.slimta.sample.EarlyPreparedSampleApplication")) {
			app.awaitHttp();
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<Number>read(health, "$.components.slimta.details.pid").longValue()).isEqualTo(app.pid());
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("signalfd");
			assertThat(app.blockedSignalsByThread().values())
				.allSatisfy((signals) -> assertThat(signals).containsAll(HUP_INT_TERM));
			assertThat(app.commandLine()).contains("-Xrs", "-Dloader.main=org.slimta.sample.EarlyPreparedSampleApplication");
			// Relaunched before Spring Boot started: one banner, not two.
			assertThat(app.output().split(":: Spring Boot ::", -1)).hasSize(2);
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
		}
	}

	@Test
	void deliversEveryHangupSentWhileTheListenerIsIdleWithItsSender() throws Exception {
		SampleAppProcess app = APP.get();
		// Counted from what the shared application has seen so far.
		long before = count(app.get("/signals").body(), "SIGHUP");
		double receivedBefore = hangupMeasurement(app, "slimta.signals.received", "COUNT");
		double listenedBefore = hangupMeasurement(app, "slimta.signals.listeners", "COUNT");
		for (int sent = 1; sent <= 100; sent++) {
			app.signal(Signal.SIGHUP);
			long expected = before + sent;
			awaitBody(app, "/signals", (json) -> count(json, "SIGHUP") >= expected);
			Thread.sleep(3);
		}
		String signals = app.get("/signals").body();
		assertThat(count(signals, "SIGHUP")).isEqualTo(before + 100);
		assertThat(JsonPath.<Integer>read(signals, "$.last.senderPid")).isEqualTo((int) ProcessHandle.current().pid());
		assertThat(JsonPath.<Integer>read(signals, "$.last.senderUid")).isEqualTo(Posix.get().effectiveUid());
		assertThat(hangupMeasurement(app, "slimta.signals.received", "COUNT")).isEqualTo(receivedBefore + 100);
		assertThat(hangupMeasurement(app, "slimta.signals.listeners", "COUNT")).isEqualTo(listenedBefore + 100);
		assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void hangupReloadsTheMessage() throws Exception {
		SampleAppProcess app = APP.get();
		Path message = directory.resolve("message.txt");
		assertThat(app.get("/message").body()).isEqualTo("before\n");
		Files.writeString(message, "after\n");
		assertThat(app.get("/message").body()).isEqualTo("before\n");
		app.signal(Signal.SIGHUP);
		awaitBody(app, "/message", "after\n"::equals);
	}

	@Test
	@Order(SharedSampleApp.ENDS_IT)
	void terminateLetsTheRequestInFlightFinishAndExitsWith143() throws Exception {
		SampleAppProcess app = APP.get();
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
			try {
				return app.get("/slow?millis=1500");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		// The request reached the server: it is active beside the one that asks.
		awaitBody(app, "/actuator/metrics/http.server.requests.active", (json) -> JsonPath
			.<List<Number>>read(json, "$.measurements[?(@.statistic == 'ACTIVE_TASKS')].value")
			.stream()
			.anyMatch((active) -> active.doubleValue() >= 2));
		app.signal(Signal.SIGTERM);
		HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("done after 1500 ms\n");
		assertThat(app.awaitExit()).isEqualTo(143);
		assertThat(app.output()).contains("Received SIGTERM: closing the application")
			.contains("received SIGTERM from pid " + ProcessHandle.current().pid());
	}

	@Test
	void terminateIsNotHeldBackByAHangupListenerThatBlocks() throws Exception {
		// The listener would block for ten minutes.
		assertSignalfdEndsNoLaterThanJdk((app) -> {
			app.awaitHttp();
			app.signal(Signal.SIGHUP);
			awaitOutput(app, (output) -> output.contains("reloading ") && output.contains(" slowly, in PT10M"));
		}, "--sample.reload-delay=10m");
	}

	@Test
	void terminateDuringStartupEndsAsPromptlyAsTheJvmsHandlers() throws Exception {
		// The bean would take ten minutes to start.
		assertSignalfdEndsNoLaterThanJdk(
				(app) -> awaitOutput(app, (output) -> output.contains("starting slowly, in PT10M")),
				"--sample.startup-delay=10m");
	}

	private static void assertSignalfdEndsNoLaterThanJdk(Situation situation, String setting) throws Exception {
		Duration signalfd = terminateIn(situation, setting);
		Duration jdk = terminateIn(situation, setting, "--slimta.system.signals.backend=jdk");
		assertThat(signalfd).as("signalfd %s against jdk %s", signalfd, jdk)
			.isLessThan(Duration.ofSeconds(30))
			.isLessThanOrEqualTo(jdk.plusSeconds(5));
	}

	// From SIGTERM to the exit with 143, the port closed.
	private static Duration terminateIn(Situation situation, String... args) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(args)) {
			situation.reach(app);
			long sent = System.nanoTime();
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).as(app.output()).isEqualTo(143);
			Duration took = Duration.ofNanos(System.nanoTime() - sent);
			assertThat(app.portListening()).isFalse();
			return took;
		}
	}

	@FunctionalInterface
	private interface Situation {

		void reach(SampleAppProcess app) throws Exception;

	}

	@Test
	void quitPrintsTheJvmsThreadDumpAndTheApplicationLivesOn() throws Exception {
		for (String backend : List.of("auto", "jdk")) {
			try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.backend=" + backend)) {
				app.awaitHttp();
				app.signal(Signal.SIGQUIT);
				awaitOutput(app, (output) -> output.contains("Full thread dump"));
				assertThat(app.get("/actuator/health").statusCode()).as(backend).isEqualTo(200);
				assertThat(count(app.get("/signals").body(), "SIGQUIT")).as(backend).isZero();
				app.signal(Signal.SIGQUIT);
				awaitOutput(app, (output) -> output.split("Full thread dump", -1).length == 3);
				app.signal(Signal.SIGTERM);
				assertThat(app.awaitExit()).as(backend).isEqualTo(143);
			}
		}
	}

	@Test
	@Order(SharedSampleApp.ENDS_IT)
	void interruptExitsWith130() throws Exception {
		SampleAppProcess app = APP.get();
		app.signal(Signal.SIGINT);
		assertThat(app.awaitExit()).isEqualTo(130);
		assertThat(app.portListening()).isFalse();
	}

	@Test
	void quitPrintsAThreadDumpWhenTakenOver() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.handled=HUP,INT,TERM,QUIT")) {
			app.awaitHttp();
			app.signal(Signal.SIGQUIT);
			awaitOutput(app, (output) -> output.contains("Full thread dump"));
			awaitBody(app, "/signals", (json) -> count(json, "SIGQUIT") == 1);
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			assertThat(app.blockedSignalsByThread().values()).allSatisfy((signals) -> assertThat(signals).contains(3));
		}
	}

	@Test
	void usesTheJvmsHandlersWhenRelaunchIsOffAndStillDelivers() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.relaunch=false")) {
			app.awaitHttp();
			assertThat(JsonPath.<String>read(app.get("/actuator/health").body(), "$.components.slimta.details.signals"))
				.isEqualTo("jdk");
			assertThat(app.commandLine()).doesNotContain("-Xrs");
			app.signal(Signal.SIGHUP);
			awaitBody(app, "/signals", (json) -> count(json, "SIGHUP") == 1);
			assertThat(JsonPath.<Integer>read(app.get("/signals").body(), "$.last.senderPid")).isZero();
			assertThat(app.output()).contains("slimta.system.signals.relaunch is false");
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
		}
	}

	@Test
	void refusesToStartWhenSignalfdIsRequiredButCannotWork() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.backend=signalfd",
				"--slimta.system.signals.relaunch=false")) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("Property 'slimta.system.signals.backend' is 'signalfd', but signalfd cannot work here: "
						+ "slimta.system.signals.relaunch is false")
				.contains("Set 'slimta.system.signals.backend' to 'auto'");
			assertThat(app.portListening()).isFalse();
		}
	}

	@Test
	void refusesToRunDeafWhenStartedForSignalfdWithoutTheSignalsBlocked() throws Exception {
		// What the relaunch gives, less the blocked mask: the JVM's handlers are off, signalfd would see nothing.
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-Xrs", "-Dorg.slimta.system.prepared=signalfd"))) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("This process was started for signalfd")
				.contains("Rather than run deaf to SIGTERM, it does not start")
				.contains("Set 'slimta.system.signals.relaunch' to 'false'");
			assertThat(app.portListening()).isFalse();
		}
	}

	@Test
	void usesTheJvmsHandlersUnderADebugger() throws Exception {
		List<String> debugger = List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
		try (SampleAppProcess app = SampleAppProcess.start(debugger)) {
			app.awaitHttp();
			assertThat(JsonPath.<String>read(app.get("/actuator/health").body(), "$.components.slimta.details.signals"))
				.isEqualTo("jdk");
			assertThat(app.output()).contains("the JVM runs under a debugger");
		}
	}

	// The statistic of a meter of SIGHUP, 0 before the first SIGHUP registers the meter.
	private static double hangupMeasurement(SampleAppProcess app, String meter, String statistic) throws Exception {
		HttpResponse<String> metric = app.get("/actuator/metrics/" + meter + "?tag=signal:SIGHUP");
		if (metric.statusCode() == 404) {
			return 0;
		}
		List<Number> values = JsonPath.read(metric.body(), "$.measurements[?(@.statistic == '" + statistic + "')].value");
		assertThat(values).as("%s %s", meter, statistic).hasSize(1);
		return values.get(0).doubleValue();
	}

	private static long count(String json, String signal) {
		Map<String, Number> counts = JsonPath.read(json, "$.counts");
		return counts.getOrDefault(signal, 0).longValue();
	}

	private static void awaitBody(SampleAppProcess app, String path, Predicate<String> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String body = "";
		while (System.nanoTime() < deadline) {
			body = app.get(path).body();
			if (condition.test(body)) {
				return;
			}
			Thread.sleep(2);
		}
		throw new TimeoutException("GET " + path + " still answers " + body);
	}

	private static void awaitOutput(SampleAppProcess app, Predicate<String> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.test(app.output())) {
				return;
			}
			Thread.sleep(20);
		}
		throw new TimeoutException("output never matched:\n" + app.output());
	}

}
