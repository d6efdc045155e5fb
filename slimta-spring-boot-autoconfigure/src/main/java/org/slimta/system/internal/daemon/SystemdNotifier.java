package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.slimta.system.internal.posix.UnixDatagramSocket;

/**
 * Tells systemd about the service's state, as {@code sd_notify(3)} does: one datagram of
 * {@code KEY=value} lines to the Unix-domain socket systemd names in {@code NOTIFY_SOCKET}, a path
 * or an abstract name starting with {@code @}. For a unit of {@code Type=notify} (or
 * {@code notify-reload}): {@link #ready()} once the service serves, {@link #reloading()} then
 * {@link #ready()} around a reload, {@link #stopping()} when it begins to stop, and
 * {@link #watchdog()} every half {@code WatchdogSec=} (see {@link SystemdWatchdog}). Each state can
 * carry a status line, which {@code systemctl status} shows.
 */
public final class SystemdNotifier {

	private static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

	/** The longest status line sent, in characters: {@code systemctl status} shows one line. */
	static final int MAX_STATUS = 200;

	private final String socket;

	private SystemdNotifier(String socket) {
		this.socket = socket;
	}

	/**
	 * The notifier systemd asked for, if it did.
	 * @return the notifier for {@code NOTIFY_SOCKET}, or empty when it is not set
	 * @throws IllegalArgumentException if it is set to something other than a path or an
	 * abstract name
	 */
	public static Optional<SystemdNotifier> fromEnvironment() {
		return fromEnvironment(System.getenv());
	}

	static Optional<SystemdNotifier> fromEnvironment(Map<String, String> environment) {
		String socket = environment.get(NOTIFY_SOCKET);
		return (socket == null || socket.isEmpty()) ? Optional.empty() : Optional.of(forSocket(socket));
	}

	/**
	 * A notifier for a given socket.
	 * @param socket an absolute path, or {@code @name} for an abstract name
	 * @return the notifier
	 * @throws IllegalArgumentException if the socket is neither
	 */
	public static SystemdNotifier forSocket(String socket) {
		if (!socket.startsWith("/") && !(socket.startsWith("@") && socket.length() > 1)) {
			throw new IllegalArgumentException(NOTIFY_SOCKET + " must be an absolute path or an @abstract name, not \""
					+ socket + "\"");
		}
		return new SystemdNotifier(socket);
	}

	/** The socket the states go to. */
	public String socket() {
		return this.socket;
	}

	/**
	 * Report that the service is ready: {@code READY=1}.
	 * @throws IOException if the state could not be sent
	 */
	public void ready() throws IOException {
		notify("READY=1");
	}

	/**
	 * Report that the service is ready, and what it does: {@code READY=1} and {@code STATUS=}.
	 * @param status what the service does, for example {@code serving on port 8080}
	 * @throws IOException if the state could not be sent
	 */
	public void ready(String status) throws IOException {
		notify("READY=1\n" + statusLine(status));
	}

	/**
	 * Report that the service is reloading its configuration: {@code RELOADING=1} with
	 * {@code MONOTONIC_USEC}, which {@code Type=notify-reload} requires. Follow it with {@link #ready()}.
	 * @throws IOException if the state could not be sent
	 */
	public void reloading() throws IOException {
		notify(reloadingNow());
	}

	/**
	 * Report that the service is reloading, and why: {@code RELOADING=1} with
	 * {@code MONOTONIC_USEC} and {@code STATUS=}, in one message. Follow it with {@link #ready(String)}.
	 * @param status why, for example {@code reloading on SIGHUP from pid 1}
	 * @throws IOException if the state could not be sent
	 */
	public void reloading(String status) throws IOException {
		notify(reloadingNow() + "\n" + statusLine(status));
	}

	// System.nanoTime reads CLOCK_MONOTONIC on Linux, the clock systemd compares with
	private static String reloadingNow() {
		return "RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000;
	}

	/**
	 * Report that the service is stopping: {@code STOPPING=1}.
	 * @throws IOException if the state could not be sent
	 */
	public void stopping() throws IOException {
		notify("STOPPING=1");
	}

	/**
	 * Report that the service is stopping, and why: {@code STOPPING=1} and {@code STATUS=}.
	 * @param status why, for example {@code stopping on SIGTERM from pid 1}
	 * @throws IOException if the state could not be sent
	 */
	public void stopping(String status) throws IOException {
		notify("STOPPING=1\n" + statusLine(status));
	}

	/**
	 * Tell systemd's watchdog that the service is alive: {@code WATCHDOG=1}.
	 * @throws IOException if the state could not be sent
	 */
	public void watchdog() throws IOException {
		notify("WATCHDOG=1");
	}

	/**
	 * Report that the service is ready and that its main process is another one, as a launcher
	 * does for the process it detached: {@code MAINPID=} and {@code READY=1} in one message, sent
	 * by the process systemd started, the only one {@code NotifyAccess=main} listens to.
	 * @param mainPid the process that now is the service
	 * @throws IOException if the state could not be sent
	 */
	public void ready(long mainPid) throws IOException {
		notify("MAINPID=" + mainPid + "\nREADY=1");
	}

	/**
	 * Send a free-form status line, shown by {@code systemctl status}: {@code STATUS=}.
	 * @param status the text: control characters become spaces, and beyond {@value #MAX_STATUS}
	 * characters it is cut short
	 * @throws IOException if the state could not be sent
	 */
	public void status(String status) throws IOException {
		notify(statusLine(status));
	}

	/**
	 * The {@code STATUS=} assignment for a text: one line, at most {@value #MAX_STATUS} characters
	 * (never half a character: the message must be valid UTF-8).
	 * @param status the text
	 * @return the assignment
	 */
	static String statusLine(String status) {
		int[] text = status.codePoints()
			.map((c) -> (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
					|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR) ? ' ' : c)
			.toArray();
		String line = new String(text, 0, text.length).strip();
		if (line.codePointCount(0, line.length()) > MAX_STATUS) {
			line = line.substring(0, line.offsetByCodePoints(0, MAX_STATUS - 1)) + "\u2026";
		}
		// An unpaired surrogate is encoded as '?': the message stays valid UTF-8.
		return "STATUS=" + line;
	}

	/**
	 * Send states as they are: newline-separated {@code KEY=value} assignments.
	 * @param states the assignments, for example {@code "READY=1\nSTATUS=serving"}
	 * @throws IOException if they could not be sent
	 */
	public void notify(String states) throws IOException {
		UnixDatagramSocket.sendOnce(this.socket, states.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "systemd notification socket " + this.socket;
	}

}
