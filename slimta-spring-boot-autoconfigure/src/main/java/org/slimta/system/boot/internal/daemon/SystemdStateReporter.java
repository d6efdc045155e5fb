package org.slimta.system.boot.internal.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.boot.internal.reload.HangupAction;
import org.slimta.system.boot.internal.reload.Reload;
import org.slimta.system.internal.daemon.ReadinessPipe;
import org.slimta.system.internal.daemon.SystemdNotifier;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * Tells systemd ({@code Type=notify}) where the application stands, each state with a
 * {@code STATUS=} line for {@code systemctl status}: {@code READY=1} once every web server listens
 * and privileges were dropped ({@code serving on port 8080 as mail (uid 8)}; for a detached
 * process its launcher says {@code READY=1}), {@code RELOADING=1} before the listeners of SIGHUP
 * and {@code READY=1} after the reload, with how it went ({@code serving …; reloaded at …}, or
 * {@code reload at … failed: …} first when it failed), {@code STOPPING=1} as soon as a shutdown
 * signal arrives (or when the application closes otherwise), and nothing that says ready after
 * it. A state that cannot be sent is logged; the application goes on.
 */
public class SystemdStateReporter implements HangupAction {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

	// Where Spring Boot records the port of each web server (local.server.port, local.management.port).
	private static final String SERVER_PORTS = "server.ports";

	private final SystemdNotifier notifier;

	private final Set<Signal> shutdownOn;

	private final Duration shutdownDelay;

	private final Environment environment;

	// Guards stopping and every state sent: once STOPPING=1 is out, no READY=1, RELOADING=1 or ready STATUS= follows.
	private final Object states = new Object();

	private boolean stopping;

	/**
	 * Create the reporter.
	 * @param notifier the socket systemd listens on
	 * @param shutdownOn the signals that end the application ({@code signals.shutdown-on})
	 * @param shutdownDelay how long it serves after one of them ({@code signals.shutdown-delay})
	 * @param environment where Spring Boot records the ports of the web servers
	 */
	public SystemdStateReporter(SystemdNotifier notifier, Set<Signal> shutdownOn, Duration shutdownDelay,
			Environment environment) {
		this.notifier = notifier;
		this.shutdownOn = Set.copyOf(shutdownOn);
		this.shutdownDelay = shutdownDelay;
		this.environment = environment;
	}

	// Last: after the privilege drop, which is first.
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	void started(ApplicationStartedEvent event) {
		String serving = serving();
		if (ReadinessPipe.isDaemon()) {
			// Its launcher, the process systemd started, says READY=1 with MAINPID= of this one.
			sendUnlessStopping("STATUS=", () -> this.notifier.status(serving));
			return;
		}
		if (sendUnlessStopping("READY=1", () -> this.notifier.ready(serving))) {
			logger.info("told systemd READY=1 (" + serving + ") through " + this.notifier.socket());
		}
	}

	// First: systemd learns of the reload or the stop before the listeners take their time.
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void signal(SignalEvent event) {
		Signal signal = event.getSignal();
		if (this.shutdownOn.contains(signal)) {
			String delay = this.shutdownDelay.isZero() ? ""
					: ", refusing traffic for " + this.shutdownDelay.toMillis() + " ms first";
			stop(() -> this.notifier.stopping("stopping on " + signal + sender(event) + delay));
		}
		else if (signal == Signal.SIGHUP) {
			sendUnlessStopping("RELOADING=1", () -> this.notifier.reloading("reloading on SIGHUP" + sender(event)));
		}
	}

	@Override
	public int getOrder() {
		return NOTIFICATION;
	}

	@Override
	public void afterHangup(Reload reload) {
		// One datagram: systemctl status shows the outcome from the moment the service is ready again.
		String status = reloaded(reload, serving());
		// A reload that ends while the application stops reports nothing: systemd heard STOPPING=1.
		sendUnlessStopping("READY=1", () -> this.notifier.ready(status));
	}

	// A failure comes first: the status line is cut at 200 characters and must say that it failed.
	private static String reloaded(Reload reload, String serving) {
		return reload.succeeded() ? serving + "; " + reload.summary() : reload.summary() + "; still " + serving;
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		stop(() -> this.notifier.stopping("stopping"));
	}

	// The first STOPPING=1 only.
	private void stop(Notification stopping) {
		synchronized (this.states) {
			if (!this.stopping) {
				this.stopping = true;
				send("STOPPING=1", stopping);
			}
		}
	}

	private boolean sendUnlessStopping(String state, Notification notification) {
		synchronized (this.states) {
			return !this.stopping && send(state, notification);
		}
	}

	/**
	 * What the application does now, for example
	 * {@code serving on port 8080 and management port 8081 as nobody (uid 65534)}.
	 * @return the status text
	 */
	String serving() {
		Map<String, Object> ports = ports();
		List<String> listening = new ArrayList<>();
		Object main = ports.remove("server");
		if (main != null) {
			listening.add("port " + main);
		}
		ports.forEach((server, port) -> listening.add(server + " port " + port));
		ProcessIdentity identity = ProcessIdentity.current();
		return "serving" + (listening.isEmpty() ? "" : " on " + String.join(" and ", listening)) + " as "
				+ identity.user() + " (uid " + identity.uid() + ")";
	}

	// Each web server's port by its name (server, management), as Spring Boot records them.
	private Map<String, Object> ports() {
		Map<String, Object> ports = new TreeMap<>();
		if (this.environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().get(SERVER_PORTS) instanceof EnumerablePropertySource<?> source) {
			for (String name : source.getPropertyNames()) {
				if (name.startsWith("local.") && name.endsWith(".port")) {
					ports.put(name.substring("local.".length(), name.length() - ".port".length()),
							source.getProperty(name));
				}
			}
		}
		return ports;
	}

	// signalfd tells the sender; the JVM's handlers do not (uid -1).
	private static String sender(SignalEvent event) {
		return (event.getSenderUid() == -1) ? "" : " from pid " + event.getSenderPid();
	}

	private boolean send(String state, Notification notification) {
		try {
			notification.send();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not tell systemd " + state + " through " + this.notifier.socket() + ": " + ex);
			return false;
		}
	}

	@FunctionalInterface
	private interface Notification {

		void send() throws IOException;

	}

}
