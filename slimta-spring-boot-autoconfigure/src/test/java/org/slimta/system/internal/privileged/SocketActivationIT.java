package org.slimta.system.internal.privileged;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slimta.system.internal.privileged.WebServerProcess.Server;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WhoAmIApplication} started by {@code systemd-socket-activate}, which listens, sets
 * {@code LISTEN_PID}, {@code LISTEN_FDS} and {@code LISTEN_FDNAMES} and executes the JVM at the
 * first connection, once per web server and signal backend (signalfd relaunches the JVM in place,
 * jdk does not): the application serves on the inherited sockets and on no socket of its own, the
 * first request waits in the backlog and is answered, and a child gets neither the sockets nor the
 * variables.
 */
class SocketActivationIT {

	@BeforeEach
	void systemdSocketActivate() {
		Linux.assumeLinux("socket activation is Linux's");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-socket-activate")),
				"systemd-socket-activate is not installed");
	}

	static List<Arguments> serversAndBackends() {
		List<Arguments> arguments = new ArrayList<>();
		for (Server server : Server.values()) {
			arguments.add(Arguments.of(server, "signalfd"));
			arguments.add(Arguments.of(server, "jdk"));
		}
		return arguments;
	}

	@ParameterizedTest
	@MethodSource("serversAndBackends")
	void servesOnTheInheritedSocketAndAnswersARequestSentBeforeItWasReady(Server server, String backend)
			throws Exception {
		int port = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port);
		try (WebServerProcess app = WebServerProcess.start(server, activate, port,
				"--slimta.system.signals.backend=" + backend)) {
			// systemd-socket-activate listens first, and starts the JVM at this connection.
			String early;
			try (Socket socket = connect(port)) {
				send(socket, "/whoami");
				assertThat(app.output()).as("output when the request was sent").doesNotContain("Started WhoAmIApplication");
				early = read(socket, app);
			}
			assertThat(early).startsWith("HTTP/1.1 200").contains(server.webServerClass);
			app.awaitOutput("Started WhoAmIApplication");
			assertThat(app.output()).containsPattern("started on port " + port + "|port " + port);
			assertThat(listeningPorts(app.pid())).as("ports the process listens on").containsExactly(port);
			assertRelaunched(app, backend);
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.sockets")).isEqualTo("inherited (1)");
			assertChildrenInheritNothing(app, port);
			assertThat(ProcProcess.of(app.pid()).descriptorTargets().values()).filteredOn((t) -> t.startsWith("socket:"))
				.as("sockets of the process")
				.isNotEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("serversAndBackends")
	void servesTheManagementPortOnTheSocketNamedManagement(Server server, String backend) throws Exception {
		int port = WebServerProcess.freePort();
		int managementPort = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "-l",
				"127.0.0.1:" + managementPort, "--fdname=http:management");
		try (WebServerProcess app = WebServerProcess.start(server, activate, port,
				"--slimta.system.signals.backend=" + backend, "--management.server.port=1",
				"--management.server.address=127.0.0.1")) {
			String early;
			try (Socket socket = connect(managementPort)) {
				send(socket, "/actuator/health");
				early = read(socket, app);
			}
			// The management server may answer before the application is ready: 503 with readiness OUT_OF_SERVICE.
			assertThat(early).containsPattern("^HTTP/1.1 (200|503) ").contains("inherited (2)");
			String health = WebServerProcess.get(managementPort, "/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.sockets")).isEqualTo("inherited (2)");
			app.awaitOutput("Started WhoAmIApplication");
			assertThat(JsonPath.<String>read(app.get("/whoami").body(), "$.server")).isEqualTo(server.webServerClass);
			assertThat(WebServerProcess.get(port, "/actuator/health").statusCode()).as("health on the application's port")
				.isEqualTo(404);
			assertThat(listeningPorts(app.pid())).as("ports the process listens on")
				.containsExactlyInAnyOrder(port, managementPort);
			assertRelaunched(app, backend);
			assertChildrenInheritNothing(app, port);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "signalfd", "jdk" })
	void turnedOffLeavesTheSocketsAndTheirVariablesAloneAndBindsTheConfiguredPort(String backend) throws Exception {
		int inherited = WebServerProcess.freePort();
		int own = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + inherited);
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, activate, own,
				"--slimta.system.signals.backend=" + backend, "--slimta.system.sockets.activation=false")) {
			// The connection that starts the JVM, which nobody will accept.
			try (Socket socket = connect(inherited)) {
				app.awaitOutput("Started WhoAmIApplication");
			}
			assertThat(JsonPath.<String>read(app.get("/whoami").body(), "$.server")).isEqualTo(Server.TOMCAT.webServerClass);
			assertThat(listeningPorts(app.pid())).as("ports the process listens on")
				.containsExactlyInAnyOrder(inherited, own);
			ProcProcess process = ProcProcess.of(app.pid());
			assertThat(process.environment()).as("environment of the serving JVM")
				.containsEntry("LISTEN_PID", Long.toString(app.pid()))
				.containsKey("LISTEN_FDS");
			assertThat(process.commandLine()).noneSatisfy((option) -> assertThat(option)
				.startsWith("-Dorg.slimta.system.prepared.listen-fds="));
			if (backend.equals("signalfd")) {
				assertThat(process.commandLine()).as("relaunched in place, same pid").contains("-Xrs");
			}
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<Map<String, Object>>read(health, "$.components.slimta.details")).doesNotContainKey("sockets");
		}
	}

	// The socket is checked before any server uses it: one server for each failure, each server once.
	@Test
	void failsWithAnAnalysisOnADatagramSocketAndBindsNoPortOfItsOwn() throws Exception {
		Server server = Server.JETTY;
		int port = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "--datagram", "-l", "127.0.0.1:" + port);
		try (WebServerProcess app = WebServerProcess.start(server, activate, port);
				DatagramSocket client = new DatagramSocket()) {
			// systemd-socket-activate starts the JVM at the first datagram.
			byte[] datagram = "start".getBytes(StandardCharsets.US_ASCII);
			// A datagram sent before it binds is lost: again until it runs the JVM.
			for (int attempt = 0; attempt < 200 && !app.output().contains("Execing"); attempt++) {
				client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
				Thread.sleep(50);
			}
			assertThat(app.awaitExit()).isOne();
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("descriptor 3 (unknown): a UDP socket (IPv4) on 127.0.0.1:" + port)
				.contains("make it a ListenStream=")
				.doesNotContain("started on port");
		}
	}

	@Test
	void failsWithAnAnalysisWhenNoSocketIsNamedForTheApplication() throws Exception {
		Server server = Server.REACTOR_NETTY;
		int port = WebServerProcess.freePort();
		int other = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "-l",
				"127.0.0.1:" + other);
		try (WebServerProcess app = WebServerProcess.start(server, activate, port)) {
			try (Socket socket = connect(port)) {
				send(socket, "/whoami");
				assertThat(app.awaitExit()).isOne();
			}
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("none of them is for the application's port")
				.contains("FileDescriptorName=http")
				.doesNotContain("started on port");
		}
	}

	@Test
	void refusesToDetachAsADaemonWithInheritedSockets() throws Exception {
		int port = WebServerProcess.freePort();
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port);
		try (WebServerProcess app = WebServerProcess.start(Server.TOMCAT, activate, port,
				"--slimta.system.daemon.enabled=true")) {
			try (Socket socket = connect(port)) {
				send(socket, "/whoami");
				assertThat(app.awaitExit()).isOne();
			}
			assertThat(app.output()).contains("'slimta.system.daemon.enabled' is true, and systemd passed this process"
					+ " listening sockets (LISTEN_PID, LISTEN_FDS)")
				.contains("Set slimta.system.daemon.enabled=false")
				.doesNotContain("Started WhoAmIApplication");
		}
	}

	// Who binds the port and whom the JVM runs as is the same for every server, which serves on the socket in each
	// test above.
	@Test
	void servesAPrivilegedPortAsNobodyWithoutEverBeingRoot() throws Exception {
		Server server = Server.TOMCAT;
		Linux.assumeRoot("systemd-socket-activate binding a port below 1024 before it runs the JVM as nobody");
		int port = WebServerProcess.listening(80) ? WebServerProcess.freePrivilegedPort() : 80;
		List<String> activate = List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "setpriv",
				"--reuid=65534", "--regid=65534", "--clear-groups", "--");
		try (WebServerProcess app = WebServerProcess.start(server, activate, port)) {
			String first;
			try (Socket socket = connect(port)) {
				send(socket, "/whoami");
				first = read(socket, app);
			}
			assertThat(first).startsWith("HTTP/1.1 200").contains("\"uid\":65534");
			app.awaitOutput("Started WhoAmIApplication");
			ProcProcess process = ProcProcess.of(app.pid());
			assertThat(process.statusField("Uid").split("\\s+")).containsOnly("65534");
			assertThat(process.statusField("CapEff")).isEqualTo("0000000000000000");
			assertThat(listeningPorts(app.pid())).containsExactly(port);
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.privileges")).isEqualTo("not-configured");
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.sockets")).isEqualTo("inherited (1)");
		}
	}

	private static void assertRelaunched(WebServerProcess app, String backend) throws IOException {
		ProcProcess process = ProcProcess.of(app.pid());
		List<String> commandLine = process.commandLine();
		if (backend.equals("jdk")) {
			assertThat(commandLine).doesNotContain("-Xrs");
			// The environment the JVM was started with; its C library's copy has them no more.
			assertThat(process.environment()).containsKeys("LISTEN_PID", "LISTEN_FDS");
		}
		else {
			assertThat(commandLine).as("relaunched in place, same pid").contains("-Xrs");
			assertThat(process.environment()).as("environment of the relaunched JVM")
				.doesNotContainKeys("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");
			assertThat(commandLine).anySatisfy((option) -> assertThat(option)
				.startsWith("-Dorg.slimta.system.prepared.listen-fds="));
		}
	}

	private static void assertChildrenInheritNothing(WebServerProcess app, int port) throws Exception {
		String child = app.get("/child").body();
		assertThat(JsonPath.<String>read(child, "$.descriptors")).as("descriptors of a child").doesNotContain("socket:");
		assertThat(JsonPath.<String>read(child, "$.environment")).as("environment of a child")
			.doesNotContain("LISTEN_")
			.contains("PATH=");
		String plain = app.get("/child?plain=true").body();
		assertThat(JsonPath.<String>read(plain, "$.descriptors")).as("descriptors of a plain ProcessBuilder child")
			.doesNotContain("socket:");
	}

	private static Socket connect(int port) throws Exception {
		for (int attempt = 0;; attempt++) {
			try {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
				socket.setSoTimeout(60_000);
				return socket;
			}
			catch (IOException ex) {
				// systemd-socket-activate has not bound yet.
				if (attempt > 200) {
					throw ex;
				}
				Thread.sleep(50);
			}
		}
	}

	private static void send(Socket socket, String path) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String read(Socket socket, WebServerProcess app) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new AssertionError("No answer to the first request: " + ex + "; the application wrote:\n" + app.output(),
					ex);
		}
	}

	/**
	 * The ports of the TCP sockets in LISTEN state among the descriptors of a process, from
	 * {@code /proc/<pid>/fd} and {@code /proc/net/tcp}, {@code tcp6}.
	 */
	static Set<Integer> listeningPorts(long pid) throws IOException {
		Map<String, Integer> listening = new HashMap<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				if (fields[3].equals("0A")) {
					String local = fields[1];
					listening.put(fields[9], Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
				}
			}
		}
		Set<Integer> ports = new HashSet<>();
		for (String target : ProcProcess.of(pid).descriptorTargets().values()) {
			if (target.startsWith("socket:[")) {
				Integer port = listening.get(target.substring(8, target.length() - 1));
				if (port != null) {
					ports.add(port);
				}
			}
		}
		return ports;
	}

}
