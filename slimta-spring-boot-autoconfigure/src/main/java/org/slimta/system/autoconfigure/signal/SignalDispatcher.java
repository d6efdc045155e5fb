package org.slimta.system.autoconfigure.signal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.FeatureStatus;
import org.slimta.system.autoconfigure.metrics.SignalListenerTimer;
import org.slimta.system.autoconfigure.reload.HangupAction;
import org.slimta.system.autoconfigure.reload.Reload;
import org.slimta.system.autoconfigure.reload.ReloadStatus;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;
import org.slimta.system.signal.SignalLanes;
import org.slimta.system.signal.SignalSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Turns the signals of a {@link SignalSource} into {@link SignalEvent}s, then applies the default
 * action: for the signals in {@code signals.shutdown-on}, a {@link SignalShutdown} (readiness
 * refuses traffic, {@code signals.shutdown-delay}, a graceful close and exit with
 * {@code signals.exit-status} or 128 + the signal's number); for SIGHUP, the {@link HangupAction}s
 * (a Spring Cloud refresh where present, the log files reopened), whose outcome
 * {@link ReloadStatus} logs and shows. Each signal is handled on a thread of its own kind
 * ({@link SignalLanes}), so that listeners that block never hold back another signal. Started
 * before, and stopped after, every other lifecycle bean (the web server included).
 */
public class SignalDispatcher implements SmartLifecycle, FeatureStatus {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.signal");

	private final SignalSource source;

	private final Set<Signal> shutdownOn;

	private final ConfigurableApplicationContext context;

	private final SignalShutdown shutdown;

	private final List<HangupAction> hangupActions;

	private final SignalListenerTimer timer;

	private final ReloadStatus reloads;

	private SignalLanes lanes;

	private volatile boolean running;

	SignalDispatcher(SignalSource source, Set<Signal> shutdownOn, ConfigurableApplicationContext context,
			SignalShutdown shutdown, List<HangupAction> hangupActions, SignalListenerTimer timer,
			ReloadStatus reloads) {
		this.source = source;
		this.shutdownOn = Set.copyOf(shutdownOn);
		this.context = context;
		this.shutdown = shutdown;
		this.hangupActions = List.copyOf(hangupActions);
		this.timer = timer;
		this.reloads = reloads;
	}

	@Override
	public synchronized void start() {
		this.lanes = new SignalLanes("slimta-signal-", this::dispatch);
		Set<Signal> taken = this.source.start(this.lanes);
		this.running = true;
		logger.debug("Taking " + taken + " through " + this.source.name());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.shutdown.endDelay();
		this.source.stop();
		if (this.lanes != null) {
			this.lanes.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	void dispatch(Signal signal, int senderPid, int senderUid) {
		long start = System.nanoTime();
		try {
			this.context.publishEvent(new SignalEvent(this.source, signal, senderPid, senderUid));
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + signal + " failed; signals are still delivered", ex);
		}
		finally {
			this.timer.record(signal, Duration.ofNanos(System.nanoTime() - start));
		}
		if (this.shutdownOn.contains(signal)) {
			this.shutdown.begin(signal);
		}
		else if (signal == Signal.SIGHUP) {
			hangup(senderPid);
		}
	}

	private void hangup(int senderPid) {
		Reload reload = new Reload(senderPid);
		for (HangupAction action : this.hangupActions) {
			try {
				action.afterHangup(reload);
			}
			catch (RuntimeException ex) {
				reload.failed(action.getClass().getSimpleName(), "the later steps still ran", ex);
			}
		}
		this.reloads.finish(reload);
	}

	@Override
	public String detail() {
		return "signals";
	}

	@Override
	public Object value() {
		return this.source.name();
	}

	@Override
	public boolean failed() {
		return this.source.failed();
	}

}
