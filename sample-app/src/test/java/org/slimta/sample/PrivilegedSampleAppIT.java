package org.slimta.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slimta.system.privilege.ThreadCredentials;
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
