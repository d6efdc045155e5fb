package org.slimta.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slimta.system.signals.shutdown-delay} in the packaged jar, as Kubernetes meets it: after
 * SIGTERM the readiness probe fails at once while requests are still answered, and the graceful
 * close comes after the delay; with the signalfd reader and with the JVM's handlers.
 */
class ShutdownDelayIT {

	private static final String READINESS = "/actuator/health/readiness";

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signals are sent with kill(2)");
	}

	@EachSignalBackend
	void refusesTrafficAtOnceServesThroughTheDelayThenExitsWithTheConfiguredStatus(String backend) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.backend=" + backend,
				"--slimta.system.signals.shutdown-delay=3s", "--slimta.system.signals.exit-status=0")) {
			app.awaitHttp();
			assertThat(app.get(READINESS).statusCode()).isEqualTo(200);
			long sent = System.nanoTime();
			app.signal(Signal.SIGTERM);
			HttpResponse<String> refusing = awaitReadiness(app, 503, Duration.ofSeconds(2));
			assertThat(refusing.body()).contains("OUT_OF_SERVICE");
			// Still serving: a load balancer that has not caught up yet loses nothing.
			assertThat(app.get("/message").statusCode()).isEqualTo(200);
			assertThat(app.get("/slow?millis=500").body()).isEqualTo("done after 500 ms\n");
			assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(app.awaitExit()).as(app.output()).isZero();
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofSeconds(2));
			assertThat(app.output()).contains("Received SIGTERM: refusing traffic for 3000 ms"
					+ " (slimta.system.signals.shutdown-delay), then closing the application");
		}
	}

	@EachSignalBackend
	void aSecondShutdownSignalEndsTheDelay(String backend) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.backend=" + backend,
				"--slimta.system.signals.shutdown-delay=10m")) {
			app.awaitHttp();
			app.signal(Signal.SIGTERM);
			awaitReadiness(app, 503, Duration.ofSeconds(2));
			app.signal(Signal.SIGINT);
			// The status of the signal that began the shutdown: 128 + 15.
			assertThat(app.awaitExit()).as(app.output()).isEqualTo(143);
			assertThat(app.output()).contains("Received SIGINT during the shutdown delay: closing the application now");
		}
	}

	private static HttpResponse<String> awaitReadiness(SampleAppProcess app, int status, Duration within)
			throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		HttpResponse<String> response = app.get(READINESS);
		while (response.statusCode() != status && System.nanoTime() < deadline) {
			Thread.sleep(20);
			response = app.get(READINESS);
		}
		assertThat(response.statusCode()).as("readiness within %s: %s", within, response.body()).isEqualTo(status);
		return response;
	}

}
