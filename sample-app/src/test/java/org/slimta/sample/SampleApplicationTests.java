package org.slimta.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;

import org.slimta.system.testsupport.ProcProcess;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

// SIGUSR1 for the real signal: under nohup this JVM inherits SIGHUP ignored, and HotSpot then leaves it ignored.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "slimta.system.signals.handled=SIGHUP,SIGINT,SIGTERM,SIGUSR1")
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void healthShowsTheSlimtaComponentWithThisProcessIdentity() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat(JsonPath.<String>read(body, "$.components.slimta.status")).isEqualTo("UP");
		assertThat(JsonPath.<Number>read(body, "$.components.slimta.details.pid").longValue())
			.isEqualTo(ProcessHandle.current().pid());
		ProcessIdentity identity = ProcessIdentity.current();
		assertThat(JsonPath.<Integer>read(body, "$.components.slimta.details.uid")).isEqualTo(identity.uid());
		assertThat(JsonPath.<Integer>read(body, "$.components.slimta.details.gid")).isEqualTo(identity.gid());
		assertThat(JsonPath.<String>read(body, "$.components.slimta.details.user")).isEqualTo(identity.user());
		assertThat(JsonPath.<String>read(body, "$.components.slimta.details.privileges")).isEqualTo("not-configured");
		assertThat(JsonPath.<Boolean>read(body, "$.components.slimta.details.daemon")).isFalse();
	}

	@Test
	void handsOutDistinctTimeOrderedIds() throws Exception {
		HttpResponse<String> response = get("/ids?count=50");
		assertThat(response.statusCode()).isEqualTo(200);
		List<UUID> ids = JsonPath.<List<String>>read(response.body(), "$").stream().map(UUID::fromString).toList();
		assertThat(ids).hasSize(50).doesNotHaveDuplicates();
		assertThat(ids).allSatisfy((id) -> assertThat(id.version()).isEqualTo(7));
		assertThat(ids).isSortedAccordingTo((a, b) -> a.toString().compareTo(b.toString()));
	}

	@Test
	void takesSignalsThroughTheJvmsHandlersInATest() throws Exception {
		String health = get("/actuator/health").body();
		assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("jdk");
		// Uncaught, SIGUSR1 would end this JVM.
		assertThat(ProcProcess.self().caughtSignals()).contains(Signal.SIGUSR1.number());
		long before = received(Signal.SIGUSR1);
		Posix.get().kill(Posix.get().pid(), Signal.SIGUSR1.number());
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (received(Signal.SIGUSR1) == before && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		String signals = get("/signals").body();
		assertThat(received(Signal.SIGUSR1)).isEqualTo(before + 1);
		assertThat(JsonPath.<Integer>read(signals, "$.last.senderPid")).isZero();
		assertThat(JsonPath.<Integer>read(signals, "$.last.senderUid")).isEqualTo(-1);
	}

	private long received(Signal signal) throws Exception {
		Map<String, Number> counts = JsonPath.read(get("/signals").body(), "$.counts");
		return counts.getOrDefault(signal.name(), 0).longValue();
	}

	@Test
	void rejectsAnIdCountOutOfRange() throws Exception {
		assertThat(get("/ids?count=0").statusCode()).isEqualTo(400);
		assertThat(get("/ids?count=1001").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
