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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slimta.system.privilege.ThreadCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar with the {@code privileged} profile, started as root in a child JVM: it listens
 * on privileged ports, then serves every request as nobody.
 */
class PrivilegedSampleAppIT {

	private static final int NOBODY = 65534;

	@Test
	void servesRequestsAsNobodyAfterBindingPrivilegedPortsAsRoot() throws Exception {
		assumeTrue(ThreadCredentials.ofCurrentThread().effectiveUid() == 0,
				"the privileged profile binds ports below 1024 and drops privileges: run the tests as root");
		int port = freePrivilegedPort(0);
		int managementPort = freePrivilegedPort(port);
		Path output = Files.createTempFile("sample-app-privileged", ".log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				SampleAppProcess.jar().toString(), "--spring.profiles.active=privileged", "--server.port=" + port,
				"--server.address=127.0.0.1", "--management.server.port=" + managementPort,
				"--management.server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			awaitOutput(app, output, "dropped privileges to nobody:nogroup (uid 65534, gid 65534)");
			String whoami = get(port, "/whoami");
			assertThat(JsonPath.<Integer>read(whoami, "$.uid")).isEqualTo(NOBODY);
			assertThat(JsonPath.<Integer>read(whoami, "$.gid")).isEqualTo(NOBODY);
			assertThat(JsonPath.<List<Integer>>read(whoami, "$.groups")).containsExactly(NOBODY);
			String health = get(managementPort, "/actuator/health");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.status")).isEqualTo("UP");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.user")).isEqualTo("nobody");
			try (Stream<Path> tasks = Files.list(Path.of("/proc/" + app.pid() + "/task"))) {
				assertThat(tasks.map((task) -> ThreadCredentials.read(task.resolve("status")))).allSatisfy((thread) -> {
					assertThat(thread.uids()).as("uids of %s", thread).containsOnly(NOBODY);
					assertThat(thread.effectiveCapabilities()).as("CapEff of %s", thread).isZero();
				});
			}
		}
		finally {
			app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			Files.delete(output);
		}
	}

	private static void awaitOutput(Process app, Path output, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!Files.readString(output).contains(text)) {
			assertThat(app.isAlive()).as("running; output:%n%s", Files.readString(output)).isTrue();
			assertThat(System.nanoTime()).as("'%s' within 60 s; output:%n%s", text, Files.readString(output))
				.isLessThan(deadline);
			Thread.sleep(50);
		}
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
