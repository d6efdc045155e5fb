package org.slimta.system.internal.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM that starts a child, talks to it through a pipe, reaps it and sends itself a datagram,
 * then prints the shared objects it mapped whose name has {@code jffi} in it: none when the
 * calls go through the JDK's foreign function API.
 */
public final class ForeignCallsProgram {

	private ForeignCallsProgram() {
	}

	public static void main(String[] args) throws Exception {
		NativeProcesses processes = NativeProcesses.get();
		NativeProcesses.Pipe pipe = processes.pipe();
		int pid = processes.spawn(SpawnRequest.of("sh", "-c", "echo spawned")
			.withStandardStreams(Redirection.inherit(), Redirection.descriptor(pipe.writeEnd()), Redirection.inherit()));
		processes.close(pipe.writeEnd());
		String said;
		try (var out = processes.inputStream(pipe.readEnd())) {
			said = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		processes.awaitExit(pid);
		System.out.println(said + " and exited with " + processes.reap(pid));
		String address = Path.of(args[0], "self.sock").toString();
		try (UnixDatagramSocket socket = UnixDatagramSocket.bind(address)) {
			UnixDatagramSocket.sendOnce(address, "READY=1".getBytes(StandardCharsets.UTF_8));
			System.out.println("received " + new String(socket.receive(), StandardCharsets.UTF_8));
		}
		Files.delete(Path.of(address));
		System.out.println("implementation " + NativeImplementation.name());
		try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
			maps.filter((line) -> line.contains("jffi")).map((line) -> "mapped " + line).distinct().forEach(System.out::println);
		}
	}

}
