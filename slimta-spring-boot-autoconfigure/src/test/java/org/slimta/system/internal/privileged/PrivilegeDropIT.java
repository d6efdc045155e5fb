package org.slimta.system.internal.privileged;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slimta.system.internal.privilege.ThreadCredentials;
import org.slimta.system.internal.privileged.WebServerProcess.Server;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application started as root in a child JVM, with one web server at a time, drops to
 * nobody once its ports listen; checked from outside through HTTP, its exit status and
 * {@code /proc/<pid>/task}.
 */
class PrivilegeDropIT {

	private static final int NOBODY = 65534;

	private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
			"--clear-groups", "--");

	@BeforeEach
	void asRoot() {
		Linux.assumeRoot("starting a web server as root and dropping privileges");
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void dropsToNobodyOnceEveryPortListensAndNeverServesARequestAsRoot(Server server) throws Exception {
		int port = WebServerProcess.freePrivilegedPort();
		int managementPort = otherPrivilegedPort(port);
		Path pidFile = Files.createTempFile("privileged-", ".pid");
		try (RequestLoop main = RequestLoop.start(port, "/whoami", "$.uid");
				RequestLoop management = RequestLoop.start(managementPort, "/actuator/health",
						"$.components.slimta.details.uid");
				WebServerProcess app = WebServerProcess.start(server, List.of(), port,
						"--slimta.system.privileges.user=nobody", "--management.server.port=" + managementPort,
						"--management.server.address=127.0.0.1", "--whoami.hold-after-listening=500ms",
						"--whoami.hand-over=" + pidFile)) {
			app.awaitOutput("dropped privileges to nobody:nogroup (uid 65534, gid 65534)");
			List<Answer> answers = Stream
				.concat(main.stopAfterMoreAnswers(10).stream(), management.stopAfterMoreAnswers(10).stream())
				.toList();
			// Held health requests may answer 503: liveness becomes CORRECT just after the drop.
			assertThat(answers).allSatisfy((answer) -> assertThat(answer.uid())
				.as("uid of the thread that answered %s", answer.body())
				.isEqualTo(NOBODY));
			assertThat(answers).filteredOn((answer) -> answer.port() == port)
				.extracting(Answer::status)
				.containsOnly(200);
			assertThat(Files.getAttribute(pidFile, "unix:uid")).as("owner of the handed-over file").isEqualTo(NOBODY);
			assertThat(Files.getAttribute(pidFile, "unix:gid")).as("group of the handed-over file").isEqualTo(NOBODY);
			String whoami = app.get("/whoami").body();
			assertThat(JsonPath.<String>read(whoami, "$.server")).isEqualTo(server.webServerClass);
			assertThat(JsonPath.<Integer>read(whoami, "$.gid")).isEqualTo(NOBODY);
			assertThat(threads(app.pid())).isNotEmpty().allSatisfy((thread) -> {
				assertThat(thread.uids()).as("uids of %s", thread).containsOnly(NOBODY).hasSize(4);
				assertThat(thread.gids()).as("gids of %s", thread).containsOnly(NOBODY).hasSize(4);
				assertThat(thread.groups()).as("groups of %s", thread).isEqualTo(Set.of(NOBODY));
				assertThat(thread.effectiveCapabilities()).as("CapEff of %s", thread).isZero();
			});
			String health = WebServerProcess.get(managementPort, "/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.status")).isEqualTo("UP");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.user")).isEqualTo("nobody");
			assertThat(JsonPath.<Integer>read(health, "$.components.slimta.details.uid")).isEqualTo(NOBODY);
		}
		finally {
			Files.delete(pidFile);
		}
	}

	@Test
	void dropsOnceAnApplicationWithoutWebServerStarted() throws Exception {
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, List.of(), WebServerProcess.freePort(),
				"--spring.main.web-application-type=none", "--slimta.system.privileges.user=nobody")) {
			assertThat(app.awaitExit()).isZero();
			assertThat(app.output()).contains("dropped privileges to nobody:nogroup (uid 65534, gid 65534)")
				.doesNotContain("started on port");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			slimta.system.privileges.user | no-such-user  | slimta.system.enabled=true     | no user 'no-such-user' in the user database
			slimta.system.privileges.group | no-such-group | slimta.system.privileges.user=nobody | no group 'no-such-group' in the group database
			""")
	void refusesAnUnknownUserOrGroupBeforeAnyPortIsBound(String property, String value, String other, String problem)
			throws Exception {
		int port = WebServerProcess.freePrivilegedPort();
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, List.of(), port,
				"--" + property + "=" + value, "--" + other)) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("Invalid value for property '" + property + "': \"" + value + "\"")
				.contains(problem)
				.contains("Set '" + property + "' to an existing")
				.doesNotContain("started on port");
			assertThat(WebServerProcess.listening(port)).isFalse();
		}
	}

	@Test
	void stopsWhenRootLacksTheCapabilitiesToDrop() throws Exception {
		int port = WebServerProcess.freePrivilegedPort();
		List<String> withoutSetuid = List.of("setpriv", "--bounding-set=-setuid,-setgid",
				"--inh-caps=-setuid,-setgid", "--");
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, withoutSetuid, port,
				"--slimta.system.privileges.user=nobody")) {
			assertThat(app.awaitExit()).isEqualTo(77);
			assertThat(app.output()).contains("Tomcat started on port " + port)
				.contains("stopping the application: could not drop privileges to nobody:nogroup")
				.contains("initgroups(nobody, 65534): EPERM")
				.contains("Start the application as root with the capabilities CAP_SETUID and CAP_SETGID");
			assertThat(WebServerProcess.listening(port)).isFalse();
		}
	}

	@Test
	void refusesToBecomeAnotherUserWhenNotStartedAsRoot() throws Exception {
		int port = WebServerProcess.freePort();
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, AS_NOBODY, port,
				"--slimta.system.privileges.user=daemon")) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("Invalid value for property 'slimta.system.privileges.user': \"daemon\"")
				.contains("this process runs as uid 65534 (gid 65534), not as root, so it cannot become daemon")
				.doesNotContain("started on port");
			assertThat(WebServerProcess.listening(port)).isFalse();
		}
	}

	@Test
	void staysTheUserItWasStartedAs() throws Exception {
		int port = WebServerProcess.freePort();
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, AS_NOBODY, port,
				"--slimta.system.privileges.user=nobody")) {
			app.awaitOutput("already running as nobody:nogroup (uid 65534, gid 65534): cleared its capabilities");
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("dropped");
			assertThat(JsonPath.<Integer>read(app.get("/whoami").body(), "$.uid")).isEqualTo(NOBODY);
		}
	}

	private static int otherPrivilegedPort(int port) throws IOException {
		int other = WebServerProcess.freePrivilegedPort();
		while (other == port) {
			other = WebServerProcess.freePrivilegedPort();
		}
		return other;
	}

	private static List<ThreadCredentials> threads(long pid) throws IOException {
		return ProcProcess.of(pid)
			.threads()
			.values()
			.stream()
			.map((thread) -> ThreadCredentials.read(thread.directory().resolve("status")))
			.toList();
	}

	record Answer(int port, int status, int uid, String body) {
	}

	/**
	 * Sends requests to one port from before the application listens (a connection tried every 10 ms,
	 * which leaves the starting JVM the CPU), then back to back, and keeps every answer.
	 */
	static final class RequestLoop implements AutoCloseable {

		private static final Duration TRY_AGAIN = Duration.ofMillis(10);

		private final List<Answer> answers = new CopyOnWriteArrayList<>();

		private final int port;

		private final String path;

		private final String uid;

		private final Thread thread;

		private volatile boolean running = true;

		private RequestLoop(int port, String path, String uid) {
			this.port = port;
			this.path = path;
			this.uid = uid;
			this.thread = new Thread(this::run, "request-loop-" + port);
		}

		/**
		 * Start sending.
		 * @param port the port
		 * @param path the request path
		 * @param uid where the answer's JSON holds the uid that produced it
		 */
		static RequestLoop start(int port, String path, String uid) {
			RequestLoop loop = new RequestLoop(port, path, uid);
			loop.thread.start();
			return loop;
		}

		private void run() {
			while (this.running) {
				try {
					HttpResponse<String> response = WebServerProcess.get(this.port, this.path);
					this.answers.add(new Answer(this.port, response.statusCode(), uid(response.body()), response.body()));
				}
				catch (ConnectException notYetListening) {
					LockSupport.parkNanos(TRY_AGAIN.toNanos());
				}
				catch (IOException ex) {
					this.answers.add(new Answer(this.port, -1, -1, ex.toString()));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private int uid(String body) {
			try {
				return JsonPath.<Integer>read(body, this.uid);
			}
			catch (RuntimeException noUid) {
				return -1;
			}
		}

		/**
		 * Let the loop get some more answers, then stop it.
		 * @param more how many more answers to wait for
		 * @return every answer
		 */
		List<Answer> stopAfterMoreAnswers(int more) throws InterruptedException {
			int target = this.answers.size() + more;
			while (this.answers.size() < target && this.thread.isAlive()) {
				Thread.sleep(10);
			}
			close();
			assertThat(this.answers).as("answers from port " + this.port).isNotEmpty();
			return List.copyOf(this.answers);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

	}

}
