package org.slimta.system.internal.signal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slimta.system.internal.signal.SignalfdPreparation.PreparedSignals;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reader does with each signal it read; the reading itself is tested on real processes
 * (a test JVM cannot block signals in all its threads).
 */
class SignalfdReaderTests {

	private final List<Signal> exits = new CopyOnWriteArrayList<>();

	private final CountDownLatch dumped = new CountDownLatch(1);

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private final SignalfdReader reader = new SignalfdReader(Set.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM),
			Set.of(Signal.SIGINT, Signal.SIGTERM), this.exits::add, this.dumped::countDown);

	private final SignalHandler handler = (signal, pid, uid) -> this.delivered.add(signal + " from " + pid);

	@Test
	void endsTheJvmOnHangupAsItsHandlersWouldWhenTheFinalConfigurationTakesNoSignals() {
		assertThat(this.reader.actAsTheJvmFor(Set.of(), Set.of())).containsExactlyInAnyOrder(Signal.SIGHUP,
				Signal.SIGINT, Signal.SIGTERM);
		this.reader.receive(Signal.SIGHUP, 7, 0);
		assertThat(this.exits).containsExactly(Signal.SIGHUP);
	}

	@Test
	void keepsHangupForTheApplicationWhenTheFinalConfigurationTakesIt() {
		assertThat(this.reader.actAsTheJvmFor(Set.of(Signal.SIGHUP, Signal.SIGTERM), Set.of(Signal.SIGTERM)))
			.containsExactlyInAnyOrder(Signal.SIGINT, Signal.SIGTERM);
		this.reader.receive(Signal.SIGHUP, 7, 0);
		assertThat(this.exits).isEmpty();
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP, Signal.SIGTERM));
		assertThat(this.delivered).containsExactly("SIGHUP from 7");
	}

	@Test
	void endsTheJvmOnATerminateTheApplicationDoesNotHandleWhileItTakesHangups() {
		PreparedSignals prepared = PreparedSignals.of(Set.of(Signal.SIGHUP), Set.of(), Set.of());
		SignalfdReader hangupOnly = new SignalfdReader(prepared.read(), prepared.shutdownOn(), this.exits::add,
				this.dumped::countDown);
		hangupOnly.attach(this.handler, Set.of(Signal.SIGHUP));
		hangupOnly.receive(Signal.SIGHUP, 7, 0);
		assertThat(this.exits).isEmpty();
		hangupOnly.receive(Signal.SIGTERM, 7, 0);
		assertThat(this.delivered).containsExactly("SIGHUP from 7");
		assertThat(this.exits).containsExactly(Signal.SIGTERM);
	}

	@Test
	void exitsOnAShutdownSignalBeforeTheApplicationTakesSignals() {
		this.reader.receive(Signal.SIGTERM, 7, 0);
		assertThat(this.exits).containsExactly(Signal.SIGTERM);
	}

	@Test
	void exitsOnlyOnceWhenShutdownSignalsRepeat() {
		this.reader.receive(Signal.SIGTERM, 7, 0);
		this.reader.receive(Signal.SIGINT, 7, 0);
		assertThat(this.exits).containsExactly(Signal.SIGTERM);
	}

	@Test
	void deliversWhatArrivedDuringStartupOnceTheApplicationTakesSignals() {
		this.reader.receive(Signal.SIGHUP, 1, 0);
		this.reader.receive(Signal.SIGHUP, 2, 0);
		assertThat(this.delivered).isEmpty();
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM));
		this.reader.receive(Signal.SIGHUP, 3, 0);
		assertThat(this.delivered).containsExactly("SIGHUP from 1", "SIGHUP from 2", "SIGHUP from 3");
	}

	@Test
	void handsShutdownSignalsToTheApplicationOnceItTakesThem() {
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM));
		this.reader.receive(Signal.SIGTERM, 9, 0);
		assertThat(this.delivered).containsExactly("SIGTERM from 9");
		assertThat(this.exits).isEmpty();
	}

	@Test
	void exitsOnAShutdownSignalTheApplicationDoesNotTake() {
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP));
		this.reader.receive(Signal.SIGTERM, 9, 0);
		assertThat(this.delivered).isEmpty();
		assertThat(this.exits).containsExactly(Signal.SIGTERM);
	}

	@Test
	void actsAsBeforeStartupOnceTheApplicationStoppedTakingSignals() {
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM));
		this.reader.detach(this.handler);
		this.reader.receive(Signal.SIGHUP, 1, 0);
		this.reader.receive(Signal.SIGTERM, 2, 0);
		assertThat(this.delivered).isEmpty();
		assertThat(this.exits).containsExactly(Signal.SIGTERM);
	}

	@Test
	void keepsAtMostAHundredSignalsWaitingDuringStartup() {
		for (int pid = 0; pid < SignalfdReader.WAITING + 5; pid++) {
			this.reader.receive(Signal.SIGHUP, pid, 0);
		}
		this.reader.attach(this.handler, Set.of(Signal.SIGHUP));
		assertThat(this.delivered).hasSize(SignalfdReader.WAITING).endsWith("SIGHUP from " + (SignalfdReader.WAITING - 1));
	}

	@Test
	void quitPrintsAThreadDumpAndIsDeliveredOnlyWhenTheApplicationTakesIt() throws InterruptedException {
		SignalfdReader withQuit = new SignalfdReader(Set.of(Signal.SIGQUIT, Signal.SIGTERM), Set.of(Signal.SIGTERM),
				this.exits::add, this.dumped::countDown);
		withQuit.attach(this.handler, Set.of(Signal.SIGTERM));
		withQuit.receive(Signal.SIGQUIT, 4, 0);
		withQuit.attach(this.handler, Set.of(Signal.SIGTERM, Signal.SIGQUIT));
		withQuit.receive(Signal.SIGQUIT, 5, 0);
		assertThat(this.delivered).containsExactly("SIGQUIT from 5");
		assertThat(this.exits).isEmpty();
		assertThat(this.dumped.await(30, TimeUnit.SECONDS)).isTrue();
	}

}
