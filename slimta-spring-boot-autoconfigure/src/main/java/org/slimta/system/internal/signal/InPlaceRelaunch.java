package org.slimta.system.internal.signal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slimta.system.internal.daemon.JvmCommandLine;
import org.slimta.system.internal.posix.NativeSignals;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.internal.signal.SignalfdPreparation.PreparedSignals;
import org.slimta.system.internal.socket.InheritedSockets;
import org.slimta.system.signal.Signal;

/**
 * The re-execution of this JVM in place (same pid) with the signals blocked: every descriptor
 * above 2 but those systemd passed marked close-on-exec, the JVM options of a prepared process
 * added (and those that hand the sockets systemd passed over, whose {@code LISTEN_*} variables the
 * new JVM's environment then lacks), the standard streams flushed, the signals blocked in the
 * calling thread, then {@code execv}.
 */
final class InPlaceRelaunch {

	private InPlaceRelaunch() {
	}

	/**
	 * Re-execute this JVM in place with the signals blocked. Returns only by throwing, with the
	 * signals unblocked again.
	 * @param commandLine this JVM's command line
	 * @param handled the signals the application takes; these, SIGQUIT and those of SIGHUP, SIGINT
	 * and SIGTERM not ignored now are blocked
	 * @param shutdownOn those of them that end the application
	 * @param socketActivation whether the sockets systemd passed are handed over by property, their
	 * {@code LISTEN_*} variables left out of the new JVM's environment (their descriptors stay open
	 * either way)
	 * @param environment the process environment ({@code LISTEN_FDS} descriptors stay open)
	 * @throws PosixException if a call failed
	 * @throws IOException if {@code /proc/self/fd} cannot be listed
	 */
	static void execute(JvmCommandLine commandLine, Set<Signal> handled, Set<Signal> shutdownOn,
			boolean socketActivation, Map<String, String> environment) throws IOException {
		NativeSignals calls = NativeSignals.get();
		int keepUpTo = 2 + inheritedListenFds(environment);
		for (int fd : openDescriptors()) {
			// The directory stream's own descriptor is closed by now.
			if (fd > keepUpTo) {
				calls.closeOnExecIfOpen(fd);
			}
		}
		// An ignored signal stays ignored across execv: the new JVM starts with what this one ignores now.
		PreparedSignals signals = PreparedSignals.of(handled, shutdownOn, SignalfdPreparation.ignoredNow());
		List<String> options = new ArrayList<>(SignalfdPreparation.jvmOptions(signals));
		long uptime = processUptime();
		if (uptime >= 0) {
			options.add("-D" + SignalfdPreparation.RELAUNCHED_AFTER_PROPERTY + "=" + uptime);
		}
		// The sockets systemd passed, handed over by property: the new JVM's environment has no LISTEN_*.
		List<String> sockets = socketActivation ? InheritedSockets.handOverOptions(environment) : List.of();
		options.addAll(sockets);
		JvmCommandLine prepared = commandLine.withJvmOptions(options);
		Set<Integer> numbers = SignalfdPreparation.numbers(signals.read());
		System.out.flush();
		System.err.flush();
		if (!sockets.isEmpty()) {
			InheritedSockets.removeVariables(environment);
		}
		calls.block(numbers);
		try {
			calls.execv(prepared.executable(), prepared.arguments());
		}
		finally {
			calls.unblock(numbers);
			if (!sockets.isEmpty()) {
				InheritedSockets.restoreVariables(environment);
			}
		}
	}

	/**
	 * The number of descriptors systemd passed to this very process ({@code LISTEN_PID},
	 * {@code LISTEN_FDS}), which start at 3 and must survive the re-execution.
	 */
	static int inheritedListenFds(Map<String, String> environment) {
		String pid = environment.get("LISTEN_PID");
		String fds = environment.get("LISTEN_FDS");
		if (pid == null || fds == null || !pid.trim().equals(Long.toString(ProcessHandle.current().pid()))) {
			return 0;
		}
		try {
			return Math.max(0, Integer.parseInt(fds.trim()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	// From the kernel's clock since boot, in its ticks of 10 ms: no JVM clock starts before the JVM.
	private static long processUptime() {
		try {
			String stat = Files.readString(Path.of("/proc/self/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long startTicks = Long.parseLong(fields[19]);
			String uptime = Files.readString(Path.of("/proc/uptime"));
			long nowMillis = Math.round(Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * 1000);
			return Math.max(0, nowMillis - startTicks * 10);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static List<Integer> openDescriptors() throws IOException {
		List<Integer> descriptors = new ArrayList<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				descriptors.add(Integer.parseInt(fd.getFileName().toString()));
			}
		}
		Collections.sort(descriptors);
		return descriptors;
	}

}
