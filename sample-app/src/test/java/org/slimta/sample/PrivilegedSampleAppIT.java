package org.slimta.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.privilege.CapabilityReport;
import org.slimta.system.internal.privilege.ThreadCapabilities;
import org.slimta.system.internal.privilege.ThreadCredentials;
import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar with the {@code privileged} profile, started as root in a child JVM: it listens
 * on privileged ports, then serves every request as nobody.
 */
class PrivilegedSampleAppIT {

	private static final int NOBODY = 65534;

	@Test
	void servesRequestsAsNobodyAfterBindingPrivilegedPortsAsRoot() throws Exception {
		Linux.assumeRoot("the privileged profile binds ports below 1024 and drops privileges");
		int port = freePrivilegedPort(0);
		int managementPort = freePrivilegedPort(port);
		try (JavaProcess app = JavaCommand.jar(SampleAppProcess.jar())
			.arguments("--spring.profiles.active=privileged", "--server.port=" + port, "--server.address=127.0.0.1",
					"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1")
			.named("sample-app-privileged")
			.mergeErrors()
			.start()) {
			app.awaitOutput("dropped privileges to nobody:nogroup (uid 65534, gid 65534)", Duration.ofSeconds(60));
			String whoami = get(port, "/whoami");
			assertThat(JsonPath.<Integer>read(whoami, "$.uid")).isEqualTo(NOBODY);
			assertThat(JsonPath.<Integer>read(whoami, "$.gid")).isEqualTo(NOBODY);
			assertThat(JsonPath.<List<Integer>>read(whoami, "$.groups")).containsExactly(NOBODY);
			String health = get(managementPort, "/actuator/health");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.status")).isEqualTo("UP");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.user")).isEqualTo("nobody");
			assertThat(ProcProcess.of(app.pid()).threads().values()).extracting(
					(thread) -> ThreadCredentials.read(thread.directory().resolve("status"))).allSatisfy((thread) -> {
						assertThat(thread.uids()).as("uids of %s", thread).containsOnly(NOBODY);
						assertThat(thread.effectiveCapabilities()).as("CapEff of %s", thread).isZero();
					});
			// Under -Xrs the JVM opens its attach socket at start-up, as root, in the sticky /tmp:
			// handed over, so that the JVM can still remove it when it exits.
			Path attachSocket = Path.of("/tmp", ".java_pid" + app.pid());
			assertThat(Files.getAttribute(attachSocket, "unix:uid")).isEqualTo(NOBODY);
			app.signal("TERM");
			assertThat(app.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
			assertThat(attachSocket).as("the attach socket after the JVM exited").doesNotExist();
		}
	}

	@Test
	void clearsEveryCapabilityItCanAndSetsNoNewPrivsOnEveryThreadWithEitherSignalBackend() throws Exception {
		Linux.assumeRoot("the privileged profile binds ports below 1024 and drops privileges");
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		for (String backend : List.of("signalfd", "jdk")) {
			outcomes.put(backend, dropAndInspect(backend, List.of()));
		}
		assertThat(outcomes.get("jdk")).as("jdk compared with signalfd").isEqualTo(outcomes.get("signalfd"));
		// Root started without inheritable or ambient capabilities: setuid cleared the permitted,
		// effective and ambient sets of every thread, the leader's too; its bounding set stays,
		// which only the leader could empty, and nothing can gain a capability from it any more.
		Outcome outcome = outcomes.get("signalfd");
		assertThat(outcome.dropping()).containsEntry("CapBnd", ZERO);
		assertThat(outcome.process()).containsEntry("CapInh", ZERO)
			.containsEntry("CapPrm", ZERO)
			.containsEntry("CapEff", ZERO)
			.containsEntry("CapAmb", ZERO)
			.containsEntry("NoNewPrivs", 1)
			.hasEntrySatisfying("CapBnd", (bounding) -> assertThat(bounding).isNotEqualTo(ZERO));
		assertThat(outcome.children()).allSatisfy((launcher, child) -> assertThat(child).as("child by %s", launcher)
			.containsEntry("CapInh", ZERO)
			.containsEntry("CapPrm", ZERO)
			.containsEntry("CapEff", ZERO)
			.containsEntry("CapAmb", ZERO)
			.containsEntry("NoNewPrivs", 1));
	}

	@Test
	void clearsTheAmbientCapabilitiesOfAProcessStartedAsTheTargetWithEitherSignalBackend() throws Exception {
		Linux.assumeRoot("setpriv gives the process an ambient capability and another user");
		List<String> nobodyWithNetBindService = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
				"--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service", "--");
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		for (String backend : List.of("signalfd", "jdk")) {
			outcomes.put(backend, dropAndInspect(backend, nobodyWithNetBindService));
		}
		assertThat(outcomes.get("jdk")).as("jdk compared with signalfd").isEqualTo(outcomes.get("signalfd"));
		Outcome outcome = outcomes.get("signalfd");
		// Without root, no call reaches the capabilities of another thread: the dropping thread is
		// clear, no_new_privs is on every thread, the others keep CAP_NET_BIND_SERVICE (bit 10),
		// the leader (/proc/<pid>/status) in its ambient set too.
		assertThat(outcome.dropping()).containsEntry("CapInh", ZERO)
			.containsEntry("CapPrm", ZERO)
			.containsEntry("CapEff", ZERO)
			.containsEntry("CapAmb", ZERO)
			.containsEntry("NoNewPrivs", 1);
		assertThat(outcome.process()).containsEntry("CapAmb", NET_BIND_SERVICE).containsEntry("NoNewPrivs", 1);
		// The request threads were created after the inheritable and ambient sets were emptied
		// (when the drop was decided): a program they start inherits nothing.
		assertThat(outcome.children()).allSatisfy((launcher, child) -> assertThat(child).as("child by %s", launcher)
			.containsEntry("CapInh", ZERO)
			.containsEntry("CapPrm", ZERO)
			.containsEntry("CapEff", ZERO)
			.containsEntry("CapAmb", ZERO)
			.containsEntry("NoNewPrivs", 1));
	}

	// Starts the privileged profile with a signal backend, waits for the drop, then reads what the
	// kernel reports for the process, every thread, the health detail and two children.
	private static Outcome dropAndInspect(String backend, List<String> wrapper) throws Exception {
		int port = freePrivilegedPort(0);
		int managementPort = freePrivilegedPort(port);
		try (JavaProcess app = JavaCommand.jar(SampleAppProcess.jar())
			.wrappedIn(wrapper)
			.arguments("--spring.profiles.active=privileged", "--server.port=" + port, "--server.address=127.0.0.1",
					"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
					"--slimta.system.signals.backend=" + backend)
			.named("sample-app-capabilities-" + backend)
			.mergeErrors()
			.start()) {
			app.awaitLine(Pattern.compile("(dropped privileges to|already running as) nobody:nogroup .*"),
					Duration.ofSeconds(60));
			CapabilityReport report = CapabilityReport.of(Path.of("/proc/" + app.pid()));
			assertThat(report.threads()).as("threads of %s", backend).allSatisfy((thread) -> {
				assertThat(ThreadCredentials.read(Path.of("/proc/" + app.pid() + "/task/" + thread.tid() + "/status"))
					.uids()).as("uids of %s", thread).containsOnly(NOBODY);
				assertThat(thread.noNewPrivileges()).as("NoNewPrivs of %s", thread).isTrue();
			});
			// The thread that dropped (the main thread, whose name in /proc is the launcher's, java)
			// cleared its own sets; the threads it created since inherited them.
			ThreadCapabilities dropping = report.threads()
				.stream()
				.filter((thread) -> thread.holdsNone() && thread.inheritable() == 0 && thread.noNewPrivileges())
				.min(Comparator.comparingLong(ThreadCapabilities::bounding))
				.orElseThrow(() -> new AssertionError("no thread without capabilities in " + report.details()));
			String health = get(managementPort, "/actuator/health");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			Map<String, Object> detail = JsonPath.read(health, "$.components.slimta.details.capabilities.process");
			assertThat(detail).as("health detail capabilities.process").isEqualTo(report.process().sets());
			assertThat(JsonPath.<Integer>read(health, "$.components.slimta.details.capabilities.threads"))
				.isPositive();
			Map<String, Map<String, Object>> children = new LinkedHashMap<>();
			for (boolean plain : List.of(false, true)) {
				String started = post(port, "/children?plain=" + plain);
				long child = JsonPath.<Number>read(started, "$.pid").longValue();
				Path status = Path.of("/proc/" + child + "/status");
				app.await("child " + child + " runs sleep", Duration.ofSeconds(10),
						() -> Files.readString(status).startsWith("Name:\tsleep"));
				children.put(JsonPath.read(started, "$.launcher"), ThreadCapabilities.read(status).sets());
			}
			return new Outcome(report.process().sets(), dropping.sets(), children);
		}
	}

	private static final String ZERO = "0000000000000000";

	private static final String NET_BIND_SERVICE = "0000000000000400";

	record Outcome(Map<String, Object> process, Map<String, Object> dropping,
			Map<String, Map<String, Object>> children) {

	}

	private static String post(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static int freePrivilegedPort(int other) throws IOException {
		for (int port = 900; port < 1024; port++) {
			if (port == other) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException busy) {
				// taken: try the next one
			}
		}
		throw new IOException("no free port from 900 to 1023 on 127.0.0.1");
	}

}
